"""Calibrated confidence: an entity's ``score`` is how often entities found the same way
were right.

Each extractor's raw score is on its own scale (a list entry's number of sources, the
tagger's lowest tag probability, a fixed number for a pattern), so one cut could not
serve them all. ``data/confidence.tsv`` holds, per evidence group (the component that
found the entity, its type, and whether it is shaped like a name) and extractor choice,
the precision measured on the kg_gold dev files (``python benchmarks/calibrate.py`` writes it, with
add-one smoothing, so a group seen twice is not "certain"). ``kg build --min-score``
cuts on it.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from .extensions import Candidate
from .names import is_name_like

CONFIDENCE_FILE = Path(__file__).parent / "data" / "confidence.tsv"


def evidence_group(c: Candidate, text: str) -> tuple[str, str, str]:
    """(source, type, shape) of a chosen entity; shape is ``name`` for a distinctive
    surface (a digit or an inner capital: "ImageNet-1K", "BERT") and ``plain`` otherwise."""
    return c.source, c.type, "name" if is_name_like(text[c.start : c.end]) else "plain"


@lru_cache(maxsize=1)
def load_confidence() -> dict[tuple[str, str, str, str], float]:
    """(extractor choice, source, type, shape) -> calibrated precision; empty when the
    file is missing."""
    if not CONFIDENCE_FILE.is_file():
        return {}
    with open(CONFIDENCE_FILE, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {(r["extractors"], r["source"], r["type"], r["shape"]): float(r["precision"]) for r in rows}


def calibrated(c: Candidate, text: str, extractors: str) -> float:
    """The calibrated confidence of ``c`` chosen by ``extractors`` (rules, model or all:
    the same component keeps different things in each): its group's precision, else the
    precision of its component and type over both shapes, else its raw score."""
    table = load_confidence()
    source, type_, shape = evidence_group(c, text)
    for key in ((extractors, source, type_, shape), (extractors, source, type_, "*")):
        if key in table:
            return table[key]
    return c.score
