"""Hostile and damaged input for the readers of kg.read: any bytes, damaged exports, and
XML built to hurt a parser. Whatever comes in, a reader gives Papers and ReadProblems,
each problem at a line of the file, and raises nothing but InputError; an XML entity bomb
or external entity is one clear line, read in well under a second.
"""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from read.samples import DATA, sample

from kg.errors import InputError
from kg.model import Paper, ReadProblem
from kg.read import FORMATS, MAX_ABSTRACT_CHARS, read_records

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PROFILE = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    **({"derandomize": True, "database": None} if IN_CI else {}),
)
NEW_FORMATS = ["bibtex", "arxiv", "openalex", "s2", "tsv", "jsonl"]
# one good and one broken export of each new reader, with the name that picks the reader
SAMPLES = {
    "bibtex": ["zotero.bib", "dblp.bib", "broken.bib"],
    "arxiv": ["arxiv.xml", "arxiv-broken.atom"],
    "openalex": ["openalex-page.json", "openalex-works.jsonl", "openalex-broken.json"],
    "s2": ["s2-search.json", "s2-batch.json", "s2-broken.jsonl"],
    "tsv": ["papers.tsv", "papers-broken.tsv"],
    "jsonl": ["records.json", "records-broken.json"],
}
ALL_SAMPLES = [name for names in SAMPLES.values() for name in names]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("read-robustness")


def check_records(path: str, fmt: str | None, line_count: int | None) -> list:
    """Read ``path`` as a user would; every record must be a Paper or a problem at a line."""
    try:
        records = list(read_records(path, fmt))
    except InputError as error:  # a whole-file failure: one line, naming the file
        assert "\n" not in str(error) and path in str(error) or str(error).startswith("field map")
        return []
    for record in records:
        if isinstance(record, ReadProblem):
            assert record.file == path and record.why and "\n" not in record.why
            assert 1 <= record.line <= max(line_count or record.line, 1), record
        else:
            assert isinstance(record, Paper), record
            assert record.title.strip() and record.abstract.strip() and record.id
            assert len(record.abstract) <= MAX_ABSTRACT_CHARS and len(record.id) <= 1_000
            assert record.origin.startswith(path + ":")
            assert all(isinstance(name, str) and name for name in record.authors)
            assert record.year is None or isinstance(record.year, int)
    return records


def lines_in(data: bytes) -> int:
    return data.count(b"\n") + 1


# --- any bytes, each new reader ------------------------------------------------------------


@settings(PROFILE, max_examples=300)
@given(data=st.binary(max_size=3000), fmt=st.sampled_from(NEW_FORMATS))
def test_any_bytes_in_a_new_format_give_papers_or_problems(scratch, data, fmt):
    path = str(scratch / "any")
    Path(path).write_bytes(data)
    check_records(path, fmt, lines_in(data))


PIECES = ["{", "}", "[", "]", '"', ",", ":", "@article{", "@string{", "#", "\\", "\\\"", "{\\'e}", "title", "abstract",
          "author", " and ", "=", "<", ">", "</", "<entry>", "</entry>", "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
          "<summary>", "<title>", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "&amp;", "&a;", "\n", "\t", " ", "null", "1e999",
          '"results": [', '"data": [', '"abstract_inverted_index": {"a": [0]', '"paperId": "x"', "\u00e9", "\x00"]


@settings(PROFILE, max_examples=300)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=80), fmt=st.sampled_from([None, *NEW_FORMATS]),
       name=st.sampled_from(["x.bib", "x.xml", "x.json", "x.jsonl", "x.tsv", "x"]))
def test_any_text_made_of_format_pieces_gives_papers_or_problems(scratch, pieces, fmt, name):
    data = "".join(pieces).encode("utf-8")
    path = str(scratch / name)
    Path(path).write_bytes(data)
    check_records(path, fmt, lines_in(data))


# --- damaged exports ------------------------------------------------------------------------


