"""kg.analysis: hand-built graphs with answers worked out by hand, empty graphs, and the sample page."""

import copy
import io
import json
import random
import re
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest

from kg import analysis as A
from kg.build import build
from kg.errors import EntityNotFoundError, KGError

SAMPLE = Path(__file__).parent.parent / "samples" / "hf_daily_papers.txt"


# ---- building graphs the way kg.graph does ---------------------------------------------


def entity(G, node, label, name=None, papers=0, aliases=()):
    G.add_node(node, label=label, name=name or node, aliases=list(aliases), papers=papers)


def paper(G, pid, year=None, title=None):
    attrs = {"label": "Paper", "name": title or f"Paper {pid}", "title": title or f"Paper {pid}", "paper_id": pid}
    if year is not None:
        attrs["year"] = year
    G.add_node(f"paper:{pid}", **attrs)


def link(G, u, v, type_, papers=("p1",), sentence=None):
    evidence = [{"paper": p, "sentence": sentence, "start": 0, "end": 5, "source": "test"} for p in papers]
    evidence = evidence if sentence else []
    G.add_edge(u, v, key=type_, type=type_, count=len(papers), papers=list(papers), evidence=evidence,
               sources=["test"], score=1.0)


def result(G, rid, value, metric, dataset=None, method=None, pid="p1", unit="", sentence="It scores well."):
    G.add_node(rid, label="Result", name=f"{metric} = {value}", value=value, unit=unit, metric=metric,
               dataset=dataset, method=method, paper=pid, evidence=sentence, start=0, end=3)
    if f"paper:{pid}" not in G:
        paper(G, pid)
    link(G, f"paper:{pid}", rid, "REPORTS", (pid,), sentence)
    if metric not in G:
        entity(G, metric, "Metric")
    link(G, rid, metric, "MEASURED_BY", (pid,), sentence)
    if dataset:
        if dataset not in G:
            entity(G, dataset, "Dataset")
        link(G, rid, dataset, "EVALUATED_ON", (pid,), sentence)
    if method:
        if method not in G:
            entity(G, method, "Method")
        link(G, method, rid, "ACHIEVES", (pid,), sentence)


@pytest.fixture
def star():
    """BERT evaluated on four datasets: a 5-node star."""
    G = nx.MultiDiGraph()
    entity(G, "BERT", "Method", papers=4)
    for d in ("GLUE", "SQuAD", "RACE", "SWAG"):
        entity(G, d, "Dataset", papers=1)
        link(G, "BERT", d, "EVALUATED_ON")
    return G


@pytest.fixture
def rich():
    """A bit of everything: papers with years, mentions, results, OUTPERFORMS with a cycle."""
    G = nx.MultiDiGraph()
    for i, year in enumerate((2020, 2020, 2021, 2021), 1):
        paper(G, f"p{i}", year)
    entity(G, "TNT", "Method", "TNT", 2, aliases=["Transformer iN Transformer"])
    entity(G, "ViT", "Method", "Vision Transformer", 3, aliases=["ViT"])
    entity(G, "IN", "Dataset", "ImageNet-1K", 3)
    entity(G, "acc", "Metric", "top-1 accuracy", 2)
    mentions = {"p1": ["ViT", "IN"], "p2": ["ViT"], "p3": ["TNT", "IN", "acc"], "p4": ["TNT", "ViT", "IN", "acc"]}
    for pid, targets in mentions.items():
        for t in targets:
            link(G, f"paper:{pid}", t, "MENTIONS", (pid,), f"{pid} mentions {t}.")
    link(G, "paper:p3", "TNT", "PROPOSES", ("p3",), "We propose TNT.")
    link(G, "TNT", "ViT", "OUTPERFORMS", ("p3",), "TNT outperforms ViT on ImageNet-1K.")
    link(G, "TNT", "IN", "EVALUATED_ON", ("p3",), "TNT outperforms ViT on ImageNet-1K.")
    result(G, "r1", 81.5, "acc", "IN", "TNT", "p3", "%", "TNT reaches 81.5% top-1 accuracy on ImageNet-1K.")
    result(G, "r2", 79.0, "acc", "IN", "ViT", "p4", "%", "ViT reaches 79.0% top-1 accuracy on ImageNet-1K.")
    return G


