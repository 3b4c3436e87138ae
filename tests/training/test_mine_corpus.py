"""Tests for training/mine_corpus.py, the corpus-mining dev tool, on hand-written text."""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from training.mine_corpus import context_fix, main
from training.mining.fragments import FragmentCounter, classify_uses, contains_name, name_key
from training.mining.rules import rule_acronym, rule_dataset, rule_method, rule_metric, tokens
from training.mining.votes import ContextCounter, select
from training.mining.words import CONCEPT, acceptable_name


def test_acronym_with_typed_head_noun():
    text = "We build a bidirectional spectral attention network (BSA-Net) for denoising."
    assert [(s, t) for s, t, _ in rule_acronym(text)] == [("BSA-Net", "Method")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Results on the Quorvex Street Scenes benchmark (QSSB) are strong.", ("QSSB", "Dataset")),
        ("We lower the mean flicker distance (MFD) of the videos.", ("MFD", "Metric")),
        ("We study multi-view glyph recognition (MVGR) in manuscripts.", ("MVGR", "Task")),
        ("We use maximum likelihood estimation (MLE) here.", ("MLE", "Method")),
        ("We study machine reading comprehension (MRC) at scale.", ("MRC", "Task")),
        ("We build a knowledge graph (KG) of papers.", None),  # two letters: too ambiguous
        ("We build a scene graph memory (SGM) of rooms.", ("SGM", CONCEPT)),  # untyped concept
        ("Our proposed model (PM) is fast.", None),
    ],
)
def test_acronym_types(text, expected):
    got = [(s, t) for s, t, _ in rule_acronym(text)]
    assert got == ([expected] if expected else [])


def test_dataset_rule_names_and_lists():
    text = (
        "We evaluate on the Zentaur-7K dataset and on MarbleQA, Fenwick3D and Ostrava-Nights benchmarks. "
        "Extensive experiments on three ZRX datasets and a large-scale dataset confirm this. "
        "We also use the Penn Gloss Treebank."
    )
    names = rule_dataset(tokens(text))
    assert {"Zentaur-7K", "MarbleQA", "Fenwick3D", "Ostrava-Nights", "Penn Gloss Treebank"} <= set(names)
    assert "ZRX" not in names  # "three ZRX datasets": a kind of data set
    assert not any("large" in n.lower() or n in {"Extensive", "Our"} for n in names)


def test_dataset_rule_rejects_descriptions():
    text = "We collect a new RGB-D dataset. This dataset and the English corpus are public. Our Dataset is new."
    assert rule_dataset(tokens(text)) == []


def test_method_rule():
    text = (
        "We propose GlimmerNet, a novel network for retrieval. GlimmerNet outperforms prior work. "
        "A model trained on ImageNet achieves 80% accuracy. The model, called TriFuse, is small."
    )
    got = rule_method(text)
    assert ("GlimmerNet", "Method") in got and ("TriFuse", "Method") in got
    assert not any(name == "ImageNet" for name, _ in got)  # object of "trained on", not a subject


def test_metric_rule():
    text = (
        "Our system reaches 31.2 BLEU on the test set and a ZQD score of 0.71, "
        "and it lowers the word error rate of 5.4% in terms of PQX and accuracy."
    )
    got = set(rule_metric(text))
    assert {"BLEU", "ZQD", "word error rate", "PQX"} <= got
    assert "accuracy" not in got or not acceptable_name("accuracy")


@pytest.mark.parametrize("name", ["method", "accuracy", "A", "2019", "Our", "Large-scale", "English-French", "SR", "dB"])
def test_rejected_names(name):
    assert not acceptable_name(name)


@pytest.mark.parametrize("name", ["BSA-Net", "KITTI", "CIFAR-100", "wav2vec", "Cityscapes"])
def test_accepted_names(name):
    assert acceptable_name(name)


def test_selection_needs_papers_and_agreement():
    votes = {
        "QSSB": Counter({"Dataset": 2}),  # two papers agree: kept
        "ZORB": Counter({"Dataset": 1}),  # one paper: dropped
        "MIXD": Counter({"Dataset": 2, "Method": 2}),  # 50 % agreement: dropped
        "GlimmerNet": Counter({"Method": 2}),  # a Method needs three papers
        "TriFuse": Counter({"Method": 3}),
        "MRCX": Counter({"Dataset": 3, CONCEPT: 3}),  # also defined as a concept: dropped
    }
    rules = {(n, t): {"dataset_head"} for n, c in votes.items() for t in c}
    kept = {row[0]: row[1] for row in select(votes, rules, {})}
    assert kept == {"QSSB": "Dataset", "TriFuse": "Method"}


