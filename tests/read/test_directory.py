"""A directory as input (kg.read.directory): every file, in order, each reported alone."""

from __future__ import annotations

import gzip
import os
import shutil

import pytest

from kg.model import ReadProblem
from kg.read import FORMATS, read_papers, read_records
from read.samples import ABSTRACT, jsonl, sample, split, write


@pytest.fixture
def downloads(tmp_path):
    """A researcher's folder: exports of several kinds, nested, one compressed, some not papers."""
    root = tmp_path / "downloads"
    shutil.copy(sample("zotero.bib"), write(tmp_path, "downloads/b-zotero.bib", ""))
    shutil.copy(sample("arxiv.xml"), write(tmp_path, "downloads/a/arxiv.xml", ""))
    write(tmp_path, "downloads/a/openalex/part_000.gz", gzip.compress(open(sample("openalex-works.jsonl"), "rb").read()))
    write(tmp_path, "downloads/c-notes", "Some notes, none of them papers.\n")
    write(tmp_path, "downloads/d-scan.pdf", b"%PDF-1.7\n\x00\x00\x01" * 50)
    write(tmp_path, "downloads/.DS_Store", b"\x00\x00\x00\x01Bud1")
    write(tmp_path, "downloads/.git/HEAD", "ref: refs/heads/main\n")
    return root


def test_a_directory_is_read_depth_first_in_name_order(downloads):
    papers, problems = split(read_records(str(downloads)))
    files = [p.origin.rsplit(":", 1)[0] for p in papers]
    arxiv, openalex, zotero = (str(downloads / "a" / "arxiv.xml"), str(downloads / "a" / "openalex" / "part_000.gz"),
                               str(downloads / "b-zotero.bib"))
    assert files == [arxiv] * 3 + [openalex] * 2 + [zotero] * 3
    assert [p.id for p in papers[:5]] == ["arxiv:2302.01234", "arxiv:2212.04567", "arxiv:hep-th/9901001",
                                          "openalex:W3100000001", "openalex:W4300000002"]
    assert [(p.file, p.line, p.why) for p in problems] == [
        (openalex, 3, "no abstract; skipped (openalex:W4300000003)"),
        (zotero, 28, "no abstract; skipped (ivanova_no_2023)"),
        (str(downloads / "c-notes"), 1, f"cannot tell the format (known: {'|'.join(FORMATS)}); file skipped"),
        (str(downloads / "d-scan.pdf"), 1, "binary file; skipped"),
    ]


def test_two_runs_read_the_same_papers_in_the_same_order(downloads):
    first, _ = read_papers([str(downloads)])
    second, _ = read_papers([str(downloads)])
    assert [p.origin for p in first] == [p.origin for p in second] and len(first) == 8


def test_a_format_given_applies_to_every_file(tmp_path):
    write(tmp_path, "dump/one.txt", jsonl({"title": "One", "abstract": ABSTRACT}))
    write(tmp_path, "dump/two.data", jsonl({"title": "Two", "abstract": ABSTRACT}))
    assert [p.title for p in read_records(str(tmp_path / "dump"), "jsonl")] == ["One", "Two"]


def test_a_field_map_applies_to_every_file(tmp_path):
    write(tmp_path, "dump/a.jsonl", jsonl({"title": "A", "summary": ABSTRACT}))
    write(tmp_path, "dump/b.csv", f'title,summary\nB,"{ABSTRACT}"\n')
    assert [p.title for p in read_records(str(tmp_path / "dump"), field_map={"abstract": "summary"})] == ["A", "B"]


def test_an_empty_directory_is_one_problem(tmp_path):
    (tmp_path / "empty").mkdir()
    write(tmp_path, "empty/.hidden", "x")
    path = str(tmp_path / "empty")
    assert list(read_records(path)) == [ReadProblem(path, 1, "no files in this directory; nothing to read")]


def test_a_file_that_cannot_be_opened_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    locked = write(tmp_path, "dir/a.jsonl", jsonl({"title": "Locked", "abstract": ABSTRACT}))
    write(tmp_path, "dir/b.jsonl", jsonl({"title": "Open", "abstract": ABSTRACT}))

    def open_unless_locked(path, *args, **kwargs):  # chmod 0 does not stop root, who runs CI here
        if path == locked:
            raise PermissionError(13, "Permission denied", path)
        return open(path, *args, **kwargs)

    monkeypatch.setattr("kg.read.decode.open", open_unless_locked, raising=False)
    papers, problems = split(read_records(str(tmp_path / "dir")))
    assert [p.title for p in papers] == ["Open"]
    assert problems == [ReadProblem(locked, 1, "permission denied; skipped")]


def test_a_link_to_nothing_is_reported_and_links_to_folders_are_not_followed(tmp_path):
    write(tmp_path, "dir/a.jsonl", jsonl({"title": "A", "abstract": ABSTRACT}))
    os.symlink(tmp_path / "missing.jsonl", tmp_path / "dir" / "b.jsonl")
    os.symlink(tmp_path / "dir", tmp_path / "dir" / "loop")
    papers, problems = split(read_records(str(tmp_path / "dir")))
    assert [p.title for p in papers] == ["A"]
    assert problems == [ReadProblem(str(tmp_path / "dir" / "b.jsonl"), 1, "a link to nothing; skipped"),
                        ReadProblem(str(tmp_path / "dir" / "loop"), 1, "a link to a folder, not followed; skipped")]


def test_directories_and_files_mix_with_duplicates_found_across_them(tmp_path):
    one = write(tmp_path, "one.jsonl", jsonl({"id": "p1", "title": "A", "abstract": ABSTRACT}))
    inside = write(tmp_path, "dir/two.jsonl", jsonl({"id": "p1", "title": "B", "abstract": ABSTRACT}))
    papers, problems = read_papers([one, str(tmp_path / "dir")], on_duplicate="skip")
    assert [p.title for p in papers] == ["A"]
    assert problems == [ReadProblem(inside, 1, f"duplicate id 'p1' with other content (first at {one}:1); skipped")]