def snapshot(G):
    return copy.deepcopy((dict(G.graph), list(G.nodes(data=True)), list(G.edges(keys=True, data=True))))


# ---- nothing is modified; empty graphs -------------------------------------------------

ANALYSES = [
    lambda G: A.centrality(G),
    lambda G: A.communities(G),
    lambda G: A.co_usage(G),
    lambda G: A.co_usage(G, via="papers"),
    lambda G: A.leaderboards(G, changes=True),
    lambda G: A.outperforms(G),
    lambda G: A.trends(G, min_year_papers=1),
    lambda G: A.path(G, "TNT", "ImageNet-1K"),
    lambda G: A.flatten(G),
    lambda G: A.gexf_graph(G),
    lambda G: A.node_link(G),
]


@pytest.mark.parametrize("analysis", ANALYSES)
def test_no_analysis_modifies_the_graph(rich, analysis):
    before = snapshot(rich)
    analysis(rich)
    assert snapshot(rich) == before


def test_empty_graph_gives_empty_answers():
    G = nx.MultiDiGraph()
    c = A.centrality(G)
    assert c.top == {"Method": [], "Dataset": [], "Metric": [], "Task": []} and c.nodes == 0
    assert A.communities(G) == A.Communities([], 0, 0, 0.0)
    assert A.co_usage(G) == A.CoUsage("evaluated_on", 0, 0, 0, [], [])
    assert A.leaderboards(G) == []
    assert A.outperforms(G) == A.Outperforms(0, 0, [], [], [])
    t = A.trends(G)
    assert t.years == [] and t.rising == {"Method": [], "Dataset": []} and t.falling == {"Method": [], "Dataset": []}
    assert A.pagerank(nx.DiGraph()) == {}
    assert A.flatten(G).number_of_nodes() == 0
    with pytest.raises(EntityNotFoundError):
        A.path(G, "a", "b")


# ---- 1. centrality ---------------------------------------------------------------------


def test_star_centrality_by_hand(star):
    c = A.centrality(star, by="degree")
    (hub,) = c.top["Method"]
    assert (hub.name, hub.degree, hub.betweenness) == ("BERT", 4, 1.0)  # every leaf pair goes through BERT
    assert [r.degree for r in c.top["Dataset"]] == [1, 1, 1, 1]
    assert all(r.betweenness == 0.0 for r in c.top["Dataset"])
    # PageRank, alpha 0.85: hub c = 0.15/5 + 0.85*4l/5 (leaves are dangling); c + 4l = 1
    leaf = 0.97 / 4.68
    assert hub.pagerank == pytest.approx(1 - 4 * leaf, abs=1e-5)
    assert [r.pagerank for r in c.top["Dataset"]] == pytest.approx([leaf] * 4, abs=1e-5)
    assert c.samples is None and c.nodes == 5 and c.edges == 4


def test_centrality_ranks_limits_and_filters(star):
    entity(star, "SQuAD2", "Dataset", "SQuAD 2.0", papers=9)
    c = A.centrality(star, labels=("Dataset",), by="papers", top=2, min_papers=1)
    assert list(c.top) == ["Dataset"]
    assert [r.name for r in c.top["Dataset"]] == ["SQuAD 2.0", "GLUE"]  # 9 papers, then 1 and by name
    with pytest.raises(ValueError):
        A.centrality(star, by="fame")


