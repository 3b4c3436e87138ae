"""Daily Papers page text (kg.read.page): titles and abstracts, never the page's chrome."""

from __future__ import annotations

import io

from kg.model import ReadProblem
from kg.read import read_papers, read_records
from read.samples import ABSTRACT, split, write

from repo_paths import SAMPLE

CHROME = {"new", "Get trending papers in your email inbox!", "Subscribe", "Daily Papers",
          "byAK and the research community", "Aug 1"}


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
    papers, problems = split(read_records(path))
    assert [p.title for p in papers] == ["Counting Things at Scale"]
    assert papers[0].abstract == ABSTRACT + " More."
    assert papers[0].origin == f"{path}:7"
    assert problems == [ReadProblem(path, 5, "paragraph without a title line; skipped")]


def test_page_keeps_a_wrapped_abstract_whole(tmp_path):
    path = write(tmp_path, "page.md", f"A Wrapped Paper\n\n  {ABSTRACT[:60]}\n{ABSTRACT[60:]}  \n")
    [paper] = read_records(path)
    assert paper.abstract == ABSTRACT[:60] + "\n" + ABSTRACT[60:]


def test_page_text_piped_to_stdin_is_still_read_as_a_page(monkeypatch):
    """`pbpaste | kg build -`: stdin that no other format claims is page text, as before."""
    class FakeStdin:
        buffer = io.BytesIO(f"Daily Papers\n\nCounting Things\n\n{ABSTRACT}\n".encode())

    monkeypatch.setattr("sys.stdin", FakeStdin())
    [paper] = read_records("-")
    assert (paper.title, paper.abstract, paper.origin) == ("Counting Things", ABSTRACT, "<stdin>:3")


def test_the_page_reader_ignores_a_field_map(tmp_path):
    path = write(tmp_path, "page.txt", f"Counting Things\n\n{ABSTRACT}\n")
    [paper] = read_records(path, field_map={"abstract": "summary"})
    assert paper.abstract == ABSTRACT