@st.composite
def damaged(draw) -> tuple[str, bytes]:
    """A sample export with a few bytes deleted, replaced or inserted, or cut short."""
    name = draw(st.sampled_from(ALL_SAMPLES))
    data = bytearray((DATA / name).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "insert", "replace", "cut"]))
        if action == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=20) | st.sampled_from([b"{", b"}", b"<", b'"', b"\n", b"@a{"]))
        elif action == "replace" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        else:
            del data[at:]
    return name, bytes(data)


@settings(PROFILE, max_examples=400)
@given(case=damaged(), compress=st.booleans())
def test_a_damaged_export_gives_papers_or_problems_and_keeps_the_rest(scratch, case, compress):
    name, data = case
    path = str(scratch / (name + (".gz" if compress else "")))
    Path(path).write_bytes(gzip.compress(data) if compress else data)
    check_records(path, None, lines_in(data))


@pytest.mark.parametrize("name", ALL_SAMPLES)
def test_every_sample_reads_without_surprises(name):
    path = sample(name)
    records = check_records(path, None, lines_in(Path(path).read_bytes()))
    assert any(isinstance(r, Paper) for r in records) or name == "scholar.bib"


@pytest.mark.parametrize("name", ALL_SAMPLES)
def test_every_sample_cut_in_half_still_gives_its_first_papers(tmp_path, name):
    data = (DATA / name).read_bytes()
    whole = [r for r in read_records(sample(name)) if isinstance(r, Paper)]
    path = str(tmp_path / name)
    Path(path).write_bytes(data[: len(data) // 2])
    records = check_records(path, None, lines_in(data))
    half = [r.id for r in records if isinstance(r, Paper)]
    # the papers before the cut, in order; only the last may differ (a TSV row cut short is still a row)
    assert half[:-1] == [p.id for p in whole[: max(len(half) - 1, 0)]] and len(half) <= len(whole)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "page"])
def test_a_file_of_the_wrong_format_is_reported_not_a_crash(fmt):
    for name in ALL_SAMPLES:
        path = sample(name)
        check_records(path, fmt, lines_in(Path(path).read_bytes()))


# --- XML that attacks the parser --------------------------------------------------------------

ATTACKS = {
    "billion laughs": (DATA / "billion-laughs.xml").read_text(),
    "external entity": (DATA / "external-entity.xml").read_text(),
    "quadratic blowup": '<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY a "' + "x" * 50_000 + '">]>\n'
                        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary>' + "&a;" * 50_000 + "</summary></entry></feed>\n",
    "external DTD": '<?xml version="1.0"?>\n<!DOCTYPE feed SYSTEM "http://127.0.0.1:1/evil.dtd">\n'
                    '<feed xmlns="http://www.w3.org/2005/Atom"/>\n',
    "parameter entity": '<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n'
                        '<feed xmlns="http://www.w3.org/2005/Atom"/>\n',
}


@pytest.mark.parametrize("attack", ATTACKS, ids=str)
def test_xml_attacks_are_one_clear_line_and_never_expanded(tmp_path, attack):
    path = str(tmp_path / "attack.xml")
    Path(path).write_text(ATTACKS[attack], encoding="utf-8")
    start = time.perf_counter()
    records = list(read_records(path))
    assert time.perf_counter() - start < 1.0
    assert records == [ReadProblem(path, 2, "refused: the XML has a document type declaration (<!DOCTYPE>), whose "
                                            "entities could expand without end or read other files; file skipped")]


def test_an_entity_bomb_without_an_xml_name_is_refused_the_same(tmp_path):
    """Sniffed as a feed by its content (the Atom namespace), then refused like any other."""
    path = str(tmp_path / "download")
    Path(path).write_text(ATTACKS["billion laughs"], encoding="utf-8")
    [problem] = read_records(path)
    assert problem.line == 2 and problem.why.startswith("refused: the XML has a document type declaration")


def test_no_file_is_read_through_an_external_entity(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4711")
    path = str(tmp_path / "feed.xml")
    Path(path).write_text(ATTACKS["external entity"].replace("file:///etc/passwd", secret.as_uri()), encoding="utf-8")
    records = list(read_records(path))
    assert "TOP-SECRET-4711" not in repr(records) and len(records) == 1
