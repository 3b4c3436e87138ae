"""Where the nodes of a kg picture go: one seeded layout, shared by the page
(:mod:`kg.viz.html`) and the static pictures (:mod:`kg.viz.static`).

:func:`layout` finds the Louvain communities of the drawn nodes (:func:`communities`,
seeded, links weighted by their papers), lays each out alone in a disc sized by its
nodes and packs the discs so that none overlaps, each next to the one it shares most
links with; small groups with no link to the rest pack close around the middle, not on
a far ring. numpy only (no scipy), and fast enough for the page's 2,000 nodes. The same
graph, nodes and seed give the same positions every time.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import networkx as nx

__all__ = ["LAYOUT_SEED", "NODE_SPACING", "communities", "layout"]

LAYOUT_SEED = 7
NODE_SPACING = 80.0  # units per node in a community's disc (the page's canvas: node radius 5 to 34)


def _weighted(G: nx.MultiDiGraph, nodes: list[Any]) -> nx.Graph:
    """The undirected simple graph of ``nodes``, each link weighted by the papers behind it."""
    H = nx.Graph()
    H.add_nodes_from(nodes)
    for u, v, data in G.edges(nodes, data=True):
        if u == v or v not in H:
            continue
        w = data.get("weight") or max(1, len(data.get("papers") or ()))
        if H.has_edge(u, v):
            H[u][v]["weight"] += w
        else:
            H.add_edge(u, v, weight=w)
    return H


def _groups(H: nx.Graph, nodes: list[Any], seed: int) -> list[list[Any]]:
    order = {v: i for i, v in enumerate(nodes)}
    found = nx.community.louvain_communities(H, weight="weight", seed=seed) if H.number_of_edges() else [{v} for v in H]
    return sorted((sorted(g, key=order.__getitem__) for g in found), key=lambda g: (-len(g), order[g[0]]))


def communities(G: nx.MultiDiGraph, nodes: list[Any], seed: int = LAYOUT_SEED) -> list[list[Any]]:
    """Louvain communities (seeded) of the weighted undirected graph between ``nodes``,
    largest first, each in ``nodes`` order; a node without links is one of its own.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("x", "y"), ("y", "z")])
    >>> communities(G, list("abcxyz"))
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    nodes = list(nodes)
    return _groups(_weighted(G, nodes), nodes, seed) if nodes else []


def _spring(n: int, edges: list[tuple[int, int, float]], rng: Any, iterations: int = 80) -> Any:
    """Fruchterman-Reingold positions of ``n`` points in the unit disc (numpy, dense, as
    networkx's, which wants scipy from 500 nodes on); links pull by log(1 + weight)."""
    import numpy as np

    if n == 1:
        return np.zeros((1, 2))
    A = np.zeros((n, n))
    for i, j, w in edges:
        A[i, j] = A[j, i] = A[i, j] + math.log1p(w)
    pos = rng.uniform(-1, 1, (n, 2))
    k = 1 / math.sqrt(n)
    t = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.sqrt((delta**2).sum(-1)), 0.01)
        force = k * k / dist**2 - A * dist / k
        shift = np.einsum("ijk,ij->ik", delta, force)
        length = np.maximum(np.sqrt((shift**2).sum(-1)), 0.01)
        pos += shift * (t / length)[:, None]
        t -= 0.1 / (iterations + 1)
    pos -= pos.mean(0)
    return pos / max(1e-9, float(np.sqrt((pos**2).sum(-1)).max()))


def _spread(xy: Any, least: float, rounds: int = 25) -> Any:
    """``xy`` with the points closer than ``least`` pushed apart (a hub's neighbours
    crowd in a spring layout), the middle kept."""
    import numpy as np

    n = len(xy)
    if n < 2:
        return xy
    xy = xy.copy()
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((delta**2).sum(-1))
        np.fill_diagonal(dist, least)
        close = dist < least
        if not close.any():
            break
        dist = np.maximum(dist, 1e-3)
        push = np.where(close, (least - dist) / dist / 2, 0.0)
        xy += np.einsum("ijk,ij->ik", delta, push) * 0.6
    return xy