def _write_corpus(path: Path, abstracts: list[str]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i, text in enumerate(abstracts):
            fh.write(json.dumps({"id": f"t:{i}", "venue": "nips", "title": f"Paper {i}", "abstract": text}) + "\n")
        fh.write(json.dumps({"id": "r:1", "venue": "icra", "title": "Robot", "abstract": abstracts[0]}) + "\n")


def test_end_to_end_on_a_tiny_corpus(tmp_path):
    abstracts = [
        "We introduce a quadrant shift attention network (QSANet) for images. We test on the Zentaur-7K dataset.",
        "Building on the quadrant shift attention network (QSANet), we evaluate on the Zentaur-7K dataset.",
        "A quadrant-shift attention network (QSANet) is used as a backbone. It runs fast.",
        "The gloss error (GLE) is reported. Our model is a strong network.",
        "We report the gloss error (GLE). The method works.",
        "Results on the Fenwick3D benchmark (FWB) are shown.",
    ]
    corpus = tmp_path / "c.jsonl.gz"
    _write_corpus(corpus, abstracts)
    assert main(["--corpus", str(corpus), "--out", str(tmp_path)]) == 0
    with open(tmp_path / "mined.tsv", encoding="utf-8") as fh:
        rows = {r["name"]: r for r in csv.DictReader(fh, delimiter="\t")}
    assert rows["QSANet"]["type"] == "Method" and rows["QSANet"]["n_papers"] == "3"
    assert rows["QSANet"]["rule"] == "acronym"
    assert rows["GLE"]["type"] == "Metric"
    assert rows["Zentaur-7K"]["type"] == "Dataset"
    assert "FWB" not in rows  # defined in one paper only
    assert not {"network", "method", "model"} & set(rows)
    for file in ("mined_conflicts.tsv", "type_fixes.tsv"):
        assert (tmp_path / file).exists()


# --- FRAGMENT rule: mined Dataset names that are pieces of longer names -------------------------


def test_uses_of_a_versioned_name_are_prefix_uses():
    text = "We test on ZORVAL-10 and ZORVAL-100, on ZORVAL 2019, and on the ZORVAL datasets."
    uses = classify_uses(text, "ZORVAL", ["ZORVAL-10", "ZORVAL-100"])
    assert uses["prefix"] == 3 and uses["alone"] == 1


def test_uses_inside_a_longer_name_are_inner_uses():
    text = "Results on Quill QVX 2012 and on QVX are shown; Quill QVX is small."
    uses = classify_uses(text, "QVX", ["Quill QVX", "Quill QVX 2012"])
    assert uses["inner"] == 2 and uses["alone"] == 1 and uses["prefix"] == 0


def test_collection_uses_skip_list_plurals():
    text = "Five Tarnby datasets, the Tarnby repository, and the Mirel and Tarnby datasets."
    uses = classify_uses(text, "Tarnby", [])
    assert uses["alone"] == 3 and uses["collection"] == 2  # "Mirel and Tarnby datasets" is a list


def test_fragment_verdicts():
    counter = FragmentCounter(["ZORVAL", "Quill Open", "Tarnby", "Fenwick3D"],
                                 {"ZORVAL-10", "Quill Open Dataset", "Fenwick3D"})
    assert counter.longer["Quill Open"] == []  # "Quill Open Dataset" is the same name, not a longer one
    for _ in range(4):
        counter.add("We use ZORVAL-10 and the ZORVAL dataset, and Fenwick3D.")
        counter.add("We use ZORVAL-10 and ZORVAL-10 again.")
    for _ in range(12):
        counter.add("Experiments on six Tarnby datasets show gains.")
    assert counter.verdict("ZORVAL") == "fragment"  # 12 of 16 uses are ZORVAL-10
    assert counter.verdict("Tarnby") == "collection"
    assert counter.verdict("Fenwick3D") is None


def test_name_key_drops_a_trailing_head():
    assert name_key("Quill Open Dataset") == name_key("Quill Open")
    assert contains_name("HMDB51", "HMDB") and not contains_name("Cityscapes", "Cityscape")


# --- TYPE-FIX by context: techniques vs problems ------------------------------------------------


def _contexts(texts):
    lexicon = {"frobnic augmentation": ("Frobnic Augmentation", "Task"),
               "glyph parsing": ("Glyph Parsing", "Task"), "QZM": ("QZM", "Method")}
    counter = ContextCounter(lexicon)
    for text in texts:
        counter.add(tokens(text))
    return counter


def test_technique_and_problem_contexts():
    counter = _contexts([
        "We train a model with frobnic augmentation and tackle glyph parsing.",
        "Using Frobnic Augmentation, a frobnic augmentation-based model solves the glyph parsing task.",
        "Frobnic augmentation is used here; we address glyph parsing, a method for glyph parsing.",
        "We deal with QZM. A framework for frobnic augmentation. The use QZM.",
    ])
    assert counter.counts["frobnic augmentation"] == Counter({"Method": 3})  # "for X" says nothing
    assert counter.counts["glyph parsing"] == Counter({"Task": 3})
    assert counter.counts["QZM"] == Counter({"Task": 1})  # "deal with X" is a problem


def test_context_cues_need_the_whole_name():
    counter = _contexts(["A deep glyph parsing task and using frobnic augmentations."])
    assert "glyph parsing" not in counter.counts  # "deep glyph parsing" is another phrase


def test_context_fix_thresholds():
    assert context_fix("Frobnic Augmentation", "Task", Counter({"Method": 17, "Task": 2})) == "Method"
    assert context_fix("Frobnic Augmentation", "Task", Counter({"Method": 8, "Task": 0})) is None  # < 10 papers
    assert context_fix("Frobnic Augmentation", "Task", Counter({"Method": 15, "Task": 5})) is None  # 75 %
    assert context_fix("frobnication", "Task", Counter({"Method": 30})) is None  # one everyday-shaped word
    assert context_fix("Frobnic Graphs", "Task", Counter({"Method": 30})) is None  # a kind of data
    assert context_fix("QZM", "Method", Counter({"Task": 12, "Method": 1})) == "Task"
    assert context_fix("QZM", "Dataset", Counter({"Method": 30})) is None
