"""kg.viz.layout: the one layout of the page and the pictures, seeded, communities apart,
no far ring of unlinked groups."""

import math
from itertools import combinations

import networkx as nx

from kg.viz.layout import NODE_SPACING, communities, layout

from graph_builders import entity, link


def _two_cliques() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for group in ("a", "b"):
        names = [f"{group}{i}" for i in range(6)]
        for n in names:
            entity(G, n, "Method", n, 1)
        for i, u in enumerate(names):
            for v in names[i + 1 :]:
                link(G, u, v, "OUTPERFORMS", ("p1", "p2"))
    link(G, "a0", "b0", "OUTPERFORMS")  # one weak link between them
    return G


def test_communities_are_found_and_laid_out_apart():
    G = _two_cliques()
    nodes = sorted(G)
    groups = communities(G, nodes)
    assert sorted(map(sorted, groups)) == [[f"a{i}" for i in range(6)], [f"b{i}" for i in range(6)]]
    pos = layout(G, nodes)
    assert pos == layout(G, nodes)  # seeded

    def dist(u, v):
        return math.dist(pos[u], pos[v])

    middle = {g: tuple(sum(c) / 6 for c in zip(*(pos[f"{g}{i}"] for i in range(6)))) for g in "ab"}
    for g, other in ("ab", "ba"):  # each clique in its own disc: nearer its own middle
        assert all(math.dist(pos[f"{g}{i}"], middle[g]) < math.dist(pos[f"{g}{i}"], middle[other]) for i in range(6))
    assert min(dist(u, v) for u in nodes for v in nodes if u < v) > NODE_SPACING / 2  # none on top of another


def test_layout_of_nothing_and_of_one():
    assert layout(nx.MultiDiGraph(), []) == {}
    G = nx.MultiDiGraph()
    G.add_node("x")
    assert list(layout(G, ["x"])) == ["x"]


def test_layout_is_seeded_and_keeps_communities_apart():
    from math import dist

    G = nx.MultiDiGraph()
    groups = [[f"{g}{i}" for i in range(8)] for g in "abc"]
    for group in groups:
        G.add_edges_from(combinations(group, 2))
    G.add_edge("a0", "b0")  # one link between two groups
    G.add_nodes_from(["alone"])
    pos = layout(G)
    assert set(pos) == set(G) and pos == layout(G) and pos != layout(G, seed=1)
    centre = {g[0][0]: tuple(sum(c) / len(g) for c in zip(*(pos[v] for v in g))) for g in groups}
    for group in groups:
        c = centre[group[0][0]]
        spread = max(dist(pos[v], c) for v in group)
        # every node nearer its own group's middle than any other group's, with room between
        for other, oc in centre.items():
            if other != group[0][0]:
                assert dist(c, oc) > 2 * spread
    # a node without links is placed close by, not on a far ring
    assert dist(pos["alone"], (0, 0)) < 3 * max(dist(c, (0, 0)) for c in centre.values())
    assert layout(nx.MultiDiGraph()) == {} and list(layout(G, ["a0"]).values()) == [(0.0, 0.0)]


def test_small_unlinked_groups_pack_close_not_on_a_far_ring():
    """Issue 18: 60 pairs with no link to a 40-node community sit around it, the whole
    about as dense as the community, not on a ring far out."""
    G = nx.MultiDiGraph(combinations([f"c{i}" for i in range(40)], 2))
    G.add_edges_from((f"p{i}a", f"p{i}b") for i in range(60))
    pos = layout(G)
    core = [pos[f"c{i}"] for i in range(40)]
    middle = tuple(sum(c) / len(core) for c in zip(*core))
    far = max(math.dist(p, middle) for p in pos.values())
    assert far < 1.2 * NODE_SPACING * math.sqrt(len(G))
    xs, ys = zip(*pos.values())
    assert (max(xs) - min(xs)) * (max(ys) - min(ys)) < 4 * len(G) * NODE_SPACING**2
