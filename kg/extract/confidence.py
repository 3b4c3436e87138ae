"""The confidence cut between extraction and resolution: ``--min-score``.

Entities carry a calibrated confidence (``score``, :mod:`extractors.confidence`); a
build leaves out those below the cut before names are resolved, so no node, edge or
result is made from them.
"""

from __future__ import annotations

from dataclasses import replace

from kg.model import PaperExtraction


def keep_confident(ex: PaperExtraction, min_score: float) -> PaperExtraction:
    """``ex`` without the entities whose calibrated confidence (``score``, see
    :mod:`extractors.confidence`) is below ``min_score``, and without the relations and
    results that only those names would hold up: no node is left behind by an edge."""
    if min_score <= 0:
        return ex
    kept = [e for e in ex.entities if e.score >= min_score]
    if len(kept) == len(ex.entities):
        return ex
    dropped = {e.name for e in ex.entities} - {e.name for e in kept}
    relations = [r for r in ex.relations if r.head not in dropped and r.tail not in dropped]
    results = [
        replace(r, method=None if r.method in dropped else r.method, dataset=None if r.dataset in dropped else r.dataset)
        for r in ex.results
        if r.metric not in dropped
    ]
    return replace(ex, entities=kept, relations=relations, results=results)