def test_centrality_ranks_by_papers_and_no_one_paper_entity_is_listed(star):
    # GLUE, SQuAD, RACE, SWAG: one paper each but linked to BERT, so they win on degree and PageRank
    entity(star, "SQuAD2", "Dataset", "SQuAD 2.0", papers=3)
    entity(star, "MNLI", "Dataset", papers=2)
    c = A.centrality(star)
    assert c.by == "papers" and [r.name for r in c.top["Dataset"]] == ["SQuAD 2.0", "MNLI"]
    assert c.min_papers == 2 and c.left_out == {"Method": 0, "Dataset": 4, "Metric": 0, "Task": 0}
    for by in ("pagerank", "degree", "betweenness"):
        ranked = A.centrality(star, by=by).top["Dataset"]
        assert {r.name for r in ranked} == {"SQuAD 2.0", "MNLI"}, by
    assert A.centrality(star, by="degree", min_papers=1).top["Dataset"][0].papers == 1  # the old list, on request


def test_centrality_lists_all_when_no_entity_has_two_papers(star):
    c = A.centrality(star, labels=("Dataset",), by="pagerank")
    assert [r.name for r in c.top["Dataset"]] == ["GLUE", "RACE", "SQuAD", "SWAG"] and c.left_out == {"Dataset": 0}


def test_betweenness_is_sampled_and_seeded_above_the_limit(star):
    first = A.centrality(star, exact_limit=3, samples=2, seed=7)
    again = A.centrality(star, exact_limit=3, samples=2, seed=7)
    assert first.samples == 2 and first == again


def test_result_nodes_are_left_out_of_centrality(star):
    result(star, "r1", 90.0, "accuracy", "GLUE", "BERT")
    c = A.centrality(star)
    assert {r.name: r.degree for r in c.top["Method"]}["BERT"] == 4  # not 5: the Result is no neighbour


def test_pagerank_matches_networkx():
    rng = random.Random(3)
    D = nx.gnp_random_graph(30, 0.15, seed=3, directed=True)
    for u, v in D.edges:
        D[u][v]["weight"] = rng.randint(1, 5)
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    expected = _pagerank_python(D, weight="weight")
    assert A.pagerank(D) == pytest.approx(expected, abs=1e-9)


# ---- 2. communities --------------------------------------------------------------------


@pytest.fixture
def two_cliques():
    G = nx.MultiDiGraph()
    for i, m in enumerate("abcd"):
        entity(G, m, "Method", m.upper(), papers=i)
    for i, d in enumerate("wxyz"):
        entity(G, d, "Dataset", d.upper(), papers=10 - i)
    for u, v in [*combinations("abcd", 2), *combinations("wxyz", 2), ("a", "w")]:
        link(G, u, v, "PART_OF")
    paper(G, "lonely")
    return G


def test_two_cliques_are_two_communities(two_cliques):
    result_ = A.communities(two_cliques, top=3)
    first, second = result_.communities
    assert (first.size, second.size) == (4, 4)
    assert {first.index, second.index} == {1, 2}
    tops = sorted([first.top, second.top], key=lambda t: bool(t["Method"]))
    assert tops[0] == {"Method": [], "Dataset": ["W", "X", "Y"], "Metric": [], "Task": []}  # most papers first
    assert tops[1]["Method"] == ["D", "C", "B"]
    assert {tuple(c.sizes.items()) for c in result_.communities} == {(("Method", 4),), (("Dataset", 4),)}
    assert (result_.total, result_.singletons) == (3, 1)
    # Q = 2 * (6/13 - (13/26)^2): 13 edges, 6 inside each clique, half the degree in each
    assert result_.modularity == pytest.approx(2 * (6 / 13 - 0.25))
    assert A.communities(two_cliques, top=3) == result_  # seeded: the same answer every time


# ---- 3. co-usage -----------------------------------------------------------------------


