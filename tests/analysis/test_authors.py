"""kg.analysis.authors on a graph built from records that name their authors and venues."""

import pytest

from kg.analysis.authors import authors, venues
from kg.build import build
from kg.errors import EntityNotFoundError

from repo_paths import ROOT

WITH_AUTHORS = ROOT / "tests" / "data" / "with_authors.jsonl"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    return build([str(WITH_AUTHORS)], tmp_path_factory.mktemp("authors") / "out").graph


def test_authors_rank_by_papers_and_an_orcid_keeps_two_namesakes_apart(graph):
    rows = authors(graph)
    assert [(r.name, r.papers) for r in rows[:2]] == [("Ada Lovelace", 2), ("Alan Turing", 2)]
    assert sorted((r.name, r.papers) for r in rows if r.name.startswith("Ada")) == [("Ada Lovelace", 1), ("Ada Lovelace", 2)]


def test_who_works_on_a_method(graph):
    assert {r.name for r in authors(graph, method="BERT")} == {"Ada Lovelace", "Alan Turing", "Grace Hopper"}
    assert [r.name for r in authors(graph, method="ViT")] == ["Alan Turing"]
    with pytest.raises(EntityNotFoundError):
        authors(graph, method="no such method")


def test_venues_merge_spellings_and_list_their_methods(graph):
    rows = {r.name: r for r in venues(graph)}
    assert set(rows) == {"ACL", "CVPR"} and rows["ACL"].papers == 2 and rows["CVPR"].papers == 2
    assert ("BERT", 2) in rows["ACL"].methods
    assert {m for m, _ in rows["CVPR"].methods} >= {"Vision Transformer", "ResNet"}  # ViT, by its long name
