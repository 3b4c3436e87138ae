"""``kg query``: run a named or ad-hoc Cypher query, read-only unless asked otherwise.

Two locks keep a read from writing: the text is checked for write clauses before it is
sent, and it runs in a READ transaction, which the server itself refuses to write in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from neo4j import Driver
from neo4j.graph import Node, Path, Relationship

from kg.errors import QueryError, WriteRefusedError
from kg.neo4j.connection import Neo4jSettings, connect, driver_errors

_WRITE = re.compile(
    r"\b(?:CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV|GRANT|DENY|REVOKE|ALTER|RENAME|TERMINATE)\b"
    r"|\bCALL\s+(?:dbms|db\.create|db\.index\.fulltext\.create|apoc\.(?:create|merge|refactor|periodic|do|cypher)|gds)\b",
    re.I,
)
_STRINGS_AND_COMMENTS = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)



def write_clause(text: str) -> str | None:
    """The first write clause in ``text``, ignoring strings, names in backticks and comments.

    >>> write_clause("MATCH (n {name: 'CREATE'}) RETURN n") is None
    True
    >>> write_clause("MATCH (n) DETACH DELETE n")
    'DETACH'
    """
    m = _WRITE.search(_STRINGS_AND_COMMENTS.sub(" ", text))
    return m.group(0).split()[0].upper() if m else None


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]


def _plain(value: Any) -> Any:
    """Nodes, relationships and paths as plain JSON-ready data."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **dict(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, Path):
        return [_plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def run_query(
    settings: Neo4jSettings, text: str, params: dict[str, Any], write: bool = False, driver: Driver | None = None
) -> QueryResult:
    clause = write_clause(text)
    if clause and not write:
        raise WriteRefusedError(f"refused: the query writes ({clause})")
    own = driver is None
    driver = driver or connect(settings)

    def work(tx):
        result = tx.run(text, params)
        records = list(result)
        return QueryResult(list(result.keys()), [[_plain(v) for v in r.values()] for r in records])

    try:
        with driver_errors(
            QueryError,
            lost=f"lost the connection to Neo4j at {settings.uri} ({{reason}})",
            refused="Neo4j refused the query: {reason}",
            failed="the query failed: {reason}",
            unsendable="cannot send the parameters to Neo4j: {reason}",
        ), driver.session(database=settings.database) as session:
            return session.execute_write(work) if write else session.execute_read(work)
    finally:
        if own:
            driver.close()