@pytest.fixture
def evaluations():
    G = nx.MultiDiGraph()
    for m, datasets in {"BERT": ["GLUE", "SQuAD"], "RoBERTa": ["GLUE", "SQuAD"], "T5": ["GLUE"]}.items():
        entity(G, m, "Method", papers=3 if m == "RoBERTa" else 1)
        for d in datasets:
            if d not in G:
                entity(G, d, "Dataset")
            link(G, m, d, "EVALUATED_ON")
    result(G, "r1", 91.0, "F1", "RACE", "XLNet")  # XLNet evaluated on RACE through its result
    result(G, "r2", 90.0, "F1", "SQuAD", "XLNet")
    return G


def test_co_usage_projections_by_hand(evaluations):
    c = A.co_usage(evaluations)
    assert (c.via, c.methods, c.datasets, c.links) == ("evaluated_on", 4, 3, 7)
    assert [(p.a, p.b, p.weight, p.shared) for p in c.datasets_together] == [
        ("GLUE", "SQuAD", 2, ["RoBERTa", "BERT"]),  # shared methods, most papers first
        ("RACE", "SQuAD", 1, ["XLNet"]),
    ]
    assert [(p.a, p.b, p.weight) for p in c.methods_compared] == [
        ("BERT", "RoBERTa", 2), ("BERT", "T5", 1), ("BERT", "XLNet", 1), ("RoBERTa", "T5", 1), ("RoBERTa", "XLNet", 1)
    ]
    assert A.co_usage(evaluations, top=1).methods_compared == c.methods_compared[:1]


def test_co_usage_via_papers_pairs_what_one_paper_mentions():
    G = nx.MultiDiGraph()
    paper(G, "p1")
    for node, label in (("M", "Method"), ("D1", "Dataset"), ("D2", "Dataset"), ("T", "Task")):
        entity(G, node, label)
        link(G, "paper:p1", node, "MENTIONS")
    assert A.co_usage(G).links == 0  # no evaluation stated
    c = A.co_usage(G, via="papers")
    assert c.links == 2 and [(p.a, p.b, p.weight) for p in c.datasets_together] == [("D1", "D2", 1)]
    with pytest.raises(ValueError):
        A.co_usage(G, via="vibes")


# ---- 4. leaderboards -------------------------------------------------------------------


@pytest.mark.parametrize(
    "metric, lower",
    [("top-1 error", True), ("FID", True), ("perplexity", True), ("latency", True), ("peak memory", True),
     ("parameters", True), ("WER", True), ("validation loss", True), ("word error rate", True), ("MAE", True),
     ("accuracy", False), ("top-1 accuracy", False), ("BLEU", False), ("F1", False), ("Inception Score", False),
     ("error reduction", False), ("speedup", False), ("memory savings", False)],
)
def test_lower_is_better(metric, lower):
    assert A.lower_is_better(metric) is lower


@pytest.fixture
def gans():
    G = nx.MultiDiGraph()
    for pid, year in (("p1", 2019), ("p2", 2020), ("p3", 2021)):
        paper(G, pid, year)
    result(G, "r1", 52.3, "FID", "COCO", "GAN-A", "p1")
    result(G, "r2", 20.1, "FID", "COCO", "GAN-B", "p2")
    result(G, "r3", 52.3, "Inception Score", "COCO", "GAN-A", "p1")
    result(G, "r4", 20.1, "Inception Score", "COCO", "GAN-B", "p2")
    return G


def test_lower_is_better_flips_the_winner(gans):
    boards = {b.metric: b for b in A.leaderboards(gans)}
    fid, inception = boards["FID"], boards["Inception Score"]
    assert not fid.higher_is_better and (fid.best.method, fid.best.value, fid.best.paper) == ("GAN-B", 20.1, "p2")
    assert inception.higher_is_better and (inception.best.method, inception.best.value) == ("GAN-A", 52.3)
    assert [e.value for e in fid.entries] == [20.1, 52.3]
    assert fid.best.title == "Paper p2" and fid.best.year == 2020 and fid.best.result == "r2"


