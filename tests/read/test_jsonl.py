"""JSON records (kg.read.jsonl): JSON Lines, JSON arrays and pretty-printed documents."""

from __future__ import annotations

import io
import json

import pytest

from kg.model import Paper, ReadProblem
from kg.read import read_records, stable_paper_id
from read.samples import ABSTRACT, jsonl, problems_of, sample, split, write

# --- JSON Lines -----------------------------------------------------------------------


def test_jsonl_reads_optional_fields_and_keeps_extra_ones(tmp_path):
    record = {"id": 42, "title": " Counting ", "abstract": ABSTRACT, "url": "https://x.org/1",
              "year": "2021", "authors": "Ada Lovelace and Alan Turing, Grace Hopper",
              "venue": "NeurIPS", "upvotes": 7, "tags": ["counting"]}
    minimal = {"title": "Counting Again", "abstract": ABSTRACT, "authors": ["Ada", " Alan "]}
    path = write(tmp_path, "papers.jsonl", jsonl(record, minimal))
    first, second = read_records(path)
    assert first == Paper(id="42", title="Counting", abstract=ABSTRACT, url="https://x.org/1",
                          year=2021, authors=("Ada Lovelace", "Alan Turing", "Grace Hopper"),
                          venue="NeurIPS", origin=f"{path}:1")
    assert first.extra == {"upvotes": 7, "tags": ["counting"]}
    assert second.id == stable_paper_id("Counting Again", ABSTRACT)
    assert second.authors == ("Ada", "Alan")
    assert (second.url, second.year, second.venue, second.extra) == (None, None, None, {})


def test_jsonl_bad_line_is_reported_with_its_line_and_the_rest_is_read(tmp_path):
    good = {"title": "Good", "abstract": ABSTRACT}
    path = write(tmp_path, "papers.jsonl", jsonl(good, "", '{"title": "Bad" "abstract": "x"}',
                                                 {**good, "title": "Also good"}))
    papers, problems = split(read_records(path))
    assert [(p.title, p.origin) for p in papers] == [("Good", f"{path}:1"),
                                                      ("Also good", f"{path}:4")]
    assert problems == [ReadProblem(path, 3, "invalid JSON: Expecting ',' delimiter (column 17)")]


@pytest.mark.parametrize(
    "record, why",
    [
        ({"title": "No abstract"}, "missing 'abstract'"),
        ({"title": "Null abstract", "abstract": None}, "missing 'abstract'"),
        ({"title": "  ", "abstract": ABSTRACT}, "empty 'title'"),
        ({"title": ["T"], "abstract": ABSTRACT}, "'title' must be a string, not array"),
        ({"title": "T", "abstract": ABSTRACT, "year": "soon"}, "'year' must be a whole number, not 'soon'"),
        ({"title": "T", "abstract": ABSTRACT, "id": 1.5}, "'id' must be a string or an integer, not float"),
        ({"title": "T", "abstract": ABSTRACT, "authors": [1]}, "'authors' must be a list of strings or a string"),
        ({"title": "T", "abstract": ABSTRACT, "doi": 10.1}, "'doi' must be a string, not float"),
        ('["T", "abstract"]', "expected a JSON object, got array"),
    ],
)
def test_jsonl_unusable_record_is_reported_not_read(tmp_path, record, why):
    path = write(tmp_path, "papers.jsonl", jsonl({"title": "Fine", "abstract": ABSTRACT}, record))
    papers, problems = split(read_records(path))
    assert [p.title for p in papers] == ["Fine"]
    assert problems == [ReadProblem(path, 2, why)]


def test_long_first_line_is_read_past_the_sniffing_window(tmp_path):
    long_abstract = "word " * 5000 + "end."
    path = write(tmp_path, "papers", jsonl({"title": "Long", "abstract": long_abstract},
                                           {"title": "Next", "abstract": "Text."}))
    papers = list(read_records(path))
    assert [p.title for p in papers] == ["Long", "Next"]
    assert papers[0].abstract == long_abstract.strip()


def test_stdin_is_read_and_named_stdin(monkeypatch):
    data = jsonl({"title": "From a pipe", "abstract": ABSTRACT}, "{oops").encode()

    class FakeStdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", FakeStdin())
    paper, problem = read_records("-")
    assert (paper.title, paper.origin) == ("From a pipe", "<stdin>:1")
    assert (problem.file, problem.line) == ("<stdin>", 2)


def test_a_first_line_cut_off_at_its_end_is_one_problem_and_the_lines_after_it_are_read(tmp_path):
    """A first line that could go on (`{"title": "x",`) might start a pretty-printed
    document; when it does not, the file is read as JSON Lines after all."""
    path = write(tmp_path, "papers.jsonl", '{"title": "Cut", \n' + jsonl({"title": "Whole", "abstract": ABSTRACT}))
    papers, problems = split(read_records(path))
    assert [(p.title, p.origin) for p in papers] == [("Whole", f"{path}:2")]
    assert [(p.line, p.why.startswith("invalid JSON")) for p in problems] == [(1, True)]


