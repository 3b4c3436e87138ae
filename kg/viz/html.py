"""The interactive page of a kg graph: one self-contained HTML file, vis-network inlined.

:func:`render_page` takes the graph ``kg build`` makes (see :mod:`kg.graph`) and returns
the page as a string; :func:`write_page` writes it. Nothing here prints, and the page
makes no network request: the drawing library (``assets/vis-network.min.js``), the
style, the script and the graph data are all inside the one file.

The page draws a :class:`kg.viz.views.View` of the graph when given one (the entities
view: papers folded into weighted edges; a leaderboard), else the graph itself; which of
its nodes comes from :func:`kg.viz.select.select`, as for the static pictures. The panel
of a node always reads the whole graph: its papers, evidence sentences and, for a Method
or a Dataset, its results or its leaderboard as a table. The nodes come placed, by
:func:`kg.viz.layout.layout` (seeded, communities apart), so the page opens at once
with no physics, the same each time.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import networkx as nx

from kg.viz import DEFAULT_MAX_NODES, SIZE_BY
from kg.viz.layout import layout
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

if TYPE_CHECKING:
    from kg.viz.views import View

__all__ = ["LABELS_ALWAYS", "page_data", "json_for_script", "render_page", "write_page"]

MAX_PAPERS_SHOWN = 10  # papers listed, with their evidence, in a node's panel
MAX_SENTENCES = 2  # evidence sentences per paper in that list
MAX_RELATIONS = 40  # typed relationships listed in a node's panel
MAX_RESULTS = 30  # results listed in a node's panel
MAX_SENTENCE_CHARS = 400
LABELS_ALWAYS = 25  # the nodes in the most papers keep a readable label at any zoom


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


def _linked_name(G: nx.MultiDiGraph, result: Any, label: str, fallback: Any) -> str | None:
    names = sorted(str(G.nodes[w].get("name", w)) for w in G.successors(result) if G.nodes[w].get("label") == label)
    return names[0] if names else (str(fallback) if fallback else None)


class _PageBuilder:
    """Collects the JSON-ready records of the drawn nodes and edges, and the papers they
    cite. ``G`` is the whole graph (the panels read it), ``drawn`` the graph whose nodes
    and edges are drawn (a view's, or ``G``)."""

    def __init__(self, G: nx.MultiDiGraph, sel: Selection, drawn: nx.MultiDiGraph | None = None,
                 boards: list | None = None) -> None:
        self.G, self.sel = G, sel
        self.drawn = G if drawn is None else drawn
        self.index = {v: i for i, v in enumerate(sel.nodes)}
        self.papers: dict[str, dict] = {}
        self.paper_nodes = {_paper_id(G, v): v for v, d in G.nodes(data=True) if d.get("label") == "Paper"}
        self._boards = boards
        self.name_index = {str(self._data(v).get("name", v)): i for v, i in self.index.items()
                           if self._data(v).get("label") == "Method"}

    def _data(self, v: Any) -> dict:
        return self.G.nodes[v] if v in self.G else self.drawn.nodes[v]

    def boards(self) -> dict[str, list]:
        """The leaderboards of the whole graph by dataset name, computed once."""
        if not isinstance(self._boards, dict):
            from kg.analysis.leaderboards import leaderboards

            by_dataset: dict[str, list] = {}
            for board in leaderboards(self.G) if self._boards is None else self._boards:
                by_dataset.setdefault(board.dataset, []).append(board)
            self._boards = by_dataset
        return self._boards

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
        sel = self.sel
        data = self._data(v)
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
        papers = self.drawn.nodes[v].get("papers", data.get("papers"))
        if isinstance(papers, int):
            rec["papers"] = papers
        rec["info"] = self._info(v, data, label)
        if v not in self.G:  # a node only the view has
            rec["mentions"], rec["relations"], rec["results"] = [], [], []
            return rec
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
        table = self._method_table(v) if label == "Method" else self._leaderboard(name) if label == "Dataset" else None
        if table:
            rec["table"] = table
        return rec

    def _method_table(self, v: Any) -> dict | None:
        """A method's results: one row per Result it ACHIEVES (dataset, metric, value, paper)."""
        G = self.G
        rows = []
        for w in G.successors(v):
            data = G.nodes[w]
            if data.get("label") != "Result" or data.get("value") is None:
                continue
            row = {"dataset": _linked_name(G, w, "Dataset", data.get("dataset")),
                   "metric": _linked_name(G, w, "Metric", data.get("metric")),
                   "value": _num(data["value"]), "unit": str(data.get("unit") or "")}
            if data.get("paper") is not None:
                row["paper"] = self.cite(data["paper"])
            if w in self.index:
                row["node"] = self.index[w]
            rows.append(row)
        if not rows:
            return None
        rows.sort(key=lambda r: ((r["dataset"] or "\uffff").casefold(), (r["metric"] or "").casefold(),
                                 -(r["value"] or 0), r.get("paper", "")))
        return {"kind": "results", "rows": rows[:MAX_RESULTS], "more": max(0, len(rows) - MAX_RESULTS)}

    def _leaderboard(self, dataset: str) -> dict | None:
        """A dataset's leaderboards (:func:`kg.analysis.leaderboards.leaderboards`): per
        metric, each method once with its best value, best first; results without a
        named method each on their own row."""
        rows = []
        for board in self.boards().get(dataset, ()):
            seen: set[str] = set()
            for e in board.entries:
                if e.method is not None:
                    if e.method in seen:
                        continue
                    seen.add(e.method)
                row = {"method": e.method, "metric": board.metric, "value": _num(e.value), "unit": e.unit,
                       "lowerIsBetter": not board.higher_is_better, "paper": self.cite(e.paper)}
                if e.method in self.name_index:
                    row["node"] = self.name_index[e.method]
                rows.append(row)
        if not rows:
            return None
        return {"kind": "leaderboard", "rows": rows[:MAX_RESULTS], "more": max(0, len(rows) - MAX_RESULTS)}

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
        for u, v, key, data in self.drawn.edges(self.index, keys=True, data=True):
            if v not in self.index:
                continue
            papers = len(data.get("papers") or ())
            rec = {"from": self.index[u], "to": self.index[v], "type": str(data.get("type", key)),
                   "count": data.get("count", 1), "papers": papers, "weight": data.get("weight") or max(1, papers)}
            evidence = data.get("evidence") or ()
            if rec["type"] != "MENTIONS" and evidence:
                rec["sentence"] = _cut(evidence[0].get("sentence", ""), 200)
            out.append(rec)
        return out


def _view_label_rank(drawn: nx.MultiDiGraph, nodes: list[Any], degree: dict[Any, int]) -> dict[Any, int]:
    """Each drawn node's place by papers (then degree, then name): the first
    ``LABELS_ALWAYS`` keep their labels at any zoom."""

    def papers(v: Any) -> int:
        p = drawn.nodes[v].get("papers")
        return p if isinstance(p, int) else len(p) if isinstance(p, (list, tuple, set)) else 0

    ranked = sorted(nodes, key=lambda v: (-papers(v), -degree.get(v, 0), str(drawn.nodes[v].get("name", v)).casefold(), str(v)))
    return {v: i for i, v in enumerate(ranked)}


def page_data(G: nx.MultiDiGraph, sel: Selection, size_by: str = SIZE_BY[0], title: str = "kg graph",
              view: View | None = None) -> dict:
    """Everything the page draws and shows, as JSON-ready data: nodes (``id`` is the
    index; ``x``, ``y`` from :func:`kg.viz.layout.layout`; ``rank`` by papers), edges, the papers cited
    in node panels, the labels and relationship types with their colours and counts, and
    a summary of what was left out. With ``view``, ``sel`` selects from ``view.graph``
    and the edges drawn are the view's; the panels still read ``G``.

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
    drawn = G if view is None else view.graph
    builder = _PageBuilder(G, sel, drawn, boards=view.boards if view is not None and view.boards else None)
    nodes = [builder.node(v) for v in sel.nodes]
    edges = builder.edges()
    pos = layout(drawn, sel.nodes)
    rank = _view_label_rank(drawn, sel.nodes, sel.degree)
    for v, rec in zip(sel.nodes, nodes):
        behind = (getattr(sel, "papers", None) or {}).get(v, rec.get("papers", 0))  # a paper: 1
        measure = {"papers": behind, "pagerank": rec["pagerank"], "degree": rec["degree"]}[size_by]
        rec["size"] = _num(math.sqrt(max(0.0, measure or 0.0)))  # radius ~ sqrt: area ~ the measure
        rec["caption"] = _cut(rec["name"], CAPTION_CHARS)
        if isinstance(drawn.nodes[v].get("rank"), int):  # a result's place on its leaderboard
            rec["caption"] = _cut(f"#{drawn.nodes[v]['rank']} {rec['name']}", CAPTION_CHARS)
        rec["x"], rec["y"] = pos[v]
        rec["rank"] = rank[v]
    label_counts = Counter(rec["label"] for rec in nodes)
    type_counts = Counter(rec["type"] for rec in edges)
    all_types = {str(d.get("type", k)) for *_, k, d in drawn.edges(keys=True, data=True)}
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
            "view": view.name if view is not None else None,
            "viewNote": view.note if view is not None else "",
            "dataset": view.dataset if view is not None else None,
            "labelsAlways": LABELS_ALWAYS,
            "rankedBy": "behind the most papers",
            "unlinked": getattr(sel, "unlinked", 0),
            "nodes": drawn.number_of_nodes(),
            "edges": drawn.number_of_edges(),
            "candidates": sel.candidates,
            "drawnNodes": len(nodes),
            "drawnEdges": len(edges),
            "omitted": sel.omitted,
            "omittedEdges": sel.omitted_edges,
            "maxNodes": sel.max_nodes,
            "focus": builder.index.get(sel.focus) if sel.focus is not None else None,
            "focusName": str(builder._data(sel.focus).get("name", sel.focus)) if sel.focus is not None else None,
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
    size_by: str = SIZE_BY[0],
    title: str = "kg graph",
    selection: Selection | None = None,
    view: View | None = None,
) -> str:
    """The interactive page of ``G`` as one HTML string (see the module docstring): of
    ``view.graph`` when ``view`` is given (``selection``, when given, must select from
    it). Raises EntityNotFoundError for an unknown ``focus``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", label="Method", name="</script>", aliases=[])
    >>> page = render_page(G)
    >>> page.startswith("<!DOCTYPE html>"), page.count("</script>") == page.count("<script")
    (True, True)
    """
    drawn = G if view is None else view.graph
    sel = selection if selection is not None else select(drawn, max_nodes=max_nodes, focus=focus, depth=depth)
    data = page_data(G, sel, size_by, title, view=view)
    parts = {
        "title": html.escape(title),
        "style": _asset("page.css"),
        "vis": _inline_script(_asset("vis-network.min.js"), "vis-network.min.js"),
        "data": json_for_script(data),
        "script": _inline_script(_asset("page.js"), "page.js"),
    }
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], _asset("page.html"))


def write_page(G: nx.MultiDiGraph, path: str | Path | IO[str], **options: Any) -> None:
    """Write :func:`render_page` (same options, ``view`` too) to a path or a text file handle."""
    page = render_page(G, **options)
    if hasattr(path, "write"):
        path.write(page)
        return
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
