"""kg.viz.views: the entities, papers and leaderboard views a picture draws."""

import networkx as nx
import pytest

from kg.errors import EntityNotFoundError
from kg.viz.views import ENTITY_VIEW_ABOVE, VIEWS, default_view, entities_view, make_view

from graph_builders import entity, link, paper, result, snapshot


def _edges(H):
    return {(u, v, k): d["weight"] for u, v, k, d in H.edges(keys=True, data=True)}


def test_default_view_switches_to_entities_above_the_threshold():
    G = nx.MultiDiGraph()
    for i in range(ENTITY_VIEW_ABOVE):
        paper(G, f"p{i}")
    assert default_view(G) == "papers"
    paper(G, "one-more")
    assert default_view(G) == "entities"
    assert VIEWS == ("entities", "papers", "leaderboard")


def test_entities_view_folds_papers_into_weighted_edges(rich):
    before = snapshot(rich)
    view = make_view(rich, "entities")
    H = view.graph
    assert snapshot(rich) == before  # the source graph is untouched
    assert view.name == "entities" and view.dataset is None
    assert {H.nodes[v]["label"] for v in H} <= {"Method", "Dataset", "Metric", "Task"}
    assert set(H) == {"TNT", "ViT", "IN", "acc"}
    edges = _edges(H)
    # TNT on ImageNet-1K: its own edge and its result, both in p3; ViT only through its result (p4)
    assert edges[("TNT", "IN", "EVALUATED_ON")] == 1 and edges[("ViT", "IN", "EVALUATED_ON")] == 1
    assert edges[("TNT", "ViT", "OUTPERFORMS")] == 1
    assert edges[("IN", "acc", "MEASURED_BY")] == 2  # results in p3 and p4
    # TNT and the metric are mentioned together by p3 and p4; pairs with a typed link get no co-usage
    assert edges[("TNT", "acc", "USED_WITH")] == 2
    assert ("ViT", "IN", "USED_WITH") not in edges and ("IN", "ViT", "USED_WITH") not in edges
    assert H.nodes["ViT"]["papers"] == 3 and H.nodes["ViT"]["name"] == "Vision Transformer"
    assert all(d["type"] == k for _, _, k, d in H.edges(keys=True, data=True))
    assert view.note == "4 papers folded into weighted edges"


def test_entities_view_leaves_out_singletons_and_counts_them():
    G = nx.MultiDiGraph()
    for pid in ("p1", "p2", "p3"):
        paper(G, pid)
    entity(G, "m", "Method", "BERT", 2)
    entity(G, "d", "Dataset", "GLUE", 2)
    entity(G, "t1", "Task", "QA", 1)
    entity(G, "t2", "Task", "NER", 1)
    for pid in ("p1", "p2"):
        for e in ("m", "d"):
            link(G, f"paper:{pid}", e, "MENTIONS", (pid,))
    link(G, "paper:p3", "t1", "MENTIONS", ("p3",))
    link(G, "paper:p3", "t2", "MENTIONS", ("p3",))  # one shared paper: below the minimum
    view = entities_view(G)
    assert set(view.graph) == {"m", "d"} and _edges(view.graph) == {("d", "m", "USED_WITH"): 2}
    assert view.note == "3 papers folded into weighted edges; 2 entities with no link left out"
    assert set(entities_view(G, min_shared=1).graph) == {"m", "d", "t1", "t2"}


def test_entities_view_keeps_a_known_entity_by_its_strongest_co_usage():
    G = nx.MultiDiGraph()
    entity(G, "gnn", "Method", "GNN", 2)
    for i, other in enumerate(("a", "b")):
        paper(G, f"p{i}")
        entity(G, other, "Task", other, 1)
        link(G, f"paper:p{i}", "gnn", "MENTIONS", (f"p{i}",))
        link(G, f"paper:p{i}", other, "MENTIONS", (f"p{i}",))
    H = entities_view(G).graph
    assert "gnn" in H and H.number_of_edges() == 1  # with one of them, not with both


def test_papers_view_is_the_whole_graph_weighted_without_singletons(rich):
    paper(rich, "alone")
    before = snapshot(rich)
    view = make_view(rich, "papers")
    assert snapshot(rich) == before
    assert set(view.graph) == set(rich) - {"paper:alone"}
    assert view.graph.number_of_edges() == rich.number_of_edges()
    assert view.graph.nodes["paper:p1"]["papers"] == 1 and view.graph.nodes["IN"]["papers"] == 3
    assert all(d["weight"] == max(1, len(d["papers"])) for *_, d in view.graph.edges(data=True))
    assert view.note == "1 node with no link left out (1 Paper)"


def test_leaderboard_view_is_one_dataset_its_methods_results_and_metrics(rich):
    view = make_view(rich, "leaderboard", "imagenet-1k")
    H = view.graph
    assert view.dataset == "ImageNet-1K" and [b.metric for b in view.boards] == ["top-1 accuracy"]
    assert set(H) == {"IN", "TNT", "ViT", "r1", "r2", "acc"}
    assert H.nodes["r1"]["rank"] == 1 and H.nodes["r2"]["rank"] == 2  # 81.5 beats 79.0
    edges = _edges(H)
    assert {("TNT", "r1", "ACHIEVES"), ("r1", "IN", "EVALUATED_ON"), ("r1", "acc", "MEASURED_BY"),
            ("TNT", "IN", "EVALUATED_ON"), ("TNT", "ViT", "OUTPERFORMS")} <= set(edges)
    assert view.note == "2 methods, 2 results in 1 leaderboard, 2 papers"


def test_leaderboard_view_leaves_out_changes_and_says_so(rich):
    result(rich, "r3", 2.0, "acc", "IN", "ViT", "p2", "% change", "ViT improves accuracy by 2.0% on ImageNet-1K.")
    view = make_view(rich, "leaderboard", "ImageNet-1K")
    assert "r3" not in view.graph and view.note.endswith("; 1 change against a baseline left out")


def test_leaderboard_view_unknown_dataset_or_not_a_dataset(rich):
    with pytest.raises(EntityNotFoundError, match="no dataset named 'ImageNet-2K'.*did you mean ImageNet-1K"):
        make_view(rich, "leaderboard", "ImageNet-2K")
    with pytest.raises(EntityNotFoundError, match="no dataset named 'ViT'"):
        make_view(rich, "leaderboard", "ViT")  # a method


def test_make_view_argument_errors(rich):
    with pytest.raises(ValueError, match="view must be one of"):
        make_view(rich, "authors")
    with pytest.raises(ValueError, match="needs a dataset"):
        make_view(rich, "leaderboard")
    with pytest.raises(ValueError, match="for the leaderboard view"):
        make_view(rich, "entities", "ImageNet-1K")


def test_views_of_an_empty_graph():
    for name in ("entities", "papers"):
        view = make_view(nx.MultiDiGraph(), name)
        assert len(view.graph) == 0
