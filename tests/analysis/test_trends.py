"""kg.analysis.trends on papers with years."""


import networkx as nx
import pytest

from kg.analysis.trends import trends

from graph_builders import entity, link, paper


@pytest.fixture
def years():
    G = nx.MultiDiGraph()
    entity(G, "X", "Method")
    entity(G, "Y", "Method")
    entity(G, "W", "Method")
    entity(G, "Z", "Dataset")
    mentions = {  # paper: (year, what it mentions)
        "a1": (2019, "YZ"), "a2": (2019, "Y"),
        "b1": (2020, "XYZ"), "b2": (2020, ""),
        "c1": (2021, "XZ"), "c2": (2021, "XW"),
    }
    for pid, (year, names) in mentions.items():
        paper(G, pid, year)
        for name in names:
            link(G, f"paper:{pid}", name, "MENTIONS", (pid,))
    paper(G, "undated")
    link(G, "paper:undated", "W", "MENTIONS", ("undated",))
    return G


def test_trends_by_hand(years):
    t = trends(years, min_papers=2, min_year_papers=1)
    assert t.years == [2019, 2020, 2021] and t.papers_per_year == {2019: 2, 2020: 2, 2021: 2}
    (x,) = t.rising["Method"]
    assert (x.name, x.papers, x.shares, x.slope) == ("X", 3, {2019: 0.0, 2020: 50.0, 2021: 100.0}, 50.0)
    (y,) = t.falling["Method"]
    assert (y.name, y.shares, y.slope) == ("Y", {2019: 100.0, 2020: 50.0, 2021: 0.0}, -50.0)
    assert t.rising["Dataset"] == t.falling["Dataset"] == []  # Z: 50% every year; W: one dated paper


def test_trends_window_and_thresholds(years):
    t = trends(years, last=2, min_papers=1, min_year_papers=1)
    assert t.years == [2020, 2021]
    assert [(x.name, x.slope) for x in t.rising["Method"]] == [("X", 50.0), ("W", 50.0)]  # ties: more papers first
    assert [(x.name, x.slope) for x in t.falling["Method"]] == [("Y", -50.0)]
    assert [x.name for x in trends(years, last=2, min_papers=2, min_year_papers=1).rising["Method"]] == ["X"]
    assert trends(years, min_year_papers=3).years == []  # no year has 3 papers: no window
    paper(years, "d1", "2022")  # a year given as text still counts
    link(years, "paper:d1", "X", "MENTIONS", ("d1",))
    assert trends(years, last=2, min_papers=1, min_year_papers=1).years == [2021, 2022]
