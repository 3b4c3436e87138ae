"""The graph model: schema, provenance on every edge, files that round-trip."""

import pytest

from kg.errors import GraphFileError
from kg.graph import SCHEMA, build_graph, load_graph, save_graph
from kg.model import Entity, Paper, PaperExtraction, Relation, Result
from kg.resolve import resolve

ABSTRACT = "We propose TNT. TNT outperforms ViT on ImageNet-1K. TNT reaches 81.5% top-1 accuracy on ImageNet-1K."


def entity(type_, text, start, sentence):
    return Entity(type_, text, text, start, start + len(text), sentence, "test", 0.9)


@pytest.fixture
def graph():
    s2 = "TNT outperforms ViT on ImageNet-1K."
    s3 = "TNT reaches 81.5% top-1 accuracy on ImageNet-1K."
    ex = PaperExtraction(
        Paper("p1", "TNT: Transformer iN Transformer", ABSTRACT, year=2021),
        [
            entity("Method", "TNT", 11, "We propose TNT."),
            entity("Method", "TNT", 16, s2),
            entity("Method", "ViT", 32, s2),
            entity("Dataset", "ImageNet-1K", 39, s2),
            entity("Metric", "top-1 accuracy", 70, s3),
        ],
        [
            Relation("PROPOSES", "p1", "TNT", "Paper", "Method", "TNT: Transformer iN Transformer", None, None, "kg_title"),
            Relation("OUTPERFORMS", "TNT", "ViT", "Method", "Method", s2, 16, 51, "kg_relations"),
            Relation("EVALUATED_ON", "TNT", "ImageNet-1K", "Method", "Dataset", s2, 16, 51, "kg_relations"),
            Relation("EVALUATED_ON", "ImageNet-1K", "TNT", "Method", "Method", s2, 16, 51, "kg_relations"),
        ],
        [Result("top-1 accuracy", 81.5, "%", s3, 64, 68, method="TNT", dataset="ImageNet-1K")],
        ["https://github.com/x/tnt"],
    )
    resolved, resolution = resolve([ex])
    g, report = build_graph(resolved, resolution)
    return g, report


def test_nodes_have_labels_names_and_aliases(graph):
    g, _ = graph
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert labels == {"Paper", "Method", "Dataset", "Metric", "Result"}
    assert g.nodes["paper:p1"]["year"] == 2021
    assert g.nodes["paper:p1"]["code"] == ["https://github.com/x/tnt"]
    assert g.nodes["method:tnt"]["aliases"] == []


def test_mentions_count_every_mention_and_keep_offsets(graph):
    g, _ = graph
    data = g.edges["paper:p1", "method:tnt", "MENTIONS"]
    assert data["count"] == 2
    assert {(e["start"], e["end"]) for e in data["evidence"]} == {(11, 14), (16, 19)}
    for e in data["evidence"]:
        assert ABSTRACT[e["start"]:e["end"]] == "TNT"


def test_every_edge_fits_the_schema_and_has_provenance(graph):
    g, report = graph
    for head, tail, key, data in g.edges(keys=True, data=True):
        assert data["type"] == key
        want_head, want_tail = SCHEMA[key]
        heads = want_head if isinstance(want_head, tuple) else (want_head,)
        assert g.nodes[head]["label"] in heads
        assert want_tail is None or g.nodes[tail]["label"] == want_tail
        assert data["papers"] == ["p1"] and data["evidence"] and data["sources"]
    # Dataset -> Method EVALUATED_ON does not fit and is counted, not silently lost
    assert report.dropped["EVALUATED_ON"] == 1


def test_result_is_linked_to_paper_metric_dataset_and_method(graph):
    g, _ = graph
    (result,) = [n for n, d in g.nodes(data=True) if d["label"] == "Result"]
    assert g.nodes[result]["value"] == 81.5 and g.nodes[result]["unit"] == "%"
    assert g.has_edge("paper:p1", result, key="REPORTS")
    assert g.has_edge(result, "metric:top1accuracy", key="MEASURED_BY")
    assert g.has_edge(result, "dataset:imagenet1k", key="EVALUATED_ON")
    assert g.has_edge("method:tnt", result, key="ACHIEVES")


def test_graph_file_round_trips(graph, tmp_path):
    g, _ = graph
    save_graph(g, tmp_path)
    back = load_graph(tmp_path)
    assert sorted(back.nodes) == sorted(g.nodes)
    assert sorted(back.edges(keys=True)) == sorted(g.edges(keys=True))
    assert back.edges["paper:p1", "method:tnt", "MENTIONS"]["count"] == 2


def test_missing_or_damaged_graph_file_is_a_clear_error(tmp_path):
    with pytest.raises(GraphFileError, match="no graph here"):
        load_graph(tmp_path)
    (tmp_path / "graph.json").write_text("{not json")
    with pytest.raises(GraphFileError, match="not a kg graph file"):
        load_graph(tmp_path)


def test_graph_file_is_exactly_what_json_dump_writes(graph, tmp_path):
    # written item by item to keep memory down, but the same bytes as one json.dump
    import json

    import networkx as nx

    g, _ = graph
    g.nodes[next(iter(g.nodes))]["aliases"] = ["é \u2028 \"quoted\"", "tab\there"]
    path = save_graph(g, tmp_path)
    expected = json.dumps(nx.node_link_data(g, edges="links"), ensure_ascii=False)
    assert path.read_text(encoding="utf-8") == expected


def test_authors_and_venues_are_nodes_when_the_input_names_them(tmp_path):
    from kg.build import build

    from repo_paths import ROOT

    graph = build([str(ROOT / "tests" / "data" / "with_authors.jsonl")], tmp_path / "out").graph
    labels = {n: d["label"] for n, d in graph.nodes(data=True)}
    assert labels["author:orcid:0000-0001"] == "Author" and labels["author:name:alan turing"] == "Author"
    assert labels["venue:acl"] == "Venue" and graph.nodes["venue:acl"]["papers"] == 2
    assert graph.has_edge("author:orcid:0000-0001", "paper:a2", "AUTHORED")
    assert graph.has_edge("paper:a3", "venue:cvpr", "PUBLISHED_IN")
    assert graph.nodes["paper:a1"]["authors"] == ["Ada Lovelace", "Alan Turing"] and graph.nodes["paper:a1"]["year"] == 2020
