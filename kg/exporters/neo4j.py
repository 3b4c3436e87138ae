"""Export a kg graph into Neo4j: schema, then nodes, then relationships, in batches.

Two paths. Into a database that holds no kg node (the label ``KG``), nodes and
relationships are CREATEd: the graph's ids are unique (the schema's constraints say so
too), so nothing needs looking up before it is written. Into a database that holds kg's
nodes, everything is MERGEd on ids, so a rerun changes nothing and a bigger graph adds
only what is new. Either way each transaction is a few ``UNWIND $rows ...`` queries, one
per label or per relationship type and endpoint labels, of ``batch_size`` rows in all,
so an interrupted export leaves only whole batches and a rerun completes it. Two
transactions run at once (``workers``), and relationships find their nodes by the
element ids the node queries answered.

Evidence is stored once: each Paper node holds the sentences its relationships cite
(``sentences``, a list that a later export only appends to), and each relationship
holds, in ``evidence_refs``, five integers per sentence (see :func:`evidence_refs`).

Labels and relationship types are checked against the fixed vocabularies in
:mod:`kg.model` before they are put into query text; every value is a parameter. All
nodes kg writes also carry the label ``KG``, so ``replace`` removes only those.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from neo4j import Driver

from kg.errors import Neo4jExportError
from kg.gc_pause import collector_paused
from kg.graph import paper_node_id
from kg.model import NODE_LABELS, RELATION_TYPES
from kg.neo4j.connection import Neo4jSettings, connect, driver_errors
from kg.neo4j.cypher_files import schema

__all__ = ["DEFAULT_BATCH_SIZE", "DEFAULT_WORKERS", "EVIDENCE_FIELDS", "ExportStats", "Rows", "evidence_refs",
           "export_graph", "graph_rows", "node_rows", "relationship_rows"]

KG_LABEL = "KG"
DEFAULT_BATCH_SIZE = 5_000  # rows per transaction; see README, Benchmarks
DEFAULT_WORKERS = 2  # transactions at a time: the server works on two at once (see README, Benchmarks)
EVIDENCE_FIELDS = ("paper", "sentence", "start", "end", "source")  # the five ints per sentence in evidence_refs
NO_OFFSET = -1  # a list property cannot hold null: an evidence without offsets (a title)


@dataclass
class ExportStats:
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    removed: int = 0
    created: bool = False  # the CREATE path: the database held no kg node
    seconds: float = 0.0
    seconds_nodes: float = 0.0
    seconds_relationships: float = 0.0

    @property
    def nodes_per_second(self) -> float:
        return sum(self.nodes.values()) / self.seconds_nodes if self.seconds_nodes else 0.0

    @property
    def relationships_per_second(self) -> float:
        total = sum(self.relationships.values())
        return total / self.seconds_relationships if self.seconds_relationships else 0.0


def _checked(name: str, allowed: tuple[str, ...]) -> str:
    """A label or type that may be pasted into query text: only from the fixed list."""
    if name not in allowed:
        raise Neo4jExportError(f"refusing to write {name!r}: not one of {', '.join(allowed)}")
    return name


# ---- rows --------------------------------------------------------------------------------


_SCALARS = (str, int, float, bool)
_SCALAR_TYPES = frozenset(_SCALARS)


def _neo4j_value(value: Any) -> Any:
    """Neo4j properties hold scalars and lists of scalars; anything else becomes JSON text."""
    if value is None or type(value) in _SCALAR_TYPES or isinstance(value, _SCALARS):
        return value
    if isinstance(value, (list, tuple)) and (
        {type(v) for v in value} <= _SCALAR_TYPES or all(isinstance(v, _SCALARS) for v in value)
    ):
        return list(value)
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Rows:
    """What an export writes. ``nodes``: label -> rows ``{"id", "props"}``;
    ``relationships``: (type, head label, tail label) -> rows ``{"head", "tail", "props"}``."""

    nodes: dict[str, list[dict]]
    relationships: dict[tuple[str, str, str], list[dict]]

    def relationships_by_type(self) -> dict[str, list[dict]]:
        by_type: dict[str, list[dict]] = defaultdict(list)
        for (type_, _, _), rows in sorted(self.relationships.items()):
            by_type[type_].extend(rows)
        return dict(by_type)


class _Sentences:
    """Each Paper node's sentences, in the order first cited, with their positions."""

    def __init__(self, known: dict[str, list[str]] | None):
        self.lists = {node: list(s) for node, s in (known or {}).items()}
        self._positions = {node: {x: i for i, x in enumerate(s)} for node, s in self.lists.items()}

    def position(self, node: str, sentence: str) -> int:
        positions = self._positions.get(node)
        if positions is None:
            positions = self._positions[node] = {}
            self.lists[node] = []
        i = positions.get(sentence)
        if i is None:
            i = positions[sentence] = len(positions)
            self.lists[node].append(sentence)
        return i


