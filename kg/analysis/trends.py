"""Trends by year: which entities rise and fall in the share of papers mentioning them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.analysis.views import (
    node_label,
    node_name,
)


@dataclass
class Trend:
    """One entity's share of papers per year (``shares``, in %) over the window, its
    papers in the window and the least-squares ``slope`` of the share (points per year)."""

    name: str
    label: str
    papers: int
    shares: dict[int, float]
    slope: float


@dataclass
class Trends:
    """``years`` is the window; ``papers_per_year`` counts the papers with a year."""

    years: list[int]
    papers_per_year: dict[int, int]
    rising: dict[str, list[Trend]]
    falling: dict[str, list[Trend]]


def _year(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _slope(xs: list[int], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else 0.0


def trends(
    G: nx.MultiDiGraph,
    labels: tuple[str, ...] = ("Method", "Dataset"),
    last: int = 5,
    min_papers: int = 3,
    min_year_papers: int = 10,
    top: int = 10,
) -> Trends:
    """Rising and falling entities by year, from the papers that have a ``year``.

    The window is the ``last`` most recent years with at least ``min_year_papers`` papers.
    An entity's share in a year is the percentage of that year's papers that mention or
    propose it (any edge from the Paper); its trend is the least-squares slope of that
    share over the window, in percentage points per year. Entities with fewer than
    ``min_papers`` papers in the window are skipped; ``rising`` has the ``top`` largest
    positive slopes per label, ``falling`` the most negative. A window of fewer than two
    years has no trends. Shares, not counts, so a year with more papers does not make
    everything look like it is rising; they still follow the mix of venues of each year.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", label="Method", name="BERT")
    >>> for p, year, mentions in (("p1", 2020, True), ("p2", 2020, False), ("p3", 2021, True), ("p4", 2021, True)):
    ...     G.add_node(p, label="Paper", year=year)
    ...     if mentions:
    ...         _ = G.add_edge(p, "m", key="MENTIONS")
    >>> t = trends(G, min_papers=1, min_year_papers=1)
    >>> t.years, t.rising["Method"][0].shares, t.rising["Method"][0].slope
    ([2020, 2021], {2020: 50.0, 2021: 100.0}, 50.0)
    """
    per_year: Counter = Counter()
    papers_by_year: dict[int, list[Any]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        if data.get("label") == "Paper" and (year := _year(data.get("year"))) is not None:
            per_year[year] += 1
            papers_by_year[year].append(node)
    years = sorted(y for y, n in per_year.items() if n >= min_year_papers)[-last:] if last > 0 else []
    rising: dict[str, list[Trend]] = {label: [] for label in labels}
    falling: dict[str, list[Trend]] = {label: [] for label in labels}
    if len(years) >= 2:
        counts: dict[Any, Counter] = defaultdict(Counter)
        for year in years:
            for p in papers_by_year[year]:
                for v in set(G.successors(p)):
                    if node_label(G, v) in rising:
                        counts[v][year] += 1
        for v, by_year in counts.items():
            total = sum(by_year.values())
            if total < min_papers:
                continue
            shares = {y: round(100.0 * by_year[y] / per_year[y], 3) for y in years}
            slope = _slope(years, [100.0 * by_year[y] / per_year[y] for y in years])
            trend = Trend(node_name(G, v), node_label(G, v), total, shares, round(slope, 4))
            if slope > 0:
                rising[trend.label].append(trend)
            elif slope < 0:
                falling[trend.label].append(trend)
        for label in labels:
            rising[label] = sorted(rising[label], key=lambda t: (-t.slope, -t.papers, t.name.casefold()))[:top]
            falling[label] = sorted(falling[label], key=lambda t: (t.slope, -t.papers, t.name.casefold()))[:top]
    return Trends(years, dict(sorted(per_year.items())), rising, falling)
