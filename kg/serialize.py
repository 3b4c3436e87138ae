"""The JSON shape of one paper's extraction: what ``kg extract`` prints and
``extractions.jsonl`` holds. Evaluation scripts rely on it, so it changes only with care."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .model import PaperExtraction


def extraction_to_dict(ex: PaperExtraction) -> dict[str, Any]:
    return {
        "id": ex.paper.id,
        "title": ex.paper.title,
        "entities": [asdict(e) for e in ex.entities],
        "relations": [asdict(r) for r in ex.relations],
        "results": [asdict(r) for r in ex.results],
        "code": list(ex.code),
        "acronyms": [asdict(a) for a in ex.acronyms],
    }
