"""The name lists shipped with the extractors: known methods, datasets, metrics, tasks.

``data/gazetteer.tsv`` is filtered from the team's merged lists (CC-BY-SA 4.0, see
``data/SOURCE.md``); ``data/type_fixes.tsv`` and ``data/mined.tsv`` come from mining the
conference corpus (``data/mine_corpus.py``: list names the corpus uses as another type,
and names the lists lack); ``data/curated.tsv`` is written by this project and wins on
conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
LIST_FILES = ("gazetteer.tsv", "type_fixes.tsv", "mined.tsv", "curated.tsv")  # what load_lexicon reads
NOT_AN_ENTITY = "-"  # curated.tsv type that removes a listed name
MINED_SCORE = 0.7  # a name mined from the corpus (mine_corpus.py): as sure as a one-source list name
_CASED_WORD = re.compile(r"\b[A-Z][A-Z0-9]+\b|[a-z0-9][A-Z]")  # "IS", "GLUE", "mAP", "ImageNet"


@dataclass(frozen=True)
class LexiconEntry:
    name: str
    type: str
    score: float
    canonical: str | None
    surfaces: tuple[str, ...] = ()  # spellings to match; several when lists differ in case only
    everyday: bool = False  # one everyday English word ("Binary", "Segmentation", "Yelp"): see is_proper_use

    @cached_property  # asked at every match
    def needs_case(self) -> bool:
        """Acronyms and CamelCase names ("IS", "mAP", "ImageNet") match only as written:
        "is", "map" and "imagenet" are other words."""
        return bool(_CASED_WORD.search(self.name))


def _rows(path: Path) -> list[dict[str, str]]:
    """The rows of a list file by column name: tab-separated, no quoting, ``#`` comments.
    (Split by hand: ``csv.DictReader`` took half of the lexicon's start-up.)"""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line.rstrip("\r\n") for line in fh if not line.startswith("#")]
    lines = [line for line in lines if line]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


_DENIED: set[str] = set()


def is_denied(name: str) -> bool:
    """Names curated.tsv says are not entities ("computer vision" is a field, not a task)."""
    load_lexicon()
    return name.casefold() in _DENIED


def is_proper_use(entry: LexiconEntry, surface: str, sentence_start: bool) -> bool:
    """Where a listed everyday word names the thing: written with the list's capital and
    not at a sentence start ("on Yelp", not "regression" or "Segmentation is ..."). The
    merged lists carry leaderboard headings ("Binary", "Sensitivity", "Prediction") that
    in prose are plain words; a word listed in lower case is never a name by itself.
    Names curated.tsv lists ("accuracy") are not everyday entries."""
    if not entry.everyday:
        return True
    return entry.name[0].isupper() and surface in entry.surfaces and not sentence_start


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, LexiconEntry]:
    """Casefolded name -> entry. Scores grow with the number of sources listing the name.
    Each entry is made once, with its spellings (this runs at every start)."""
    entries: dict[str, LexiconEntry] = {}
    for row in _rows(DATA_DIR / "gazetteer.tsv"):
        n = int(row["n_sources"])
        everyday = row.get("everyday") == "1"
        name = row["name"]
        entries[name.casefold()] = LexiconEntry(name, row["type"], min(0.6 + 0.1 * n, 0.88), None, (name,), everyday)
    for row in _rows(DATA_DIR / "type_fixes.tsv"):  # the corpus uses these as another type
        entry = entries.get(row["name"].casefold())
        # a two-letter acronym stands for different things ("EM": the algorithm, exact match)
        if entry is not None and entry.type == row["old_type"] and len(row["name"]) > 2:
            entries[row["name"].casefold()] = replace(entry, type=row["new_type"])
    for row in _rows(DATA_DIR / "mined.tsv"):  # names mined from the corpus the lists lack
        key = row["name"].casefold()
        if key not in entries:
            entries[key] = LexiconEntry(row["name"], row["type"], MINED_SCORE, None, (row["name"],))
    curated: set[str] = set()
    for row in _rows(DATA_DIR / "curated.tsv"):
        key = row["name"].casefold()
        if row["type"] == NOT_AN_ENTITY:
            entries.pop(key, None)
            _DENIED.add(key)
            continue
        canonical = (row.get("canonical") or "").strip() or None
        earlier = entries.get(key)
        # spellings that differ in case only add up within curated.tsv; a curated row replaces a listed one
        kept = earlier.surfaces if earlier and key in curated and earlier.type == row["type"] else ()
        entries[key] = LexiconEntry(row["name"], row["type"], 0.95, canonical, (*kept, row["name"]))
        curated.add(key)
    return entries