def test_a_line_holding_an_api_page_gives_its_records(tmp_path):
    page = {"meta": {"page": 1}, "results": [{"title": "A", "abstract": ABSTRACT}, {"title": "B"}]}
    path = write(tmp_path, "pages.jsonl", jsonl(page))
    papers, problems = split(read_records(path))
    assert [(p.title, p.origin) for p in papers] == [("A", f"{path}:1")]
    assert [(p.line, p.why) for p in problems] == [(1, "missing 'abstract' (element 2)")]


# --- JSON documents -----------------------------------------------------------------------


def test_a_json_array_of_records_gives_each_record_at_its_own_line():
    path = sample("records.json")
    papers, problems = split(read_records(path))
    assert problems == []
    assert [(p.title, p.origin) for p in papers] == [
        ("Plain Record One", f"{path}:2"), ("Plain Record Two", f"{path}:14"), ("Plain Record Three", f"{path}:21")]
    one, two, three = papers
    assert one.id == stable_paper_id("Plain Record One", one.abstract)  # "cvpr2017:" is no id
    assert (one.authors, one.year, one.venue, one.extra) == (("Ada Lovelace", "Alan Turing"), 2017, "CVPR",
                                                             {"doi": "10.1109/cvpr.2017.0001"})
    assert (two.id, two.year, two.extra) == ("p2", 2019, {"stars": 5})
    assert three.authors == ("Grace Hopper", "Edsger Dijkstra")


def test_a_broken_json_array_reports_each_bad_element_and_reads_the_rest():
    path = sample("records-broken.json")
    papers, problems = split(read_records(path))
    assert [p.title for p in papers] == ["Plain Record One", "Plain Record Two", "Plain Record Three"]
    assert [(p.line, p.why) for p in problems] == [
        (16, "invalid JSON: Expecting ',' delimiter (column 5) (element 2)"),
        (30, "expected a JSON object, got array (element 5)"),
        (34, "invalid JSON: the file ends inside an array; rest of file skipped"),
    ]


def test_a_one_line_array_is_read_and_its_problems_say_which_element(tmp_path):
    path = write(tmp_path, "papers.json", json.dumps([{"title": "A", "abstract": ABSTRACT}, {"title": "B"}, 3]))
    papers, problems = split(read_records(path))
    assert [(p.title, p.origin) for p in papers] == [("A", f"{path}:1")]
    assert [(p.line, p.why) for p in problems] == [
        (1, "missing 'abstract' (element 2)"), (1, "expected a JSON object, got int (element 3)")]


def test_one_pretty_printed_record_and_records_one_after_another_are_read(tmp_path):
    """What `jq .` writes: objects over several lines, one after another."""
    one = json.dumps({"title": "First", "abstract": ABSTRACT}, indent=2)
    two = json.dumps({"title": "Second", "abstract": ABSTRACT, "year": 2020}, indent=2)
    path = write(tmp_path, "papers.json", one + "\n" + two + "\n")
    papers, problems = split(read_records(path))
    assert problems == []
    assert [(p.title, p.year, p.origin) for p in papers] == [("First", None, f"{path}:1"), ("Second", 2020, f"{path}:5")]


def test_an_empty_array_gives_no_papers_and_no_problems(tmp_path):
    assert list(read_records(write(tmp_path, "papers.json", "[]\n"))) == []


def test_a_record_with_half_a_surrogate_pair_is_reported_in_an_array_too(tmp_path):
    path = write(tmp_path, "papers.json", '[\n{"title": "Bad \\ud800", "abstract": "x."},\n{"title": "Good", "abstract": "y."}\n]\n')
    assert [p.title for p in split(read_records(path))[0]] == ["Good"]
    assert problems_of(read_records(path)) == [
        (2, "invalid JSON: a \\uXXXX escape is half a surrogate pair, not a character (element 1)")]


# --- field map ------------------------------------------------------------------------------


def test_a_field_map_reads_kg_fields_from_other_fields(tmp_path):
    record = {"paperTitle": "Mapped", "paperAbstract": ABSTRACT, "meta": {"published": 2020}, "other": 1}
    path = write(tmp_path, "corpus.jsonl", jsonl(record, {"paperTitle": "No abstract here"}))
    field_map = {"title": "paperTitle", "abstract": "paperAbstract", "year": "meta.published"}
    paper, problem = read_records(path, field_map=field_map)
    assert (paper.title, paper.abstract, paper.year) == ("Mapped", ABSTRACT, 2020)
    assert paper.extra == {"meta": {"published": 2020}, "other": 1}  # the mapped top-level fields are used up
    assert (problem.line, problem.why) == (2, "missing 'paperAbstract'")
