"""``kg_results``: reported numbers tied to a metric, and where stated a dataset and method.

"81.5% top-1 accuracy on ImageNet", "an FID of 52.3 and 60.3 on COCO and Visual Genome,
respectively", "2.2x less memory". A number counts when it carries a unit (%, x, points)
or sits right next to a metric ("FID of 52.3", "28.4 BLEU"); bare counts are ignored.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import Result

from .extensions import Candidate, doc_list, doc_text, sentences
from .relations import name_of

_NUMBER = re.compile(
    r"(?<![\w.\-/^])([+\-−]?\d+(?:[.,]\d+)?)\s?(%|×|x(?![A-Za-z])|-fold|\s?times\b|\s?(?:percentage\s)?points?\b|\s?pp\b)?"
)
_SPEED = re.compile(r"\b(?:faster|speed-?ups?|accelerat\w*|quicker)\b", re.I)
_METRIC_LINK = re.compile(r"^\s*(?:score\s+)?(?:of|is|=|:|reaches|reached|achieves|achieved|at)\s*(?:about|around|up to|only|just)?\s*$", re.I)
_AND = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)$")
WINDOW = 60  # characters between a number and its metric


def _leaves_bracket(between: str) -> bool:
    """Does ``between`` close a bracket it did not open? Then the metric before it sat in a
    bracket of its own: "(+2.83% classification accuracy), data efficiency (+12.69% ...)"
    does not measure 12.69 in accuracy."""
    depth = 0
    for ch in between:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return True
    return False


def _unit(raw: str | None) -> str:
    if not raw:
        return ""
    raw = raw.strip()
    if raw in ("×", "x", "-fold", "times"):
        return "x"
    if raw.startswith("point") or raw.startswith("percentage") or raw == "pp":
        return "points"
    return raw


class ResultFinder:
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        mentions: list[Candidate] = doc._.kg_mentions or []
        results = doc_list(doc, "kg_results")
        proposed = [r.tail for r in doc_list(doc, "kg_relations") if r.type == "PROPOSES"]
        for s_start, s_end in sentences(doc):
            s, e = s_start, s_end
            in_sent = [m for m in mentions if s <= m.start < e]
            metrics = [m for m in in_sent if m.type == "Metric"]
            numbers = [n for n in _NUMBER.finditer(text, s, e) if not self._inside_entity(n, in_sent)]
            found = []
            for i, n in enumerate(numbers):
                unit = _unit(n.group(2))
                # a speed cue belongs to the nearest number: "2.2x less memory and 3.5x faster"
                lo = max(s, n.start() - 40, numbers[i - 1].end() if i else s)
                hi = min(e, n.end() + 40, numbers[i + 1].start() if i + 1 < len(numbers) else e)
                if unit == "x" and _SPEED.search(text, lo, hi):
                    metric = "speedup"
                else:
                    metric = self._metric(text, n, metrics)
                listed = bool(found) and _AND.match(text, found[-1][0].end(), n.start()) is not None  # "52.3 and 60.3"
                if metric is None or (not unit and not listed and not self._adjacent(text, n, metrics)):
                    continue
                found.append((n, metric, unit))
            datasets = self._datasets(text, found, [m for m in in_sent if m.type == "Dataset"], s, e)
            for (n, metric, unit), dataset in zip(found, datasets):
                method = self._method(text, n.start(), in_sent, proposed)
                value = float(n.group(1).replace("−", "-").replace(",", "."))
                results.append(
                    Result(metric, value, unit, text[s:e], n.start(1), n.end(1), method=method, dataset=dataset)
                )
        return doc

    @staticmethod
    def _inside_entity(n: re.Match, mentions: list[Candidate]) -> bool:
        return any(m.start <= n.start(1) < m.end for m in mentions)

    @staticmethod
    def _metric(text: str, n: re.Match, metrics: list[Candidate]) -> str | None:
        """The metric right after the number ("81.5% top-1 accuracy"), else the nearest before it."""
        after = [m for m in metrics if 0 <= m.start - n.end() <= WINDOW and ";" not in text[n.end() : m.start]]
        before = [m for m in metrics if 0 <= n.start() - m.end <= WINDOW and not _leaves_bracket(text[m.end : n.start()])]
        if after and (not before or after[0].start - n.end() <= n.start() - before[-1].end or "(" in text[n.end() : after[0].start]):
            return name_of(text, after[0])
        if before:
            return name_of(text, before[-1])
        return None

    @staticmethod
    def _adjacent(text: str, n: re.Match, metrics: list[Candidate]) -> bool:
        """A unitless number counts only when glued to a metric: "FID of 52.3", "28.4 BLEU"."""
        for m in metrics:
            if m.end <= n.start() and _METRIC_LINK.match(text[m.end : n.start()] or " "):
                return True
            if n.end() <= m.start and not text[n.end() : m.start].strip():
                return True
        return False

    @staticmethod
    def _datasets(text: str, found: list, datasets: list[Candidate], s: int, e: int) -> list[str | None]:
        """One dataset per number: paired in order with "respectively", else the nearest one."""
        if not found:
            return []
        names = [name_of(text, d) for d in datasets]
        if "respectively" in text[s:e] and len(datasets) == len(found) > 1:
            return names
        out: list[str | None] = []
        for n, _, _ in found:
            after = [d for d in datasets if 0 <= d.start - n.end() <= WINDOW]
            before = [d for d in datasets if 0 <= n.start() - d.end <= WINDOW]
            pick = after[0] if after else (before[-1] if before else None)
            out.append(name_of(text, pick) if pick else None)
        return out

    @staticmethod
    def _method(text: str, at: int, mentions: list[Candidate], proposed: list[str]) -> str | None:
        """A proposed method named in the sentence; else the paper's only proposal; else the
        nearest method before the number (methods after it are usually the baseline: "over MoCo")."""
        methods = [name_of(text, m) for m in mentions if m.type == "Method"]
        for name in methods:
            if name in proposed:
                return name
        if len(set(proposed)) == 1:
            return proposed[0]
        before = [name_of(text, m) for m in mentions if m.type == "Method" and m.end <= at]
        return before[-1] if before else None


@Language.factory("kg_results")
def make_results(nlp: Language, name: str) -> ResultFinder:
    return ResultFinder()
