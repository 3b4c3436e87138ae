"""The JSON shape of one paper's extraction: what ``kg extract`` prints and
``extractions.jsonl`` holds. Evaluation scripts rely on it, so it changes only with care."""

from __future__ import annotations

from typing import Any

from kg.model import PaperExtraction


def extraction_to_dict(ex: PaperExtraction) -> dict[str, Any]:
    return {"id": ex.paper.id, "title": ex.paper.title, **findings_to_dict(ex)}


def findings_to_dict(ex: PaperExtraction) -> dict[str, Any]:
    """What was found in one paper, without the paper.

    ``dict(vars(record))``, not ``asdict``: the same dict for these flat records (fields
    in order; str, int, float or None), without ``asdict``'s recursion and deep copies,
    which were most of the time of writing extractions.
    """
    return {
        "entities": [dict(vars(e)) for e in ex.entities],
        "relations": [dict(vars(r)) for r in ex.relations],
        "results": [dict(vars(r)) for r in ex.results],
        "code": list(ex.code),
        "acronyms": [dict(vars(a)) for a in ex.acronyms],
    }
