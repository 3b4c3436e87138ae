"""Score an extractor against gold entity annotations (see :mod:`kg.eval.datasets`).

Scoring knows nothing about how extraction works: :func:`score` takes an ``extract``
callable (papers in, :class:`~kg.model.PaperExtraction` out, in input order), so any
extractor, or a hand-made fake in a test, can be scored the same way. Nothing here
prints; :mod:`kg.cli.eval` formats the reports.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from kg.eval.datasets import GoldDoc
from kg.model import Paper, PaperExtraction

__all__ = ["EvalReport", "Extract", "PRF", "normalize_name", "score"]

Extract = Callable[[Iterable[Paper]], Iterator[PaperExtraction]]
"""What is scored: papers in, one extraction per paper out, in input order."""


# --------------------------------------------------------------------------------- scoring


@dataclass
class PRF:
    """Counts for one type and mode; precision/recall/F1 derive from them (0 if undefined).

    >>> PRF(tp=2, fp=2, fn=0).f1
    0.6666666666666666
    >>> PRF().precision
    0.0
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        """Accumulate another count (used for micro-averaging)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class EvalReport:
    """Scores of one extractor on one gold set, in two modes.

    ``span``: exact (type, start, end) matches. ``names``: per doc, the set of distinct
    (type, normalized name): what a graph built from the abstract would contain.
    """

    dataset: str
    extractor: str
    types: tuple[str, ...]
    span: dict[str, PRF]
    span_micro: PRF
    names: dict[str, PRF]
    names_micro: PRF
    docs: int
    seconds: float

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, for ``kg eval --json``."""
        return {
            "dataset": self.dataset,
            "extractor": self.extractor,
            "types": list(self.types),
            "docs": self.docs,
            "seconds": self.seconds,
            "docs_per_second": self.docs_per_second,
            "span": {
                "per_type": {t: prf.to_dict() for t, prf in self.span.items()},
                "micro": self.span_micro.to_dict(),
            },
            "names": {
                "per_type": {t: prf.to_dict() for t, prf in self.names.items()},
                "micro": self.names_micro.to_dict(),
            },
        }


# Punctuation stripped from the ends of a name; deliberately not + # % etc., so that
# "C++" and "C" or "F1" and "F1%" stay distinct.
_EDGE_PUNCT = " \t\n\r.,;:!?\"'`()[]{}“”‘’"
_WHITESPACE = re.compile(r"\s+")


def normalize_name(text: str) -> str:
    """Fold a surface form for the names mode: casefold, collapse whitespace, strip
    surrounding punctuation. Nothing more, so distinct names stay distinct.

    >>> normalize_name("  (BERT-Large  model). ")
    'bert-large model'
    """
    return _WHITESPACE.sub(" ", text.casefold()).strip(_EDGE_PUNCT)


def score(
    gold_docs: Sequence[GoldDoc],
    extract: Extract,
    types: Sequence[str],
    *,
    title: str = "",
    dataset: str = "",
    extractor: str = "",
) -> EvalReport:
    """Run ``extract`` once over all gold docs and score it per type and micro-averaged.

    Each doc becomes ``Paper(id=doc.id, title=title, abstract=doc.text)``. Predicted
    entities whose type is not in ``types`` are ignored, as are gold spans of other types.
    Duplicates count once in both modes (sets per doc). ``seconds`` covers the whole
    extract call, including consuming its iterator.
    """
    types = tuple(types)
    papers = [Paper(id=doc.id, title=title or "", abstract=doc.text) for doc in gold_docs]
    started = time.perf_counter()
    extractions = list(extract(papers))
    seconds = time.perf_counter() - started
    if len(extractions) != len(papers):
        raise ValueError(
            f"extract yielded {len(extractions)} extractions for {len(papers)} papers; "
            "it must yield exactly one per paper, in input order"
        )

    span = {t: PRF() for t in types}
    names = {t: PRF() for t in types}
    wanted = set(types)
    for doc, extraction in zip(gold_docs, extractions):
        if extraction.paper.id != doc.id:
            raise ValueError(
                f"extract yielded paper {extraction.paper.id!r} where {doc.id!r} was expected; "
                "it must yield in input order"
            )
        gold_spans = {(s.type, s.start, s.end) for s in doc.spans if s.type in wanted}
        pred_spans = {(e.type, e.start, e.end) for e in extraction.entities if e.type in wanted}
        gold_names = {(s.type, normalize_name(s.text)) for s in doc.spans if s.type in wanted}
        pred_names = {
            (e.type, normalize_name(e.text)) for e in extraction.entities if e.type in wanted
        }
        _count(span, gold_spans, pred_spans)
        # A name that is all punctuation normalizes to "" and is not a name.
        _count(names, {g for g in gold_names if g[1]}, {p for p in pred_names if p[1]})

    return EvalReport(
        dataset=dataset,
        extractor=extractor,
        types=types,
        span=span,
        span_micro=_micro(span),
        names=names,
        names_micro=_micro(names),
        docs=len(papers),
        seconds=seconds,
    )


def _count(table: dict[str, PRF], gold: set[tuple[Any, ...]], pred: set[tuple[Any, ...]]) -> None:
    """Add one doc's matches to ``table``; the first tuple element is the type."""
    for item in pred & gold:
        table[item[0]].tp += 1
    for item in pred - gold:
        table[item[0]].fp += 1
    for item in gold - pred:
        table[item[0]].fn += 1


def _micro(table: dict[str, PRF]) -> PRF:
    total = PRF()
    for prf in table.values():
        total.add(prf)
    return total
