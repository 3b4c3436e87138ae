"""arXiv API Atom feeds (kg.read.arxiv)."""

from __future__ import annotations

from kg.read import read_records
from read.samples import problems_of, sample, split, write


def test_an_arxiv_feed_gives_one_paper_per_entry_with_ids_without_version():
    path = sample("arxiv.xml")
    papers, problems = split(read_records(path))
    assert problems == []
    assert [(p.id, p.title, p.origin) for p in papers] == [
        ("arxiv:2302.01234", "Sparse Mixture-of-Experts Routing at Scale", f"{path}:10"),
        ("arxiv:2212.04567", "Café: Contrastive Augmentation for Few-shot Entity Typing", f"{path}:37"),
        ("arxiv:hep-th/9901001", "Counting Strings on a Compact Manifold", f"{path}:53"),
    ]
    sparse, cafe, strings = papers
    assert sparse.abstract == (
        "Mixture-of-experts (MoE) models route each token to a few experts. We present TopRoute, a routing rule "
        "that balances expert load without an auxiliary loss. TopRoute trains 1.8x faster than Switch Transformer "
        "on C4 while matching its perplexity.")
    assert sparse.authors == ("Chidi Okafor", "Min-Jun Lee")
    assert (sparse.year, sparse.url) == (2023, "http://arxiv.org/abs/2302.01234v2")
    assert sparse.extra == {"arxiv_version": 2, "primary_category": "cs.LG", "categories": ["cs.LG", "cs.CL"],
                            "comment": "12 pages, 4 figures", "doi": "10.48550/arxiv.2302.01234"}
    assert cafe.authors == ("Thị Nguyễn",) and "contrastive views & back-translations" in cafe.abstract
    assert cafe.extra["journal_ref"] == "EMNLP 2022"
    assert (strings.year, strings.extra["arxiv_version"], strings.extra["primary_category"]) == (1999, 3, "hep-th")


def test_a_broken_feed_reports_the_broken_entry_and_reads_on_after_it():
    path = sample("arxiv-broken.atom")
    papers, problems = split(read_records(path))
    assert [(p.id, p.origin) for p in papers] == [("arxiv:2301.00001", f"{path}:4"), ("arxiv:2301.00003", f"{path}:18")]
    assert papers[1].authors == ("Gil Gamma", "Dee Delta") and papers[1].extra["primary_category"] == "cs.CV"
    assert [(p.line, p.why) for p in problems] == [
        (15, "invalid XML: mismatched tag (column 58); entry from line 11 skipped"),
        (27, "arXiv API error: incorrect id format for 1234.5678; skipped"),
        (38, "invalid XML: no element found; the file ends early (entry from line 35 skipped)"),
    ]


def test_an_entry_without_a_summary_is_reported(tmp_path):
    feed = ('<feed xmlns="http://www.w3.org/2005/Atom">\n<entry>\n<id>http://arxiv.org/abs/2301.00009v1</id>\n'
            "<title>No Summary</title>\n</entry>\n</feed>\n")
    assert problems_of(read_records(write(tmp_path, "feed.xml", feed))) == [(2, "no abstract; skipped (arxiv:2301.00009)")]


def test_xml_that_is_not_an_atom_feed_is_one_problem(tmp_path):
    path = write(tmp_path, "pubmed.xml", '<?xml version="1.0"?>\n<PubmedArticleSet>\n<PubmedArticle/>\n</PubmedArticleSet>\n')
    assert problems_of(read_records(path)) == [(2, "not an Atom feed (its root element is <PubmedArticleSet>); file skipped")]


def test_a_feed_on_one_line_is_read_and_a_break_in_it_ends_it(tmp_path):
    entry = '<entry><id>http://arxiv.org/abs/2301.0000{0}</id><title>T{0}</title><summary>Text {0}.</summary></entry>'
    feed = '<feed xmlns="http://www.w3.org/2005/Atom">' + entry.format(1) + "<entry><title>x</titel>" + entry.format(3) + "</feed>"
    papers, problems = split(read_records(write(tmp_path, "feed.atom", feed)))
    assert [p.id for p in papers] == ["arxiv:2301.00001"]
    assert [(p.line, p.why.endswith("rest of file skipped")) for p in problems] == [(1, True)]


def test_a_field_map_takes_arxiv_fields_by_their_element_names(tmp_path):
    feed = ('<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"><entry>'
            "<id>http://arxiv.org/abs/2301.00001v1</id><title>T</title><summary>Text.</summary>"
            "<arxiv:journal_ref>CVPR 2023</arxiv:journal_ref></entry></feed>")
    [paper] = read_records(write(tmp_path, "feed.xml", feed), field_map={"venue": "journal_ref"})
    assert paper.venue == "CVPR 2023"
