"""The summary ``kg build`` and ``kg stats`` print: counts and the most-used entities."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from .model import NODE_LABELS, RELATION_TYPES


@dataclass
class Summary:
    nodes: dict[str, int]
    relationships: dict[str, int]
    top: dict[str, list[tuple[str, int]]]  # label -> [(name, papers)]

    @classmethod
    def from_dict(cls, data: dict) -> "Summary":
        return cls(data["nodes"], data["relationships"], {k: [tuple(x) for x in v] for k, v in data["top"].items()})

    def to_dict(self) -> dict:
        return {"nodes": self.nodes, "relationships": self.relationships, "top": {k: [list(x) for x in v] for k, v in self.top.items()}}


def summarize(graph: nx.MultiDiGraph, top_n: int = 10) -> Summary:
    labels = Counter(data["label"] for _, data in graph.nodes(data=True))
    types = Counter(key for _, _, key in graph.edges(keys=True))
    top: dict[str, list[tuple[str, int]]] = {}
    for label in ("Method", "Dataset", "Metric", "Task"):
        ranked = sorted(
            ((data["name"], data.get("papers", 0)) for _, data in graph.nodes(data=True) if data["label"] == label),
            key=lambda item: (-item[1], item[0].casefold()),
        )
        top[label] = ranked[:top_n]
    return Summary(
        {label: labels.get(label, 0) for label in NODE_LABELS},
        {t: types.get(t, 0) for t in RELATION_TYPES},
        top,
    )


def format_summary(summary: Summary, top_n: int = 5) -> str:
    lines = ["nodes:         " + ", ".join(f"{k} {v}" for k, v in summary.nodes.items())]
    lines.append("relationships: " + ", ".join(f"{k} {v}" for k, v in summary.relationships.items() if v))
    for label in ("Method", "Dataset"):
        items = summary.top.get(label, [])[:top_n]
        if items:
            lines.append(f"top {label.lower()}s:  " + ", ".join(f"{name} ({n})" for name, n in items))
    return "\n".join(lines)
