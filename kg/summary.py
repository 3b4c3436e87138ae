"""The summary ``kg build`` and ``kg stats`` print: counts and the most-used entities.

Top lists rank entities by the number of papers they appear in and leave out those seen
in fewer than ``MIN_PAPERS`` papers: one abstract's passing phrase says little about a
collection. When no entity of a label reaches it (a graph of one paper, say), the list
falls back to all of them rather than staying empty. :func:`kg.analysis.centrality` uses
the same rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # the CLI imports MIN_PAPERS at start-up; networkx only when a graph is summarised
    import networkx as nx

from kg.model import ENTITY_TYPES, NODE_LABELS, RELATION_TYPES

MIN_PAPERS = 2  # an entity must be in this many papers to be in a top list (see keep_frequent)

T = TypeVar("T")


def keep_frequent(items: Sequence[T], papers: Callable[[T], int], min_papers: int = MIN_PAPERS) -> tuple[list[T], int]:
    """The items in at least ``min_papers`` papers and how many others were left out; all
    items (and 0) when none reaches ``min_papers``, so that a small graph still has a list.

    >>> keep_frequent([("a", 3), ("b", 1)], lambda x: x[1])
    ([('a', 3)], 1)
    >>> keep_frequent([("b", 1)], lambda x: x[1])
    ([('b', 1)], 0)
    """
    kept = [item for item in items if papers(item) >= min_papers]
    if not kept:
        return list(items), 0
    return kept, len(items) - len(kept)


@dataclass
class Summary:
    nodes: dict[str, int]
    relationships: dict[str, int]
    top: dict[str, list[tuple[str, int]]]  # label -> [(name, papers)], most papers first
    min_papers: int = MIN_PAPERS
    left_out: dict[str, int] = field(default_factory=dict)  # label -> entities in fewer than min_papers papers

    @classmethod
    def from_dict(cls, data: dict) -> Summary:
        """Read ``to_dict``'s output; a summary saved before top lists had ``min_papers``
        (an older build's manifest) gets the rule applied to its lists."""
        min_papers = data.get("min_papers", MIN_PAPERS)
        top = {k: keep_frequent([tuple(x) for x in v], lambda x: x[1], min_papers)[0] for k, v in data["top"].items()}
        return cls(data["nodes"], data["relationships"], top, min_papers, dict(data.get("left_out", {})))

    def to_dict(self) -> dict:
        return {
            "nodes": self.nodes,
            "relationships": self.relationships,
            "top": {k: [list(x) for x in v] for k, v in self.top.items()},
            "min_papers": self.min_papers,
            "left_out": self.left_out,
        }


def summarize(graph: nx.MultiDiGraph, top_n: int = 10, min_papers: int = MIN_PAPERS) -> Summary:
    labels = Counter(data["label"] for _, data in graph.nodes(data=True))
    types = Counter(key for _, _, key in graph.edges(keys=True))
    top: dict[str, list[tuple[str, int]]] = {}
    left_out: dict[str, int] = {}
    for label in ENTITY_TYPES:
        ranked = sorted(
            ((data["name"], _papers(data)) for _, data in graph.nodes(data=True) if data["label"] == label),
            key=lambda item: (-item[1], item[0].casefold()),
        )
        kept, left_out[label] = keep_frequent(ranked, lambda item: item[1], min_papers)
        top[label] = kept[:top_n]
    return Summary(
        {label: labels.get(label, 0) for label in NODE_LABELS},
        {t: types.get(t, 0) for t in RELATION_TYPES},
        top,
        min_papers,
        left_out,
    )


def _papers(data: dict) -> int:
    """A node's paper count: an int in kg's graphs, a list of paper ids in some others."""
    papers = data.get("papers", 0)
    return papers if isinstance(papers, int) else len(papers)


def format_summary(summary: Summary, top_n: int = 5) -> str:
    lines = ["nodes:         " + ", ".join(f"{k} {v}" for k, v in summary.nodes.items())]
    lines.append("relationships: " + ", ".join(f"{k} {v}" for k, v in summary.relationships.items() if v))
    for label in ENTITY_TYPES:
        items = summary.top.get(label, [])[:top_n]
        if items:
            line = f"{'top ' + label.lower() + 's:':<15}" + ", ".join(f"{name} ({n})" for name, n in items)
            if items[0][1] < summary.min_papers:
                line += f"  (none in {summary.min_papers}+ papers)"
            lines.append(line)
    left_out = ", ".join(f"{n} {label.lower()}{'s' * (n != 1)}" for label, n in summary.left_out.items() if n)
    if left_out:
        lines.append(f"{'':15}(n) = papers; in fewer than {summary.min_papers} papers, so not listed: {left_out}")
    return "\n".join(lines)
