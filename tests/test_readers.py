"""Tests for kg.readers: what a user feeding files to `kg` would check."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.model import Paper, ReadProblem
from kg.readers import (
    FORMATS,
    detect_format,
    read_papers,
    read_records,
    stable_paper_id,
)

from repo_paths import SAMPLE

ABSTRACT = (
    "We propose a new method for counting things. It beats every baseline on the benchmark "
    "by a wide margin, and we release the code so that others can count things too."
)
CHROME = {"new", "Get trending papers in your email inbox!", "Subscribe", "Daily Papers",
          "byAK and the research community", "Aug 1"}


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return str(path)


def jsonl(*records: dict | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def split(records: list) -> tuple[list[Paper], list[ReadProblem]]:
    return ([r for r in records if isinstance(r, Paper)],
            [r for r in records if isinstance(r, ReadProblem)])


# --- page -----------------------------------------------------------------------------


def test_sample_page_gives_every_titled_paper_and_no_chrome():
    papers, problems = read_papers([str(SAMPLE)])
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    # every paper in the file is a short line followed by a blank line and a long paragraph
    expected_titles = [lines[i] for i in range(len(lines) - 2)
                       if 0 < len(lines[i]) < 300 and len(lines[i + 2]) > 1000]
    assert len(expected_titles) == 23
    assert problems == []
    assert [p.title for p in papers] == expected_titles
    assert papers[0].title == "TransHP: Image Classification with Hierarchical Prompting"
    assert papers[-1].title == "Transductive Multi-view Zero-Shot Learning"
    assert not CHROME & {p.title for p in papers}
    assert papers[0].abstract == lines[14].strip()
    assert papers[0].abstract.endswith("https://github.com/WangWenhao0716/TransHP.")
    assert papers[0].origin == f"{SAMPLE}:13"
    assert len({p.id for p in papers}) == 23


def test_page_reports_paragraph_without_title_and_skips_chrome(tmp_path):
    text = f"Daily Papers\n\nAug 1\n\n{ABSTRACT}\n\nCounting Things at Scale\n\n{ABSTRACT} More.\n"
    path = write(tmp_path, "page.txt", text.replace("\n", "\r\n"))
    papers, problems = split(list(read_records(path)))
    assert [p.title for p in papers] == ["Counting Things at Scale"]
    assert papers[0].abstract == ABSTRACT + " More."
    assert papers[0].origin == f"{path}:7"
    assert problems == [ReadProblem(path, 5, "paragraph without a title line; skipped")]


def test_page_keeps_a_wrapped_abstract_whole(tmp_path):
    path = write(tmp_path, "page.md", f"A Wrapped Paper\n\n  {ABSTRACT[:60]}\n{ABSTRACT[60:]}  \n")
    [paper] = read_records(path)
    assert paper.abstract == ABSTRACT[:60] + "\n" + ABSTRACT[60:]


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
    papers, problems = split(list(read_records(path)))
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
        ('["T", "abstract"]', "expected a JSON object, got array"),
    ],
)
def test_jsonl_unusable_record_is_reported_not_read(tmp_path, record, why):
    path = write(tmp_path, "papers.jsonl", jsonl({"title": "Fine", "abstract": ABSTRACT}, record))
    papers, problems = split(list(read_records(path)))
    assert [p.title for p in papers] == ["Fine"]
    assert problems == [ReadProblem(path, 2, why)]


# --- CSV ------------------------------------------------------------------------------


def test_csv_with_embedded_newline_and_quoted_commas(tmp_path):
    text = (
        "Title , ABSTRACT,year,authors,stars\r\n"
        '"Commas, Quotes ""and"" More","First line,\r\nsecond line.",2020,"Ada, Alan",5\r\n'
        "Plain,Plain abstract.,,,\r\n"
    )
    path = write(tmp_path, "papers.csv", text)
    first, second = read_records(path)
    assert first.title == 'Commas, Quotes "and" More'
    assert first.abstract == "First line,\nsecond line."
    assert (first.year, first.authors, first.extra) == (2020, ("Ada", "Alan"), {"stars": "5"})
    assert first.origin == f"{path}:2"
    assert second.origin == f"{path}:4"  # the record above spans lines 2 and 3
    assert (second.year, second.authors, second.extra) == (None, (), {})


def test_csv_without_abstract_column_reports_one_problem_and_reads_nothing(tmp_path):
    path = write(tmp_path, "papers.csv", "title,summary\nA paper,Its summary.\n")
    assert list(read_records(path)) == [
        ReadProblem(path, 1, "CSV header has no 'abstract' column; file skipped")
    ]


def test_csv_row_with_extra_fields_is_reported_and_others_read(tmp_path):
    path = write(tmp_path, "papers.csv", "title,abstract\nOne,First.\nTwo,Second.,x,y,z\nThree,,\n")
    papers, problems = split(list(read_records(path)))
    assert [p.title for p in papers] == ["One"]
    assert problems == [
        ReadProblem(path, 3, "3 extra fields (header has 2 columns)"),
        ReadProblem(path, 4, "empty 'abstract'"),
    ]


def test_csv_stray_quote_is_reported_and_reading_goes_on(tmp_path):
    path = write(tmp_path, "papers.csv", 'title,abstract\n"Bad"x,Text.\nGood,Text.\n')
    papers, problems = split(list(read_records(path)))
    assert [p.title for p in papers] == ["Good"]
    assert [(p.line, p.why.startswith("invalid CSV")) for p in problems] == [(2, True)]


# --- stdin, detection, --format -------------------------------------------------------


def test_stdin_is_read_and_named_stdin(monkeypatch):
    data = jsonl({"title": "From a pipe", "abstract": ABSTRACT}, "{oops").encode()

    class FakeStdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", FakeStdin())
    paper, problem = read_records("-")
    assert (paper.title, paper.origin) == ("From a pipe", "<stdin>:1")
    assert (problem.file, problem.line) == ("<stdin>", 2)


@pytest.mark.parametrize(
    "path, head, expected",
    [
        ("a.jsonl", "Title,Abstract", "jsonl"),
        ("a.NDJSON", "", "jsonl"),
        ("a.json", "", "jsonl"),
        ("a.csv", "{", "csv"),
        ("a.txt", "{", "page"),
        ("a.md", "title,abstract", "page"),
        ("-", '\n  {"title": "x"}', "jsonl"),
        ("papers", ' "Title" , Abstract ,year\r\nx,y,z', "csv"),
        ("papers.data", "title,summary\n", "page"),
        ("-", "Daily Papers\n\nTitle, abstract and more", "page"),
    ],
)
def test_detect_format_by_extension_then_by_sniffing(path, head, expected):
    assert detect_format(path, head) == expected


def test_format_argument_overrides_extension(tmp_path):
    path = write(tmp_path, "export.txt", jsonl({"title": "Override", "abstract": ABSTRACT}))
    assert [p.title for p in read_records(path, "jsonl")] == ["Override"]
    assert list(read_records(path)) == []  # as page text it is one line, not a paper


def test_sniffing_picks_csv_for_a_file_without_extension(tmp_path):
    path = write(tmp_path, "papers", "Title,Abstract\nSniffed,Text.\n")
    assert [p.title for p in read_records(path)] == ["Sniffed"]


def test_unknown_format_and_missing_file_raise_naming_the_file(tmp_path):
    path = write(tmp_path, "a.csv", "title,abstract\n")
    with pytest.raises(InputError, match=r"a\.csv: unknown format 'xml'"):
        read_records(path, "xml")
    with pytest.raises(InputError, match=r"nope\.csv: no such file"):
        read_records(str(tmp_path / "nope.csv"))
    with pytest.raises(InputError, match="is a directory"):
        read_papers([path, str(tmp_path)])
    assert FORMATS == ("page", "jsonl", "csv")


# --- encodings ------------------------------------------------------------------------


def test_utf8_bom_is_dropped(tmp_path):
    path = write(tmp_path, "papers.csv", b"\xef\xbb\xbftitle,abstract\nBOM,Text.\n")
    assert [p.title for p in read_records(path)] == ["BOM"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_files_with_bom_are_decoded(tmp_path, encoding):
    text = "title,abstract\r\nNaïve Bayes — revisited,\"Ünïcode\r\nabstract.\"\r\nSecond,Text.\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = write(tmp_path, "papers.csv", data)
    papers, problems = split(list(read_records(path)))
    assert problems == []
    assert [(p.title, p.abstract, p.origin) for p in papers] == [
        ("Naïve Bayes — revisited", "Ünïcode\nabstract.", f"{path}:2"),
        ("Second", "Text.", f"{path}:4"),
    ]


def test_latin1_line_is_reported_and_still_read(tmp_path):
    data = b'{"title": "Ok", "abstract": "Fine."}\n{"title": "Caf\xe9", "abstract": "Cr\xe8me."}\n'
    path = write(tmp_path, "papers.jsonl", data)
    papers, problems = split(list(read_records(path)))
    assert [(p.title, p.abstract) for p in papers] == [("Ok", "Fine."), ("Café", "Crème.")]
    assert problems == [ReadProblem(path, 2, "not valid UTF-8; read as Latin-1")]


def test_binary_file_is_reported_once_and_skipped(tmp_path):
    path = write(tmp_path, "papers.csv", b"title,abstract\n\x00\x01\x02" * 10)
    assert list(read_records(path)) == [ReadProblem(path, 1, "binary file; skipped")]


def test_long_first_line_is_read_past_the_sniffing_window(tmp_path):
    long_abstract = "word " * 5000 + "end."
    path = write(tmp_path, "papers", jsonl({"title": "Long", "abstract": long_abstract},
                                           {"title": "Next", "abstract": "Text."}))
    papers = list(read_records(path))
    assert [p.title for p in papers] == ["Long", "Next"]
    assert papers[0].abstract == long_abstract.strip()


# --- ids ------------------------------------------------------------------------------


def test_duplicate_ids_are_reported_with_where_first_seen(tmp_path):
    one = write(tmp_path, "one.jsonl", jsonl({"id": "p1", "title": "A", "abstract": "First."}))
    two = write(tmp_path, "two.csv", "id,title,abstract\np2,B,Second.\np1,C,Third.\n")
    papers, problems = read_papers([one, two])
    assert [p.id for p in papers] == ["p1", "p2"]
    assert problems == [ReadProblem(two, 3, f"duplicate id 'p1' (first at {one}:1); skipped")]


def test_ids_are_deterministic_and_the_same_across_formats(tmp_path):
    page = write(tmp_path, "page.txt", f"Counting Things\n\n{ABSTRACT}\n")
    lines = write(tmp_path, "papers.jsonl", jsonl({"title": "counting  things", "abstract": ABSTRACT}))
    first, _ = read_papers([page])
    again, _ = read_papers([page])
    from_jsonl, _ = read_papers([lines])
    assert first[0].id == again[0].id == from_jsonl[0].id
    assert first[0].id != stable_paper_id("Counting Things", ABSTRACT + " Changed.")
    papers, problems = read_papers([page, lines])
    assert len(papers) == 1 and "duplicate id" in problems[0].why
