"""The one in-memory model: a networkx MultiDiGraph built from resolved extractions.

Nodes carry ``label`` (Paper|Method|Dataset|Metric|Task|Result), ``name`` and, for
entities, ``aliases``. There is at most one edge per (head, tail, type), keyed by the
type; each edge keeps its provenance: the papers, the evidence sentences with character
offsets into the paper's abstract (of the mention for MENTIONS, of the number for results,
of the sentence otherwise; None when the evidence is the title), and the extractors.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import networkx as nx

from kg.errors import GraphFileError, GraphMissingError
from kg.files import replaced_whole
from kg.model import CanonicalEntity, PaperExtraction, Relation, Result
from kg.resolve import Resolution

GRAPH_FILE = "graph.json"
EXTRACTIONS_FILE = "extractions.jsonl"
MAX_EVIDENCE = 5  # evidence sentences kept per edge and paper; counts keep the full tally

# which labels each relationship type may connect, after resolution
SCHEMA = {
    "PROPOSES": ("Paper", "Method"),
    "MENTIONS": ("Paper", None),
    "EVALUATED_ON": (("Method", "Result"), "Dataset"),
    "OUTPERFORMS": ("Method", "Method"),
    "PART_OF": ("Method", "Method"),
    "ADDRESSES": ("Method", "Task"),
    "REPORTS": ("Paper", "Result"),
    "MEASURED_BY": ("Result", "Metric"),
    "ACHIEVES": ("Method", "Result"),
    "AUTHORED": ("Author", "Paper"),
    "PUBLISHED_IN": ("Paper", "Venue"),
}


@dataclass
class BuildReport:
    """What happened while building: relations that no longer fit the schema after resolution."""

    dropped: Counter = field(default_factory=Counter)


def paper_node_id(paper_id: str) -> str:
    return f"paper:{paper_id}"


def build_graph(extractions: Iterable[PaperExtraction], resolution: Resolution) -> tuple[nx.MultiDiGraph, BuildReport]:
    graph = nx.MultiDiGraph()
    report = BuildReport()
    for ex in extractions:
        _add_paper(graph, ex)
        pid = ex.paper.id
        for entity in ex.entities:
            node = _entity_node(graph, resolution, pid, entity.text)
            if node is None:
                continue
            _add_edge(graph, paper_node_id(pid), node, "MENTIONS", pid, entity.sentence, entity.start, entity.end, entity.source, entity.score)
        for rel in ex.relations:
            _add_relation(graph, resolution, pid, rel, report)
        for result in ex.results:
            _add_result(graph, resolution, pid, result)
    paper_nodes = {node for node, label in graph.nodes(data="label") if label == "Paper"}
    for node, data in graph.nodes(data=True):
        if data["label"] not in ("Paper", "Result"):
            # every link to a paper points from it, but (Author)-[:AUTHORED]->(Paper)
            neighbours = graph.successors(node) if data["label"] == "Author" else graph.predecessors(node)
            data["papers"] = sum(1 for p in neighbours if p in paper_nodes)
    return graph, report


def _add_paper(graph: nx.MultiDiGraph, ex: PaperExtraction) -> None:
    p = ex.paper
    attrs = {"label": "Paper", "name": p.title, "title": p.title, "paper_id": p.id, "code": list(ex.code)}
    for key in ("url", "year", "venue"):
        if getattr(p, key) is not None:
            attrs[key] = getattr(p, key)
    if p.authors:
        attrs["authors"] = list(p.authors)
    if p.extra.get("doi"):
        attrs["doi"] = p.extra["doi"]
    node = paper_node_id(p.id)
    graph.add_node(node, **attrs)
    ids = p.extra.get("author_ids") or []
    for i, name in enumerate(p.authors):
        author = author_node_id(name, ids[i] if i < len(ids) and isinstance(ids[i], str) else None)
        _add_bibliographic(graph, author, "Author", name, author, node, "AUTHORED", p.id)
    if p.venue:
        venue = venue_node_id(p.venue)
        _add_bibliographic(graph, venue, "Venue", p.venue, node, venue, "PUBLISHED_IN", p.id)


def _add_bibliographic(
    graph: nx.MultiDiGraph, node: str, label: str, name: str, head: str, tail: str, type_: str, paper_id: str
) -> None:
    """An Author or Venue node (the first spelling names it) and its link to a paper, which
    the input states: no evidence sentence, source "input"."""
    if node not in graph:
        graph.add_node(node, label=label, name=name, papers=0)  # papers: counted with the others at the end
    graph.add_edge(head, tail, key=type_, type=type_, papers=[paper_id], count=1, evidence=[], sources=["input"],
                   score=1.0)


def _name_key(name: str) -> str:
    """Case, accents, dots and runs of spaces do not make another person or venue.

    >>> _name_key("José  A. García") == _name_key("jose a garcia")
    True
    """
    letters = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(c for c in letters if not unicodedata.combining(c)).replace(".", " ")
    return " ".join(letters.split())


def author_node_id(name: str, source_id: str | None = None) -> str:
    """An author is the ORCID or source id the input gives (``orcid:…``, ``openalex:A…``,
    ``s2:…``), else the normalised name: two people of one name merge only without ids."""
    return f"author:{source_id}" if source_id else f"author:name:{_name_key(name)}"


def venue_node_id(name: str) -> str:
    return f"venue:{_name_key(name)}"


def _entity_node(graph: nx.MultiDiGraph, resolution: Resolution, paper_id: str, name: str) -> str | None:
    entity = resolution.lookup(paper_id, name)
    if entity is None:
        return None
    if entity.id not in graph:
        graph.add_node(entity.id, **_entity_attrs(entity))
    return entity.id


def _entity_attrs(entity: CanonicalEntity) -> dict:
    return {"label": entity.type, "name": entity.name, "aliases": list(entity.aliases), "mentions": entity.mentions}


def _add_edge(
    graph: nx.MultiDiGraph,
    head: str,
    tail: str,
    type_: str,
    paper_id: str,
    sentence: str,
    start: int | None,
    end: int | None,
    source: str,
    score: float,
) -> None:
    data = graph.get_edge_data(head, tail, type_)  # the attribute dict itself, or None
    if data is None:
        graph.add_edge(head, tail, key=type_, type=type_, count=0, papers=[], evidence=[], sources=[], score=0.0)
        data = graph.get_edge_data(head, tail, type_)
    data["count"] += 1
    data["score"] = max(data["score"], round(score, 3))
    if paper_id not in data["papers"]:
        data["papers"].append(paper_id)
    if source not in data["sources"]:
        data["sources"].append(source)
    same_paper = [e for e in data["evidence"] if e["paper"] == paper_id]
    if len(same_paper) < MAX_EVIDENCE and all(e["sentence"] != sentence for e in same_paper):
        data["evidence"].append({"paper": paper_id, "sentence": sentence, "start": start, "end": end, "source": source})


def _fits(graph: nx.MultiDiGraph, head: str, tail: str, type_: str) -> bool:
    want_head, want_tail = SCHEMA[type_]
    head_label, tail_label = graph.nodes[head]["label"], graph.nodes[tail]["label"]
    heads = want_head if isinstance(want_head, tuple) else (want_head,)
    return head_label in heads and (want_tail is None or tail_label == want_tail) and head != tail


def _add_relation(graph: nx.MultiDiGraph, resolution: Resolution, pid: str, rel: Relation, report: BuildReport) -> None:
    head = paper_node_id(pid) if rel.head_type == "Paper" else _entity_node(graph, resolution, pid, rel.head)
    tail = _entity_node(graph, resolution, pid, rel.tail)
    if head is None or tail is None or not _fits(graph, head, tail, rel.type):
        report.dropped[rel.type] += 1
        return
    _add_edge(graph, head, tail, rel.type, pid, rel.evidence, rel.start, rel.end, rel.source, rel.score)


def result_node_id(paper_id: str, result: Result) -> str:
    raw = "|".join(map(str, (paper_id, result.metric, result.dataset, result.method, result.value, result.unit, result.start)))
    return "result:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _add_result(graph: nx.MultiDiGraph, resolution: Resolution, pid: str, result: Result) -> None:
    metric = _entity_node(graph, resolution, pid, result.metric)
    if metric is None or graph.nodes[metric]["label"] != "Metric":
        return
    node = result_node_id(pid, result)
    name = f"{result.metric} = {result.value:g}{result.unit if result.unit != 'x' else 'x'}"
    graph.add_node(
        node,
        label="Result",
        name=name,
        value=result.value,
        unit=result.unit,
        metric=result.metric,
        dataset=result.dataset,
        method=result.method,
        paper=pid,
        evidence=result.evidence,
        start=result.start,
        end=result.end,
    )
    args = (pid, result.evidence, result.start, result.end, result.source, result.score)
    _add_edge(graph, paper_node_id(pid), node, "REPORTS", *args)
    _add_edge(graph, node, metric, "MEASURED_BY", *args)
    for name, type_, head_is_result in ((result.dataset, "EVALUATED_ON", True), (result.method, "ACHIEVES", False)):
        other = _entity_node(graph, resolution, pid, name) if name else None
        if other is None:
            continue
        head, tail = (node, other) if head_is_result else (other, node)
        if _fits(graph, head, tail, type_):
            _add_edge(graph, head, tail, type_, *args)


# ---- files -----------------------------------------------------------------------------


def save_graph(graph: nx.MultiDiGraph, directory: Path) -> Path:
    """Write ``graph.json`` (networkx node-link format) and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / GRAPH_FILE
    data = nx.node_link_data(graph, edges="links")
    with replaced_whole(path) as fh:  # never leave a half-written graph behind
        write_json(data, fh)
    return path


def write_json(data: dict[str, Any], fh: TextIO) -> None:
    """``json.dump(data, fh, ensure_ascii=False)``, byte for byte, but fast and lean.

    ``json.dump`` streams through the pure-Python encoder (several times slower), and
    ``json.dumps`` of the whole graph holds the whole text in memory at once (a quarter
    of the peak memory of a 10,000-abstract build). So each top-level list is written
    one item at a time, each item through the C encoder.
    """
    fh.write("{")
    for i, (key, value) in enumerate(data.items()):
        fh.write(("" if i == 0 else ", ") + json.dumps(key) + ": ")
        if isinstance(value, list):
            fh.write("[")
            for j, item in enumerate(value):
                fh.write(("" if j == 0 else ", ") + json.dumps(item, ensure_ascii=False))
            fh.write("]")
        else:
            fh.write(json.dumps(value, ensure_ascii=False))
    fh.write("}")


def load_graph(directory: Path) -> nx.MultiDiGraph:
    path = Path(directory) / GRAPH_FILE
    if not path.is_file():
        raise GraphMissingError(f"{path}: no graph here")
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise GraphFileError(f"{path}: not a kg graph file ({exc})") from exc
