"""Tests for training.corpus: gold and silver annotations as training docs."""

from __future__ import annotations

from kg.eval.datasets import GoldDoc, GoldSpan
from kg.extractors import build_pipeline
from training.corpus import ConversionStats, to_docs


def _doc(text: str, *phrases: tuple[str, str]) -> GoldDoc:
    spans = [GoldSpan(kind, text.index(p), text.index(p) + len(p), p) for p, kind in phrases]
    return GoldDoc("d1", text, spans, "test")


def test_gold_spans_are_kept_as_annotated_and_silver_spans_are_tidied():
    gold = _doc("We study classification of verbs and word error rate (WER).",
                ("classification of", "Task"), ("word error rate (WER", "Metric"))
    nlp = build_pipeline("rules")
    [as_gold] = to_docs(nlp, [gold], ConversionStats())
    [as_silver] = to_docs(nlp, [gold], ConversionStats(), tidy=True)
    assert [e.text for e in as_gold.ents] == ["classification of", "word error rate (WER"]
    assert [e.text for e in as_silver.ents] == ["classification", "word error rate (WER)"]
    assert [t.tag_ for t in as_silver][2:4] == ["B-Task", "O"]
