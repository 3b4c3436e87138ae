"""What the tests of kg.read share: the sample files and small writers."""

from __future__ import annotations

import json
from pathlib import Path

from kg.model import Paper, ReadProblem

DATA = Path(__file__).resolve().parents[1] / "data" / "read"
ABSTRACT = (
    "We propose a new method for counting things. It beats every baseline on the benchmark "
    "by a wide margin, and we release the code so that others can count things too."
)


def sample(name: str) -> str:
    """The path of a sample file, as a user would pass it."""
    return str(DATA / name)


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return str(path)


def jsonl(*records: dict | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def split(records) -> tuple[list[Paper], list[ReadProblem]]:
    records = list(records)
    return ([r for r in records if isinstance(r, Paper)],
            [r for r in records if isinstance(r, ReadProblem)])


def problems_of(records) -> list[tuple[int, str]]:
    """(line, why) of each problem: what a user reads on stderr."""
    return [(p.line, p.why) for p in split(records)[1]]
