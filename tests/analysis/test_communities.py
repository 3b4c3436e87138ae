"""kg.analysis.communities on hand-built graphs."""

from itertools import combinations

import networkx as nx
import pytest

from kg.analysis.communities import communities

from graph_builders import entity, link, paper


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
    result_ = communities(two_cliques, top=3)
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
    assert communities(two_cliques, top=3) == result_  # seeded: the same answer every time
