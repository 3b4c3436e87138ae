"""Which nodes a picture of a kg graph draws and how they look: shared by the page
(:mod:`kg.viz.html`) and the static pictures (:mod:`kg.viz.static`).

Large graphs stay usable: :func:`select` keeps the ``max_nodes`` nodes with the most
papers behind them (or the neighbourhood of one entity, ``focus`` and ``depth``), leaves
out the ones it would draw without a link, and counts what it left out, which the
pictures say. Where they go is :func:`kg.viz.layout.layout`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.analysis.centrality import pagerank as _pagerank
from kg.analysis.paths import find_entity
from kg.model import NODE_LABELS, RELATION_TYPES
from kg.viz import DEFAULT_MAX_NODES

CAPTION_CHARS = 32  # longer names are cut in the drawing (whole in the panel and tooltip)

# tab10, the same colours in the page and in the static pictures
LABEL_COLORS = {
    "Paper": "#8c8c8c",
    "Method": "#1f77b4",
    "Dataset": "#2ca02c",
    "Metric": "#ff7f0e",
    "Task": "#9467bd",
    "Result": "#d62728",
    "Author": "#e377c2",
    "Venue": "#bcbd22",
}
RELATION_COLORS = {
    "MENTIONS": "#c9c9c9",
    "PROPOSES": "#1f77b4",
    "EVALUATED_ON": "#2ca02c",
    "OUTPERFORMS": "#d62728",
    "PART_OF": "#8c564b",
    "ADDRESSES": "#9467bd",
    "REPORTS": "#e377c2",
    "MEASURED_BY": "#ff7f0e",
    "ACHIEVES": "#17becf",
    "USED_WITH": "#9fb6cd",  # the entities view: mentioned by the same papers
}
OTHER_COLOR = "#7f7f7f"


# ---- which nodes to draw ---------------------------------------------------------------


def degrees(G: nx.MultiDiGraph) -> dict[Any, int]:
    """The number of distinct neighbours of each node, either direction.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "c")])
    >>> degrees(G)
    {'a': 2, 'b': 1, 'c': 1}
    """
    return {v: len((set(G.successors(v)) | set(G.predecessors(v))) - {v}) for v in G}


def ranks(G: nx.MultiDiGraph) -> dict[Any, float]:
    """PageRank of every node (papers and results too) on the undirected view, each link
    weighted by the papers behind it: what a picture should keep when it can't keep all.

    Unlike ``kg analyze centrality`` (directed, entities only), papers rank here too: a
    paper linking many central entities is worth drawing.

    >>> G = nx.MultiDiGraph([("p", "a"), ("p", "b"), ("q", "a")])
    >>> r = ranks(G)
    >>> max(r, key=r.get), round(sum(r.values()), 6)
    ('p', 1.0)
    """
    D = nx.DiGraph()
    D.add_nodes_from(G)
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        w = max(1, len(data.get("papers") or ()))
        for a, b in ((u, v), (v, u)):
            if D.has_edge(a, b):
                D[a][b]["weight"] += w
            else:
                D.add_edge(a, b, weight=w)
    return _pagerank(D)


def papers_behind(G: nx.MultiDiGraph) -> dict[Any, int]:
    """The papers behind each node: a view's ``papers`` (:mod:`kg.viz.views`), an
    entity's paper count, 1 for a paper or a result.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", label="Method", papers=3)
    >>> G.add_node("paper:p", label="Paper")
    >>> papers_behind(G)
    {'m': 3, 'paper:p': 1}
    """
    out = {}
    for v, data in G.nodes(data=True):
        n = data.get("papers")
        if isinstance(n, (list, tuple, set)):
            n = len(n)
        out[v] = int(n) if isinstance(n, (int, float)) and n else (1 if data.get("label") in ("Paper", "Result") else 0)
    return out


@dataclass
class Selection:
    """The nodes to draw, ranked (most papers first, then most neighbours), and what was
    left out.

    ``omitted`` counts left-out nodes per label, of the whole graph or, with a ``focus``,
    of its neighbourhood (``candidates`` nodes): the ones over the budget, and those
    that would be drawn without a link to another drawn node; ``omitted_edges`` counts the
    edges between candidates that lost an end. ``papers`` is :func:`papers_behind`.
    """

    nodes: list[Any]
    pagerank: dict[Any, float]
    degree: dict[Any, int]
    total_nodes: int
    total_edges: int
    candidates: int
    omitted: dict[str, int] = field(default_factory=dict)
    omitted_edges: int = 0
    max_nodes: int = DEFAULT_MAX_NODES
    focus: Any | None = None
    depth: int = 0
    papers: dict[Any, int] = field(default_factory=dict)
    unlinked: int = 0  # of the omitted: left out for having no link to a drawn node


def _neighbourhood(G: nx.MultiDiGraph, start: Any, depth: int) -> dict[Any, int]:
    seen = {start: 0}
    frontier = [start]
    for hop in range(1, depth + 1):
        nxt = []
        for v in frontier:
            for w in (*G.successors(v), *G.predecessors(v)):
                if w not in seen:
                    seen[w] = hop
                    nxt.append(w)
        frontier = nxt
    return seen


def _linked_budget(
    G: nx.MultiDiGraph, ranked: list[Any], max_nodes: int, must: Any | None, rank: dict[Any, tuple]
) -> tuple[list[Any], int]:
    """At most ``max_nodes`` of ``ranked``, in its order, each linked to another kept one
    (no ring of singletons): a node is kept when a neighbour already is, or else with its
    best-ranked neighbour when there is room for both; ``must`` is always kept. Returns
    the kept nodes (in ``ranked`` order) and how many of the first ``max_nodes`` were
    left out for want of a link."""
    if len(ranked) <= 1:
        return ranked[:max_nodes], 0

    def near(v: Any) -> set[Any]:
        return (set(G.successors(v)) | set(G.predecessors(v))) - {v}

    allowed = set(ranked)
    keep: set[Any] = set()
    order = [must] + [v for v in ranked if v != must] if must is not None else ranked
    for v in order:
        if len(keep) >= max_nodes:
            break
        if v in keep:
            continue
        others = near(v) & allowed
        if others & keep:
            keep.add(v)
        elif v == must or (others and len(keep) + 2 <= max_nodes):
            keep.add(v)
            if others and len(keep) < max_nodes:
                keep.add(min(others, key=rank.__getitem__))
    unlinked = sum(1 for v in ranked[:max_nodes] if v not in keep and not near(v) & keep)
    position = {v: i for i, v in enumerate(ranked)}
    return sorted(keep, key=position.__getitem__), unlinked


def select(
    G: nx.MultiDiGraph,
    max_nodes: int = DEFAULT_MAX_NODES,
    focus: str | None = None,
    depth: int = 1,
    pagerank: dict[Any, float] | None = None,
    degree: dict[Any, int] | None = None,
) -> Selection:
    """The nodes worth drawing: all of them, or the ``max_nodes`` with the most papers
    behind them (:func:`papers_behind`; ties: most neighbours, then PageRank), each with a
    link to another drawn node; with ``focus`` (a name or alias, case-insensitive, see
    :func:`kg.analysis.find_entity`), only the nodes within ``depth`` links of it, the
    focused node always kept. Raises EntityNotFoundError for an unknown ``focus``.
    ``pagerank`` and ``degree`` (from an earlier selection of the same graph) save
    computing them again.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", label="Method", name="BERT", aliases=[], papers=3)
    >>> for p in "abc":
    ...     G.add_node(p, label="Paper", name=p)
    ...     _ = G.add_edge(p, "m", key="MENTIONS", type="MENTIONS")
    >>> s = select(G, max_nodes=2)
    >>> s.nodes[0], len(s.nodes), s.omitted
    ('m', 2, {'Paper': 2})
    >>> select(G, focus="bert", depth=1).candidates
    4
    """
    if max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    pr = ranks(G) if pagerank is None else pagerank
    deg = degrees(G) if degree is None else degree
    papers = papers_behind(G)
    focus_node = None
    if focus is not None:
        focus_node = find_entity(G, focus)
        candidates = list(_neighbourhood(G, focus_node, max(0, depth)))
    else:
        candidates = list(G)
    rank = {v: (-papers.get(v, 0), -deg.get(v, 0), -pr.get(v, 0.0), str(v)) for v in G}
    candidates.sort(key=rank.__getitem__)
    kept, unlinked = _linked_budget(G, candidates, max_nodes, focus_node, rank)
    keep = set(kept)
    omitted = Counter(str(G.nodes[v].get("label", "")) for v in candidates if v not in keep)
    cand = set(candidates)
    omitted_edges = sum(1 for u, v in G.edges() if u in cand and v in cand and not (u in keep and v in keep))
    return Selection(
        nodes=kept,
        pagerank=pr,
        degree=deg,
        total_nodes=G.number_of_nodes(),
        total_edges=G.number_of_edges(),
        candidates=len(candidates),
        omitted={label: omitted[label] for label in sorted(omitted, key=label_order)},
        omitted_edges=omitted_edges,
        max_nodes=max_nodes,
        focus=focus_node,
        depth=depth if focus_node is not None else 0,
        papers=papers,
        unlinked=unlinked,
    )


def label_order(label: str) -> tuple[int, str]:
    return (NODE_LABELS.index(label) if label in NODE_LABELS else len(NODE_LABELS), label)


def type_order(type_: str) -> tuple[int, str]:
    return (RELATION_TYPES.index(type_) if type_ in RELATION_TYPES else len(RELATION_TYPES), type_)
