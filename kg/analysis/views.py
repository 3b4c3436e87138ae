"""Views of a kg graph that several analyses (and the pictures) share: node names,
labels and paper counts, and the graph collapsed into weighted simple graphs.
"""

from __future__ import annotations

from typing import Any

import networkx as nx


def node_name(G: nx.MultiDiGraph, node: Any) -> str:
    return str(G.nodes[node].get("name", node))


def node_label(G: nx.MultiDiGraph, node: Any) -> str:
    return G.nodes[node].get("label", "")


def node_papers(G: nx.MultiDiGraph, node: Any) -> int:
    papers = G.nodes[node].get("papers", 0)
    return papers if isinstance(papers, int) else len(papers)


def edge_weight(data: dict) -> int:
    """How many papers stand behind an edge (1 when the edge does not say)."""
    return max(1, len(data.get("papers") or ()))


#: Left out of the entity view: a Result repeats its paper's links, and authors and venues
#: would tie together papers that share nothing the graph is about.
OUTSIDE_ENTITY_VIEW = ("Result", "Author", "Venue")


def collapsed(G: nx.MultiDiGraph, into: type[nx.Graph]) -> nx.Graph:
    """Paper and entity nodes of ``G`` with parallel edges merged into one, in a graph of
    class ``into``; ``weight`` = the papers behind the merged links."""
    H = into()
    H.add_nodes_from(n for n, d in G.nodes(data=True) if d.get("label") not in OUTSIDE_ENTITY_VIEW)
    for u, v, data in G.edges(data=True):
        if u in H and v in H and u != v:
            w = edge_weight(data)
            if H.has_edge(u, v):
                H[u][v]["weight"] += w
            else:
                H.add_edge(u, v, weight=w)
    return H


def entity_view(G: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph of Paper and entity nodes; ``weight`` = papers behind the links."""
    return collapsed(G, nx.Graph)


def directed_view(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The entity view with directions kept: edge u->v weighted by the papers behind u->v."""
    return collapsed(G, nx.DiGraph)


def by_label(G: nx.MultiDiGraph, labels: tuple[str, ...] | list[str]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {label: [] for label in labels}
    for node, data in G.nodes(data=True):
        if data.get("label") in out:
            out[data["label"]].append(node)
    return out
