"""The interactive page of a kg graph: one self-contained HTML file, vis-network inlined.

:func:`render_page` takes the graph ``kg build`` makes (see :mod:`kg.graph`) and returns
the page as a string; :func:`write_page` writes it. Nothing here prints, and the page
makes no network request: the drawing library (``assets/vis-network.min.js``), the
style, the script and the graph data are all inside the one file.

What it draws comes from :func:`kg.viz.select.select`, as for the static pictures.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.viz import DEFAULT_MAX_NODES, SIZE_BY
from kg.viz.select import (
    CAPTION_CHARS,
    LABEL_COLORS,
    OTHER_COLOR,
    RELATION_COLORS,
    Selection,
    label_order,
    select,
    type_order,
)

__all__ = ["page_data", "json_for_script", "render_page", "write_page"]

MAX_PAPERS_SHOWN = 10  # papers listed, with their evidence, in a node's panel
MAX_SENTENCES = 2  # evidence sentences per paper in that list
MAX_RELATIONS = 40  # typed relationships listed in a node's panel
MAX_RESULTS = 30  # results listed in a node's panel
MAX_SENTENCE_CHARS = 400


# ---- the data the page draws -----------------------------------------------------------


def _cut(text: Any, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _num(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6) if math.isfinite(value) else None
    return value


def _paper_id(G: nx.MultiDiGraph, node: Any) -> str:
    return str(G.nodes[node].get("paper_id", node))


def _result_text(data: dict) -> str:
    text = str(data.get("name", ""))
    if data.get("dataset"):
        text += f" on {data['dataset']}"
    if data.get("method"):
        text += f" ({data['method']})"
    return text


class _PageBuilder:
    """Collects the JSON-ready records of the drawn nodes and edges, and the papers they cite."""

    def __init__(self, G: nx.MultiDiGraph, sel: Selection) -> None:
        self.G, self.sel = G, sel
        self.index = {v: i for i, v in enumerate(sel.nodes)}
        self.papers: dict[str, dict] = {}
        self.paper_nodes = {_paper_id(G, v): v for v, d in G.nodes(data=True) if d.get("label") == "Paper"}

    def cite(self, pid: Any) -> str:
        pid = str(pid)
        if pid not in self.papers:
            node = self.paper_nodes.get(pid)
            data = self.G.nodes[node] if node is not None else {}
            rec = {"title": str(data.get("title") or data.get("name") or pid)}
            for key in ("url", "year", "venue"):
                if data.get(key) is not None:
                    rec[key] = data[key]
            if node in self.index:
                rec["node"] = self.index[node]
            self.papers[pid] = rec
        return pid

    def node(self, v: Any) -> dict:
        G, sel = self.G, self.sel
        data = G.nodes[v]
        label = str(data.get("label", ""))
        name = str(data.get("name", v))
        rec: dict[str, Any] = {
            "id": self.index[v],
            "key": str(v),
            "label": label,
            "name": name,
            "aliases": [str(a) for a in data.get("aliases") or ()],
            "degree": sel.degree.get(v, 0),
            "pagerank": _num(sel.pagerank.get(v, 0.0)),
        }
        if isinstance(data.get("papers"), int):
            rec["papers"] = data["papers"]
        rec["info"] = self._info(v, data, label)
        mentions, more = self._mentions(v, data, label)
        rec["mentions"] = mentions
        if more:
            rec["moreMentions"] = more
        rec["relations"], more = self._relations(v, label)
        if more:
            rec["moreRelations"] = more
        rec["results"], more = self._results(v)
        if more:
            rec["moreResults"] = more
        return rec

    def _info(self, v: Any, data: dict, label: str) -> dict:
        info: dict[str, Any] = {}
        if label == "Paper":
            for key in ("paper_id", "year", "venue", "url"):
                if data.get(key) is not None:
                    info[key] = data[key]
            if data.get("authors"):
                info["authors"] = ", ".join(map(str, data["authors"]))
            if data.get("code"):
                info["code"] = ", ".join(map(str, data["code"]))
        elif label == "Result":
            for key in ("value", "unit", "metric", "dataset", "method"):
                if data.get(key) is not None:
                    info[key] = _num(data[key])
        elif data.get("mentions") is not None:
            info["mentions"] = data["mentions"]
        return info

    def _mentions(self, v: Any, data: dict, label: str) -> tuple[list[dict], int]:
        """The papers that mention ``v`` with their evidence sentences (a result: its own)."""
        if label == "Result":
            if data.get("paper") is None:
                return [], 0
            sentence = _cut(data.get("evidence", ""), MAX_SENTENCE_CHARS)
            return [{"paper": self.cite(data["paper"]), "sentences": [sentence] if sentence else []}], 0
        rows = []
        for u, _, key, edge in self.G.in_edges(v, keys=True, data=True):
            if edge.get("type", key) != "MENTIONS":
                continue
            sentences_by_paper: dict[str, list[str]] = {}
            for ev in edge.get("evidence") or ():
                pid = str(ev.get("paper", _paper_id(self.G, u)))
                sentences_by_paper.setdefault(pid, [])
                sentence = _cut(ev.get("sentence", ""), MAX_SENTENCE_CHARS)
                if sentence and sentence not in sentences_by_paper[pid]:
                    sentences_by_paper[pid].append(sentence)
            if not sentences_by_paper:
                sentences_by_paper[_paper_id(self.G, u)] = []
            for pid, sentences in sentences_by_paper.items():
                rows.append((pid, sentences[:MAX_SENTENCES]))
        rows.sort(key=lambda r: (r[0] not in self.paper_nodes or self.paper_nodes[r[0]] not in self.index, r[0]))
        shown = [{"paper": self.cite(pid), "sentences": s} for pid, s in rows[:MAX_PAPERS_SHOWN]]
        return shown, max(0, len(rows) - MAX_PAPERS_SHOWN)

    def _relations(self, v: Any, label: str) -> tuple[list[dict], int]:
        """Typed links of ``v`` (a paper's MENTIONS too, without sentences: the entity's
        panel has them; an entity's incoming MENTIONS are its ``mentions``)."""
        G = self.G
        rows = []
        for direction, edges in (("out", G.out_edges(v, keys=True, data=True)), ("in", G.in_edges(v, keys=True, data=True))):
            for a, b, key, edge in edges:
                type_ = str(edge.get("type", key))
                other = b if direction == "out" else a
                if type_ == "MENTIONS" and direction == "in":
                    continue
                if G.nodes[other].get("label") == "Result" and label != "Result":
                    continue  # listed under results
                rec = {"type": type_, "dir": direction, "name": str(G.nodes[other].get("name", other)),
                       "label": str(G.nodes[other].get("label", "")), "count": edge.get("count", 1)}
                if other in self.index:
                    rec["node"] = self.index[other]
                evidence = edge.get("evidence") or ()
                if type_ != "MENTIONS" and evidence:
                    rec["sentence"] = _cut(evidence[0].get("sentence", ""), MAX_SENTENCE_CHARS)
                    rec["paper"] = self.cite(evidence[0].get("paper", ""))
                rows.append(rec)
        rows.sort(key=lambda r: (r["type"] == "MENTIONS", type_order(r["type"]), r["dir"], r["name"].casefold()))
        return rows[:MAX_RELATIONS], max(0, len(rows) - MAX_RELATIONS)

    def _results(self, v: Any) -> tuple[list[dict], int]:
        """Result nodes linked to ``v``: a method's results, a paper's, a dataset's ..."""
        G = self.G
        rows = []
        for w in {*G.successors(v), *G.predecessors(v)}:
            data = G.nodes[w]
            if data.get("label") != "Result" or w == v:
                continue
            rec = {"text": _result_text(data), "sentence": _cut(data.get("evidence", ""), MAX_SENTENCE_CHARS)}
            if data.get("paper") is not None:
                rec["paper"] = self.cite(data["paper"])
            if w in self.index:
                rec["node"] = self.index[w]
            rows.append(rec)
        rows.sort(key=lambda r: (r["text"].casefold(), r.get("paper", "")))
        return rows[:MAX_RESULTS], max(0, len(rows) - MAX_RESULTS)

    def edges(self) -> list[dict]:
        out = []
        for u, v, key, data in self.G.edges(keys=True, data=True):
            if u not in self.index or v not in self.index:
                continue
            rec = {"from": self.index[u], "to": self.index[v], "type": str(data.get("type", key)),
                   "count": data.get("count", 1), "papers": len(data.get("papers") or ())}
            evidence = data.get("evidence") or ()
            if rec["type"] != "MENTIONS" and evidence:
                rec["sentence"] = _cut(evidence[0].get("sentence", ""), 200)
            out.append(rec)
        return out


def page_data(G: nx.MultiDiGraph, sel: Selection, size_by: str = "pagerank", title: str = "kg graph") -> dict:
    """Everything the page draws and shows, as JSON-ready data: nodes (``id`` is the
    index), edges, the papers cited in node panels, the labels and relationship types
    with their colours and counts, and a summary of what was left out.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", label="Paper", name="A paper", title="A paper", paper_id="p1")
    >>> G.add_node("m", label="Method", name="BERT", aliases=[], papers=1)
    >>> _ = G.add_edge("p", "m", key="MENTIONS", type="MENTIONS", count=1, papers=["p1"],
    ...               evidence=[{"paper": "p1", "sentence": "We use BERT."}])
    >>> d = page_data(G, select(G))
    >>> [n["name"] for n in d["nodes"]], d["edges"][0]["type"], d["nodes"][0]["mentions"]
    (['BERT', 'A paper'], 'MENTIONS', [{'paper': 'p1', 'sentences': ['We use BERT.']}])
    """
    if size_by not in SIZE_BY:
        raise ValueError(f"size_by must be one of {', '.join(SIZE_BY)}, not {size_by!r}")
    builder = _PageBuilder(G, sel)
    nodes = [builder.node(v) for v in sel.nodes]
    edges = builder.edges()
    for rec in nodes:
        measure = rec["pagerank"] if size_by == "pagerank" else rec["degree"]
        rec["size"] = _num(math.sqrt(max(0.0, measure or 0.0)))  # radius ~ sqrt: area ~ the measure
        rec["caption"] = _cut(rec["name"], CAPTION_CHARS)
    label_counts = Counter(rec["label"] for rec in nodes)
    type_counts = Counter(rec["type"] for rec in edges)
    all_types = {str(d.get("type", k)) for *_, k, d in G.edges(keys=True, data=True)}
    return {
        "title": title,
        "sizeBy": size_by,
        "labels": [
            {"name": label, "color": LABEL_COLORS.get(label, OTHER_COLOR), "count": label_counts[label]}
            for label in sorted(set(label_counts) | set(sel.omitted), key=label_order)
        ],
        "relations": [
            {"name": t, "color": RELATION_COLORS.get(t, OTHER_COLOR), "count": type_counts[t]}
            for t in sorted(set(type_counts) | all_types, key=type_order)
        ],
        "summary": {
            "nodes": sel.total_nodes,
            "edges": sel.total_edges,
            "candidates": sel.candidates,
            "drawnNodes": len(nodes),
            "drawnEdges": len(edges),
            "omitted": sel.omitted,
            "omittedEdges": sel.omitted_edges,
            "maxNodes": sel.max_nodes,
            "focus": builder.index.get(sel.focus) if sel.focus is not None else None,
            "focusName": str(G.nodes[sel.focus].get("name", sel.focus)) if sel.focus is not None else None,
            "depth": sel.depth,
        },
        "papers": builder.papers,
        "nodes": nodes,
        "edges": edges,
    }


# ---- the page --------------------------------------------------------------------------

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: ``<``, ``>`` and ``&``
    (which only occur inside JSON strings) become ``\\u`` escapes, so no ``</script>`` or
    ``<!--`` in a title or sentence can end the script early; ``JSON.parse`` reads it back.

    >>> json_for_script({"t": "</script><!--"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)


def _asset(name: str) -> str:
    return resources.files("kg.viz").joinpath("assets", name).read_text(encoding="utf-8")


def _inline_script(code: str, name: str) -> str:
    if re.search(r"</script|<!--", code, re.IGNORECASE):
        raise ValueError(f"{name} can't be inlined: it contains </script or <!--")
    return code


def render_page(
    G: nx.MultiDiGraph,
    max_nodes: int = DEFAULT_MAX_NODES,
    focus: str | None = None,
    depth: int = 1,
    size_by: str = "pagerank",
    title: str = "kg graph",
    selection: Selection | None = None,
) -> str:
    """The interactive page of ``G`` as one HTML string (see the module docstring).
    Raises EntityNotFoundError for an unknown ``focus``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", label="Method", name="</script>", aliases=[])
    >>> page = render_page(G)
    >>> page.startswith("<!DOCTYPE html>"), page.count("</script>") == page.count("<script")
    (True, True)
    """
    sel = selection if selection is not None else select(G, max_nodes, focus, depth)
    data = page_data(G, sel, size_by, title)
    parts = {
        "title": html.escape(title),
        "style": _asset("page.css"),
        "vis": _inline_script(_asset("vis-network.min.js"), "vis-network.min.js"),
        "data": json_for_script(data),
        "script": _inline_script(_asset("page.js"), "page.js"),
    }
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], _asset("page.html"))


def write_page(G: nx.MultiDiGraph, path: str | Path | IO[str], **options: Any) -> None:
    """Write :func:`render_page` (same options) to a path or a text file handle."""
    page = render_page(G, **options)
    if hasattr(path, "write"):
        path.write(page)
        return
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
