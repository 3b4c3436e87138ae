"""BibTeX exports (kg.read.bibtex): Zotero, Google Scholar, DBLP."""

from __future__ import annotations

import pytest

from kg.read import read_records, stable_paper_id
from kg.read.bibtex import names
from kg.read.latex import latex_to_text
from read.samples import ABSTRACT, problems_of, sample, split, write


def test_a_zotero_export_gives_titles_abstracts_and_names_without_latex():
    path = sample("zotero.bib")
    papers, problems = split(read_records(path))
    assert [(p.title, p.origin) for p in papers] == [
        ("Counting Things with Schön-Nets: A Study of GANs", f"{path}:2"),
        ("Café: Contrastive Augmentation for Few-shot Entity typing", f"{path}:14"),
        ("Sparse Mixture-of-Experts Routing at Scale", f"{path}:38"),
    ]
    counting, cafe, sparse = papers
    assert counting.abstract == (
        "We propose SchönNet, a generative adversarial network for counting objects in crowded scenes. "
        "SchönNet reaches 91.2% accuracy on the CrowdCount benchmark & outperforms prior GANs by 3.4 points.")
    assert counting.authors == ("Jörg Müller", "María García", "John Smith")
    assert (counting.year, counting.venue) == (2021, "Journal of Machine Learning Research")
    assert counting.url == "https://jmlr.example.org/papers/v22/muller21a.html"
    assert counting.extra == {"bibtex_key": "muller_counting_2021", "bibtex_type": "article", "doi": "10.5555/jmlr.2021.0042"}
    assert counting.id == stable_paper_id(counting.title, counting.abstract)
    assert cafe.venue == "Proceedings of the Conference on Empirical Methods in Natural Language Processing"
    assert cafe.authors == ("Thị Nguyễn", "OpenNLP Consortium")
    assert "contrastive views — paraphrases" in cafe.abstract
    assert sparse.authors == ("Chidi Okafor", "Min-Jun Lee", "Barnes and Noble Research")  # braced: one name
    assert (sparse.venue, sparse.extra["doi"]) == (None, "10.48550/arxiv.2302.01234")
    assert [(p.line, p.why) for p in problems] == [(28, "no abstract; skipped (ivanova_no_2023)")]


def test_a_google_scholar_export_has_no_abstracts_and_says_so_per_entry():
    assert problems_of(read_records(sample("scholar.bib"))) == [
        (1, "no abstract; skipped (muller2021counting)"),
        (11, "no abstract; skipped (nguyen2022cafe)"),
        (19, "no abstract; skipped (okafor2023sparse)"),
    ]


def test_a_dblp_export_reads_names_first_last_and_its_wrapped_abstracts():
    path = sample("dblp.bib")
    papers, problems = split(read_records(path))
    assert [(p.title, p.authors, p.venue, p.year) for p in papers] == [
        ("Café: Contrastive Augmentation for Few-shot Entity Typing", ("Thị Nguyễn", "OpenNLP Consortium"),
         "Proceedings of EMNLP 2022", 2022),
        ("Sparse Mixture-of-Experts Routing at Scale", ("Chidi Okafor", "Min-Jun Lee"), "CoRR", 2023),
    ]
    assert papers[0].abstract == ("Few-shot entity typing suffers from scarce labels. We introduce Café, which "
                                  "augments each support example with contrastive views. On FewNERD, Café improves "
                                  "F1 by 4.1 points.")
    assert papers[0].extra["doi"] == "10.18653/v1/2022.emnlp-main.999"
    assert papers[1].extra["bibtex_key"] == "DBLP:journals/corr/abs-2302-01234"
    assert [(p.line, p.why) for p in problems] == [(38, "no abstract; skipped (DBLP:journals/jmlr/MullerGS21)")]


def test_a_broken_bib_file_reports_each_bad_entry_at_its_line_and_reads_the_rest():
    path = sample("broken.bib")
    papers, problems = split(read_records(path))
    assert [(p.title, p.origin) for p in papers] == [("A Good First Entry", f"{path}:3"), ("A Good Last Entry", f"{path}:30")]
    assert [(p.line, p.why) for p in problems] == [
        (10, "invalid BibTeX: Unexpected block start: `@article`. Was still looking for field-value closing `}`; "
             "entry skipped (unclosed_2021)"),
        (16, "invalid BibTeX: Expected comma after entry key, but found =; entry skipped (nocomma_2021)"),
        (18, "'year' must be a whole number, not 'forthcoming' (bad_year_2022)"),
        (24, "entry repeats field 'title'; skipped (repeated_2022)"),
    ]


def test_strings_comments_preambles_and_a_repeated_key_are_handled(tmp_path):
    text = ('@string{jmlr = "Journal of ML"}\n@comment{ignore me}\n@preamble{"\\newcommand{\\x}{x}"}\n'
            f"@article{{k, title={{One}}, abstract={{{ABSTRACT}}}, journal=jmlr # \" (JMLR)\"}}\n"
            f"@Article(k, Title=\"Two\", ABSTRACT=\"{ABSTRACT} Again.\", Year=2020)\n")
    path = write(tmp_path, "refs.bib", text)
    papers, problems = split(read_records(path))
    assert problems == []
    assert [(p.title, p.venue, p.year, p.origin) for p in papers] == [
        ("One", "Journal of ML (JMLR)", None, f"{path}:4"), ("Two", None, 2020, f"{path}:5")]


def test_a_field_map_reads_bibtex_fields_by_their_names(tmp_path):
    path = write(tmp_path, "refs.bib", "@article{k, title={T}, annote={Our {N}otes. They are long.}, editor={Doe, Jane}}\n")
    [paper] = read_records(path, field_map={"abstract": "annote", "authors": "editor", "id": "bibtex_key"})
    assert (paper.abstract, paper.authors, paper.id) == ("Our Notes. They are long.", ("Jane Doe",), "k")


@pytest.mark.parametrize("value, expected", [
    (r'M{\"u}ller, J{\"o}rg', ["Jörg Müller"]),
    ("Ada Lovelace and Alan Turing", ["Ada Lovelace", "Alan Turing"]),
    ("{Barnes and Noble} and Smith, J.", ["Barnes and Noble", "J. Smith"]),
    ("de la Fontaine, Jr., Jean AND others", ["Jean de la Fontaine Jr."]),
    ("{Google, Inc.}", ["Google, Inc."]),
])
def test_names_are_split_on_and_outside_braces_and_read_first_last(value, expected):
    assert names(value) == expected


@pytest.mark.parametrize("latex, text", [
    (r"{GAN}s", "GANs"),
    (r"Sch{\"o}n", "Schön"),
    (r"\'el\`eve", "élève"),
    (r"Ros \& Co", "Ros & Co"),
    (r"{\v{S}}koda {\ss}", "Škoda ß"),
    (r"$\mathcal{O}(n^{2})$ time", r"$\mathcal{O}(n^{2})$ time"),
    (r"\textit{in situ} -- 5\%", "in situ – 5%"),
])
def test_latex_escapes_and_braces_are_removed_from_titles_and_abstracts(latex, text):
    assert latex_to_text(latex) == text
