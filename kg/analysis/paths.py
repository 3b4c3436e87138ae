"""How two entities are connected: the shortest path through papers and relations.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.analysis.views import (
    node_label,
    node_name,
    node_papers,
)
from kg.errors import EntityNotFoundError
from kg.resolve import normalize_key


@dataclass
class Hop:
    """One step of a path: ``relation`` as stored, ``forward`` when it points from
    ``source`` to ``target``; one evidence sentence and its paper when the edge has one."""

    source: str
    source_label: str
    relation: str
    target: str
    target_label: str
    forward: bool
    paper: str | None
    evidence: str | None


@dataclass
class Path:
    source: str
    target: str
    connected: bool
    hops: list[Hop] = field(default_factory=list)


def find_entity(G: nx.MultiDiGraph, name: str) -> Any:
    """The node called ``name``: an entity's name or alias (case-insensitive), else the
    same by normalized key (hyphens, spaces and plurals ignored, see
    :func:`kg.resolve.normalize_key`), else a paper's title or id, else a node id. When
    several match, the one with the most papers wins. Raises EntityNotFoundError.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Method:vit", label="Method", name="Vision Transformer", aliases=["ViT"])
    >>> find_entity(G, "vit"), find_entity(G, "vision-transformers")
    ('Method:vit', 'Method:vit')
    """
    want = name.strip().casefold()
    key = normalize_key(name)
    tiers: list[list[Any]] = [[], [], [], [], []]
    for node, data in G.nodes(data=True):
        label = data.get("label")
        if label in ("Paper", "Result"):
            titles = (str(data.get("title", "")).casefold(), str(data.get("paper_id", "")).casefold())
            if label == "Paper" and want in titles:
                tiers[3].append(node)
            continue
        names = [str(data.get("name", node))]
        aliases = [str(a) for a in data.get("aliases") or ()]
        if names[0].casefold() == want:
            tiers[0].append(node)
        elif any(a.casefold() == want for a in aliases):
            tiers[1].append(node)
        elif key and any(normalize_key(n) == key for n in names + aliases):
            tiers[2].append(node)
    if name in G:
        tiers[4].append(name)
    for tier in tiers:
        if tier:
            return min(tier, key=lambda v: (-node_papers(G, v), str(v)))
    names = {str(d.get("name", n)) for n, d in G.nodes(data=True) if d.get("label") not in ("Paper", "Result")}
    close = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.75)
    hint = f"; did you mean {', '.join(close)}?" if close else " (names and aliases are matched case-insensitively)"
    raise EntityNotFoundError(f"no entity named {name!r} in the graph{hint}")


# specific relations tell more than a co-mention, so a hop shows them first
_HOP_ORDER = (
    "PROPOSES", "OUTPERFORMS", "EVALUATED_ON", "ACHIEVES", "PART_OF", "ADDRESSES", "MEASURED_BY", "REPORTS", "MENTIONS",
)


def _hop(G: nx.MultiDiGraph, u: Any, v: Any) -> Hop:
    candidates = [(key, True, data) for key, data in G.get_edge_data(u, v, default={}).items()]
    candidates += [(key, False, data) for key, data in G.get_edge_data(v, u, default={}).items()]

    def rank(c):
        key = str(c[2].get("type", c[0]))
        return (_HOP_ORDER.index(key) if key in _HOP_ORDER else len(_HOP_ORDER), not c[2].get("evidence"), not c[1])

    key, forward, data = min(candidates, key=rank)
    evidence = next((e for e in data.get("evidence") or () if e.get("sentence")), None)
    paper = evidence.get("paper") if evidence else ((data.get("papers") or [None])[0])
    return Hop(
        node_name(G, u), node_label(G, u), str(data.get("type", key)), node_name(G, v), node_label(G, v), forward,
        paper, evidence.get("sentence") if evidence else None,
    )


def shortest_path(G: nx.MultiDiGraph, u: Any, v: Any) -> list[Any] | None:
    """A shortest path from ``u`` to ``v``, edges taken either way; of several, the one
    whose nodes, read back from ``v``, have the smallest ids: the same answer however the
    graph was built, where networkx's would follow the order nodes were added in.

    >>> G = nx.MultiDiGraph([("a", "z"), ("z", "c"), ("a", "b"), ("b", "c")])
    >>> shortest_path(G, "a", "c"), shortest_path(G, "c", "a"), shortest_path(G, "a", "q") is None
    (['a', 'b', 'c'], ['c', 'b', 'a'], True)
    """
    if u not in G or v not in G:
        return None
    parents: dict[Any, list[Any]] = {u: []}
    layer = [u]
    while layer and v not in parents:
        found: dict[Any, list[Any]] = {}
        for node in layer:
            for other in (*G.successors(node), *G.predecessors(node)):
                if other not in parents:
                    found.setdefault(other, []).append(node)
        parents.update(found)
        layer = list(found)
    if v not in parents:
        return None
    nodes = [v]
    while nodes[-1] != u:
        nodes.append(min(parents[nodes[-1]], key=str))
    return nodes[::-1]


def path(G: nx.MultiDiGraph, a: str, b: str) -> Path:
    """How two entities are connected: a shortest path on the undirected view of the whole
    graph (papers and results included), found by name or alias (see
    :func:`find_entity`). Each hop gives its relationship (a specific one before a
    co-mention when both exist) and one evidence sentence.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("m", {"label": "Method", "name": "BERT"}), ("d", {"label": "Dataset", "name": "GLUE"})])
    >>> _ = G.add_edge("m", "d", key="EVALUATED_ON", type="EVALUATED_ON",
    ...                evidence=[{"paper": "p1", "sentence": "We evaluate BERT on GLUE."}])
    >>> hop = path(G, "glue", "bert").hops[0]
    >>> hop.source, hop.relation, hop.target, hop.forward, hop.evidence
    ('GLUE', 'EVALUATED_ON', 'BERT', False, 'We evaluate BERT on GLUE.')
    """
    u, v = find_entity(G, a), find_entity(G, b)
    nodes = shortest_path(G, u, v)
    if nodes is None:
        return Path(node_name(G, u), node_name(G, v), False)
    return Path(node_name(G, u), node_name(G, v), True, [_hop(G, x, y) for x, y in zip(nodes, nodes[1:])])
