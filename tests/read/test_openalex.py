"""OpenAlex works (kg.read.openalex): one work, a results page, JSON Lines."""

from __future__ import annotations

import json

import pytest

from kg.read import read_records
from kg.read.openalex import abstract_text
from read.samples import problems_of, sample, split, write

COUNTING_ABSTRACT = (
    "We propose SchönNet, a generative adversarial network for counting objects in crowded scenes. "
    "SchönNet reaches 91.2% accuracy on the CrowdCount benchmark and outperforms prior GANs by 3.4 points.")


def test_one_work_is_read_with_its_rebuilt_abstract_authors_and_venue():
    path = sample("openalex-work.json")
    [paper] = read_records(path)
    assert paper.id == "openalex:W3100000001"
    assert paper.title == "Counting Things with Schön-Nets: A Study of GANs"
    assert paper.abstract == COUNTING_ABSTRACT
    assert paper.authors == ("Jörg Müller", "María García", "John Smith")
    assert (paper.year, paper.venue) == (2021, "Journal of Machine Learning Research")
    assert paper.url == "https://jmlr.example.org/papers/v22/muller21a.html"
    assert paper.origin == f"{path}:1"
    assert paper.extra == {
        "author_ids": ["openalex:A5000000001", "openalex:A5000000002", None],
        "author_orcids": ["0000-0002-1825-0097", None, None],
        "openalex_type": "article",
        "doi": "10.5555/jmlr.2021.0042",
    }


@pytest.mark.parametrize("name, lines", [("openalex-page.json", (10, 190, 347)), ("openalex-works.jsonl", (1, 2, 3))])
def test_a_results_page_and_json_lines_give_each_work_at_its_line(name, lines):
    path = sample(name)
    papers, problems = split(read_records(path))
    assert [(p.id, p.origin) for p in papers] == [
        ("openalex:W3100000001", f"{path}:{lines[0]}"), ("openalex:W4300000002", f"{path}:{lines[1]}")]
    assert papers[1].title == "Café: Contrastive Augmentation for Few-shot Entity Typing"
    assert (papers[1].venue, papers[1].extra["openalex_type"]) == ("Proceedings of EMNLP 2022", "proceedings-article")
    assert [(p.line, p.why) for p in problems] == [(lines[2], "no abstract; skipped (openalex:W4300000003)")]


def test_a_broken_page_reports_each_bad_work_and_reads_the_others():
    path = sample("openalex-broken.json")
    papers, problems = split(read_records(path))
    assert [p.id for p in papers] == ["openalex:W3100000001"]
    assert [(p.line, p.why) for p in problems] == [
        (193, "invalid JSON: Invalid control character at (column 75) (element 2)"),
        (347, "'year' must be a whole number, not 'twenty-twenty-two' (openalex:W4300000002)"),
        (504, "no abstract; skipped (openalex:W4300000003)"),
    ]


def test_the_title_falls_back_to_display_name_and_the_url_to_the_doi(tmp_path):
    work = {"id": "https://openalex.org/W9", "display_name": "Only a Display Name", "doi": "https://doi.org/10.1/X",
            "abstract_inverted_index": {"Short": [0], "text.": [1]}}
    [paper] = read_records(write(tmp_path, "work.json", json.dumps(work)))
    assert (paper.title, paper.abstract, paper.url, paper.extra) == (
        "Only a Display Name", "Short text.", "https://doi.org/10.1/X", {"doi": "10.1/x"})


@pytest.mark.parametrize("work, why", [
    ({"abstract_inverted_index": ["not", "an", "object"]}, "'abstract_inverted_index' must be an object, not array"),
    ({"abstract_inverted_index": {"word": ["zero"]}}, "'abstract_inverted_index' must map words to positions, not 'word' to ['zero']"),
    ({"authorships": {"author": {}}}, "'authorships' must be an array, not object"),
    ({"authorships": [{"author": "Ada"}]}, "'authorships' must hold objects with an 'author' object"),
    ({"title": None, "display_name": None}, "missing 'title'"),
])
def test_a_malformed_work_is_reported_by_its_id(tmp_path, work, why):
    base = {"id": "https://openalex.org/W7", "title": "T", "abstract_inverted_index": {"Text.": [0]}, "authorships": []}
    path = write(tmp_path, "works.jsonl", json.dumps({**base, **work}) + "\n")
    assert problems_of(read_records(path)) == [(1, f"{why} (openalex:W7)")]


def test_an_inverted_index_is_put_back_in_word_order():
    assert abstract_text({"b": [1, 3], "a": [0, 2], "end.": [4]}) == "a b a b end."
    assert abstract_text({}) == ""
