"""`kg analyze` as a user runs it: tables, --json, one-line errors, files other tools read."""

import json

import networkx as nx
import pytest

from kg.build import build
from kg.cli import main
from kg.graph import save_graph

from repo_paths import SAMPLE


def _graph() -> nx.MultiDiGraph:
    """Two years of papers, a leaderboard, a cycle of OUTPERFORMS claims."""
    G = nx.MultiDiGraph()

    def node(n, label, name=None, papers=1, aliases=()):
        G.add_node(n, label=label, name=name or n, aliases=list(aliases), papers=papers)

    def edge(u, v, type_, pid, sentence):
        G.add_edge(u, v, key=type_, type=type_, count=1, papers=[pid], sources=["test"], score=1.0,
                   evidence=[{"paper": pid, "sentence": sentence, "start": 0, "end": len(sentence), "source": "test"}])

    for i, year in enumerate((2020, 2020, 2021, 2021), 1):
        G.add_node(f"paper:p{i}", label="Paper", name=f"Paper {i}", title=f"Paper {i}", paper_id=f"p{i}", year=year,
                   code=[], authors=["A. Author", "B. Author"])
    node("TNT", "Method", papers=2)
    node("ViT", "Method", "Vision Transformer", 3, aliases=["ViT"])
    node("DeiT", "Method", papers=1)
    node("IN", "Dataset", "ImageNet-1K", 4)
    node("acc", "Metric", "top-1 accuracy", 2)
    node("cls", "Task", "image classification", 2)
    for pid, targets in {"p1": ["ViT", "IN"], "p2": ["ViT", "DeiT", "IN"], "p3": ["TNT", "IN", "acc"],
                         "p4": ["TNT", "ViT", "IN", "acc", "cls"]}.items():
        for t in targets:
            edge(f"paper:{pid}", t, "MENTIONS", pid, f"{pid} is about {G.nodes[t]['name']}.")
    edge("TNT", "ViT", "OUTPERFORMS", "p3", "TNT outperforms ViT on ImageNet-1K.")
    edge("ViT", "DeiT", "OUTPERFORMS", "p2", "ViT outperforms DeiT.")
    edge("DeiT", "TNT", "OUTPERFORMS", "p4", "DeiT outperforms TNT.")
    edge("TNT", "IN", "EVALUATED_ON", "p3", "TNT outperforms ViT on ImageNet-1K.")
    edge("ViT", "IN", "EVALUATED_ON", "p1", "We evaluate ViT on ImageNet-1K.")
    edge("TNT", "cls", "ADDRESSES", "p3", "TNT classifies images.")
    for rid, value, method, pid in (("r1", 81.5, "TNT", "p3"), ("r2", 79.0, "ViT", "p1"), ("r3", 77.0, "ViT", "p4")):
        sentence = f"{G.nodes[method]['name']} reaches {value}% top-1 accuracy on ImageNet-1K."
        G.add_node(rid, label="Result", name=f"top-1 accuracy = {value}%", value=value, unit="%", metric="top-1 accuracy",
                   dataset="ImageNet-1K", method=method, paper=pid, evidence=sentence, start=0, end=4)
        edge(f"paper:{pid}", rid, "REPORTS", pid, sentence)
        edge(rid, "acc", "MEASURED_BY", pid, sentence)
        edge(rid, "IN", "EVALUATED_ON", pid, sentence)
        edge(method, rid, "ACHIEVES", pid, sentence)
    return G


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("rich")
    save_graph(_graph(), out)
    return str(out)


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    build([str(SAMPLE)], out)
    return str(out)


def run(runner, *args):
    return runner.invoke(main, ["analyze", *args])


