"""kg.analysis.paths: shortest paths with evidence, and finding entities by name."""


import networkx as nx
import pytest

from kg.analysis.paths import Path, find_entity, path
from kg.errors import EntityNotFoundError, KGError

from graph_builders import entity


def test_path_with_evidence(rich):
    p = path(rich, "transformer in transformer", "IMAGENET-1K")
    assert (p.source, p.target, p.connected) == ("TNT", "ImageNet-1K", True)
    (hop,) = p.hops
    assert (hop.source, hop.relation, hop.target, hop.forward) == ("TNT", "EVALUATED_ON", "ImageNet-1K", True)
    assert hop.evidence == "TNT outperforms ViT on ImageNet-1K." and hop.paper == "p3"


def test_path_hops_backwards_and_prefers_a_specific_relation(rich):
    p = path(rich, "vit", "Paper p3")  # alias, then a paper title
    assert [(h.source, h.relation, h.target, h.forward) for h in p.hops] == [
        ("Vision Transformer", "OUTPERFORMS", "TNT", False),
        ("TNT", "PROPOSES", "Paper p3", False),  # PROPOSES rather than the MENTIONS on the same pair
    ]
    assert p.hops[1].evidence == "We propose TNT."


def test_path_not_connected_and_same_node(rich):
    entity(rich, "island", "Task", "island task")
    assert path(rich, "TNT", "island task") == Path("TNT", "island task", False, [])
    assert path(rich, "TNT", "tnt") == Path("TNT", "TNT", True, [])


def test_unknown_entity_is_a_kg_error_with_a_suggestion(rich):
    with pytest.raises(EntityNotFoundError, match="no entity named 'ImageNet-1k2'.*did you mean ImageNet-1K") as info:
        path(rich, "ImageNet-1k2", "TNT")
    assert isinstance(info.value, KGError)


def test_find_entity_prefers_exact_names_then_aliases_then_keys():
    G = nx.MultiDiGraph()
    entity(G, "m1", "Method", "ViT", papers=1)
    entity(G, "m2", "Method", "Vision Transformer", papers=9, aliases=["ViT"])
    entity(G, "d1", "Dataset", "ImageNet-1K")
    assert find_entity(G, "vit") == "m1"  # a name beats an alias, even with fewer papers
    assert find_entity(G, "vision transformers") == "m2"
    assert find_entity(G, "imagenet 1k") == "d1"  # normalized key: hyphens and spaces don't count


def test_the_path_does_not_depend_on_the_order_the_graph_was_built_in(rich):
    reordered = nx.MultiDiGraph()
    reordered.add_nodes_from(reversed(list(rich.nodes(data=True))))
    reordered.add_edges_from(reversed(list(rich.edges(keys=True, data=True))))
    for a, b in (("ViT", "top-1 accuracy"), ("TNT", "ViT"), ("ImageNet-1K", "Transformer iN Transformer")):
        assert path(rich, a, b) == path(reordered, a, b)
