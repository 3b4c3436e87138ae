"""Which entities matter most: ranked by papers, PageRank, degree or betweenness.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from kg.analysis.views import (
    by_label,
    directed_view,
    entity_view,
    node_name,
    node_papers,
)
from kg.model import ENTITY_TYPES
from kg.summary import MIN_PAPERS, keep_frequent


@dataclass
class Ranked:
    """One entity's centrality. ``degree`` counts distinct neighbours (papers and entities)."""

    node: str
    name: str
    label: str
    papers: int
    degree: int
    pagerank: float
    betweenness: float


@dataclass
class Centrality:
    """Top entities per label. ``samples`` is the number of BFS sources betweenness was
    estimated from, or None when it is exact; ``left_out`` counts, per label, the entities
    kept off the list for being in fewer than ``min_papers`` papers."""

    top: dict[str, list[Ranked]]
    by: str
    nodes: int
    edges: int
    samples: int | None
    min_papers: int = MIN_PAPERS
    left_out: dict[str, int] = field(default_factory=dict)


def pagerank(D: nx.DiGraph, alpha: float = 0.85, weight: str = "weight", max_iter: int = 100, tol: float = 1.0e-6) -> dict:
    """PageRank by power iteration, as ``networkx.pagerank`` computes it (dangling mass
    spread uniformly), in pure Python: ``networkx.pagerank`` needs scipy, which kg does not.

    >>> D = nx.DiGraph([("a", "b"), ("b", "a")])
    >>> {n: round(r, 3) for n, r in pagerank(D).items()}
    {'a': 0.5, 'b': 0.5}
    """
    n = len(D)
    if n == 0:
        return {}
    out_weight = {u: sum(d.get(weight, 1) for d in D[u].values()) for u in D}
    dangling = [u for u in D if out_weight[u] == 0]
    x = dict.fromkeys(D, 1.0 / n)
    for _ in range(max_iter):
        last = x
        base = (1.0 - alpha) / n + alpha * sum(last[u] for u in dangling) / n
        x = dict.fromkeys(D, base)
        for u in D:
            if out_weight[u]:
                share = alpha * last[u] / out_weight[u]
                for v, d in D[u].items():
                    x[v] += share * d.get(weight, 1)
        if sum(abs(x[v] - last[v]) for v in x) < n * tol:
            break
    return x


def centrality(
    G: nx.MultiDiGraph,
    labels: tuple[str, ...] = ENTITY_TYPES,
    top: int = 10,
    by: str = "papers",
    exact_limit: int = 1000,
    samples: int = 64,
    seed: int = 0,
    min_papers: int = MIN_PAPERS,
) -> Centrality:
    """The most central entities of each label, ranked ``by`` "papers" (the number of
    papers an entity is in), "pagerank", "degree" or "betweenness".

    Whatever the measure, entities in fewer than ``min_papers`` papers are left out: one
    abstract's phrase linked to a few things would otherwise top the PageRank and degree
    lists. A label none of whose entities reaches ``min_papers`` lists them all
    (:func:`kg.summary.keep_frequent`).

    All three measures are computed on the entity view (see the module docstring):

    - ``degree``: the number of distinct neighbours, papers included;
    - ``pagerank``: on the directed view (Paper -> entity, Method -> Dataset, winner ->
      beaten method, ...), edges weighted by their papers: an entity ranks high when many
      papers, and central entities, point to it;
    - ``betweenness``: on the undirected, unweighted view, normalized; exact up to
      ``exact_limit`` nodes, above it estimated from ``samples`` BFS sources drawn with
      ``seed`` (``networkx.betweenness_centrality(k=samples, seed=seed)``).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", label="Method", name="BERT")
    >>> for d in "abcd":
    ...     G.add_node(d, label="Dataset", name=d.upper())
    ...     _ = G.add_edge("m", d, key="EVALUATED_ON", type="EVALUATED_ON")
    >>> c = centrality(G, by="degree")  # no entity is in 2 papers: all are listed
    >>> (c.top["Method"][0].name, c.top["Method"][0].degree, c.top["Method"][0].betweenness)
    ('BERT', 4, 1.0)
    >>> round(c.top["Dataset"][0].pagerank, 3), round(c.top["Method"][0].pagerank, 3)
    (0.207, 0.171)
    """
    if by not in ("pagerank", "degree", "betweenness", "papers"):
        raise ValueError(f"by must be pagerank, degree, betweenness or papers, not {by!r}")
    H = entity_view(G)
    n = H.number_of_nodes()
    k = None if n <= exact_limit else min(samples, n)
    between = nx.betweenness_centrality(H, k=k, seed=seed) if n else {}
    ranks = pagerank(directed_view(G))
    out: dict[str, list[Ranked]] = {}
    left_out: dict[str, int] = {}
    for label, nodes in by_label(G, labels).items():
        rows = [
            Ranked(str(v), node_name(G, v), label, node_papers(G, v), H.degree(v), ranks.get(v, 0.0), between.get(v, 0.0))
            for v in nodes
        ]
        rows, left_out[label] = keep_frequent(rows, lambda r: r.papers, min_papers)
        rows.sort(key=lambda r: (-getattr(r, by), -r.papers, r.name.casefold(), r.node))
        out[label] = rows[:top]
    return Centrality(out, by, n, H.number_of_edges(), k, min_papers, left_out)
