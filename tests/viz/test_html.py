"""kg.viz.html (the page builder), kg.viz.static (pictures) and `kg viz`, without a browser;
tests/viz/test_browser.py drives the page in a real Chromium."""

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.errors import EntityNotFoundError
from kg.graph import load_graph, save_graph
from kg.viz.html import LABELS_ALWAYS, json_for_script, page_data, render_page, write_page
from kg.viz.select import select
from kg.viz.static import PICTURE_MAX_NODES, draw, write_picture
from kg.viz.views import make_view

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "hf_daily_papers.txt"
ASSETS = Path(__file__).resolve().parents[2] / "kg" / "viz" / "assets"
EVIL = '</script><script>alert(1)</script><!-- <img src="http://example.invalid/x.png">'


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[nx.MultiDiGraph, Path]:
    out = tmp_path_factory.mktemp("sample")
    return build([str(SAMPLE)], out).graph, out


def _small() -> nx.MultiDiGraph:
    """Three papers, two methods (one with an alias and a result), a dataset, a metric."""
    G = nx.MultiDiGraph()

    def edge(u, v, type_, pid, sentence):
        G.add_edge(u, v, key=type_, type=type_, count=1, papers=[pid], sources=["test"], score=1.0,
                   evidence=[{"paper": pid, "sentence": sentence, "start": 0, "end": 3, "source": "test"}])

    for i in (1, 2, 3):
        G.add_node(f"paper:p{i}", label="Paper", name=f"Paper {i}", title=f"Paper {i}", paper_id=f"p{i}", year=2020 + i)
    G.add_node("method:vit", label="Method", name="Vision Transformer", aliases=["ViT"], papers=3)
    G.add_node("method:deit", label="Method", name="DeiT", aliases=[], papers=1)
    G.add_node("dataset:in1k", label="Dataset", name="ImageNet-1K", aliases=[], papers=2)
    G.add_node("metric:acc", label="Metric", name="top-1 accuracy", aliases=[], papers=1)
    for i in (1, 2, 3):
        edge(f"paper:p{i}", "method:vit", "MENTIONS", f"p{i}", f"Paper {i} uses ViT.")
    edge("paper:p1", "dataset:in1k", "MENTIONS", "p1", "ViT on ImageNet-1K.")
    edge("paper:p2", "dataset:in1k", "MENTIONS", "p2", "We test on ImageNet-1K.")
    edge("paper:p2", "method:deit", "MENTIONS", "p2", "DeiT distils ViT.")
    edge("paper:p2", "method:deit", "PROPOSES", "p2", "We propose DeiT.")
    edge("method:deit", "method:vit", "OUTPERFORMS", "p2", "DeiT outperforms ViT.")
    edge("method:vit", "dataset:in1k", "EVALUATED_ON", "p1", "ViT on ImageNet-1K.")
    sentence = "ViT reaches 81.5% top-1 accuracy on ImageNet-1K."
    G.add_node("result:r1", label="Result", name="top-1 accuracy = 81.5%", value=81.5, unit="%", metric="top-1 accuracy",
               dataset="ImageNet-1K", method="Vision Transformer", paper="p1", evidence=sentence, start=12, end=17)
    edge("paper:p1", "result:r1", "REPORTS", "p1", sentence)
    edge("result:r1", "metric:acc", "MEASURED_BY", "p1", sentence)
    edge("result:r1", "dataset:in1k", "EVALUATED_ON", "p1", sentence)
    edge("method:vit", "result:r1", "ACHIEVES", "p1", sentence)
    return G


