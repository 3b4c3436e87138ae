"""kg.analysis.leaderboards: ranking, lower-is-better metrics, conflicts and changes."""

import re

import networkx as nx
import pytest

from kg.analysis.leaderboards import (
    HIGHER_DESPITE,
    LOWER_IS_BETTER,
    RELATIVE_UNITS,
    leaderboards,
    lower_is_better,
    reads_as_change,
)

from graph_builders import paper, result


@pytest.mark.parametrize(
    "metric, lower",
    [("top-1 error", True), ("FID", True), ("perplexity", True), ("latency", True), ("peak memory", True),
     ("parameters", True), ("WER", True), ("validation loss", True), ("word error rate", True), ("MAE", True),
     ("accuracy", False), ("top-1 accuracy", False), ("BLEU", False), ("F1", False), ("Inception Score", False),
     ("error reduction", False), ("speedup", False), ("memory savings", False)],
)
def test_lower_is_better(metric, lower):
    assert lower_is_better(metric) is lower


@pytest.fixture
def gans():
    G = nx.MultiDiGraph()
    for pid, year in (("p1", 2019), ("p2", 2020), ("p3", 2021)):
        paper(G, pid, year)
    result(G, "r1", 52.3, "FID", "COCO", "GAN-A", "p1")
    result(G, "r2", 20.1, "FID", "COCO", "GAN-B", "p2")
    result(G, "r3", 52.3, "Inception Score", "COCO", "GAN-A", "p1")
    result(G, "r4", 20.1, "Inception Score", "COCO", "GAN-B", "p2")
    return G


def test_lower_is_better_flips_the_winner(gans):
    boards = {b.metric: b for b in leaderboards(gans)}
    fid, inception = boards["FID"], boards["Inception Score"]
    assert not fid.higher_is_better and (fid.best.method, fid.best.value, fid.best.paper) == ("GAN-B", 20.1, "p2")
    assert inception.higher_is_better and (inception.best.method, inception.best.value) == ("GAN-A", 52.3)
    assert [e.value for e in fid.entries] == [20.1, 52.3]
    assert fid.best.title == "Paper p2" and fid.best.year == 2020 and fid.best.result == "r2"


def test_conflicting_claims_are_shown(gans):
    result(gans, "r5", 48.0, "FID", "COCO", "GAN-A", "p3")  # another paper, another value: a conflict
    result(gans, "r6", 20.1, "FID", "COCO", "GAN-B", "p3")  # another paper, the same value: none
    result(gans, "r7", 30.0, "FID", "COCO", "GAN-C", "p3")  # one paper, two settings: none
    result(gans, "r8", 31.0, "FID", "COCO", "GAN-C", "p3")
    fid = next(b for b in leaderboards(gans) if b.metric == "FID")
    assert [(c.method, [(x.value, x.paper, x.title) for x in c.claims]) for c in fid.conflicts] == [
        ("GAN-A", [(52.3, "p1", "Paper p1"), (48.0, "p3", "Paper p3")]),
    ]
    assert fid.papers == 3 and len(fid.entries) == 6 and fid.best.value == 20.1


def test_units_relative_values_and_missing_datasets(gans):
    result(gans, "x1", 3.0, "FID", "COCO", "GAN-C", "p3", unit="x")  # "3x lower FID": relative
    result(gans, "x2", 1.5, "FID", "COCO", "GAN-C", "p3", unit="points")
    result(gans, "x3", 30.0, "FID", "COCO", "GAN-C", "p3", unit="%")  # another unit: its own board
    result(gans, "x4", 10.0, "FID", None, "GAN-C", "p3")  # no dataset: no board
    result(gans, "x5", 9.0, "FID", "COCO", "GAN-D", "p3", unit="% change", sentence="GAN-D lowers FID by 9.0% on COCO.")
    result(gans, "x6", 2.0, "FID", "COCO", "GAN-E", "p3", sentence="GAN-E lowers FID to 2.0 on COCO.")
    boards = {(b.metric, b.unit): b for b in leaderboards(gans)}
    assert set(boards) == {("FID", ""), ("FID", "%"), ("Inception Score", "")}  # no change is a value
    assert [e.method for e in boards["FID", ""].entries] == ["GAN-E", "GAN-B", "GAN-A"]
    with_changes = {(b.metric, b.unit): b for b in leaderboards(gans, changes=True)}
    assert with_changes["FID", "% change"].best.method == "GAN-D"
    assert {("FID", "x"), ("FID", "points")} <= set(with_changes)
    assert [(b.metric, b.unit) for b in leaderboards(gans, min_papers=2)] == [("FID", ""), ("Inception Score", "")]


def test_the_leaderboard_query_ranks_and_excludes_as_the_function_does():
    # cypher/leaderboard.cypher can't call Python: its lists must be these
    from kg.neo4j.cypher_files import named_queries

    text = named_queries()["leaderboard"].text

    def listed(name):
        return tuple(re.findall(r"'([^']*)'", re.search(rf"\[([^\]]*)\] AS {name}\b", text).group(1)))

    assert listed("change_units") == RELATIVE_UNITS
    assert listed("lower_words") == LOWER_IS_BETTER
    assert listed("higher_despite") == HIGHER_DESPITE
    assert "NOT coalesce(r.unit, '') IN change_units" in text


def test_ties_go_to_the_earlier_paper(gans):
    result(gans, "r8", 20.1, "FID", "COCO", "GAN-E", "p1")
    fid = next(b for b in leaderboards(gans) if b.metric == "FID")
    assert [(e.method, e.year) for e in fid.entries[:2]] == [("GAN-E", 2019), ("GAN-B", 2020)]


@pytest.mark.parametrize(
    "sentence, value, change",
    [
        ("TransHP improves ViT-B/16 by +2.83% ImageNet classification accuracy.", 2.83, True),
        ("It increases the accuracy of ResNet-18 on ImageNet by 1.3% points.", 1.3, True),
        ("EM-PERSONA improved accuracy by 2.04%, 3.69%, 4.52%, and 3.42%, respectively.", 4.52, True),
        ("The results present 3.5% and 2.3% F1 gains on three benchmarks.", 3.5, True),
        ("It can improve about 2.0% accuracy on ImageNet-1K over the MoCoV2 baseline.", 2.0, True),
        ("TNT achieves 81.5% top-1 accuracy on ImageNet-1K.", 81.5, False),
        ("The best approach achieves an exact match accuracy of 40% over all questions.", 40.0, False),
        ("We get 99.33% and 98.28% in terms of accuracy on intent detection.", 98.28, False),
    ],
)
def test_reads_as_change(sentence, value, change):
    assert reads_as_change(sentence, value) is change
