"""Bytes to lines (kg.read.decode): encodings, binary files, gzip."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from kg.model import ReadProblem
from kg.read import read_records
from read.samples import ABSTRACT, jsonl, problems_of, sample, split, write


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
    papers, problems = split(read_records(path))
    assert problems == []
    assert [(p.title, p.abstract, p.origin) for p in papers] == [
        ("Naïve Bayes — revisited", "Ünïcode\r\nabstract.", f"{path}:2"),  # CR LF kept as in the file
        ("Second", "Text.", f"{path}:4"),
    ]


def test_utf16_without_bom_is_read_and_reported(tmp_path):
    path = write(tmp_path, "papers.jsonl", jsonl({"title": "Wide", "abstract": ABSTRACT}).encode("utf-16-le"))
    papers, problems = split(read_records(path))
    assert [p.title for p in papers] == ["Wide"]
    assert problems == [ReadProblem(path, 1, "no byte-order mark; read as UTF-16-LE", skipped=False)]


def test_latin1_line_is_reported_and_still_read(tmp_path):
    data = b'{"title": "Ok", "abstract": "Fine."}\n{"title": "Caf\xe9", "abstract": "Cr\xe8me."}\n'
    path = write(tmp_path, "papers.jsonl", data)
    papers, problems = split(read_records(path))
    assert [(p.title, p.abstract) for p in papers] == [("Ok", "Fine."), ("Café", "Crème.")]
    assert problems == [ReadProblem(path, 2, "not valid UTF-8; read as Latin-1", skipped=False)]


def test_a_latin1_line_in_a_whole_file_format_is_reported_next_to_its_record(tmp_path):
    data = b"@article{a,\n title={Caf\xe9},\n abstract={Cr\xe8me br\xfbl\xe9e.}\n}\n@article{b, title={B}}\n"
    path = write(tmp_path, "papers.bib", data)
    records = list(read_records(path))
    assert [str(r) if isinstance(r, ReadProblem) else r.title for r in records] == [
        "Café",
        f"{path}:2: not valid UTF-8; read as Latin-1",
        f"{path}:3: not valid UTF-8; read as Latin-1",
        f"{path}:5: no abstract; skipped (b)",
    ]
    assert records[0].abstract == "Crème brûlée."


def test_binary_file_is_reported_once_and_skipped(tmp_path):
    path = write(tmp_path, "papers.csv", b"title,abstract\n\x00\x01\x02" * 10)
    assert list(read_records(path)) == [ReadProblem(path, 1, "binary file; skipped")]


@pytest.mark.parametrize("name", ["empty.jsonl", "empty", "blank.bib"])
def test_an_empty_file_is_reported_whatever_its_name(tmp_path, name):
    path = write(tmp_path, name, "  \n\n" if name == "blank.bib" else "")
    assert list(read_records(path)) == [ReadProblem(path, 1, "empty file; nothing to read")]


# --- gzip -----------------------------------------------------------------------------


def test_a_gzipped_file_is_read_by_the_format_of_the_name_inside(tmp_path):
    path = write(tmp_path, "papers.bib.gz", gzip.compress(open(sample("zotero.bib"), "rb").read()))
    papers, problems = split(read_records(path))
    assert [p.title for p in papers][:1] == ["Counting Things with Schön-Nets: A Study of GANs"]
    assert [(p.line, p.why) for p in problems] == [(28, "no abstract; skipped (ivanova_no_2023)")]
    assert papers[0].origin == f"{path}:2"


def test_gzip_is_known_by_its_bytes_and_the_format_by_its_content(tmp_path):
    """An OpenAlex snapshot part: ``part_000.gz``, JSON Lines of works inside."""
    path = write(tmp_path, "part_000.gz", gzip.compress(open(sample("openalex-works.jsonl"), "rb").read()))
    papers, problems = split(read_records(path))
    assert [p.id for p in papers] == ["openalex:W3100000001", "openalex:W4300000002"]
    assert [(p.line, p.why) for p in problems] == [(3, "no abstract; skipped (openalex:W4300000003)")]


def test_a_gzipped_stream_on_stdin_is_decompressed(monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO(gzip.compress(jsonl({"title": "Zipped pipe", "abstract": ABSTRACT}).encode()))

    monkeypatch.setattr("sys.stdin", FakeStdin())
    [paper] = read_records("-")
    assert (paper.title, paper.origin) == ("Zipped pipe", "<stdin>:1")


def test_a_truncated_gzip_file_gives_what_it_holds_and_one_problem(tmp_path):
    lines = [json.dumps({"title": f"Paper {i}", "abstract": f"{ABSTRACT} {i}"}) for i in range(2000)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    path = write(tmp_path, "papers.jsonl.gz", data[: len(data) // 2])
    papers, problems = split(read_records(path))
    assert 100 < len(papers) < 2000
    assert [p.title for p in papers] == [f"Paper {i}" for i in range(len(papers))]
    assert problems[-1].why == "damaged gzip data (the gzip data ends early); rest of file skipped"
    assert problems[-1].line >= len(papers)
    assert all(p.why.startswith("invalid JSON") for p in problems[:-1])  # at most the line cut in half


def test_a_gzip_header_with_nothing_valid_after_it_is_one_problem(tmp_path):
    path = write(tmp_path, "papers.jsonl.gz", b"\x1f\x8b\x08\x00garbage" * 4)
    [(line, why)] = problems_of(read_records(path))
    assert line == 1 and why.startswith("not valid gzip data") and why.endswith("; file skipped")


def test_a_file_named_gz_that_is_not_gzip_is_read_as_it_is(tmp_path):
    """Browsers save some .gz downloads already decompressed."""
    path = write(tmp_path, "papers.jsonl.gz", jsonl({"title": "Plain", "abstract": ABSTRACT}))
    assert [p.title for p in read_records(path)] == ["Plain"]
