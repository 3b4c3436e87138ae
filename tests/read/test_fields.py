"""Fields to Papers (kg.read.fields): ids, DOIs, the field map."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.model import ReadProblem
from kg.read import read_papers, read_records, stable_paper_id
from kg.read.fields import check_field_map
from read.samples import ABSTRACT, jsonl, write

# --- ids ------------------------------------------------------------------------------


def test_a_reused_id_with_other_content_is_kept_under_a_derived_id_and_reported(tmp_path):
    one = write(tmp_path, "one.jsonl", jsonl({"id": "p1", "title": "A", "abstract": "First."}))
    two = write(tmp_path, "two.csv", "id,title,abstract\np2,B,Second.\np1,C,Third.\np1,A,First.\n")
    papers, problems = read_papers([one, two])
    derived = "p1~" + stable_paper_id("C", "Third.")[:8]
    assert [p.id for p in papers] == ["p1", "p2", derived]  # the last row is the first paper again: read once
    assert problems == [ReadProblem(two, 3, f"duplicate id 'p1' with other content (first at {one}:1); kept as {derived!r}",
                                    skipped=False)]
    skipped, problems = read_papers([one, two], on_duplicate="skip")
    assert [p.id for p in skipped] == ["p1", "p2"] and problems[0].why.endswith("; skipped") and problems[0].skipped
    with pytest.raises(InputError, match=f"{two}:3: duplicate id 'p1' with other content"):
        read_papers([one, two], on_duplicate="error")


def test_ids_are_deterministic_and_the_same_across_formats(tmp_path):
    page = write(tmp_path, "page.txt", f"Counting Things\n\n{ABSTRACT}\n")
    lines = write(tmp_path, "papers.jsonl", jsonl({"title": "counting  things", "abstract": ABSTRACT}))
    bib = write(tmp_path, "papers.bib", "@article{k, title={Counting {T}hings}, abstract={" + ABSTRACT + "}}\n")
    first, _ = read_papers([page])
    again, _ = read_papers([page])
    from_jsonl, _ = read_papers([lines])
    from_bibtex, _ = read_papers([bib])
    assert first[0].id == again[0].id == from_jsonl[0].id == from_bibtex[0].id
    assert first[0].id != stable_paper_id("Counting Things", ABSTRACT + " Changed.")
    papers, problems = read_papers([page, lines])
    assert len(papers) == 1 and problems == []  # the same paper in two files is one paper


@pytest.mark.parametrize("given", ["cvpr2017:", " cvpr2017: ", ":", "", "   "])
def test_an_id_that_is_only_a_source_prefix_is_no_id(tmp_path, given):
    path = write(tmp_path, "papers.jsonl", jsonl({"id": given, "title": "Prefixed", "abstract": ABSTRACT}))
    [paper] = read_records(path)
    assert paper.id == stable_paper_id("Prefixed", ABSTRACT)


def test_an_id_with_something_after_its_prefix_is_kept(tmp_path):
    path = write(tmp_path, "papers.jsonl", jsonl({"id": "cvpr2017:42", "title": "T", "abstract": ABSTRACT}))
    assert [p.id for p in read_records(path)] == ["cvpr2017:42"]


def test_an_id_too_long_for_neo4j_is_reported(tmp_path):
    path = write(tmp_path, "papers.jsonl", jsonl({"id": "i" * 1001, "title": "T", "abstract": ABSTRACT}))
    assert list(read_records(path)) == [ReadProblem(path, 1, "'id' is too long (1,001 characters; at most 1,000)")]


# --- DOIs -----------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["10.1000/ABC.def", "https://doi.org/10.1000/abc.DEF", "http://dx.doi.org/10.1000/abc.def",
                                   "doi:10.1000/ABC.def", " DOI: 10.1000/abc.def "])
def test_a_doi_is_kept_lower_cased_without_its_resolver(tmp_path, given):
    path = write(tmp_path, "papers.jsonl", jsonl({"title": "T", "abstract": ABSTRACT, "doi": given}))
    [paper] = read_records(path)
    assert paper.extra == {"doi": "10.1000/abc.def"}


# --- field map ------------------------------------------------------------------------


def test_the_field_map_is_checked_before_anything_is_read(tmp_path):
    path = write(tmp_path, "papers.jsonl", jsonl({"title": "T", "abstract": ABSTRACT}))
    with pytest.raises(InputError, match=r"^field map: unknown kg field 'summary' \(kg fields: id, title, "):
        read_records(path, field_map={"summary": "paperAbstract"})
    with pytest.raises(InputError, match=r"^field map: 'abstract' needs the name of the field to read it from, not ''$"):
        read_papers([path], field_map={"abstract": ""})
    with pytest.raises(InputError, match="needs the name of the field"):
        check_field_map({"abstract": "a..b"})
    assert check_field_map(None) == {} and check_field_map({"doi": " ids.doi "}) == {"doi": "ids.doi"}


def test_a_mapped_field_that_is_missing_is_reported_by_its_own_name(tmp_path):
    path = write(tmp_path, "papers.jsonl", jsonl({"title": "T", "abstract": ABSTRACT}))
    assert list(read_records(path, field_map={"abstract": "paperAbstract"})) == [
        ReadProblem(path, 1, "missing 'paperAbstract'")]
