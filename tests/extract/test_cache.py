"""The extraction cache: unchanged papers are not extracted again."""

import json
from pathlib import Path

import pytest

import kg.extract.cache
from kg.build import build
from kg.extract.cache import ExtractionCache, _dump, paper_key
from kg.extract.codec import extraction_to_dict
from kg.model import Paper

from repo_paths import SAMPLE


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.fixture
def rows():
    return [
        {"id": "a", "title": "TLEG: x", "abstract": "We present Transformer as Linear Expansion of learnGene (TLEG). TLEG is tested on ImageNet-1K."},
        {"id": "b", "title": "Other", "abstract": "We evaluate BERT on GLUE with accuracy."},
        {"id": "c", "title": "Third", "abstract": "U-PaLM outperforms PaLM on GSM8K."},
    ]


def test_rebuild_of_unchanged_input_takes_everything_from_the_cache(tmp_path, rows):
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    first = build([str(src)], tmp_path / "out")
    second = build([str(src)], tmp_path / "out")
    assert (first.cached, second.cached) == (0, 3)
    assert second.up_to_date and second.summary == first.summary
    assert second.extractions == first.extractions
    assert sorted(second.graph.edges(keys=True)) == sorted(first.graph.edges(keys=True))


def test_changing_one_abstract_re_extracts_only_that_one(tmp_path, rows):
    build([str(write_jsonl(tmp_path / "in.jsonl", rows))], tmp_path / "out")
    rows[1]["abstract"] = "We evaluate RoBERTa on SuperGLUE."
    again = build([str(write_jsonl(tmp_path / "in.jsonl", rows))], tmp_path / "out")
    assert again.cached == 2
    assert {e.name for e in again.extractions[1].entities} >= {"RoBERTa", "SuperGLUE"}


def test_no_cache_extracts_everything(tmp_path, rows):
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    build([str(src)], tmp_path / "out")
    assert build([str(src)], tmp_path / "out", use_cache=False).cached == 0


def test_a_new_extractor_version_invalidates_the_cache(tmp_path, rows, monkeypatch):
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    build([str(src)], tmp_path / "out")
    monkeypatch.setattr(kg.extract.cache, "EXTRACTOR_VERSION", "test-next")
    kg.extract.cache.extractor_fingerprint.cache_clear()
    try:
        assert build([str(src)], tmp_path / "out").cached == 0
    finally:
        kg.extract.cache.extractor_fingerprint.cache_clear()


def test_each_extractor_choice_has_its_own_cache_entries(tmp_path, rows):
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    rules = build([str(src)], tmp_path / "out", extractors="rules")
    assert all(e.source != "kg_model" for ex in rules.extractions for e in ex.entities)
    both = build([str(src)], tmp_path / "out", extractors="all")
    assert not both.up_to_date and both.cached == 0  # not the rules' extractions
    again = build([str(src)], tmp_path / "out", extractors="rules")
    assert again.cached == len(rows)  # switching back reuses what was extracted


def test_key_depends_on_the_extractor_choice():
    paper = Paper("1", "T", "A")
    assert len({paper_key(paper, "rules"), paper_key(paper, "model"), paper_key(paper, "all")}) == 3


def test_same_abstract_under_another_id_gets_its_own_proposes_edge(tmp_path, rows):
    build([str(write_jsonl(tmp_path / "in.jsonl", rows))], tmp_path / "out")
    rows[0]["id"] = "renamed"
    again = build([str(write_jsonl(tmp_path / "in.jsonl", rows))], tmp_path / "out")
    assert again.cached == 3
    assert again.graph.has_edge("paper:renamed", "method:tleg", key="PROPOSES")


def test_key_depends_on_title_and_abstract():
    a = Paper("1", "T", "A")
    assert paper_key(a) == paper_key(Paper("2", "T", "A"))
    assert paper_key(a) != paper_key(Paper("1", "T2", "A")) != paper_key(Paper("1", "T", "A2"))


def test_cache_survives_reopening(tmp_path):
    from kg.model import PaperExtraction

    cache = ExtractionCache(tmp_path / "c.sqlite")
    ex = PaperExtraction(Paper("1", "T", "A"), code=["https://x.org"])
    cache.put_many([ex])
    cache.close()
    again = ExtractionCache(tmp_path / "c.sqlite")
    assert again.get_many([Paper("1", "T", "A")]) == {0: ex}
    again.close()


def test_any_change_to_a_record_makes_a_real_build(tmp_path, rows):
    src = write_jsonl(tmp_path / "in.jsonl", rows)
    build([str(src)], tmp_path / "out")
    rows[2]["year"] = 2023  # metadata only: nothing to re-extract, but the graph changes
    again = build([str(write_jsonl(src, rows))], tmp_path / "out")
    assert not again.up_to_date and again.cached == 3
    assert again.graph.nodes["paper:c"]["year"] == 2023
    assert build([str(src)], tmp_path / "out").up_to_date


def test_cache_rows_hold_the_fields_asdict_gives(tmp_path):
    """_dump reads the records' __dict__ directly; it must match dataclasses.asdict."""
    result = build([str(SAMPLE)], tmp_path / "out", use_cache=False, extractors="rules")
    for ex in result.extractions:
        row = json.loads(_dump(ex))
        full = extraction_to_dict(ex)  # asdict
        assert row == {k: full[k] for k in ("entities", "relations", "results", "code", "acronyms")}
