"""Semantic Scholar Graph API papers (kg.read.semantic_scholar)."""

from __future__ import annotations

import json

from kg.read import read_records
from read.samples import problems_of, sample, split, write

SPARSE = "s2:649def34f8be52c8b66281af98ae884c09aef38b"
CAFE = "s2:0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"
COUNTING = "s2:fedcba9876543210fedcba9876543210fedcba98"


def test_a_search_page_gives_each_paper_with_authors_venue_and_external_ids():
    path = sample("s2-search.json")
    papers, problems = split(read_records(path))
    assert [(p.id, p.origin) for p in papers] == [(SPARSE, f"{path}:6"), (CAFE, f"{path}:35")]
    sparse, cafe = papers
    assert sparse.title == "Sparse Mixture-of-Experts Routing at Scale"
    assert sparse.abstract.startswith("Mixture-of-experts (MoE) models route each token")
    assert (sparse.authors, sparse.year, sparse.venue) == (("Chidi Okafor", "Min-Jun Lee"), 2023, "arXiv.org")
    assert sparse.extra["author_ids"] == ["s2:2100000001", None]
    assert sparse.extra["doi"] == "10.48550/arxiv.2302.01234"
    assert sparse.extra["external_ids"]["ArXiv"] == "2302.01234"
    assert cafe.venue == "Conference on Empirical Methods in Natural Language Processing"  # "venue" is empty
    assert [(p.line, p.why) for p in problems] == [(59, f"no abstract; skipped ({COUNTING})")]


def test_a_batch_response_reports_each_unknown_id_by_its_place():
    path = sample("s2-batch.json")
    papers, problems = split(read_records(path))
    assert [p.id for p in papers] == [SPARSE, CAFE]
    assert [(p.line, p.why) for p in problems] == [
        (1, "null where a paper should be (an id the batch API does not know); skipped (element 2)"),
        (1, f"no abstract; skipped ({COUNTING})"),
    ]


def test_bulk_json_lines_give_one_paper_per_line():
    path = sample("s2-bulk.jsonl")
    papers, problems = split(read_records(path))
    assert [(p.id, p.origin) for p in papers] == [(SPARSE, f"{path}:1"), (CAFE, f"{path}:2")]
    assert [(p.line, p.why) for p in problems] == [(3, f"no abstract; skipped ({COUNTING})")]


def test_broken_bulk_lines_are_reported_and_the_rest_read():
    path = sample("s2-broken.jsonl")
    papers, problems = split(read_records(path))
    assert [(p.id, p.year, p.origin) for p in papers] == [
        (SPARSE, 2023, f"{path}:1"), ("s2:2222222222222222222222222222222222222222", 2024, f"{path}:6")]
    assert [(p.line, p.why) for p in problems] == [
        (2, "invalid JSON: Unterminated string starting at (column 145)"),
        (3, "'authors' must be an array of objects with a 'name' (s2:1111111111111111111111111111111111111111)"),
        (4, "null where a paper should be (an id the batch API does not know); skipped"),
        (5, f"no abstract; skipped ({COUNTING})"),
    ]


def test_a_paper_without_paper_id_gets_the_stable_content_id(tmp_path):
    path = write(tmp_path, "s2.jsonl", json.dumps({"paperId": None, "title": "T", "abstract": "Text.", "authors": []}) + "\n")
    [paper] = read_records(path, "s2")
    assert len(paper.id) == 16 and not paper.id.startswith("s2:")


def test_the_old_corpus_field_names_are_read_with_a_field_map(tmp_path):
    record = {"paperId": "abc", "title": "Old Corpus", "paperAbstract": "Text from the corpus.", "authors": []}
    path = write(tmp_path, "corpus.jsonl", json.dumps(record) + "\n")
    assert problems_of(read_records(path)) == [(1, "no abstract; skipped (s2:abc)")]
    [paper] = read_records(path, field_map={"abstract": "paperAbstract"})
    assert (paper.id, paper.abstract) == ("s2:abc", "Text from the corpus.")
