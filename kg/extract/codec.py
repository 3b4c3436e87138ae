"""The JSON shape of one paper's extraction, both ways: what ``kg extract`` prints,
``extractions.jsonl`` holds and the extraction cache stores. Evaluation scripts rely on
it, so it changes only with care."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kg.model import Acronym, Entity, Paper, PaperExtraction, Relation, Result


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


def findings_from_dict(paper: Paper, data: dict[str, Any]) -> PaperExtraction:
    """The inverse of :func:`findings_to_dict`, for ``paper``. A relation that starts at
    a paper (PROPOSES) starts at this one: findings are stored by content, and the same
    abstract may come again under another id."""
    relations = [Relation(**r) for r in data["relations"]]
    return PaperExtraction(
        paper,
        [Entity(**e) for e in data["entities"]],
        [replace(r, head=paper.id) if r.head_type == "Paper" else r for r in relations],
        [Result(**r) for r in data["results"]],
        list(data["code"]),
        [Acronym(**a) for a in data["acronyms"]],
    )