def test_conflicting_claims_are_shown(gans):
    result(gans, "r5", 48.0, "FID", "COCO", "GAN-A", "p3")  # another paper, another value: a conflict
    result(gans, "r6", 20.1, "FID", "COCO", "GAN-B", "p3")  # another paper, the same value: none
    result(gans, "r7", 30.0, "FID", "COCO", "GAN-C", "p3")  # one paper, two settings: none
    result(gans, "r8", 31.0, "FID", "COCO", "GAN-C", "p3")
    fid = next(b for b in A.leaderboards(gans) if b.metric == "FID")
    assert [(c.method, [(x.value, x.paper, x.title) for x in c.claims]) for c in fid.conflicts] == [
        ("GAN-A", [(52.3, "p1", "Paper p1"), (48.0, "p3", "Paper p3")]),
    ]
    assert fid.papers == 3 and len(fid.entries) == 6 and fid.best.value == 20.1


def test_units_relative_values_and_missing_datasets(gans):
    result(gans, "x1", 3.0, "FID", "COCO", "GAN-C", "p3", unit="x")  # "3x lower FID": relative
    result(gans, "x2", 1.5, "FID", "COCO", "GAN-C", "p3", unit="points")
    result(gans, "x3", 30.0, "FID", "COCO", "GAN-C", "p3", unit="%")  # another unit: its own board
    result(gans, "x4", 10.0, "FID", None, "GAN-C", "p3")  # no dataset: no board
    result(gans, "x5", 9.0, "FID", "COCO", "GAN-D", "p3", unit="% change", sentence="GAN-D lowers FID by 9.0% on COCO.")
    result(gans, "x6", 2.0, "FID", "COCO", "GAN-E", "p3", sentence="GAN-E lowers FID to 2.0 on COCO.")
    boards = {(b.metric, b.unit): b for b in A.leaderboards(gans)}
    assert set(boards) == {("FID", ""), ("FID", "%"), ("Inception Score", "")}  # no change is a value
    assert [e.method for e in boards["FID", ""].entries] == ["GAN-E", "GAN-B", "GAN-A"]
    with_changes = {(b.metric, b.unit): b for b in A.leaderboards(gans, changes=True)}
    assert with_changes["FID", "% change"].best.method == "GAN-D"
    assert {("FID", "x"), ("FID", "points")} <= set(with_changes)
    assert [(b.metric, b.unit) for b in A.leaderboards(gans, min_papers=2)] == [("FID", ""), ("Inception Score", "")]


def test_the_leaderboard_query_ranks_and_excludes_as_the_function_does():
    # cypher/leaderboard.cypher can't call Python: its lists must be these
    from kg.cypher_files import named_queries

    text = named_queries()["leaderboard"].text

    def listed(name):
        return tuple(re.findall(r"'([^']*)'", re.search(rf"\[([^\]]*)\] AS {name}\b", text).group(1)))

    assert listed("change_units") == A.RELATIVE_UNITS
    assert listed("lower_words") == A.LOWER_IS_BETTER
    assert listed("higher_despite") == A.HIGHER_DESPITE
    assert "NOT coalesce(r.unit, '') IN change_units" in text


def test_ties_go_to_the_earlier_paper(gans):
    result(gans, "r8", 20.1, "FID", "COCO", "GAN-E", "p1")
    fid = next(b for b in A.leaderboards(gans) if b.metric == "FID")
    assert [(e.method, e.year) for e in fid.entries[:2]] == [("GAN-E", 2019), ("GAN-B", 2020)]


