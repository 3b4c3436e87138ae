"""Tests for kg.evaluate: gold loaders on hand-written snippets and the shared files,
and scoring with a fake extractor whose numbers are worked out by hand."""

from __future__ import annotations

import doctest
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import kg.evaluate
from kg.errors import EvalDataError
from kg.evaluate import (
    PRF,
    GoldDoc,
    GoldSpan,
    default_data_dir,
    format_report,
    load_dataset,
    load_scierc,
    load_tdmsci,
    normalize_name,
    score,
    tdmsci_split,
)
from kg.model import Entity, Paper, PaperExtraction

SHARED = Path(
    os.environ.get("KG_DATA_DIR") or Path(__file__).resolve().parents[2] / "shared" / "data"
)
SCIERC_DEV = SHARED / "scierc" / "dev.jsonl"
TDMSCI_TRAIN = SHARED / "tdmsci" / "train_1500_v2.conll"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"shared data folder {SHARED} missing"
)


def test_doctests() -> None:
    assert doctest.testmod(kg.evaluate).failed == 0


# ------------------------------------------------------------------------------- SciERC


def _write_scierc(tmp_path: Path, *records: dict) -> Path:
    path = tmp_path / "dev.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


SCIERC_RECORD = {
    "doc_key": "X96-1059",
    "sentences": [
        ["We", "use", "-LRB-", "CRF", "-RRB-", "for", "NER", "."],
        ["``", "F1", "''", "on", "-LSB-", "CoNLL", "-RSB-", "and", "-LCB-", "x", "-RCB-", "."],
    ],
    "ner": [
        [[3, 3, "Method"], [6, 6, "Task"], [0, 0, "Generic"]],
        [[8, 10, "Metric"], [12, 14, "Material"], [17, 17, "OtherScientificTerm"]],
    ],
    "relations": [[], []],
    "clusters": [],
}


