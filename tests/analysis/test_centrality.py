"""kg.analysis.centrality on hand-built graphs with answers worked out by hand."""

import random

import networkx as nx
import pytest

from kg.analysis.centrality import centrality, pagerank

from graph_builders import entity, result


def test_star_centrality_by_hand(star):
    c = centrality(star, by="degree")
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
    c = centrality(star, labels=("Dataset",), by="papers", top=2, min_papers=1)
    assert list(c.top) == ["Dataset"]
    assert [r.name for r in c.top["Dataset"]] == ["SQuAD 2.0", "GLUE"]  # 9 papers, then 1 and by name
    with pytest.raises(ValueError):
        centrality(star, by="fame")


def test_centrality_ranks_by_papers_and_no_one_paper_entity_is_listed(star):
    # GLUE, SQuAD, RACE, SWAG: one paper each but linked to BERT, so they win on degree and PageRank
    entity(star, "SQuAD2", "Dataset", "SQuAD 2.0", papers=3)
    entity(star, "MNLI", "Dataset", papers=2)
    c = centrality(star)
    assert c.by == "papers" and [r.name for r in c.top["Dataset"]] == ["SQuAD 2.0", "MNLI"]
    assert c.min_papers == 2 and c.left_out == {"Method": 0, "Dataset": 4, "Metric": 0, "Task": 0}
    for by in ("pagerank", "degree", "betweenness"):
        ranked = centrality(star, by=by).top["Dataset"]
        assert {r.name for r in ranked} == {"SQuAD 2.0", "MNLI"}, by
    assert centrality(star, by="degree", min_papers=1).top["Dataset"][0].papers == 1  # the old list, on request


def test_centrality_lists_all_when_no_entity_has_two_papers(star):
    c = centrality(star, labels=("Dataset",), by="pagerank")
    assert [r.name for r in c.top["Dataset"]] == ["GLUE", "RACE", "SQuAD", "SWAG"] and c.left_out == {"Dataset": 0}


def test_betweenness_is_sampled_and_seeded_above_the_limit(star):
    first = centrality(star, exact_limit=3, samples=2, seed=7)
    again = centrality(star, exact_limit=3, samples=2, seed=7)
    assert first.samples == 2 and first == again


def test_result_nodes_are_left_out_of_centrality(star):
    result(star, "r1", 90.0, "accuracy", "GLUE", "BERT")
    c = centrality(star)
    assert {r.name: r.degree for r in c.top["Method"]}["BERT"] == 4  # not 5: the Result is no neighbour


def test_pagerank_matches_networkx():
    rng = random.Random(3)
    D = nx.gnp_random_graph(30, 0.15, seed=3, directed=True)
    for u, v in D.edges:
        D[u][v]["weight"] = rng.randint(1, 5)
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    expected = _pagerank_python(D, weight="weight")
    assert pagerank(D) == pytest.approx(expected, abs=1e-9)
