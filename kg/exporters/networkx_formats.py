"""Write a kg graph as GraphML, GEXF or node-link JSON for other graph tools.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.graph import write_json


def _flat_value(key: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    nested = isinstance(value, (list, tuple)) and any(isinstance(x, (dict, list)) for x in value)
    if key == "evidence" or isinstance(value, dict) or nested:
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(x) for x in (sorted(value) if isinstance(value, set) else value))
    return str(value)


def _flat_attrs(data: dict) -> dict:
    out = {}
    for key, value in data.items():
        flat = _flat_value(key, value)
        if flat is not None:
            out[key] = flat
    return out


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values GraphML and GEXF can hold: lists become ``"; "``-joined
    strings (``aliases``, ``papers``, ``sources``, ``code``, ``authors``), ``evidence`` and
    any other dict or list of dicts a JSON string, and None values are dropped. Numbers,
    strings and booleans stay as they are; node ids and edge keys are kept.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", label="Method", aliases=["ViT", "vision transformer"], year=None)
    >>> flatten(G).nodes["m"]
    {'label': 'Method', 'aliases': 'ViT; vision transformer'}
    """
    F = nx.MultiDiGraph()
    F.graph.update(_flat_attrs(G.graph))
    F.add_nodes_from((n, _flat_attrs(d)) for n, d in G.nodes(data=True))
    F.add_edges_from((u, v, k, _flat_attrs(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return F


def write_graphml(G: nx.MultiDiGraph, path: str | Path | IO[bytes]) -> None:
    """Write the flattened graph as GraphML (Cytoscape, Gephi, yEd). Each edge gets a
    unique id ``source->target:TYPE``; its relationship type stays in ``type``.

    >>> import io
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="OUTPERFORMS", type="OUTPERFORMS", papers=["p1"])
    >>> buf = io.BytesIO(); write_graphml(G, buf); _ = buf.seek(0)
    >>> next(iter(nx.read_graphml(buf).edges(data=True)))[2]["type"]
    'OUTPERFORMS'
    """
    F = flatten(G)
    for u, v, k, d in F.edges(keys=True, data=True):
        d["id"] = f"{u}->{v}:{k}"
    nx.write_graphml(F, path, infer_numeric_types=True, edge_id_from_attribute="id")


def gexf_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The flattened graph renamed for GEXF, where some attribute names have a meaning of
    their own: a node's GEXF ``label`` (what Gephi shows) is its ``name`` and its kg label
    goes to ``kind``; a Result's character offsets ``start``/``end`` (GEXF time spells)
    become ``offset_start``/``offset_end``; an edge's ``type`` (GEXF allows only
    directed/undirected/mutual) becomes its GEXF ``label``, and its ``weight`` is the
    number of its papers.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", label="Method", name="BERT")
    >>> gexf_graph(G).nodes["m"]
    {'name': 'BERT', 'label': 'BERT', 'kind': 'Method'}
    """
    F = flatten(G)
    for n, d in F.nodes(data=True):
        kind = d.pop("label", None)
        d["label"] = str(d.get("name", n))
        if kind is not None:
            d["kind"] = kind
        for key in ("start", "end"):
            if key in d:
                d[f"offset_{key}"] = d.pop(key)
    for u, v, k, d in F.edges(keys=True, data=True):
        d["label"] = str(d.pop("type", k))
        papers = G.edges[u, v, k].get("papers")
        d["weight"] = len(papers) if isinstance(papers, list) and papers else 1
        for key in ("start", "end"):
            if key in d:
                d[f"offset_{key}"] = d.pop(key)
    return F


def write_gexf(G: nx.MultiDiGraph, path: str | Path | IO[bytes]) -> None:
    """Write :func:`gexf_graph` as GEXF 1.2 (Gephi)."""
    nx.write_gexf(gexf_graph(G), path)


def node_link(G: nx.MultiDiGraph) -> dict:
    """The graph as node-link JSON data (``links`` for edges, as ``graph.json`` stores it);
    lists and evidence stay as they are, since JSON can hold them.

    >>> node_link(nx.MultiDiGraph([("a", "b")]))["links"]
    [{'source': 'a', 'target': 'b', 'key': 0}]
    """
    return nx.node_link_data(G, edges="links")


def write_node_link(G: nx.MultiDiGraph, path: str | Path | IO[str]) -> None:
    """Write :func:`node_link` as JSON (the way ``graph.json`` is written) to a path or a
    text file handle."""
    if hasattr(path, "write"):
        write_json(node_link(G), path)
        return
    with open(path, "w", encoding="utf-8") as fh:
        write_json(node_link(G), fh)
