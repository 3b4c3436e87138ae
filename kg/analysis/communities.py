"""Groups of entities used together (Louvain on the entity view).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from kg.analysis.views import (
    by_label,
    entity_view,
    node_label,
    node_name,
    node_papers,
)
from kg.model import ENTITY_TYPES


@dataclass
class Community:
    """One Louvain community: its size, its node count per label and its best-known
    members per entity label (most papers first)."""

    index: int
    size: int
    sizes: dict[str, int]
    top: dict[str, list[str]]


@dataclass
class Communities:
    """The communities of two or more nodes, largest first; ``singletons`` counts the
    nodes left alone (papers with no entity, for example)."""

    communities: list[Community]
    total: int
    singletons: int
    modularity: float


def communities(
    G: nx.MultiDiGraph, top: int = 5, resolution: float = 1.0, seed: int = 0, labels: tuple[str, ...] = ENTITY_TYPES
) -> Communities:
    """Louvain communities (``networkx.community.louvain_communities``, seeded) of the
    entity view, papers included, edges weighted by their papers. Each community is
    described by its ``top`` members of each label in ``labels``, ranked by papers.

    >>> from itertools import combinations
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from("abcxyz", label="Method")
    >>> for u, v in [*combinations("abc", 2), *combinations("xyz", 2), ("a", "x")]:
    ...     _ = G.add_edge(u, v, key="OUTPERFORMS")
    >>> [(c.size, c.top["Method"]) for c in communities(G).communities]
    [(3, ['a', 'b', 'c']), (3, ['x', 'y', 'z'])]
    """
    H = entity_view(G)
    if H.number_of_nodes() == 0:
        return Communities([], 0, 0, 0.0)
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    quality = nx.community.modularity(H, found, weight="weight", resolution=resolution) if H.number_of_edges() else 0.0
    groups = sorted((g for g in found if len(g) > 1), key=lambda g: (-len(g), min(map(str, g))))
    out = []
    for i, group in enumerate(groups, 1):
        members = by_label(G.subgraph(group), labels)
        sizes = Counter(node_label(G, v) for v in group)
        best = {
            label: [node_name(G, v) for v in sorted(nodes, key=lambda v: (-node_papers(G, v), node_name(G, v).casefold(), str(v)))[:top]]
            for label, nodes in members.items()
        }
        out.append(Community(i, len(group), dict(sorted(sizes.items())), best))
    return Communities(out, len(found), sum(1 for g in found if len(g) == 1), quality)