# each subcommand: extra arguments, a line of its table, a key of its --json
SUBCOMMANDS = {
    "centrality": ([], "#  name", "top"),
    "communities": ([], "top members", "communities"),
    "co-usage": ([], "datasets used together", "datasets_together"),
    "leaderboards": ([], "ImageNet-1K · top-1 accuracy (%) · higher is better", None),
    "outperforms": ([], "most-beaten baselines", "chains"),
    "trends": (["--min-year-papers", "1", "--min-papers", "1"], "rising methods", "rising"),
    "path": (["tnt", "imagenet-1k"], "TNT (Method) -EVALUATED_ON-> ImageNet-1K (Dataset)", "hops"),
}


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_each_subcommand_prints_a_table_and_json(runner, graph_dir, command):
    extra, line, key = SUBCOMMANDS[command]
    args = [command, graph_dir, *extra]
    result = run(runner, *args)
    assert result.exit_code == 0, result.output
    assert line in result.output
    as_json = run(runner, *args, "--json")
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert (key in data) if key else isinstance(data, list) and data


def test_tables_hold_the_answers(runner, graph_dir):
    centrality = run(runner, "centrality", graph_dir, "--label", "Dataset").output
    assert "ImageNet-1K" in centrality and "Method" not in centrality.split("\n", 1)[1]
    boards = run(runner, "leaderboards", graph_dir).output
    assert boards.index("81.5") < boards.index("79") < boards.index("77")  # higher is better for accuracy
    assert "conflict: Vision Transformer: 79 (Paper 1); 77 (Paper 4)" in boards
    beats = run(runner, "outperforms", graph_dir).output
    assert "DeiT > TNT > Vision Transformer > DeiT" in beats  # the cycle, from its first name
    trends = run(runner, "trends", graph_dir, "--min-year-papers", "1", "--min-papers", "1").output
    rising, falling = trends.split("falling methods")
    assert "2020" in rising and "TNT" in rising and "+100.000" in rising  # 0% of 2020's papers, 100% of 2021's
    assert "Vision Transformer" in falling and "-50.000" in falling
    path = run(runner, "path", graph_dir, "TNT", "ImageNet-1K").output
    assert '"TNT outperforms ViT on ImageNet-1K." [p3]' in path


def test_centrality_ranks_by_papers_and_leaves_out_one_paper_entities(runner, graph_dir):
    result = run(runner, "centrality", graph_dir, "--label", "Method")
    assert result.exit_code == 0, result.output
    assert "ranked by papers" in result.output and "Method (1 in fewer than 2 papers left out)" in result.output
    rows = [line.split()[1:3] for line in result.output.splitlines() if line[:1].isdigit() and " links " not in line]
    assert rows[0] == ["Vision", "Transformer"] and "DeiT" not in result.output  # 3 papers first; DeiT is in 1
    data = json.loads(run(runner, "centrality", graph_dir, "--json").stdout)
    assert data["by"] == "papers" and data["min_papers"] == 2 and data["left_out"]["Method"] == 1
    assert [r["name"] for r in data["top"]["Method"]] == ["Vision Transformer", "TNT"]


def test_centrality_by_pagerank_and_min_papers(runner, graph_dir):
    by_rank = json.loads(run(runner, "centrality", graph_dir, "--by", "pagerank", "--json").stdout)
    assert by_rank["by"] == "pagerank" and [r["name"] for r in by_rank["top"]["Method"]] == ["TNT", "Vision Transformer"]
    everyone = json.loads(run(runner, "centrality", graph_dir, "--by", "degree", "--min-papers", "1", "--json").stdout)
    assert "DeiT" in [r["name"] for r in everyone["top"]["Method"]] and everyone["left_out"]["Method"] == 0


def test_sample_top_lists_hold_no_one_paper_entity_whatever_the_measure(runner, sample_dir):
    for by in ("papers", "pagerank", "degree", "betweenness"):
        data = json.loads(run(runner, "centrality", sample_dir, "--by", by, "--json").stdout)
        assert all(r["papers"] >= 2 for r in data["top"]["Method"]), by
        for label, rows in data["top"].items():
            frequent = [r["papers"] >= 2 for r in rows]
            assert all(frequent) or not any(frequent) and data["left_out"][label] == 0, (by, label)  # else: a fallback
            assert [r[by] for r in rows] == sorted((r[by] for r in rows), reverse=True), (by, label)
    loose = json.loads(run(runner, "centrality", sample_dir, "--by", "pagerank", "--min-papers", "1", "--json").stdout)
    assert any(r["papers"] == 1 for rows in loose["top"].values() for r in rows)  # what the rule keeps off


