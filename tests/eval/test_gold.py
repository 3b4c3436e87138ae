"""kg.eval.gold: the kg_gold scoring rule of shared/data/kg_gold/GUIDELINES.md, on hand-made papers."""

from __future__ import annotations

import json

import pytest

from kg.errors import EvalDataError
from kg.eval.gold import load_gold, normalize_gold_name, score_gold
from kg.model import Entity, Paper, PaperExtraction, Relation, Result

PAPER = {
    "id": "p1",
    "title": "TNT: Transformer iN Transformer",
    "abstract": "We propose TNT. It reaches 81.5% top-1 accuracy on ImageNet and beats DeiT.",
    "gold": {
        "Method": ["TNT|Transformer iN Transformer", "DeiT"],
        "Dataset": ["ImageNet"],
        "Metric": ["top-1 accuracy"],
        "Task": ["image classification"],
        "ok": ["transformer"],
        "proposes": ["TNT"],
        "evaluated_on": [["TNT", "ImageNet"]],
        "outperforms": [["TNT", "DeiT"]],
        "results": [["TNT", "ImageNet", "top-1 accuracy", 81.5]],
    },
}


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([PAPER]))
    return load_gold(path)


def entity(type_, name, text=None):
    text = text or name
    return Entity(type_, name, text, 0, len(text), "", "test", 0.9)


def relation(type_, head, tail):
    return Relation(type_, head, tail, "Method", "Method", "", 0, 0, "test")


def test_normalisation_follows_the_guidelines():
    assert normalize_gold_name("The ImageNet dataset") == normalize_gold_name("the imagenet")
    assert normalize_gold_name("BERT models") == "bert" and normalize_gold_name("Transformers") == "transformer"
    assert normalize_gold_name("Wav2Vec–2.0") == "wav2vec20" and normalize_gold_name("loss") == "loss"
    assert normalize_gold_name("ImageNet-1K") != normalize_gold_name("ImageNet-100")


def test_found_missed_false_positives_and_ok(gold):
    ex = PaperExtraction(
        Paper("x", PAPER["title"], PAPER["abstract"]),
        [
            entity("Method", "Transformer iN Transformer", "TNT"),  # an alias counts
            entity("Method", "transformer"),  # ok: neither found nor false
            entity("Dataset", "ImageNet dataset"),
            entity("Dataset", "DeiT"),  # a named thing of the wrong type: a false positive...
            entity("Metric", "latency"),  # ...and so is an unannotated name
        ],
    )
    report = score_gold(gold, [ex])
    m, d, mt = report.entities["Method"], report.entities["Dataset"], report.entities["Metric"]
    assert (m.tp, m.fp, m.fn) == (1, 0, 1)  # DeiT as a method was missed
    assert (d.tp, d.fp, d.fn) == (1, 1, 0)
    assert (mt.tp, mt.fp, mt.fn) == (0, 1, 1)
    assert report.headline.tp == 2 and report.headline.fp == 2 and report.headline.fn == 2
    assert report.errors[0].false_positives["Dataset"] == ["DeiT"]
    assert report.errors[0].misses["Method"] == ["DeiT"]


def test_relations_and_results(gold):
    ex = PaperExtraction(
        Paper("x", PAPER["title"], PAPER["abstract"]),
        [entity("Method", "TNT"), entity("Method", "DeiT"), entity("Dataset", "ImageNet")],
        [relation("PROPOSES", "x", "TNT"), relation("OUTPERFORMS", "DeiT", "TNT"), relation("EVALUATED_ON", "TNT", "ImageNet")],
        [
            Result("top-1 accuracy", 81.5, "%", "", 0, 0, method="TNT", dataset="ImageNet"),
            Result("top-1 accuracy", 2.0, "% change", "", 0, 0, method="TNT"),  # a gain: not scored
            Result("top-1 accuracy", 80.0, "%", "", 0, 0, dataset="ImageNet"),  # a wrong value
        ],
    )
    report = score_gold(gold, [ex])
    r = report.relations
    assert (r["proposes"].tp, r["evaluated_on"].tp) == (1, 1)
    assert (r["outperforms"].tp, r["outperforms"].fp, r["outperforms"].fn) == (0, 1, 1)  # reversed
    assert (report.results.tp, report.results.fp, report.results.fn) == (1, 1, 0)


def test_a_paper_without_extraction_counts_as_nothing_found(gold):
    report = score_gold(gold, [])
    assert report.headline.tp == 0 and report.headline.fn == 4 and report.relations_micro.fn == 3


def test_malformed_gold_names_the_file_and_paper(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([PAPER, {"title": "T", "abstract": "A", "gold": {"results": [["x", "y", "F1"]]}}]))
    with pytest.raises(EvalDataError, match=r"bad.json:paper 2: each gold result"):
        load_gold(path)
    path.write_text("{not json")
    with pytest.raises(EvalDataError, match=r"bad.json:1: not valid JSON"):
        load_gold(path)