def _index(items: list, item: Any) -> int:
    """The position of ``item`` in ``items``, appending it when it is not there."""
    if items and items[0] == item:  # nearly always: one paper, one extractor
        return 0
    if item in items:
        return items.index(item)
    items.append(item)
    return len(items) - 1


def evidence_refs(evidence: list[dict], papers: list[str], sources: list[str], sentences: _Sentences,
                  graph: nx.MultiDiGraph) -> list[int]:
    """Five integers per evidence sentence (:data:`EVIDENCE_FIELDS`): the paper's position
    in the relationship's ``papers``, the sentence's position in that Paper node's
    ``sentences`` (added there when new), the character offsets of the mention in the
    abstract (-1 for none: a title) and the extractor's position in ``sources``.
    Evidence of a paper that has no node in the graph has nowhere to live and is left out.

    >>> g = nx.MultiDiGraph(); g.add_node("paper:p1", label="Paper")
    >>> sentences = _Sentences({"paper:p1": ["A title."]})
    >>> evidence_refs([{"paper": "p1", "sentence": "We propose X.", "start": 11, "end": 12, "source": "kg_rules"}],
    ...               ["p1"], ["kg_rules"], sentences, g)
    [0, 1, 11, 12, 0]
    >>> sentences.lists
    {'paper:p1': ['A title.', 'We propose X.']}
    """
    refs: list[int] = []
    for e in evidence:
        node = paper_node_id(e["paper"])
        if node not in graph:
            continue
        start, end = e.get("start"), e.get("end")
        refs += (
            _index(papers, e["paper"]),
            sentences.position(node, e["sentence"]),
            NO_OFFSET if start is None else start,
            NO_OFFSET if end is None else end,
            _index(sources, e.get("source") or ""),
        )
    return refs


def _relationship_rows(graph: nx.MultiDiGraph, labels: dict[str, str],
                       sentences: _Sentences) -> dict[tuple[str, str, str], list[dict]]:
    relationships: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for head, tail, key, data in graph.edges(keys=True, data=True):
        type_ = _checked(key, RELATION_TYPES)
        papers, sources = [str(p) for p in data.get("papers", ())], list(data.get("sources", ()))
        props = {"count": data.get("count", 1), "papers": papers, "sources": sources}
        score = data.get("score")
        if score is not None:
            props["score"] = score
        refs = evidence_refs(data.get("evidence", ()), papers, sources, sentences, graph)
        if refs:
            props["evidence_refs"] = refs
        relationships[(type_, labels[head], labels[tail])].append({"head": head, "tail": tail, "props": props})
    return dict(relationships)