def _place_discs(radii: list[float], links: dict[tuple[int, int], float], gap: float) -> list[tuple[float, float]]:
    """Centres for discs of ``radii`` (biggest first) that never overlap: each disc goes
    next to the placed disc it shares most links with (else near the middle), at the
    free spot closest to that disc's side and to the middle."""
    import numpy as np

    centres = np.zeros((len(radii), 2))
    placed: list[int] = []
    free_ring = 1
    angles = np.linspace(0, 2 * math.pi, 48, endpoint=False)
    for i, r in enumerate(radii):
        if not placed:
            placed.append(i)
            continue
        strength = {j: links.get((min(i, j), max(i, j)), 0.0) for j in placed}
        anchor = max(placed, key=lambda j: (strength[j], -j))
        around = centres[anchor] if strength[anchor] > 0 else np.zeros(2)
        P, R = centres[placed], np.array([radii[j] for j in placed])
        linked = strength[anchor] > 0
        room = gap if linked else gap * 0.4  # what shares no link packs closer
        step = max(r, room)
        # around the middle the free room only shrinks: start where the last one fitted
        for ring in range(1 if linked else max(1, free_ring - 1), 400):
            d = (radii[anchor] if strength[anchor] > 0 else 0.0) + r + room + (ring - 1) * step
            cand = around + d * np.stack([np.cos(angles), np.sin(angles)], 1)
            free = (np.sqrt(((cand[:, None, :] - P[None, :, :]) ** 2).sum(-1)) >= R[None, :] + r + room).all(1)
            if free.any():
                options = cand[free]
                best = options[np.argmin((options**2).sum(1))]
                if not linked:
                    free_ring = ring
                break
        else:  # pragma: no cover - 400 rings always leave room
            best = around + np.array([sum(radii) * 2, 0.0])
        centres[i] = best
        placed.append(i)
    return [(float(x), float(y)) for x, y in centres]


def layout(G: nx.MultiDiGraph, nodes: list[Any] | None = None, seed: int = LAYOUT_SEED,
           spacing: float = NODE_SPACING) -> dict[Any, tuple[float, float]]:
    """Positions of ``nodes`` (default: all of ``G``): the :func:`communities` of the
    links between them, each laid out alone (a seeded spring layout) in a disc sized by
    its nodes, the discs packed so that none overlaps and each sits next to the one it
    shares most links with. About ``spacing`` units between neighbouring nodes. The
    same graph gets the same picture every time; a node without links is a disc of its
    own, close by.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> pos = layout(G)
    >>> sorted(pos) == sorted(G), pos == layout(G)
    (True, True)
    >>> import math
    >>> math.dist(pos["a"], pos["b"]) < math.dist(pos["a"], pos["x"])
    True
    """
    import numpy as np

    nodes = list(G) if nodes is None else list(nodes)
    if not nodes:
        return {}
    H = _weighted(G, nodes)
    groups = _groups(H, nodes, seed)
    member = {v: i for i, g in enumerate(groups) for v in g}
    rng = np.random.default_rng(seed)
    # each community alone: a spring layout in a disc of area in proportion to its nodes,
    # the crowded points (a hub's neighbours) pushed apart; the disc is what they span
    inner = []
    for g in groups:
        index = {v: i for i, v in enumerate(g)}
        xy = _spring(len(g), [(index[u], index[v], w) for u, v, w in H.subgraph(g).edges(data="weight")], rng)
        xy = _spread(xy * spacing * math.sqrt(len(g)) * (0.75 if len(g) > 3 else 0.5), spacing * 0.9)
        inner.append(xy - (xy.max(0) + xy.min(0)) / 2)
    radii = [max(spacing * 0.3, float(np.sqrt((xy**2).sum(-1)).max())) for xy in inner]
    links: dict[tuple[int, int], float] = Counter()
    for u, v, w in H.edges(data="weight"):
        a, b = member[u], member[v]
        if a != b:
            links[(min(a, b), max(a, b))] += w
    centres = _place_discs(radii, links, gap=spacing * 0.8)
    pos: dict[Any, tuple[float, float]] = {}
    for g, xy, (cx, cy) in zip(groups, inner, centres):
        for v, (x, y) in zip(g, xy):
            pos[v] = (round(cx + float(x), 1), round(cy + float(y), 1))
    return pos