def test_leaderboard_filters(runner, graph_dir):
    none = run(runner, "leaderboards", graph_dir, "--dataset", "CIFAR-10")
    assert none.exit_code == 0 and none.output.startswith("0 leaderboards")
    some = run(runner, "leaderboards", graph_dir, "--dataset", "imagenet-1k", "--metric", "TOP-1 ACCURACY", "--json")
    (board,) = json.loads(some.stdout)
    assert board["best"]["method"] == "TNT" and board["papers"] == 3


def test_sample_page(runner, sample_dir):
    beats = run(runner, "outperforms", sample_dir)
    assert beats.exit_code == 0 and "U-PaLM > PaLM" in beats.output
    top = json.loads(run(runner, "centrality", sample_dir, "--json").stdout)
    assert "ImageNet-1K" in [r["name"] for r in top["top"]["Dataset"]]
    path = run(runner, "path", sample_dir, "U-PaLM", "GSM8K")
    assert path.exit_code == 0 and "-EVALUATED_ON->" in path.output
    trends = run(runner, "trends", sample_dir)
    assert trends.exit_code == 0 and "not enough years" in trends.output


def test_unknown_entity_is_one_line_and_exit_1(runner, graph_dir):
    result = run(runner, "path", graph_dir, "TNT", "ImageNet-1")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert result.stderr.startswith("kg: error: no entity named 'ImageNet-1'") and "ImageNet-1K" in result.stderr


def test_not_connected_is_an_answer(runner, graph_dir, tmp_path):
    G = _graph()
    G.add_node("island", label="Task", name="island", aliases=[], papers=0)
    save_graph(G, tmp_path)
    result = run(runner, "path", str(tmp_path), "TNT", "island")
    assert result.exit_code == 0 and "are not connected" in result.output


@pytest.mark.parametrize("command", [*SUBCOMMANDS, "export"])
def test_missing_graph_is_one_line_and_exit_1(runner, tmp_path, command):
    extra = {"path": ["a", "b"], "export": ["--graphml", str(tmp_path / "g.graphml")]}.get(command, [])
    result = run(runner, command, str(tmp_path / "nothing"), *extra)
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "no graph here" in result.stderr


def test_export_files_are_read_back_with_labels(runner, graph_dir, tmp_path):
    files = {"graphml": tmp_path / "g.graphml", "gexf": tmp_path / "g.gexf", "node-link": tmp_path / "g.json"}
    result = run(runner, "export", graph_dir, *[a for k, f in files.items() for a in (f"--{k}", str(f))])
    assert result.exit_code == 0, result.output
    assert result.output.count("wrote ") == 3
    G = _graph()
    labels = {str(n): d["label"] for n, d in G.nodes(data=True)}
    graphml = nx.read_graphml(files["graphml"])
    assert {n: d["label"] for n, d in graphml.nodes(data=True)} == labels
    assert graphml.nodes["paper:p1"]["authors"] == "A. Author; B. Author"
    assert graphml.number_of_edges() == G.number_of_edges()
    gexf = nx.read_gexf(files["gexf"])
    assert {n: d["kind"] for n, d in gexf.nodes(data=True)} == labels
    assert gexf.nodes["ViT"]["label"] == "Vision Transformer"
    assert gexf.number_of_edges() == G.number_of_edges()
    data = json.loads(files["node-link"].read_text())
    assert nx.node_link_graph(data, directed=True, multigraph=True, edges="links").number_of_edges() == G.number_of_edges()


def test_export_needs_a_target(runner, graph_dir):
    result = run(runner, "export", graph_dir)
    assert result.exit_code == 2 and "--graphml" in result.output


def test_export_to_an_unwritable_place_is_one_line(runner, graph_dir, tmp_path):
    result = run(runner, "export", graph_dir, "--gexf", str(tmp_path / "no" / "such" / "dir.gexf"))
    assert result.exit_code == 1 and result.stderr.strip().count("\n") == 0 and "cannot write" in result.stderr


@pytest.mark.parametrize("command", [[], *([c] for c in SUBCOMMANDS), ["export"]])
def test_every_analyze_help_has_an_example(runner, command):
    result = run(runner, *command, "--help")
    assert result.exit_code == 0 and "Example" in result.output