@pytest.mark.parametrize(
    "sentence, value, change",
    [
        ("TransHP improves ViT-B/16 by +2.83% ImageNet classification accuracy.", 2.83, True),
        ("It increases the accuracy of ResNet-18 on ImageNet by 1.3% points.", 1.3, True),
        ("EM-PERSONA improved accuracy by 2.04%, 3.69%, 4.52%, and 3.42%, respectively.", 4.52, True),
        ("The results present 3.5% and 2.3% F1 gains on three benchmarks.", 3.5, True),
        ("It can improve about 2.0% accuracy on ImageNet-1K over the MoCoV2 baseline.", 2.0, True),
        ("TNT achieves 81.5% top-1 accuracy on ImageNet-1K.", 81.5, False),
        ("The best approach achieves an exact match accuracy of 40% over all questions.", 40.0, False),
        ("We get 99.33% and 98.28% in terms of accuracy on intent detection.", 98.28, False),
    ],
)
def test_reads_as_change(sentence, value, change):
    assert A.reads_as_change(sentence, value) is change


# ---- 5. OUTPERFORMS --------------------------------------------------------------------


def beats(pairs):
    G = nx.MultiDiGraph()
    for i, (a, b) in enumerate(pairs, 1):
        for m in (a, b):
            if m not in G:
                entity(G, m, "Method")
        link(G, a, b, "OUTPERFORMS", (f"p{i}",), f"{a} outperforms {b}.")
    return G


def test_a_three_cycle_is_reported_and_chains_run_around_it():
    G = beats([("A", "B"), ("B", "C"), ("C", "A"), ("D", "A"), ("E", "D")])
    o = A.outperforms(G)
    assert [(c.methods, c.papers) for c in o.cycles] == [(["A", "B", "C"], ["p1", "p2", "p3"])]
    assert o.chains == [["E", "D", "A"]]  # A > B is inside the cycle: not a chain link
    assert [(b.name, b.by, b.winners) for b in o.most_beaten][:1] == [("A", 2, ["C", "D"])]
    assert (o.methods, o.claims) == (5, 5)


def test_cycle_length_bound():
    G = beats([("A", "B"), ("B", "C"), ("C", "D"), ("D", "A")])
    assert A.outperforms(G, max_cycle_length=3).cycles == []
    assert [c.methods for c in A.outperforms(G, max_cycle_length=4).cycles] == [["A", "B", "C", "D"]]


def test_longest_chain_and_most_beaten():
    G = beats([("A", "B"), ("B", "C"), ("A", "C"), ("X", "C"), ("X", "Y")])
    o = A.outperforms(G)
    assert o.chains == [["A", "B", "C"], ["X", "C"]]
    assert [(b.name, b.by, b.papers) for b in o.most_beaten] == [("C", 3, 3), ("B", 1, 1), ("Y", 1, 1)]
    assert o.cycles == []


# ---- 6. trends -------------------------------------------------------------------------


@pytest.fixture
def years():
    G = nx.MultiDiGraph()
    entity(G, "X", "Method")
    entity(G, "Y", "Method")
    entity(G, "W", "Method")
    entity(G, "Z", "Dataset")
    mentions = {  # paper: (year, what it mentions)
        "a1": (2019, "YZ"), "a2": (2019, "Y"),
        "b1": (2020, "XYZ"), "b2": (2020, ""),
        "c1": (2021, "XZ"), "c2": (2021, "XW"),
    }
    for pid, (year, names) in mentions.items():
        paper(G, pid, year)
        for name in names:
            link(G, f"paper:{pid}", name, "MENTIONS", (pid,))
    paper(G, "undated")
    link(G, "paper:undated", "W", "MENTIONS", ("undated",))
    return G


def test_trends_by_hand(years):
    t = A.trends(years, min_papers=2, min_year_papers=1)
    assert t.years == [2019, 2020, 2021] and t.papers_per_year == {2019: 2, 2020: 2, 2021: 2}
    (x,) = t.rising["Method"]
    assert (x.name, x.papers, x.shares, x.slope) == ("X", 3, {2019: 0.0, 2020: 50.0, 2021: 100.0}, 50.0)
    (y,) = t.falling["Method"]
    assert (y.name, y.shares, y.slope) == ("Y", {2019: 100.0, 2020: 50.0, 2021: 0.0}, -50.0)
    assert t.rising["Dataset"] == t.falling["Dataset"] == []  # Z: 50% every year; W: one dated paper


