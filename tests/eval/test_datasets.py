"""kg.eval.datasets: the SciERC and TDMSci loaders and the data folder, on hand-written files and the real ones."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import kg.eval.datasets
from kg.errors import EvalDataError
from kg.eval.datasets import (
    GoldDoc,
    GoldSpan,
    default_data_dir,
    load_dataset,
    load_scierc,
    load_tdmsci,
    tdmsci_split,
)

SHARED = Path(
    os.environ.get("KG_DATA_DIR") or Path(__file__).resolve().parents[3] / "shared" / "data"
)
SCIERC_DEV = SHARED / "scierc" / "dev.jsonl"
TDMSCI_TRAIN = SHARED / "tdmsci" / "train_1500_v2.conll"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"shared data folder {SHARED} missing"
)


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
        tokens = [kg.eval.datasets._unescape_token(t) for s in record["sentences"] for t in s]
        assert doc.text == " ".join(tokens)
        kept = [
            (s, e, kg.eval.datasets.SCIERC_LABELS[label])
            for sentence in record["ner"]
            for s, e, label in sentence
            if label in kg.eval.datasets.SCIERC_LABELS
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
    monkeypatch.setattr(kg.eval.datasets, "__file__", str(tmp_path / "a" / "kg" / "eval" / "datasets.py"))
    with pytest.raises(EvalDataError, match="set KG_DATA_DIR") as info:
        default_data_dir()
    assert str((tmp_path / ".." / "shared" / "data").resolve()) in str(info.value)


