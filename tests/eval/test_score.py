"""kg.eval.score: counting, normalisation and the scoring contract, with fake extractors."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import pytest

from kg.eval.datasets import (
    GoldDoc,
    GoldSpan,
)
from kg.eval.score import PRF, normalize_name, score
from kg.model import Entity, Paper, PaperExtraction

# ------------------------------------------------------------------------------ scoring


def _entity(type_: str, text: str, start: int) -> Entity:
    return Entity(type_, text, text, start, start + len(text), "", "fake", 1.0)


GOLD_TEXT = "We apply BERT to question answering on SQuAD and measure F1 ; BERT wins ."
#            0123456789012345678901234567890123456789012345678901234567890123456789012
GOLD = [
    GoldDoc(
        id="d1",
        text=GOLD_TEXT,
        spans=[
            GoldSpan("Method", 9, 13, "BERT"),
            GoldSpan("Task", 17, 35, "question answering"),
            GoldSpan("Dataset", 39, 44, "SQuAD"),
            GoldSpan("Metric", 57, 59, "F1"),
            GoldSpan("Method", 62, 66, "BERT"),
        ],
    ),
    GoldDoc(id="d2", text="Parsing with an LSTM .", spans=[GoldSpan("Task", 0, 7, "Parsing")]),
]


def _fake_extract(papers: Iterable[Paper]) -> Iterator[PaperExtraction]:
    """Predictions with known errors: see the counts in the test below."""
    predictions = {
        "d1": [
            _entity("Method", "BERT", 9),  # right
            _entity("Method", "BERT", 62),  # right; same name as above
            _entity("Method", "question answering", 17),  # wrong type (gold: Task)
            _entity("Dataset", "SQuAD and", 39),  # boundary error; name "squad and" wrong too
            _entity("Metric", "F1", 57),  # right
            _entity("Metric", "F1", 57),  # exact duplicate prediction
            _entity("Result", "wins", 67),  # type not scored: ignored
        ],
        "d2": [_entity("Method", "LSTM", 16)],  # spurious
    }
    for paper in papers:
        assert paper.abstract == {d.id: d.text for d in GOLD}[paper.id]
        yield PaperExtraction(paper=paper, entities=predictions[paper.id])


TYPES = ("Method", "Dataset", "Metric", "Task")


def test_score_counts_by_hand() -> None:
    report = score(GOLD, _fake_extract, TYPES, dataset="toy", extractor="fake")
    counts = lambda table: {t: (p.tp, p.fp, p.fn) for t, p in table.items()}  # noqa: E731
    # Span mode. Method: 2 right, "question answering" + LSTM wrong -> tp2 fp2 fn0.
    # Dataset: boundary error -> fp1 fn1. Metric: F1 (duplicate once) -> tp1.
    # Task: "question answering" (predicted as Method) and "Parsing" missed -> fn2.
    assert counts(report.span) == {
        "Method": (2, 2, 0),
        "Dataset": (0, 1, 1),
        "Metric": (1, 0, 0),
        "Task": (0, 0, 2),
    }
    assert (report.span_micro.tp, report.span_micro.fp, report.span_micro.fn) == (3, 3, 3)
    assert report.span["Method"].precision == pytest.approx(0.5)
    assert report.span["Method"].recall == pytest.approx(1.0)
    assert report.span["Method"].f1 == pytest.approx(2 / 3)
    assert report.span["Task"].precision == 0.0 and report.span["Task"].f1 == 0.0
    assert report.span_micro.precision == pytest.approx(0.5)
    assert report.span_micro.recall == pytest.approx(0.5)
    assert report.span_micro.f1 == pytest.approx(0.5)

    # Names mode. d1 gold: {Method bert, Task question answering, Dataset squad, Metric f1};
    # d1 predicted: {Method bert (twice -> once), Method question answering, Dataset squad and,
    # Metric f1}; d2 gold {Task parsing}, predicted {Method lstm}.
    assert counts(report.names) == {
        "Method": (1, 2, 0),
        "Dataset": (0, 1, 1),
        "Metric": (1, 0, 0),
        "Task": (0, 0, 2),
    }
    micro = report.names_micro
    assert (micro.tp, micro.fp, micro.fn) == (2, 3, 3)
    assert micro.precision == pytest.approx(0.4)
    assert micro.recall == pytest.approx(0.4)
    assert micro.f1 == pytest.approx(0.4)
    assert report.names["Method"].precision == pytest.approx(1 / 3)
    assert report.names["Method"].f1 == pytest.approx(0.5)

    assert report.docs == 2
    assert report.seconds >= 0
    assert (report.dataset, report.extractor, report.types) == ("toy", "fake", TYPES)


def test_score_restricted_types_ignores_other_gold_and_predictions() -> None:
    report = score(GOLD, _fake_extract, ("Metric", "Task"))
    assert set(report.span) == {"Metric", "Task"}
    assert (report.span_micro.tp, report.span_micro.fp, report.span_micro.fn) == (1, 0, 2)
    assert (report.names_micro.tp, report.names_micro.fp, report.names_micro.fn) == (1, 0, 2)


def test_score_names_normalization_and_paper_records() -> None:
    span = GoldSpan("Dataset", 4, 19, "Penn Treebank.")
    gold = [GoldDoc(id="g", text="The  Penn Treebank.", spans=[span])]
    seen: list[Paper] = []

    def extract(papers: Iterable[Paper]) -> Iterator[PaperExtraction]:
        for paper in papers:
            seen.append(paper)
            # Surface form differs in case/space/punctuation; offsets are off by one.
            entity = _entity("Dataset", "(penn   TREEBANK)", 3)
            yield PaperExtraction(paper=paper, entities=[entity])

    report = score(gold, extract, ("Dataset",), title="T")
    assert seen == [Paper(id="g", title="T", abstract="The  Penn Treebank.")]
    assert (report.names_micro.tp, report.names_micro.fp, report.names_micro.fn) == (1, 0, 0)
    assert (report.span_micro.tp, report.span_micro.fp, report.span_micro.fn) == (0, 1, 1)


def test_normalize_name_keeps_distinct_names_distinct() -> None:
    assert normalize_name(" “BLEU-4” ") == "bleu-4"
    assert normalize_name("C++") != normalize_name("C")
    assert normalize_name("word2vec") != normalize_name("word 2 vec")
    assert normalize_name("F1 %") == "f1 %"


def test_score_rejects_extractor_breaking_the_contract() -> None:
    def too_few(papers: Iterable[Paper]) -> Iterator[PaperExtraction]:
        yield from []

    def reordered(papers: Iterable[Paper]) -> Iterator[PaperExtraction]:
        for paper in reversed(list(papers)):
            yield PaperExtraction(paper=paper)

    with pytest.raises(ValueError, match="one per paper"):
        score(GOLD, too_few, TYPES)
    with pytest.raises(ValueError, match="input order"):
        score(GOLD, reordered, TYPES)


def test_score_no_docs() -> None:
    report = score([], lambda papers: iter(()), TYPES)
    assert report.docs == 0 and report.span_micro.f1 == 0.0 and report.docs_per_second >= 0


def test_prf_edge_cases() -> None:
    assert (PRF().precision, PRF().recall, PRF().f1) == (0.0, 0.0, 0.0)
    assert PRF(tp=0, fp=3, fn=0).f1 == 0.0
    assert PRF(tp=3, fp=1, fn=2).to_dict() == {
        "tp": 3,
        "fp": 1,
        "fn": 2,
        "precision": 0.75,
        "recall": 0.6,
        "f1": pytest.approx(2 * 0.75 * 0.6 / 1.35),
    }


def test_report_to_dict_is_json_ready() -> None:
    report = score(GOLD, _fake_extract, TYPES, dataset="toy", extractor="fake")
    report.seconds = 0.5
    data = json.loads(json.dumps(report.to_dict()))
    assert data["dataset"] == "toy" and data["extractor"] == "fake"
    assert data["docs"] == 2 and data["docs_per_second"] == 4.0
    assert data["span"]["per_type"]["Method"] == {
        "tp": 2, "fp": 2, "fn": 0, "precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3)
    }
    assert data["names"]["micro"]["tp"] == 2
    assert data["types"] == list(TYPES)


def test_library_does_not_print(capsys: pytest.CaptureFixture[str]) -> None:
    score(GOLD, _fake_extract_empty, TYPES).to_dict()
    assert capsys.readouterr() == ("", "")


def _fake_extract_empty(papers: Iterable[Paper]) -> Iterator[PaperExtraction]:
    for paper in papers:
        yield PaperExtraction(paper=paper)