def test_trends_window_and_thresholds(years):
    t = A.trends(years, last=2, min_papers=1, min_year_papers=1)
    assert t.years == [2020, 2021]
    assert [(x.name, x.slope) for x in t.rising["Method"]] == [("X", 50.0), ("W", 50.0)]  # ties: more papers first
    assert [(x.name, x.slope) for x in t.falling["Method"]] == [("Y", -50.0)]
    assert [x.name for x in A.trends(years, last=2, min_papers=2, min_year_papers=1).rising["Method"]] == ["X"]
    assert A.trends(years, min_year_papers=3).years == []  # no year has 3 papers: no window
    paper(years, "d1", "2022")  # a year given as text still counts
    link(years, "paper:d1", "X", "MENTIONS", ("d1",))
    assert A.trends(years, last=2, min_papers=1, min_year_papers=1).years == [2021, 2022]


# ---- 7. paths --------------------------------------------------------------------------


def test_path_with_evidence(rich):
    p = A.path(rich, "transformer in transformer", "IMAGENET-1K")
    assert (p.source, p.target, p.connected) == ("TNT", "ImageNet-1K", True)
    (hop,) = p.hops
    assert (hop.source, hop.relation, hop.target, hop.forward) == ("TNT", "EVALUATED_ON", "ImageNet-1K", True)
    assert hop.evidence == "TNT outperforms ViT on ImageNet-1K." and hop.paper == "p3"


def test_path_hops_backwards_and_prefers_a_specific_relation(rich):
    p = A.path(rich, "vit", "Paper p3")  # alias, then a paper title
    assert [(h.source, h.relation, h.target, h.forward) for h in p.hops] == [
        ("Vision Transformer", "OUTPERFORMS", "TNT", False),
        ("TNT", "PROPOSES", "Paper p3", False),  # PROPOSES rather than the MENTIONS on the same pair
    ]
    assert p.hops[1].evidence == "We propose TNT."


def test_path_not_connected_and_same_node(rich):
    entity(rich, "island", "Task", "island task")
    assert A.path(rich, "TNT", "island task") == A.Path("TNT", "island task", False, [])
    assert A.path(rich, "TNT", "tnt") == A.Path("TNT", "TNT", True, [])


def test_unknown_entity_is_a_kg_error_with_a_suggestion(rich):
    with pytest.raises(EntityNotFoundError, match="no entity named 'ImageNet-1k2'.*did you mean ImageNet-1K") as info:
        A.path(rich, "ImageNet-1k2", "TNT")
    assert isinstance(info.value, KGError)


def test_find_entity_prefers_exact_names_then_aliases_then_keys():
    G = nx.MultiDiGraph()
    entity(G, "m1", "Method", "ViT", papers=1)
    entity(G, "m2", "Method", "Vision Transformer", papers=9, aliases=["ViT"])
    entity(G, "d1", "Dataset", "ImageNet-1K")
    assert A.find_entity(G, "vit") == "m1"  # a name beats an alias, even with fewer papers
    assert A.find_entity(G, "vision transformers") == "m2"
    assert A.find_entity(G, "imagenet 1k") == "d1"  # normalized key: hyphens and spaces don't count


# ---- 8. exports ------------------------------------------------------------------------


def test_flatten_joins_lists_encodes_evidence_and_drops_none(rich):
    F = A.flatten(rich)
    assert F.nodes["ViT"]["aliases"] == "ViT"
    assert F.nodes["TNT"]["aliases"] == "Transformer iN Transformer"
    assert F.nodes["paper:p1"]["year"] == 2020 and F.nodes["r1"]["value"] == 81.5  # scalars stay as they are
    edge = F.edges["TNT", "ViT", "OUTPERFORMS"]
    assert edge["papers"] == "p3" and edge["sources"] == "test"
    assert json.loads(edge["evidence"])[0]["sentence"] == "TNT outperforms ViT on ImageNet-1K."
    rich.nodes["r1"]["method"] = None
    assert "method" not in A.flatten(rich).nodes["r1"]
    assert rich.nodes["r1"]["method"] is None  # the graph itself is untouched


