"""Export a kg graph into Neo4j: schema, then nodes, then relationships, in batches.

Every batch is one ``UNWIND $rows ... MERGE`` transaction, so an interrupted export
leaves only whole batches and a rerun completes it; MERGE on ids makes reruns change
nothing. Labels and relationship types are checked against the fixed vocabularies in
:mod:`kg.model` before they are put into query text; every value is a parameter.
All nodes kg writes also carry the label ``KG``, so ``replace`` removes only those.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from neo4j import Driver

from kg.errors import Neo4jExportError
from kg.model import NODE_LABELS, RELATION_TYPES
from kg.neo4j.connection import Neo4jSettings, connect, driver_errors
from kg.neo4j.cypher_files import schema

KG_LABEL = "KG"
DEFAULT_BATCH_SIZE = 1000


@dataclass
class ExportStats:
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    removed: int = 0
    seconds: float = 0.0
    seconds_relationships: float = 0.0

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


def _neo4j_value(value: Any) -> Any:
    """Neo4j properties hold scalars and lists of scalars; anything else becomes JSON text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float, bool)) for v in value):
        return list(value)
    return json.dumps(value, ensure_ascii=False)


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """Rows per label: ``{"id": ..., "props": {...}}``."""
    rows: dict[str, list[dict]] = defaultdict(list)
    for node, data in graph.nodes(data=True):
        label = _checked(data.get("label"), NODE_LABELS)
        props = {k: _neo4j_value(v) for k, v in data.items() if k != "label" and v is not None}
        if "aliases" in data:
            props["aliases_text"] = " | ".join(data["aliases"])
        props["id"] = node
        rows[label].append({"id": node, "props": props})
    return rows


def relationship_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """Rows per relationship type: ``{"head", "tail", "props"}``; evidence sentences as a
    list and, with their offsets and sources, as JSON text."""
    rows: dict[str, list[dict]] = defaultdict(list)
    for head, tail, key, data in graph.edges(keys=True, data=True):
        type_ = _checked(key, RELATION_TYPES)
        evidence = data.get("evidence", [])
        props = {
            "count": data.get("count", 1),
            "score": data.get("score"),
            "papers": list(data.get("papers", [])),
            "sources": list(data.get("sources", [])),
            "evidence": [e["sentence"] for e in evidence],
            "evidence_json": json.dumps(evidence, ensure_ascii=False),
        }
        rows[type_].append({"head": head, "tail": tail, "props": {k: v for k, v in props.items() if v is not None}})
    return rows


def _batches(rows: list[dict], size: int) -> Iterator[list[dict]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


# ---- writing -----------------------------------------------------------------------------


def export_graph(
    graph: nx.MultiDiGraph,
    settings: Neo4jSettings,
    batch_size: int = DEFAULT_BATCH_SIZE,
    replace: bool = False,
    on_progress: Callable[[int], None] | None = None,
    driver: Driver | None = None,
) -> ExportStats:
    """Write ``graph`` into Neo4j. ``on_progress(k)`` is called after each batch of k items."""
    if batch_size < 1:
        raise Neo4jExportError(f"batch size must be at least 1, not {batch_size}")
    nodes, relationships = node_rows(graph), relationship_rows(graph)  # checked before anything is written
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
            for label, rows in sorted(nodes.items()):
                query = f"UNWIND $rows AS row MERGE (n:{KG_LABEL} {{id: row.id}}) SET n:{label} SET n += row.props"
                for batch in _batches(rows, batch_size):
                    _write(session, query, batch, f"{label} nodes")
                    if on_progress:
                        on_progress(len(batch))
                stats.nodes[label] = len(rows)
            t_rel = time.perf_counter()
            for type_, rows in sorted(relationships.items()):
                query = (
                    f"UNWIND $rows AS row MATCH (a:{KG_LABEL} {{id: row.head}}) MATCH (b:{KG_LABEL} {{id: row.tail}}) "
                    f"MERGE (a)-[r:{type_}]->(b) SET r += row.props"
                )
                for batch in _batches(rows, batch_size):
                    _write(session, query, batch, f"{type_} relationships")
                    if on_progress:
                        on_progress(len(batch))
                stats.relationships[type_] = len(rows)
            stats.seconds_relationships = time.perf_counter() - t_rel
    finally:
        if own_driver:
            driver.close()
    stats.seconds = time.perf_counter() - started
    return stats


def _write(session, query: str, batch: list[dict], what: str) -> None:
    def work(tx):
        tx.run(query, rows=batch).consume()

    with driver_errors(
        Neo4jExportError,
        lost=f"lost the connection to Neo4j while writing {what} ({{reason}}); "
        "the batches written so far are complete: rerun the export to finish",
        refused=f"Neo4j refused a batch of {what}: {{reason}}",
        failed=f"writing {what} to Neo4j failed: {{reason}}; rerun the export to finish",
        unsendable=f"cannot send a batch of {what} to Neo4j: {{reason}}",
    ):
        session.execute_write(work)


def _run(session, statement: str, params: dict, what: str) -> None:
    with driver_errors(
        Neo4jExportError,
        lost=f"lost the connection to Neo4j while {what} ({{reason}})",
        refused=f"Neo4j refused {what}: {{reason}}",
        failed=f"{what} failed: {{reason}}",
    ):
        session.run(statement, params).consume()


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