def test_load_scierc_rebuilds_text_and_maps_labels(tmp_path: Path) -> None:
    docs = load_scierc(_write_scierc(tmp_path, SCIERC_RECORD))
    assert len(docs) == 1
    doc = docs[0]
    assert doc.id == "X96-1059"
    assert doc.text == 'We use ( CRF ) for NER . " F1 " on [ CoNLL ] and { x } .'
    assert [(s.type, s.text) for s in doc.spans] == [
        ("Method", "CRF"),
        ("Task", "NER"),
        ("Metric", '" F1 "'),
        ("Dataset", "[ CoNLL ]"),
    ]
    for span in doc.spans:
        assert doc.text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "line, message",
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"sentences": [["a"]], "ner": [[]]}), "doc_key"),
        (json.dumps({"doc_key": "d", "sentences": [["a"]], "ner": [[[0, 1, "Task"]]]}), "outside"),
        (json.dumps({"doc_key": "d", "sentences": [["a"]], "ner": [[[0, 0, "Thing"]]]}), "unknown"),
        (json.dumps({"doc_key": "d", "sentences": [["a"]], "ner": []}), "one entry per sentence"),
    ],
)
def test_load_scierc_malformed(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(EvalDataError, match=message) as info:
        load_scierc(path)
    assert f"{path}:1" in str(info.value)


def test_loaders_missing_or_empty_file(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError, match="not found"):
        load_scierc(tmp_path / "nope.jsonl")
    with pytest.raises(EvalDataError, match="not found"):
        load_tdmsci(tmp_path / "nope.conll")
    (tmp_path / "empty").write_text("\n\n", encoding="utf-8")
    with pytest.raises(EvalDataError, match="no SciERC"):
        load_scierc(tmp_path / "empty")
    with pytest.raises(EvalDataError, match="no TDMSci"):
        load_tdmsci(tmp_path / "empty")


@needs_shared
def test_load_scierc_dev_real() -> None:
    docs = load_scierc(SCIERC_DEV)
    assert len(docs) == 50
    assert len({d.id for d in docs}) == 50
    by_key = {json.loads(line)["doc_key"]: json.loads(line) for line in SCIERC_DEV.open()}
    counts: dict[str, int] = {}
    for doc in docs:
        record = by_key[doc.id]
        tokens = [kg.evaluate._unescape_token(t) for s in record["sentences"] for t in s]
        assert doc.text == " ".join(tokens)
        kept = [
            (s, e, kg.evaluate.SCIERC_LABELS[label])
            for sentence in record["ner"]
            for s, e, label in sentence
            if label in kg.evaluate.SCIERC_LABELS
        ]
        assert len(doc.spans) == len(kept)
        expected = {(t, " ".join(tokens[s : e + 1])) for s, e, t in kept}
        assert {(span.type, span.text) for span in doc.spans} == expected
        for span in doc.spans:
            assert doc.text[span.start : span.end] == span.text
            counts[span.type] = counts.get(span.type, 0) + 1
    assert counts == {"Method": 216, "Task": 127, "Dataset": 71, "Metric": 38}


# ------------------------------------------------------------------------------- TDMSci

CONLL = (
    "We\t0\tO\n"
    "report\t3\tO\n"
    "macro\t10\tB-METRIC\n"
    "F1\t16\tI-METRIC\n"
    "on\t19\tO\n"
    "SQuAD\t22\tB-DATASET\n"
    "(\t28\tO\n"
    "v2\t29\tI-DATASET\n"
    ")\t31\tO\n"
    "\n"
    # second sentence: offsets run on from the first, as in the released file
    "Machine\t40\tI-TASK\n"
    "translation\t48\tI-TASK\n"
    "and\t60\tO\n"
    "parsing\t64\tB-TASK\n"
    "BLEU\t72\tB-METRIC\n"
    "score\t77\tI-METRIC\n"
    "\n"
    "\n"
    "QA\t0\tB-TASK\n"
    "accuracy\t3\tI-METRIC\n"
)


def test_load_tdmsci_snippet(tmp_path: Path) -> None:
    path = tmp_path / "t.conll"
    path.write_text(CONLL, encoding="utf-8")
    docs = load_tdmsci(path)
    assert [d.id for d in docs] == ["tdmsci:0", "tdmsci:1", "tdmsci:2"]
    assert docs[0].text == "We report macro F1 on SQuAD (v2)"
    assert docs[0].origin == f"{path}:1"
    assert [(s.type, s.text) for s in docs[0].spans] == [
        ("Metric", "macro F1"),
        ("Dataset", "SQuAD"),
        ("Dataset", "v2"),  # I- after O starts a new span
    ]
    # I- without a B- starts a span; B- after I- of the same type starts another.
    assert docs[1].text == "Machine translation and parsing BLEU score"
    assert [(s.type, s.text) for s in docs[1].spans] == [
        ("Task", "Machine translation"),
        ("Task", "parsing"),
        ("Metric", "BLEU score"),
    ]
    # I- of a different type than the open span starts a new span.
    assert [(s.type, s.text) for s in docs[2].spans] == [("Task", "QA"), ("Metric", "accuracy")]
    for doc in docs:
        for span in doc.spans:
            assert doc.text[span.start : span.end] == span.text


def test_load_tdmsci_overlapping_offsets_kept_apart(tmp_path: Path) -> None:
    path = tmp_path / "t.conll"
    path.write_text("We\t5\tO\nintroduce\t8\tO\na\t10\tO\nsocial\t18\tB-TASK\n", encoding="utf-8")
    (doc,) = load_tdmsci(path)
    assert doc.text == "We introduce a       social"
    assert doc.spans == [GoldSpan("Task", 21, 27, "social")]


@pytest.mark.parametrize(
    "content, message",
    [
        ("We\t0\n", "3 tab-separated columns"),
        ("We\tx\tO\n", "not a whole number"),
        ("We\t0\tB-MODEL\n", "unknown tag"),
    ],
)
def test_load_tdmsci_malformed(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.conll"
    path.write_text("ok\t0\tO\n\n" + content, encoding="utf-8")
    with pytest.raises(EvalDataError, match=message) as info:
        load_tdmsci(path)
    assert f"{path}:3" in str(info.value)


def test_tdmsci_split() -> None:
    docs = [GoldDoc(id=f"tdmsci:{i}", text="x") for i in range(250)]
    train, dev = tdmsci_split(docs)
    assert [d.id for d in train] == [f"tdmsci:{i}" for i in range(50)]
    assert [d.id for d in dev] == [f"tdmsci:{i}" for i in range(50, 250)]
    train, dev = tdmsci_split(docs, dev_size=10)
    assert (len(train), len(dev)) == (240, 10)
    with pytest.raises(EvalDataError, match="only 250"):
        tdmsci_split(docs, dev_size=250)
    with pytest.raises(ValueError):
        tdmsci_split(docs, dev_size=0)


@needs_shared
def test_load_tdmsci_real() -> None:
    docs = load_tdmsci(TDMSCI_TRAIN)
    assert 1490 <= len(docs) <= 1530
    assert len({d.id for d in docs}) == len(docs)
    counts: dict[str, int] = {}
    for doc in docs:
        for span in doc.spans:
            assert doc.text[span.start : span.end] == span.text
            assert span.text == span.text.strip() and span.text
            counts[span.type] = counts.get(span.type, 0) + 1
    # B- tag counts from SOURCE.md (the file has no I- without B-).
    assert counts == {"Task": 1219, "Dataset": 420, "Metric": 536}
    train, dev = tdmsci_split(docs)
    assert len(dev) == 200 and len(train) == len(docs) - 200
    assert train + dev == docs


@needs_shared
def test_load_dataset_by_name() -> None:
    gold = load_dataset("tdmsci-dev", SHARED)
    assert (gold.name, len(gold.docs)) == ("tdmsci-dev", 200)
    assert gold.types == ("Dataset", "Metric", "Task")
    assert len(load_dataset("scierc-dev", SHARED).docs) == 50
    with pytest.raises(EvalDataError, match="unknown gold set"):
        load_dataset("nope", SHARED)


# ------------------------------------------------------------------------ data directory


def test_default_data_dir_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_DATA_DIR", str(tmp_path))
    assert default_data_dir() == tmp_path
    monkeypatch.setenv("KG_DATA_DIR", str(tmp_path / "missing"))
    with pytest.raises(EvalDataError, match="KG_DATA_DIR") as info:
        default_data_dir()
    assert str(tmp_path / "missing") in str(info.value)


def test_default_data_dir_from_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_DATA_DIR", raising=False)
    (tmp_path / "shared" / "data").mkdir(parents=True)
    (tmp_path / "repo").mkdir()
    monkeypatch.chdir(tmp_path / "repo")
    assert default_data_dir() == (tmp_path / "shared" / "data").resolve()


def test_default_data_dir_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(kg.evaluate, "__file__", str(tmp_path / "a" / "kg" / "evaluate.py"))
    with pytest.raises(EvalDataError, match="set KG_DATA_DIR") as info:
        default_data_dir()
    assert str((tmp_path / ".." / "shared" / "data").resolve()) in str(info.value)


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


def test_format_report_table() -> None:
    report = score(GOLD, _fake_extract, TYPES, dataset="toy", extractor="fake")
    report.seconds = 0.5
    text = format_report(report)
    lines = text.splitlines()
    assert lines[0] == "toy: fake (2 docs, 0.50 s, 4.0 docs/s)"
    assert "span   Method     50.0  100.0   66.7      2      2      0" in lines
    assert "names  micro      40.0   40.0   40.0      2      3      3" in lines
    table = lines[2:]
    assert len({len(line) for line in table}) == 1  # fixed width
    assert len(table) == 2 + 2 * (len(TYPES) + 1)


def test_library_does_not_print(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _write_scierc(tmp_path, SCIERC_RECORD)
    format_report(score(load_scierc(path), _fake_extract_empty, TYPES))
    assert capsys.readouterr() == ("", "")


def _fake_extract_empty(papers: Iterable[Paper]) -> Iterator[PaperExtraction]:
    for paper in papers:
        yield PaperExtraction(paper=paper)