def test_graphml_round_trip_keeps_labels_and_properties(rich, tmp_path):
    A.write_graphml(rich, tmp_path / "g.graphml")
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
    A.write_gexf(rich, tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert back.number_of_nodes() == rich.number_of_nodes()
    assert back.number_of_edges() == rich.number_of_edges()
    assert {n: d["kind"] for n, d in back.nodes(data=True)} == {n: d["label"] for n, d in rich.nodes(data=True)}
    assert back.nodes["ViT"]["label"] == "Vision Transformer"  # what Gephi shows
    assert back.nodes["r1"]["offset_start"] == 0 and back.nodes["r1"]["value"] == 81.5
    assert sorted(d["label"] for _, _, d in back.edges(data=True)) == sorted(k for _, _, k in rich.edges(keys=True))


def test_node_link_round_trip_keeps_everything(rich):
    buf = io.StringIO()
    A.write_node_link(rich, buf)
    back = nx.node_link_graph(json.loads(buf.getvalue()), directed=True, multigraph=True, edges="links")
    assert snapshot(back) == snapshot(rich)


# ---- the sample page -------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build([str(SAMPLE)], tmp_path_factory.mktemp("sample")).graph


def test_sample_outperforms(sample):
    o = A.outperforms(sample)
    assert ["U-PaLM", "PaLM"] in o.chains
    assert "PaLM" in [b.name for b in o.most_beaten] and o.cycles == []


def test_sample_centrality_top_datasets(sample):
    c = A.centrality(sample)
    assert "ImageNet-1K" in [r.name for r in c.top["Dataset"][:5]]
    # the model may name it "Transformer architecture"; either way it is among the top 5
    assert any(r.name.startswith("Transformer") for r in c.top["Method"][:5])


def test_sample_communities_and_co_usage(sample):
    groups = [set(c.top["Method"]) | set(c.top["Dataset"]) for c in A.communities(sample, top=10).communities]
    assert any({"U-PaLM", "PaLM", "GSM8K"} <= g for g in groups)
    together = {(p.a, p.b) for p in A.co_usage(sample, top=50).datasets_together}
    assert ("BIG-Bench", "GSM8K") in together and ("CIFAR-100", "ImageNet-1K") in together


def test_sample_leaderboards(sample):
    # every percentage on that page is a gain ("by +2.83%"); kept only when asked for
    assert not any(b.dataset == "ImageNet" for b in A.leaderboards(sample))
    boards = {b.metric: b for b in A.leaderboards(sample, changes=True) if b.dataset == "ImageNet"}
    # "(e.g., improving ViT-B/16 by +2.83% ImageNet classification accuracy), training data
    # efficiency (e.g., +12.69% improvement under 10% ImageNet training data)"
    accuracy = boards["top-1 accuracy"]
    assert [(e.method, e.value) for e in accuracy.entries] == [("TransHP", 2.83)]
    assert all(e.value != 12.69 for b in boards.values() if b.metric != "data efficiency" for e in b.entries)


def test_sample_path_and_trends(sample):
    (hop,) = A.path(sample, "u-palm", "gsm8k").hops
    assert hop.relation == "EVALUATED_ON" and "GSM8K" in hop.evidence
    assert A.trends(sample).years == []  # the page gives no years


def test_sample_exports_reread(sample, tmp_path):
    A.write_graphml(sample, tmp_path / "s.graphml")
    A.write_gexf(sample, tmp_path / "s.gexf")
    for back in (nx.read_graphml(tmp_path / "s.graphml"), nx.read_gexf(tmp_path / "s.gexf")):
        assert (back.number_of_nodes(), back.number_of_edges()) == (sample.number_of_nodes(), sample.number_of_edges())
