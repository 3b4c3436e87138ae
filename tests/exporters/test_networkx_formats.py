"""kg.exporters.networkx_formats: GraphML, GEXF and node-link round trips."""

import io
import json

import networkx as nx

from kg.exporters.networkx_formats import (
    flatten,
    write_gexf,
    write_graphml,
    write_node_link,
)

from graph_builders import snapshot


def test_flatten_joins_lists_encodes_evidence_and_drops_none(rich):
    F = flatten(rich)
    assert F.nodes["ViT"]["aliases"] == "ViT"
    assert F.nodes["TNT"]["aliases"] == "Transformer iN Transformer"
    assert F.nodes["paper:p1"]["year"] == 2020 and F.nodes["r1"]["value"] == 81.5  # scalars stay as they are
    edge = F.edges["TNT", "ViT", "OUTPERFORMS"]
    assert edge["papers"] == "p3" and edge["sources"] == "test"
    assert json.loads(edge["evidence"])[0]["sentence"] == "TNT outperforms ViT on ImageNet-1K."
    rich.nodes["r1"]["method"] = None
    assert "method" not in flatten(rich).nodes["r1"]
    assert rich.nodes["r1"]["method"] is None  # the graph itself is untouched


def test_graphml_round_trip_keeps_labels_and_properties(rich, tmp_path):
    write_graphml(rich, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == rich.number_of_nodes()
    assert back.number_of_edges() == rich.number_of_edges()
    assert {n: d["label"] for n, d in back.nodes(data=True)} == {n: d["label"] for n, d in rich.nodes(data=True)}
    assert back.nodes["r1"]["value"] == 81.5 and back.nodes["paper:p1"]["year"] == 2020
    types = sorted(d["type"] for _, _, d in back.edges(data=True))
    assert types == sorted(k for _, _, k in rich.edges(keys=True))
    (data,) = [d for u, v, d in back.edges(data=True) if (u, v) == ("TNT", "ViT")]
    assert json.loads(data["evidence"])[0]["paper"] == "p3"


def test_gexf_round_trip_keeps_labels_and_properties(rich, tmp_path):
    write_gexf(rich, tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert back.number_of_nodes() == rich.number_of_nodes()
    assert back.number_of_edges() == rich.number_of_edges()
    assert {n: d["kind"] for n, d in back.nodes(data=True)} == {n: d["label"] for n, d in rich.nodes(data=True)}
    assert back.nodes["ViT"]["label"] == "Vision Transformer"  # what Gephi shows
    assert back.nodes["r1"]["offset_start"] == 0 and back.nodes["r1"]["value"] == 81.5
    assert sorted(d["label"] for _, _, d in back.edges(data=True)) == sorted(k for _, _, k in rich.edges(keys=True))


def test_node_link_round_trip_keeps_everything(rich):
    buf = io.StringIO()
    write_node_link(rich, buf)
    back = nx.node_link_graph(json.loads(buf.getvalue()), directed=True, multigraph=True, edges="links")
    assert snapshot(back) == snapshot(rich)
