"""CSV and TSV (kg.read.delimited): a header, then one record per row."""

from __future__ import annotations

from kg.model import ReadProblem
from kg.read import read_records
from read.samples import problems_of, sample, split, write

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
    assert first.abstract == "First line,\r\nsecond line."  # a quoted field keeps its text exactly
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
    papers, problems = split(read_records(path))
    assert [p.title for p in papers] == ["One"]
    assert problems == [
        ReadProblem(path, 3, "3 extra fields (header has 2 columns)"),
        ReadProblem(path, 4, "empty 'abstract'"),
    ]


def test_csv_stray_quote_is_reported_and_reading_goes_on(tmp_path):
    path = write(tmp_path, "papers.csv", 'title,abstract\n"Bad"x,Text.\nGood,Text.\n')
    papers, problems = split(read_records(path))
    assert [p.title for p in papers] == ["Good"]
    assert [(p.line, p.why.startswith("invalid CSV")) for p in problems] == [(2, True)]


def test_csv_doi_column_is_kept_the_same_way_as_from_every_source(tmp_path):
    path = write(tmp_path, "papers.csv", "title,abstract,doi\nA,Text.,https://doi.org/10.1000/ABC\nB,Text.,\n")
    first, second = read_records(path)
    assert first.extra == {"doi": "10.1000/abc"}
    assert second.extra == {}


def test_a_field_map_names_the_columns_to_read(tmp_path):
    path = write(tmp_path, "papers.csv", "Title,Summary,Published\nMapped,Its summary.,2020\nEmpty,,2021\n")
    papers, problems = split(read_records(path, field_map={"abstract": "Summary", "year": "published"}))
    assert [(p.title, p.abstract, p.year, p.extra) for p in papers] == [("Mapped", "Its summary.", 2020, {})]
    assert [(p.line, p.why) for p in problems] == [(3, "empty 'Summary'")]
    assert problems_of(read_records(path, field_map={"abstract": "paperAbstract"})) == [
        (1, "CSV header has no 'paperAbstract' column; file skipped")]


# --- TSV ------------------------------------------------------------------------------


def test_tsv_reads_each_row_with_quoted_tabs_and_newlines():
    path = sample("papers.tsv")
    papers, problems = split(read_records(path))
    assert problems == []
    assert [(p.id, p.title, p.origin) for p in papers] == [
        ("tsv-1", "Counting Things with Schön-Nets", f"{path}:2"),
        ("tsv-2", 'Quoted, with a "tab"\tinside', f"{path}:3"),
        ("tsv-3", "Sparse Routing", f"{path}:5"),
    ]
    one, two, three = papers
    assert (one.authors, one.year, one.venue, one.extra) == (("Jörg Müller", "María García"), 2021, "JMLR",
                                                             {"doi": "10.5555/jmlr.2021.0042"})
    assert two.abstract == "An abstract over\ntwo lines, as spreadsheets write it."
    assert (three.year, three.authors) == (2023, ("Chidi Okafor", "Min-Jun Lee"))


def test_broken_tsv_rows_are_reported_each_at_its_line():
    path = sample("papers-broken.tsv")
    papers, problems = split(read_records(path))
    assert [p.title for p in papers] == ["Good First", "Good Last"]
    assert [(p.line, p.why) for p in problems] == [
        (3, "empty 'abstract'"),
        (4, "2 extra fields (header has 3 columns)"),
        (5, "'year' must be a whole number, not 'soon'"),
        (6, "invalid TSV: a tab expected after '\"'"),
    ]


def test_tsv_without_a_title_column_is_one_problem(tmp_path):
    path = write(tmp_path, "papers.tsv", "name\tabstract\nA\tText.\n")
    assert problems_of(read_records(path)) == [(1, "TSV header has no 'title' column; file skipped")]
