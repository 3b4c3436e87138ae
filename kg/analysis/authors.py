"""Who works on what, and where: authors and venues with the methods of their papers.

Authors and venues are in the graph when the input names them (BibTeX, arXiv, OpenAlex,
Semantic Scholar, or ``authors``/``venue`` fields): ``(Author)-[:AUTHORED]->(Paper)`` and
``(Paper)-[:PUBLISHED_IN]->(Venue)``. A paper's methods are those it proposes or mentions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.analysis.paths import find_entity
from kg.analysis.views import node_name

__all__ = ["Contributor", "authors", "venues"]


@dataclass
class Contributor:
    """An author or a venue: its papers, and the methods most of them use."""

    name: str
    label: str
    papers: int
    methods: list[tuple[str, int]] = field(default_factory=list)  # (method, papers), most first


def _methods_of_paper(G: nx.MultiDiGraph, paper: Any) -> set[Any]:
    return {v for _, v, t in G.out_edges(paper, keys=True)
            if t in ("PROPOSES", "MENTIONS") and G.nodes[v].get("label") == "Method"}


def _contributors(G: nx.MultiDiGraph, label: str, papers_of, method: str | None, top: int, shown: int) -> list[Contributor]:
    wanted = find_entity(G, method) if method else None
    rows = []
    for node, data in G.nodes(data=True):
        if data.get("label") != label:
            continue
        papers = papers_of(node)
        counts: Counter = Counter()
        for paper in papers:
            counts.update(_methods_of_paper(G, paper))
        if wanted is not None and wanted not in counts:
            continue
        methods = sorted(counts.items(), key=lambda kv: (-kv[1], node_name(G, kv[0]).casefold()))
        rows.append(Contributor(node_name(G, node), label, len(papers), [(node_name(G, m), n) for m, n in methods[:shown]]))
    rows.sort(key=lambda r: (-r.papers, r.name.casefold()))
    return rows[:top]


def authors(G: nx.MultiDiGraph, method: str | None = None, top: int = 10, shown: int = 3) -> list[Contributor]:
    """Authors with the most papers (those whose papers use ``method``, when given).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("author:a", label="Author", name="Ada"); G.add_node("paper:1", label="Paper")
    >>> G.add_node("m", label="Method", name="BERT")
    >>> G.add_edge("author:a", "paper:1", key="AUTHORED"); G.add_edge("paper:1", "m", key="MENTIONS")
    'AUTHORED'
    'MENTIONS'
    >>> authors(G, method="BERT")
    [Contributor(name='Ada', label='Author', papers=1, methods=[('BERT', 1)])]
    """
    def papers_of(node: Any) -> list[Any]:
        return [p for _, p, t in G.out_edges(node, keys=True) if t == "AUTHORED"]

    return _contributors(G, "Author", papers_of, method, top, shown)


def venues(G: nx.MultiDiGraph, method: str | None = None, top: int = 10, shown: int = 5) -> list[Contributor]:
    """Venues with the most papers, and the methods most of their papers use."""
    def papers_of(node: Any) -> list[Any]:
        return [p for p, _, t in G.in_edges(node, keys=True) if t == "PUBLISHED_IN"]

    return _contributors(G, "Venue", papers_of, method, top, shown)
