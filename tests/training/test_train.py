"""Tests for training.train: what the shipped model keeps of its training data."""

from __future__ import annotations

import json

import spacy
from spacy.tokens import DocBin

from training.train import keep_gold_strings


def test_keep_gold_strings_drops_what_only_the_silver_data_brought(tmp_path):
    nlp = spacy.blank("en")
    gold = tmp_path / "gold.spacy"
    DocBin(docs=[nlp.make_doc("BERT on SQuAD")]).to_disk(gold)
    vectors = tmp_path / "vectors"
    (vectors / "vocab").mkdir(parents=True)
    (vectors / "vocab" / "strings.json").write_text(json.dumps(["accuracy"]))
    model = tmp_path / "model"
    (model / "vocab").mkdir(parents=True)
    (model / "entity_tagger").mkdir()
    (model / "entity_tagger" / "cfg").write_text(json.dumps({"labels": ["B-Method", "O"]}))
    trained = ["O", "BERT", "Zorblax", "accuracy", "B-Method", "Xxxxx", "SQuAD", "https://example.org/x"]
    (model / "vocab" / "strings.json").write_text(json.dumps(trained))

    assert keep_gold_strings(model, [gold], vectors) == 5
    kept = json.loads((model / "vocab" / "strings.json").read_text())
    assert kept == ["O", "BERT", "accuracy", "B-Method", "SQuAD"]  # order kept; silver words and shapes gone
    assert keep_gold_strings(model, [gold], None) == 4  # without vectors: "accuracy" goes too
