"""The extraction cache: rebuilding unchanged input skips extraction entirely.

Keyed by a hash of each paper's title and abstract and of the extractor version (the
code version and the shipped name lists), so changing one abstract re-extracts only
that one, and changing the extractors invalidates everything. Stored in one SQLite file
(standard library, safe against a crash mid-write).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sqlite3
from functools import lru_cache
from pathlib import Path

from kg.extract.codec import findings_from_dict, findings_to_dict
from kg.model import DEFAULT_EXTRACTORS, Paper, PaperExtraction

CACHE_FILE = "extraction-cache.sqlite"


EXTRACTOR_VERSION = "2"  # bump to invalidate every cache by hand; code and list changes do it anyway


@lru_cache(maxsize=3)
def extractor_fingerprint(extractors: str = DEFAULT_EXTRACTORS) -> str:
    """A hash of which extractors run and of their code, name lists and (unless ``rules``)
    trained model, read as files: finding the package does not import it, so a build
    with nothing to extract never loads spaCy."""
    spec = importlib.util.find_spec("extractors")
    package = Path(spec.origin).parent if spec and spec.origin else None
    digest = hashlib.sha256(f"{EXTRACTOR_VERSION}:{extractors}".encode())
    files = sorted([*package.glob("*.py"), *package.glob("data/*.tsv")]) if package else []
    if package and extractors != "rules":
        files += sorted(p for p in (package / "model").rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    pipeline = Path(__file__).with_name("pipeline.py")  # turns the components' findings into records
    digest.update(pipeline.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def kg_fingerprint() -> str:
    """A hash of kg's own code: a build made by other code (another resolver, another
    graph model) is not up to date, though its extractions may still be reused."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parents[1].rglob("*.py")):  # all of kg/
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def paper_key(paper: Paper, extractors: str = DEFAULT_EXTRACTORS) -> str:
    raw = "\0".join((extractor_fingerprint(extractors), paper.title, paper.abstract))
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _dump(ex: PaperExtraction) -> str:
    return json.dumps(findings_to_dict(ex), ensure_ascii=False)


def _load(paper: Paper, text: str) -> PaperExtraction:
    return findings_from_dict(paper, json.loads(text))


class ExtractionCache:
    def __init__(self, path: Path, extractors: str = DEFAULT_EXTRACTORS) -> None:
        """``extractors``: entries are kept per extractor choice, so switching back is free."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.extractors = extractors
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, data TEXT NOT NULL)")

    def get_many(self, papers: list[Paper]) -> dict[int, PaperExtraction]:
        """Cached extractions by position in ``papers``."""
        keys = [paper_key(p, self.extractors) for p in papers]
        found: dict[str, str] = {}
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            marks = ",".join("?" * len(part))
            found.update(self.db.execute(f"SELECT key, data FROM extraction WHERE key IN ({marks})", part).fetchall())
        return {i: _load(p, found[k]) for i, (p, k) in enumerate(zip(papers, keys)) if k in found}

    def put_many(self, extractions: list[PaperExtraction]) -> None:
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO extraction (key, data) VALUES (?, ?)",
                ((paper_key(ex.paper, self.extractors), _dump(ex)) for ex in extractions),
            )

    def close(self) -> None:
        self.db.close()
