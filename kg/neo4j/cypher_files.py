"""The Cypher files of ``kg.cypher`` (``cypher/`` in the checkout): the schema and the named queries.

Each file starts with ``//`` comment lines saying what it answers; a line
``// $params: a, b`` lists its parameters (``none`` if it has none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from kg.errors import QueryNotFoundError

CYPHER_DIR = Path(str(files("kg.cypher")))  # cypher/ in a checkout, package data when installed
_PARAMS = re.compile(r"^//\s*\$params:\s*(.*)$", re.M)


@dataclass(frozen=True)
class CypherFile:
    name: str
    description: str
    params: tuple[str, ...]
    text: str
    optional: tuple[str, ...] = ()  # params that may be left out (passed as null)

    @property
    def statements(self) -> list[str]:
        """The statements, split on ``;`` at line ends, comments removed."""
        body = "\n".join(line for line in self.text.splitlines() if not line.lstrip().startswith("//"))
        return [s.strip() for s in re.split(r";\s*$", body, flags=re.M) if s.strip()]


def read_cypher_file(path: Path) -> CypherFile:
    text = path.read_text(encoding="utf-8")
    comments = []
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        comments.append(line[2:].strip())
    m = _PARAMS.search(text)
    entries = [p.strip() for p in m.group(1).split(",")] if m else []
    entries = [p for p in entries if p and p != "none"]
    params = tuple(p.split()[0].lstrip("$") for p in entries)
    optional = tuple(p.split()[0].lstrip("$") for p in entries if "optional" in p)
    description = " ".join(c for c in comments if not c.startswith("$params"))
    return CypherFile(path.stem, description, params, text, optional)


def named_queries(directory: Path = CYPHER_DIR) -> dict[str, CypherFile]:
    """All named queries (every ``.cypher`` file except the schema), by name."""
    return {p.stem: read_cypher_file(p) for p in sorted(directory.glob("*.cypher")) if p.stem != "schema"}


def named_query(name: str, directory: Path = CYPHER_DIR) -> CypherFile:
    queries = named_queries(directory)
    if name not in queries:
        raise QueryNotFoundError(f"no query named {name!r}; the named queries are: {', '.join(queries)}")
    return queries[name]


def schema(directory: Path = CYPHER_DIR) -> CypherFile:
    return read_cypher_file(directory / "schema.cypher")