def _embedded(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert match, "no embedded data"
    return json.loads(match.group(1))


# ---- selection -------------------------------------------------------------------------


def test_select_keeps_everything_under_the_budget():
    G = _small()
    sel = select(G)
    assert sorted(sel.nodes) == sorted(G) and sel.omitted == {} and sel.omitted_edges == 0
    assert sel.nodes[0] == "method:vit"  # the best-connected node ranks first
    assert sel.degree["method:vit"] == 6


def test_select_counts_what_is_left_out():
    """(Which nodes a budget keeps, by papers, is tests/viz/test_select.py's.)"""
    G = _small()
    sel = select(G, max_nodes=3)
    left = [v for v in G if v not in sel.nodes]
    assert len(sel.nodes) == 3 and sum(sel.omitted.values()) == len(left) == G.number_of_nodes() - 3
    assert sel.omitted_edges == sum(1 for u, v in G.edges() if u in left or v in left)


def test_select_focus_is_the_neighbourhood_by_name_or_alias_any_case():
    G = _small()
    one = select(G, focus="vit", depth=1)
    assert one.focus == "method:vit"
    assert set(one.nodes) == {"method:vit", *nx.all_neighbors(G, "method:vit")}
    two = select(G, focus="VISION TRANSFORMER", depth=2)
    assert set(two.nodes) == set(G)  # everything is within two links of ViT
    assert select(G, focus="deit", depth=0).nodes == ["method:deit"]


def test_select_focus_is_kept_even_when_the_budget_is_tiny():
    G = _small()
    sel = select(G, max_nodes=1, focus="ImageNet-1K")
    assert sel.nodes == ["dataset:in1k"] and sel.candidates == len(set(nx.all_neighbors(G, "dataset:in1k"))) + 1


def test_select_unknown_focus_raises_with_a_hint():
    with pytest.raises(EntityNotFoundError, match="no entity named 'ImageNet-2K'.*did you mean ImageNet-1K"):
        select(_small(), focus="ImageNet-2K")


def test_select_empty_graph():
    sel = select(nx.MultiDiGraph())
    assert sel.nodes == [] and sel.total_nodes == 0
    assert _embedded(render_page(nx.MultiDiGraph()))["nodes"] == []


# ---- page data -------------------------------------------------------------------------


def test_page_data_nodes_edges_evidence_and_results():
    G = _small()
    data = page_data(G, select(G))
    assert len(data["nodes"]) == G.number_of_nodes() and len(data["edges"]) == G.number_of_edges()
    vit = next(n for n in data["nodes"] if n["key"] == "method:vit")
    assert vit["label"] == "Method" and vit["aliases"] == ["ViT"] and vit["degree"] == 6
    assert [m["paper"] for m in vit["mentions"]] == ["p1", "p2", "p3"]
    assert vit["mentions"][0]["sentences"] == ["Paper 1 uses ViT."]
    assert data["papers"]["p1"]["title"] == "Paper 1" and data["papers"]["p1"]["year"] == 2021
    assert vit["results"] == [{"text": "top-1 accuracy = 81.5% on ImageNet-1K (Vision Transformer)",
                               "sentence": "ViT reaches 81.5% top-1 accuracy on ImageNet-1K.", "paper": "p1",
                               "node": next(n["id"] for n in data["nodes"] if n["key"] == "result:r1")}]
    rel = {(r["type"], r["dir"], r["name"]) for r in vit["relations"]}
    assert ("OUTPERFORMS", "in", "DeiT") in rel and ("EVALUATED_ON", "out", "ImageNet-1K") in rel
    evaluated = next(r for r in vit["relations"] if r["type"] == "EVALUATED_ON")
    assert evaluated["sentence"] == "ViT on ImageNet-1K." and evaluated["paper"] == "p1"
    ids = {n["key"]: n["id"] for n in data["nodes"]}
    outperforms = next(e for e in data["edges"] if e["type"] == "OUTPERFORMS")
    assert (outperforms["from"], outperforms["to"]) == (ids["method:deit"], ids["method:vit"])
    assert outperforms["sentence"] == "DeiT outperforms ViT."
    result = next(n for n in data["nodes"] if n["label"] == "Result")
    assert result["info"]["value"] == 81.5 and result["mentions"][0]["sentences"] == [
        "ViT reaches 81.5% top-1 accuracy on ImageNet-1K."]
    paper = next(n for n in data["nodes"] if n["key"] == "paper:p2")
    assert {(r["type"], r["name"]) for r in paper["relations"]} >= {("PROPOSES", "DeiT"), ("MENTIONS", "ImageNet-1K")}
    assert {r["name"]: r["color"] for r in data["relations"]}["OUTPERFORMS"] == "#d62728"
    assert [x["name"] for x in data["labels"]] == ["Paper", "Method", "Dataset", "Metric", "Result"]


def test_page_data_budget_summary_and_sizes():
    G = _small()
    data = page_data(G, select(G, max_nodes=4), size_by="degree")
    s = data["summary"]
    assert s["drawnNodes"] == 4 and s["nodes"] == G.number_of_nodes()
    assert sum(s["omitted"].values()) == G.number_of_nodes() - 4 and s["omittedEdges"] > 0
    assert all(e["from"] < 4 and e["to"] < 4 for e in data["edges"])
    top = data["nodes"][0]
    assert top["size"] == pytest.approx(top["degree"] ** 0.5)
    with pytest.raises(ValueError):
        page_data(G, select(G), size_by="colour")


def test_page_data_caps_long_lists():
    G = nx.MultiDiGraph()
    G.add_node("m", label="Metric", name="accuracy", aliases=[], papers=30)
    for i in range(30):
        G.add_node(f"p{i}", label="Paper", name=f"P{i}", title=f"P{i}", paper_id=f"p{i}")
        G.add_edge(f"p{i}", "m", key="MENTIONS", type="MENTIONS", count=1, papers=[f"p{i}"],
                   evidence=[{"paper": f"p{i}", "sentence": f"s{i}"}])
    node = page_data(G, select(G))["nodes"][0]
    assert node["name"] == "accuracy" and len(node["mentions"]) == 10 and node["moreMentions"] == 20


def test_page_data_of_the_entities_view(rich):
    view = make_view(rich, "entities")
    data = page_data(rich, select(view.graph), view=view)
    assert {n["key"] for n in data["nodes"]} == set(view.graph) and len(data["edges"]) == view.graph.number_of_edges()
    assert not {n["label"] for n in data["nodes"]} & {"Paper", "Result"}
    weights = {(e["from"], e["to"], e["type"]): e["weight"] for e in data["edges"]}
    ids = {n["key"]: n["id"] for n in data["nodes"]}
    for u, v, d in view.graph.edges(data=True):
        assert weights[(ids[u], ids[v], d["type"])] == d["weight"]
    # labels by papers: the node in the most papers first; all placed
    by_rank = sorted(data["nodes"], key=lambda n: n["rank"])
    assert [n["papers"] for n in by_rank] == sorted((n["papers"] for n in data["nodes"]), reverse=True)
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    # the panels still read the whole graph: papers and their sentences
    vit = next(n for n in data["nodes"] if n["key"] == "ViT")
    assert [m["paper"] for m in vit["mentions"]] == ["p1", "p2", "p4"]
    s = data["summary"]
    assert s["view"] == "entities" and s["viewNote"] == view.note and s["labelsAlways"] == LABELS_ALWAYS


def test_method_results_and_dataset_leaderboard_rows(rich):
    data = page_data(rich, select(rich))
    node = {n["key"]: n for n in data["nodes"]}
    assert node["TNT"]["table"] == {"kind": "results", "more": 0, "rows": [
        {"dataset": "ImageNet-1K", "metric": "top-1 accuracy", "value": 81.5, "unit": "%", "paper": "p3",
         "node": node["r1"]["id"]}]}
    board = node["IN"]["table"]
    assert board["kind"] == "leaderboard" and board["more"] == 0
    assert [(r["method"], r["metric"], r["value"], r["paper"], r["node"]) for r in board["rows"]] == [
        ("TNT", "top-1 accuracy", 81.5, "p3", node["TNT"]["id"]),
        ("Vision Transformer", "top-1 accuracy", 79.0, "p4", node["ViT"]["id"])]
    assert "table" not in node["acc"] and data["papers"]["p4"]["title"] == "Paper p4"


def test_leaderboard_view_page_ranks_its_results(rich):
    view = make_view(rich, "leaderboard", "imagenet-1k")
    data = _embedded(render_page(rich, view=view))
    captions = sorted(n["caption"] for n in data["nodes"] if n["label"] == "Result")
    assert captions == ["#1 acc = 81.5", "#2 acc = 79.0"]
    assert data["summary"]["dataset"] == "ImageNet-1K" and data["summary"]["nodes"] == view.graph.number_of_nodes()


# ---- the page --------------------------------------------------------------------------


def test_json_for_script_escapes_what_could_end_the_script():
    text = json_for_script({"a": EVIL, "b": "x\u2028y & z"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": EVIL, "b": "x\u2028y & z"}


def test_page_is_self_contained_and_data_survives_hostile_names():
    G = _small()
    G.nodes["method:deit"]["name"] = EVIL
    page = render_page(G, title=EVIL)
    # exactly the page's three script elements: no name or title can open or close one
    assert page.count("<script") == 3 and page.count("</script>") == 3
    assert "<!--" not in page
    assert "<title>&lt;/script&gt;&lt;script&gt;" in page
    assert any(n["name"] == EVIL for n in _embedded(page)["nodes"])
    page = render_page(G, title="kg: small")
    # the markup loads nothing: no src, no href but data: URLs, no URL at all
    markup = re.sub(r"(<(script|style)[^>]*>).*?(</\2>)", r"\1\3", page, flags=re.S)
    assert re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]*)""", markup) == ["data:,"]
    assert "://" not in markup
    assert "vis-network" in page and "@version 10.1.5" in page
    assert "default-src 'none'" in page  # and the browser refuses any request the page might try


def test_vendored_library_is_documented_and_licensed():
    readme = (ASSETS / "README.md").read_text()
    header = (ASSETS / "vis-network.min.js").read_text()[:600]
    version = re.search(r"@version\s+(\S+)", header).group(1)
    assert f"vis-network {version}" in readme and "MIT" in readme and "Apache-2.0" in readme
    assert (ASSETS / "LICENSE-vis-network-MIT").is_file() and (ASSETS / "LICENSE-vis-network-APACHE-2.0").is_file()


def test_write_page_to_path_and_handle(tmp_path):
    G = _small()
    write_page(G, tmp_path / "g.html", max_nodes=3)
    assert _embedded((tmp_path / "g.html").read_text(encoding="utf-8"))["summary"]["drawnNodes"] == 3
    with open(tmp_path / "h.html", "w", encoding="utf-8") as fh:
        write_page(G, fh, focus="deit")
    assert _embedded((tmp_path / "h.html").read_text(encoding="utf-8"))["summary"]["focusName"] == "DeiT"


def test_sample_page(sample):
    G, _ = sample
    data = _embedded(render_page(G))
    assert len(data["nodes"]) == G.number_of_nodes() and len(data["edges"]) == G.number_of_edges()
    assert data["summary"]["omitted"] == {}
    methods = [n for n in data["nodes"] if n["label"] == "Method" and n["results"]]
    assert methods and all(r["text"] for m in methods for r in m["results"])
    entities = [n for n in data["nodes"] if n["label"] in ("Method", "Dataset", "Metric", "Task")]
    # each with the sentences naming it; a metric only a result names ("speedup") has none
    assert len(entities) > 50 and all(n["mentions"] or n["label"] == "Metric" for n in entities)


# ---- pictures --------------------------------------------------------------------------


def test_picture_names_the_top_nodes_and_has_a_legend():
    G = _small()
    fig = draw(G, labels=3, title="small")
    ax = fig.axes[0]
    names = {t.get_text() for t in ax.texts}
    assert len(names) == 3 and "Vision Transformer" in names
    assert not any(n.startswith("Paper") for n in names)  # paper titles are left unnamed
    legends = {lg.get_title().get_text().split("\n")[0]: [t.get_text() for t in lg.get_texts()] for lg in fig.legends}
    assert legends["nodes"] == ["Paper", "Method", "Dataset", "Metric", "Result"]
    assert "OUTPERFORMS" in legends["relationships"]
    assert fig._suptitle.get_text() == "small"


def test_picture_files_are_deterministic(tmp_path):
    G = _small()
    write_picture(G, tmp_path / "a.svg")
    write_picture(G, tmp_path / "b.svg")
    svg = (tmp_path / "a.svg").read_text()
    assert svg.startswith("<?xml") and "<svg" in svg  # text drawn as paths: no font needed to view it
    assert svg == (tmp_path / "b.svg").read_text()
    write_picture(G, tmp_path / "a.png", focus="DeiT", depth=1)
    assert (tmp_path / "a.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="at most"):
        draw(G, selection=select(nx.path_graph(PICTURE_MAX_NODES + 1, create_using=nx.MultiDiGraph)))


# ---- command line ----------------------------------------------------------------------


def test_cli_viz_page_and_pictures(sample, tmp_path):
    _, out = sample
    runner = CliRunner()
    result = runner.invoke(main, ["viz", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "graph.html").is_file() and result.output.startswith(f"wrote {out / 'graph.html'} (")
    result = runner.invoke(main, ["viz", str(out), "--max-nodes", "20", "-o", str(tmp_path / "p.html"),
                                  "--png", str(tmp_path / "p.png"), "--svg", str(tmp_path / "p.svg"),
                                  "--picture-nodes", "30"])
    assert result.exit_code == 0, result.output
    total = load_graph(out).number_of_nodes()
    assert f"20 of {total} nodes, the top ones by papers" in result.output
    assert f"30 of {total} nodes" in result.output
    assert _embedded((tmp_path / "p.html").read_text(encoding="utf-8"))["summary"]["drawnNodes"] == 20
    assert (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG" and "<svg" in (tmp_path / "p.svg").read_text()
    only_picture = runner.invoke(main, ["viz", str(out), "--png", str(tmp_path / "q.png"), "-q"])
    assert only_picture.exit_code == 0 and only_picture.output == "" and not (tmp_path / "q.html").exists()


def test_cli_viz_focus_and_errors(sample, tmp_path):
    _, out = sample
    runner = CliRunner()
    result = runner.invoke(main, ["viz", str(out), "--focus", "vit", "--depth", "1", "-o", str(tmp_path / "f.html")])
    assert result.exit_code == 0, result.output
    data = _embedded((tmp_path / "f.html").read_text(encoding="utf-8"))
    assert data["summary"]["focusName"] == "Vision Transformer" and data["summary"]["depth"] == 1
    bad = runner.invoke(main, ["viz", str(out), "--focus", "No Such Model"])
    assert bad.exit_code == 1 and bad.output.startswith("kg: error: no entity named 'No Such Model'")
    usage = runner.invoke(main, ["viz", str(out), "--depth", "2"])
    assert usage.exit_code == 2 and "--depth needs --focus" in usage.output
    missing = runner.invoke(main, ["viz", str(tmp_path / "nothing")])
    assert missing.exit_code == 1 and "no graph here" in missing.output


def test_cli_build_viz_writes_the_page(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path), "-q", "--viz"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert _embedded((tmp_path / "graph.html").read_text(encoding="utf-8"))["title"] == f"kg: {tmp_path.name}"


def test_cli_viz_help_has_an_example():
    result = CliRunner().invoke(main, ["viz", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "kg viz out" in result.output
    assert "--viz" in CliRunner().invoke(main, ["build", "--help"]).output


def test_saved_graph_roundtrip_page(tmp_path):
    G = _small()
    save_graph(G, tmp_path)
    result = CliRunner().invoke(main, ["viz", str(tmp_path), "-o", str(tmp_path / "g.html"), "--size-by", "degree"])
    assert result.exit_code == 0, result.output
    assert _embedded((tmp_path / "g.html").read_text(encoding="utf-8"))["sizeBy"] == "degree"
