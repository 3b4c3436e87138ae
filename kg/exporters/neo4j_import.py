"""CSV files for ``neo4j-admin database import full``: the bulk path for graphs too big
for transactions.

One header file and one data file per label and per relationship type. Every node gets
the labels ``KG`` and its own, as ``kg export neo4j`` writes them, so the two routes give
the same graph. List values use the unit separator (U+001F) as array delimiter, since
evidence sentences contain every common punctuation mark.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.exporters.neo4j import KG_LABEL, graph_rows
from kg.model import NODE_LABELS, RELATION_TYPES

ARRAY_DELIMITER = "\u001f"


@dataclass
class ImportFiles:
    directory: Path
    nodes: dict[str, tuple[Path, Path]] = field(default_factory=dict)  # label -> (header, data)
    relationships: dict[str, tuple[Path, Path]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def admin_args(self, database: str = "neo4j") -> list[str]:
        """Arguments for ``neo4j-admin database import full`` (the database name first)."""
        args = [database, "--overwrite-destination=true", "--multiline-fields=true", "--array-delimiter=U+001F"]
        args += [f"--nodes={h},{d}" for h, d in self.nodes.values()]
        args += [f"--relationships={h},{d}" for h, d in self.relationships.values()]
        return args


def _kind(values: list) -> str:
    """The neo4j-admin type of a property, from the values it takes."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, list) for v in present):
        items = [x for v in present for x in v]
        if items and all(isinstance(x, int) and not isinstance(x, bool) for x in items):
            return "long[]"  # evidence_refs
        return "string[]"
    if present and all(isinstance(v, bool) for v in present):
        return "boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "long"
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "double"
    return "string"


def _cell(value, kind: str) -> str:
    if value is None:
        return ""
    if kind in ("string[]", "long[]"):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    if kind == "boolean":
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _write(directory: Path, stem: str, header: list[str], rows: list[list[str]]) -> tuple[Path, Path]:
    header_path, data_path = directory / f"{stem}_header.csv", directory / f"{stem}.csv"
    with open(header_path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(header)
    with open(data_path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return header_path.resolve(), data_path.resolve()


def write_import_files(graph: nx.MultiDiGraph, directory: Path) -> ImportFiles:
    directory.mkdir(parents=True, exist_ok=True)
    files = ImportFiles(directory)
    rows_of_graph = graph_rows(graph)
    for label, rows in sorted(rows_of_graph.nodes.items()):
        assert label in NODE_LABELS
        keys = sorted({k for r in rows for k in r["props"]} - {"id"})
        kinds = {k: _kind([r["props"].get(k) for r in rows]) for k in keys}
        header = ["id:ID"] + [f"{k}:{kinds[k]}" for k in keys] + [":LABEL"]
        data = [
            [r["id"]] + [_cell(r["props"].get(k), kinds[k]) for k in keys] + [f"{KG_LABEL}{ARRAY_DELIMITER}{label}"]
            for r in rows
        ]
        files.nodes[label] = _write(directory, f"nodes_{label}", header, data)
        files.counts[label] = len(rows)
    for type_, rows in sorted(rows_of_graph.relationships_by_type().items()):
        assert type_ in RELATION_TYPES
        keys = sorted({k for r in rows for k in r["props"]})
        kinds = {k: _kind([r["props"].get(k) for r in rows]) for k in keys}
        header = [":START_ID", ":END_ID"] + [f"{k}:{kinds[k]}" for k in keys] + [":TYPE"]
        data = [[r["head"], r["tail"]] + [_cell(r["props"].get(k), kinds[k]) for k in keys] + [type_] for r in rows]
        files.relationships[type_] = _write(directory, f"rels_{type_}", header, data)
        files.counts[type_] = len(rows)
    return files
