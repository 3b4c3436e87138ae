"""kg.extractors.confidence: scores are the precision of the entity's evidence group."""

from __future__ import annotations

from kg.extractors.confidence import calibrated, evidence_group, load_confidence
from kg.extractors.extensions import Candidate


def test_groups_by_component_type_and_shape():
    text = "BERT reaches high accuracy"
    assert evidence_group(Candidate(0, 4, "Method", "kg_gazetteer", 0.8), text) == ("kg_gazetteer", "Method", "name")
    assert evidence_group(Candidate(19, 27, "Metric", "kg_gazetteer", 0.95), text) == ("kg_gazetteer", "Metric", "plain")


def test_the_shipped_table_gives_every_default_entity_a_probability():
    table = load_confidence()
    assert table and all(0.0 < p < 1.0 for p in table.values())  # add-one smoothing: never certain
    text = "BERT reaches high accuracy"
    score = calibrated(Candidate(0, 4, "Method", "kg_gazetteer", 0.42), text, "all")
    assert score == table[("all", "kg_gazetteer", "Method", "name")]


def test_an_unmeasured_group_keeps_its_raw_score():
    assert calibrated(Candidate(0, 4, "Method", "kg_nowhere", 0.42), "BERT", "all") == 0.42
