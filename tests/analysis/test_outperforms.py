"""kg.analysis.outperforms: chains, most-beaten baselines and cycles."""


import networkx as nx

from kg.analysis.outperforms import outperforms

from graph_builders import entity, link


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
    o = outperforms(G)
    assert [(c.methods, c.papers) for c in o.cycles] == [(["A", "B", "C"], ["p1", "p2", "p3"])]
    assert o.chains == [["E", "D", "A"]]  # A > B is inside the cycle: not a chain link
    assert [(b.name, b.by, b.winners) for b in o.most_beaten][:1] == [("A", 2, ["C", "D"])]
    assert (o.methods, o.claims) == (5, 5)


def test_cycle_length_bound():
    G = beats([("A", "B"), ("B", "C"), ("C", "D"), ("D", "A")])
    assert outperforms(G, max_cycle_length=3).cycles == []
    assert [c.methods for c in outperforms(G, max_cycle_length=4).cycles] == [["A", "B", "C", "D"]]


def test_longest_chain_and_most_beaten():
    G = beats([("A", "B"), ("B", "C"), ("A", "C"), ("X", "C"), ("X", "Y")])
    o = outperforms(G)
    assert o.chains == [["A", "B", "C"], ["X", "C"]]
    assert [(b.name, b.by, b.papers) for b in o.most_beaten] == [("C", 3, 3), ("B", 1, 1), ("Y", 1, 1)]
    assert o.cycles == []
