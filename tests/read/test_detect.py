"""Which reader reads a file (kg.read.formats): extension first, then content; never a
guess when neither tells."""

from __future__ import annotations

import io

import pytest

from kg.errors import InputError, UnknownFormatError
from kg.read import FORMATS, detect_format, read_papers, read_records
from read.samples import ABSTRACT, jsonl, sample, write


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
        ("-", "Daily Papers\n\nTitle, abstract and more", "page"),
        # new formats, by extension
        ("a.tsv", "", "tsv"),
        ("refs.BIB", "", "bibtex"),
        ("feed.xml", "", "arxiv"),
        ("feed.atom", "", "arxiv"),
        ("papers.jsonl.gz", "", "jsonl"),
        ("papers.tsv.gz", "", "tsv"),
        # JSON by content, whatever its extension says
        ("works.json", '{"meta": {"count": 3}, "results": [{"id": "https://openalex.org/W1"', "openalex"),
        ("works.jsonl", '{"id": "x", "authorships": [], "abstract_inverted_index": null}', "openalex"),
        ("search.json", '{"total": 3, "data": [{"paperId": "649d"', "s2"),
        ("batch.json", '[{"paperId" : "649d"}, null]', "s2"),
        ("records.json", '[{"title": "t", "abstract": "a"}]', "jsonl"),
        # by content, for names that say nothing
        ("part_000.gz", '{"id": "https://openalex.org/W1", "title": "t"}', "openalex"),
        ("export", "% Zotero\n\n@article{key,\n  title = {T},", "bibtex"),
        ("export", "@InProceedings ( key,", "bibtex"),
        ("query", '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "arxiv"),
        ("papers", "title\tabstract\tyear\nT\tA\t2020\n", "tsv"),
    ],
)
def test_detect_format_by_extension_then_by_sniffing(path, head, expected):
    assert detect_format(path, head) == expected


@pytest.mark.parametrize("path, head", [
    ("papers.data", "title,summary\n"),  # was read as page text before: now one clear error
    ("notes", "Some notes.\n\nMore notes, in sentences. Many of them.\n"),
    ("page.html", "<html><body>Daily Papers</body></html>"),
    ("pubmed", '<?xml version="1.0"?>\n<PubmedArticleSet>'),
    ("-", "<html>"),
    ("-", "%PDF-1.7"),
])
def test_a_file_nothing_recognises_is_one_error_line_not_page_text(path, head):
    with pytest.raises(UnknownFormatError) as error:
        detect_format(path, head)
    name = "<stdin>" if path == "-" else path
    assert str(error.value) == f"cannot tell the format of {name} (known: {'|'.join(FORMATS)})"
    assert "\n" not in str(error.value)


def test_an_unknown_file_fails_before_anything_is_read(tmp_path):
    good = write(tmp_path, "good.jsonl", jsonl({"title": "T", "abstract": ABSTRACT}))
    unknown = write(tmp_path, "notes", "Some notes, none of them papers.\n")
    with pytest.raises(UnknownFormatError, match=r"cannot tell the format of .*notes \(known: page\|jsonl\|"):
        read_papers([good, unknown])


def test_unknown_stdin_is_the_same_error(monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO(b"<html><body>not papers</body></html>\n")

    monkeypatch.setattr("sys.stdin", FakeStdin())
    with pytest.raises(UnknownFormatError, match=r"^cannot tell the format of <stdin> "):
        read_records("-")


def test_a_binary_or_empty_file_with_no_known_name_is_reported_not_an_error(tmp_path):
    binary = write(tmp_path, "scan.pdf", b"%PDF-1.7\n\x00\x01\x02\x00" * 20)
    empty = write(tmp_path, "nothing", b"")
    assert [p.why for p in read_records(binary)] == ["binary file; skipped"]
    assert [p.why for p in read_records(empty)] == ["empty file; nothing to read"]


def test_format_argument_overrides_extension(tmp_path):
    path = write(tmp_path, "export.txt", jsonl({"title": "Override", "abstract": ABSTRACT}))
    assert [p.title for p in read_records(path, "jsonl")] == ["Override"]
    assert list(read_records(path)) == []  # as page text it is one line, not a paper


def test_format_argument_reads_a_file_sniffing_cannot_tell(tmp_path):
    path = write(tmp_path, "notes", f"Counting Things\n\n{ABSTRACT}\n")
    assert [p.title for p in read_records(path, "page")] == ["Counting Things"]


def test_sniffing_picks_csv_for_a_file_without_extension(tmp_path):
    path = write(tmp_path, "papers", "Title,Abstract\nSniffed,Text.\n")
    assert [p.title for p in read_records(path)] == ["Sniffed"]


def test_sniffing_uses_the_field_map_for_the_columns_it_looks_for(tmp_path):
    path = write(tmp_path, "papers", "Title,Summary\nSniffed,Text.\n")
    with pytest.raises(UnknownFormatError):
        read_records(path)
    assert [p.abstract for p in read_records(path, field_map={"abstract": "summary"})] == ["Text."]


@pytest.mark.parametrize("name, fmt", [("zotero.bib", "bibtex"), ("arxiv.xml", "arxiv"), ("openalex-page.json", "openalex"),
                                       ("s2-batch.json", "s2"), ("records.json", "jsonl"), ("papers.tsv", "tsv")])
def test_each_sample_is_read_the_same_without_its_extension(tmp_path, name, fmt):
    renamed = write(tmp_path, "download", open(sample(name), "rb").read())
    assert detect_format(renamed, open(sample(name), encoding="utf-8").read(8192)) == fmt
    as_named = [(p.title, p.id) for p in read_records(sample(name)) if not hasattr(p, "why")]
    assert [(p.title, p.id) for p in read_records(renamed) if not hasattr(p, "why")] == as_named


def test_unknown_format_and_missing_file_raise_naming_the_file(tmp_path):
    path = write(tmp_path, "a.csv", "title,abstract\n")
    with pytest.raises(InputError, match=r"a\.csv: unknown format 'xml'"):
        read_records(path, "xml")
    with pytest.raises(InputError, match=r"nope\.csv: no such file"):
        read_records(str(tmp_path / "nope.csv"))
    assert FORMATS[:3] == ("page", "jsonl", "csv")  # the old names keep their meaning
    assert set(FORMATS) == {"page", "jsonl", "csv", "tsv", "bibtex", "arxiv", "openalex", "s2"}