def _node_rows(graph: nx.MultiDiGraph, labels: dict[str, str], papers: bool,
               sentences: _Sentences | None) -> dict[str, list[dict]]:
    """Rows of the Paper nodes (``papers``), with their sentences, or of all the others."""
    nodes: dict[str, list[dict]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        if (labels[node] == "Paper") != papers:
            continue
        props = {k: _neo4j_value(v) for k, v in data.items() if v is not None and k != "label"}
        if "aliases" in data:
            props["aliases_text"] = " | ".join(data["aliases"])
        if sentences is not None and node in sentences.lists:
            props["sentences"] = sentences.lists[node]
        props["id"] = node
        nodes[labels[node]].append({"id": node, "props": props})
    return dict(nodes)


def _labels(graph: nx.MultiDiGraph) -> dict[str, str]:
    return {node: _checked(data.get("label"), NODE_LABELS) for node, data in graph.nodes(data=True)}


def graph_rows(graph: nx.MultiDiGraph, known_sentences: dict[str, list[str]] | None = None) -> Rows:
    """The rows of ``graph``; every label and type checked. ``known_sentences`` (Paper node
    id -> the ``sentences`` already stored on it) keeps the positions stored relationships
    refer to: new sentences are appended after them."""
    sentences, labels = _Sentences(known_sentences), _labels(graph)
    relationships = _relationship_rows(graph, labels, sentences)
    nodes = {**_node_rows(graph, labels, False, None), **_node_rows(graph, labels, True, sentences)}
    return Rows(dict(sorted(nodes.items())), relationships)


def _check_vocabulary(graph: nx.MultiDiGraph) -> None:
    for label in {data.get("label") for _, data in graph.nodes(data=True)}:
        _checked(label, NODE_LABELS)
    for type_ in {key for _, _, key in graph.edges(keys=True)}:
        _checked(type_, RELATION_TYPES)


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """Rows per label: ``{"id": ..., "props": {...}}``; Paper nodes with their ``sentences``."""
    return graph_rows(graph).nodes


def relationship_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """Rows per relationship type: ``{"head", "tail", "props"}``, evidence as ``evidence_refs``."""
    return graph_rows(graph).relationships_by_type()


def _transactions(groups: list[tuple[str, list[dict]]], size: int) -> Iterator[list[tuple[str, list[dict]]]]:
    """The (query, rows) pairs of each transaction: ``size`` rows in all, taken in turn
    from the groups, so small groups share a transaction."""
    batch: list[tuple[str, list[dict]]] = []
    room = size
    for query, rows in groups:
        i = 0
        while i < len(rows):
            chunk = rows[i : i + room]
            batch.append((query, chunk))
            i += len(chunk)
            room -= len(chunk)
            if room == 0:
                yield batch
                batch, room = [], size
    if batch:
        yield batch


# ---- queries -----------------------------------------------------------------------------


def _node_query(label: str, create: bool) -> str:
    """Write a batch of nodes; answer each node's element id, for the relationships."""
    if create:
        write = f"UNWIND $rows AS row CREATE (n:{KG_LABEL}:{label}) SET n = row.props"
    else:
        write = f"UNWIND $rows AS row MERGE (n:{KG_LABEL} {{id: row.id}}) SET n:{label} SET n += row.props"
    return write + " RETURN collect(row.id) AS ids, collect(elementId(n)) AS elements"  # one record, not one a node


def _relationship_query(type_: str, head: str, tail: str, create: bool) -> str:
    """Write a batch of relationships between nodes found by the element ids the node
    queries answered (a seek, several times cheaper than looking ids up in the index);
    answer how many were written."""
    match = (f"UNWIND $rows AS row MATCH (a:{head}) WHERE elementId(a) = row.a "
             f"MATCH (b:{tail}) WHERE elementId(b) = row.b ")
    if create:
        write = f"CREATE (a)-[r:{type_}]->(b) SET r = row.props"
    else:  # evidence and evidence_json: the sentences as kg wrote them before evidence_refs
        write = f"MERGE (a)-[r:{type_}]->(b) SET r += row.props REMOVE r.evidence, r.evidence_json"
    return match + write + " RETURN count(*) AS written"


# ---- writing -----------------------------------------------------------------------------


def export_graph(
    graph: nx.MultiDiGraph,
    settings: Neo4jSettings,
    batch_size: int = DEFAULT_BATCH_SIZE,
    replace: bool = False,
    on_progress: Callable[[int], None] | None = None,
    driver: Driver | None = None,
    create: bool | None = None,
    workers: int = DEFAULT_WORKERS,
) -> ExportStats:
    """Write ``graph`` into Neo4j. ``on_progress(k)`` is called after each batch of k items.
    ``create``: True for the CREATE path, False for MERGE, None (the default) to CREATE
    exactly when the database holds no kg node. ``workers``: transactions written at once."""
    if batch_size < 1:
        raise Neo4jExportError(f"batch size must be at least 1, not {batch_size}")
    if workers < 1:
        raise Neo4jExportError(f"workers must be at least 1, not {workers}")
    _check_vocabulary(graph)  # before anything is written
    own_driver = driver is None
    driver = driver or connect(settings)
    stats = ExportStats()
    started = time.perf_counter()
    try:
        with driver.session(database=settings.database) as session:
            if replace:
                stats.removed = _remove_kg_nodes(session)
            for statement in schema().statements:
                _run(session, statement, {}, "applying cypher/schema.cypher")
            stats.created = _holds_no_kg_node(session) if create is None else create
            known = {} if stats.created else _stored_sentences(session, graph)
        t_nodes = time.perf_counter()
        nodes = _Writer(driver, settings.database, batch_size, "nodes", on_progress, workers)
        try:
            with collector_paused():  # acyclic rows: see kg.gc_pause
                # the nodes other than papers are written while the relationships' rows, and
                # with them the papers' sentences, are made
                labels, sentences = _labels(graph), _Sentences(known)
                others = _node_rows(graph, labels, False, None)
                nodes.submit([(_node_query(label, stats.created), r) for label, r in sorted(others.items())])
                relationships = _relationship_rows(graph, labels, sentences)
                papers = _node_rows(graph, labels, True, sentences)
                nodes.submit([(_node_query(label, stats.created), r) for label, r in sorted(papers.items())])
            answered = nodes.answers()
        finally:
            nodes.close()
        element_ids = {i: e for ids, elements in answered for i, e in zip(ids, elements, strict=True)}
        stats.nodes = {label: len(r) for label, r in sorted({**others, **papers}.items())}
        t_rel = time.perf_counter()
        stats.seconds_nodes = t_rel - t_nodes
        rels = _Writer(driver, settings.database, batch_size, "relationships", on_progress, workers)
        try:
            rels.submit([
                (_relationship_query(*key, stats.created),
                 [{"a": element_ids[r["head"]], "b": element_ids[r["tail"]], "props": r["props"]} for r in rs])
                for key, rs in sorted(relationships.items())
            ])
            written = sum(n for (n,) in rels.answers())
        finally:
            rels.close()
        stats.relationships = {t: len(r) for t, r in Rows({}, relationships).relationships_by_type().items()}
        if written != sum(stats.relationships.values()):
            raise Neo4jExportError(
                f"wrote {written} of {sum(stats.relationships.values())} relationships: nodes written "
                "moments before were gone (removed by another client?); rerun the export to finish"
            )
        stats.seconds_relationships = time.perf_counter() - t_rel
    finally:
        if own_driver:
            driver.close()
    stats.seconds = time.perf_counter() - started
    return stats


class _Writer:
    """Transactions of ``batch_size`` rows, ``workers`` at a time, each worker in a session
    of its own, while the caller goes on preparing rows. Progress is reported from the
    caller's thread; the first error stops what has not started."""

    def __init__(self, driver: Driver, database: str | None, batch_size: int, what: str,
                 on_progress: Callable[[int], None] | None, workers: int):
        self.driver, self.database, self.batch_size, self.what = driver, database, batch_size, what
        self.on_progress = on_progress
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kg-neo4j")
        self.local, self.lock, self.sessions = threading.local(), threading.Lock(), []
        self.futures: dict = {}

    def _run(self, batch: list[tuple[str, list[dict]]]) -> list[tuple]:
        if not hasattr(self.local, "session"):
            self.local.session = self.driver.session(database=self.database)
            with self.lock:
                self.sessions.append(self.local.session)
        return _write(self.local.session, batch, self.what)

    def submit(self, groups: list[tuple[str, list[dict]]]) -> None:
        for batch in _transactions(groups, self.batch_size):
            self.futures[self.pool.submit(self._run, batch)] = sum(len(rows) for _, rows in batch)

    def answers(self) -> list[tuple]:
        """Wait for every transaction; the records they answered."""
        answered: list[tuple] = []
        try:
            for future in as_completed(self.futures):
                answered += future.result()
                if self.on_progress:
                    self.on_progress(self.futures[future])
        finally:
            self.close()
        return answered

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        while self.sessions:
            self.sessions.pop().close()


def _write(session, batch: list[tuple[str, list[dict]]], what: str) -> list[tuple]:
    def work(tx):  # may be retried: the answer is the last attempt's
        return [tuple(record.values()) for query, rows in batch for record in tx.run(query, rows=rows)]

    with driver_errors(
        Neo4jExportError,
        lost=f"lost the connection to Neo4j while writing {what} ({{reason}}); "
        "the batches written so far are complete: rerun the export to finish",
        refused=f"Neo4j refused a batch of {what}: {{reason}}",
        failed=f"writing {what} to Neo4j failed: {{reason}}; rerun the export to finish",
        unsendable=f"cannot send a batch of {what} to Neo4j: {{reason}}",
    ):
        return session.execute_write(work)


def _read(session, query: str, params: dict, what: str) -> list:
    with driver_errors(
        Neo4jExportError,
        lost=f"lost the connection to Neo4j while {what} ({{reason}})",
        refused=f"Neo4j refused {what}: {{reason}}",
        failed=f"{what} failed: {{reason}}",
    ):
        return list(session.run(query, params))


def _run(session, statement: str, params: dict, what: str) -> None:
    _read(session, statement, params, what)


def _holds_no_kg_node(session) -> bool:
    records = _read(session, f"MATCH (n:{KG_LABEL}) RETURN count(n) AS n", {}, "counting kg's nodes")
    return records[0]["n"] == 0


def _stored_sentences(session, graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """The ``sentences`` stored on the graph's Paper nodes, by node id."""
    ids = [node for node, data in graph.nodes(data=True) if data.get("label") == "Paper"]
    records = _read(
        session,
        "UNWIND $ids AS id MATCH (p:Paper {id: id}) WHERE p.sentences IS NOT NULL RETURN p.id AS id, p.sentences AS s",
        {"ids": ids},
        "reading the sentences stored on Paper nodes",
    )
    return {r["id"]: list(r["s"]) for r in records}


def _remove_kg_nodes(session) -> int:
    """Delete the nodes kg wrote before (label KG) and their relationships, in batches."""
    removed = 0
    while True:
        def work(tx):
            record = tx.run(
                f"MATCH (n:{KG_LABEL}) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS removed"
            ).single()
            return record["removed"] if record else 0

        with driver_errors(
            Neo4jExportError,
            lost="lost the connection to Neo4j while removing kg's nodes ({reason})",
            refused="Neo4j refused to remove kg's nodes: {reason}",
            failed="Neo4j refused to remove kg's nodes: {reason}",
        ):
            batch = session.execute_write(work)
        removed += batch
        if batch == 0:
            return removed
