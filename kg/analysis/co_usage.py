"""Which methods are evaluated on the same datasets, and which datasets share methods.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.analysis.views import (
    node_label,
    node_name,
    node_papers,
)


@dataclass
class Pair:
    """Two entities of one kind linked through the other kind: ``weight`` is how many of
    the other they share, ``shared`` names the best known of them."""

    a: str
    b: str
    weight: int
    shared: list[str]


@dataclass
class CoUsage:
    """The Method-Dataset bipartite graph (``links`` edges) projected both ways."""

    via: str
    methods: int
    datasets: int
    links: int
    datasets_together: list[Pair]
    methods_compared: list[Pair]


def _method_dataset_links(G: nx.MultiDiGraph, via: str) -> set[tuple[Any, Any]]:
    links: set[tuple[Any, Any]] = set()
    if via == "papers":
        for p, data in G.nodes(data=True):
            if data.get("label") != "Paper":
                continue
            near = {v for v in G.successors(p)}
            methods = [v for v in near if node_label(G, v) == "Method"]
            datasets = [v for v in near if node_label(G, v) == "Dataset"]
            links.update((m, d) for m in methods for d in datasets)
        return links
    for u, v, key in G.edges(keys=True):
        if key != "EVALUATED_ON":
            continue
        if node_label(G, u) == "Method" and node_label(G, v) == "Dataset":
            links.add((u, v))
        elif node_label(G, u) == "Result" and node_label(G, v) == "Dataset":
            for m in G.predecessors(u):
                if node_label(G, m) == "Method" and G.has_edge(m, u, key="ACHIEVES"):
                    links.add((m, v))
    return links


def _project(G: nx.MultiDiGraph, groups: dict[Any, set[Any]], top: int, shown: int) -> list[Pair]:
    """Pairs of members of the same group (a method's datasets, a dataset's methods)."""
    shared: dict[tuple[Any, Any], list[Any]] = defaultdict(list)
    for hub, members in groups.items():
        ordered = sorted(members, key=lambda v: (node_name(G, v).casefold(), str(v)))
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                shared[(a, b)].append(hub)
    pairs = sorted(
        shared.items(), key=lambda kv: (-len(kv[1]), node_name(G, kv[0][0]).casefold(), node_name(G, kv[0][1]).casefold())
    )
    return [
        Pair(
            node_name(G, a),
            node_name(G, b),
            len(hubs),
            [node_name(G, h) for h in sorted(hubs, key=lambda h: (-node_papers(G, h), node_name(G, h).casefold()))[:shown]],
        )
        for (a, b), hubs in pairs[:top]
    ]


def co_usage(G: nx.MultiDiGraph, via: str = "evaluated_on", top: int = 10, shown: int = 3) -> CoUsage:
    """Datasets used together and methods compared on the same datasets.

    The bipartite graph links a Method to a Dataset when the graph says the method was
    evaluated on it (``via="evaluated_on"``, the default): a Method -EVALUATED_ON-> Dataset
    edge, or a Result of the method (ACHIEVES) EVALUATED_ON the dataset. That is the
    precise reading; ``via="papers"`` links every method and dataset one paper mentions,
    which covers more papers but also pairs a dataset with methods the paper only names
    in passing. Projected both ways: two datasets weigh the number of methods evaluated
    on both, two methods the number of datasets both were evaluated on.

    >>> G = nx.MultiDiGraph()
    >>> for m, ds in {"BERT": ["GLUE", "SQuAD"], "RoBERTa": ["GLUE", "SQuAD"], "T5": ["GLUE"]}.items():
    ...     G.add_node(m, label="Method")
    ...     for d in ds:
    ...         G.add_node(d, label="Dataset")
    ...         _ = G.add_edge(m, d, key="EVALUATED_ON", type="EVALUATED_ON")
    >>> c = co_usage(G)
    >>> c.datasets_together
    [Pair(a='GLUE', b='SQuAD', weight=2, shared=['BERT', 'RoBERTa'])]
    >>> [(p.a, p.b, p.weight) for p in c.methods_compared]
    [('BERT', 'RoBERTa', 2), ('BERT', 'T5', 1), ('RoBERTa', 'T5', 1)]
    """
    if via not in ("evaluated_on", "papers"):
        raise ValueError(f"via must be evaluated_on or papers, not {via!r}")
    links = _method_dataset_links(G, via)
    by_method: dict[Any, set[Any]] = defaultdict(set)
    by_dataset: dict[Any, set[Any]] = defaultdict(set)
    for m, d in links:
        by_method[m].add(d)
        by_dataset[d].add(m)
    return CoUsage(
        via,
        len(by_method),
        len(by_dataset),
        len(links),
        _project(G, by_method, top, shown),
        _project(G, by_dataset, top, shown),
    )
