"""Leaderboards: the reported results per dataset and metric, best first, with conflicts.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.analysis.views import (
    node_label,
    node_name,
)
from kg.model import CHANGE_UNITS

# Metrics where a lower value is better, matched as whole words (or word sequences) of the
# metric's name, lowercased with hyphens and underscores read as spaces. Anything else is
# higher-is-better. HIGHER_DESPITE wins over the list: "error reduction", "memory savings".
LOWER_IS_BETTER = (
    "error", "errors", "err", "error rate", "wer", "cer", "ter", "eer", "mae", "mse", "rmse", "mape",
    "loss", "nll", "negative log likelihood", "perplexity", "ppl", "bits per dimension", "bpd", "bpc",
    "fid", "fvd", "kid", "lpips", "distance", "chamfer", "divergence", "kl",
    "latency", "runtime", "run time", "time", "inference time", "training time",
    "memory", "peak memory", "parameters", "params", "flops", "macs", "model size", "cost",
    "energy", "regret", "miss rate", "false positive rate", "fpr", "fnr", "false alarm rate",
    "ade", "fde", "ate", "rpe", "drift", "collision rate", "collisions", "violation", "violations",
    "mean rank", "median rank", "brier", "ece", "sample complexity",
)
HIGHER_DESPITE = ("reduction", "improvement", "improvements", "speedup", "speed up", "gain", "gains",
                  "compression", "saving", "savings", "throughput", "fps")
# Results in these units are changes against a baseline ("2.2x less memory", "+1.5 points",
# "+2.0% over MoCo"), not values two papers can be ranked by; leaderboards leave them out
# unless asked, and so does cypher/leaderboard.cypher.
RELATIVE_UNITS = CHANGE_UNITS


def _words(metric: str) -> str:
    return " " + " ".join(metric.casefold().replace("-", " ").replace("_", " ").split()) + " "


def lower_is_better(metric: str) -> bool:
    """Whether a lower value of ``metric`` is better (see ``LOWER_IS_BETTER``).

    >>> [lower_is_better(m) for m in ("top-1 accuracy", "FID", "word error rate", "BLEU", "error reduction")]
    [False, True, True, False, False]
    """
    words = _words(metric)
    if any(f" {w} " in words for w in HIGHER_DESPITE):
        return False
    return any(f" {w} " in words for w in LOWER_IS_BETTER)


@dataclass
class Entry:
    """One reported value: ``result`` is the Result node, ``paper`` the paper id."""

    value: float
    unit: str
    method: str | None
    paper: str
    title: str | None
    year: int | None
    evidence: str | None
    result: str


@dataclass
class Claim:
    value: float
    paper: str
    title: str | None


@dataclass
class Conflict:
    """Papers claiming different values for the same method, dataset and metric."""

    method: str
    claims: list[Claim]


@dataclass
class Leaderboard:
    """The results on one dataset for one metric (and unit), best first."""

    dataset: str
    metric: str
    unit: str
    higher_is_better: bool
    best: Entry
    entries: list[Entry]
    conflicts: list[Conflict]

    @property
    def papers(self) -> int:
        return len({e.paper for e in self.entries})


_NUMBER = re.compile(r"(?<![\w.])([+±]\s?)?\d+(?:[.,]\d+)?")
_CHANGE_WORDS = (
    r"improv\w*|gains?|boost\w*|increas\w*|decreas\w*|reduc\w*|drops?|degrad\w*|higher|lower|more|less"
    r"|better|worse|fewer|relative|absolute|faster|slower|margin"
)
_CHANGE_BEFORE = re.compile(rf"(?:\bby|\b(?:{_CHANGE_WORDS}))\b[^.;:]{{0,25}}$|[+±]\s*$", re.I)
_CHANGE_AFTER = re.compile(
    rf"^\s*(?:%|percent)?\s*(?:(?!and\b|or\b|with\b|while\b)[\w\-/]+\s+){{0,3}}?(?:{_CHANGE_WORDS})\b", re.I
)
_OVER_BASELINE = re.compile(r"^[^.;:]{0,60}?\bover (?:the |a |an |its |their |strong )?(?:[\w\-]+ ){0,2}baselines?\b", re.I)
_LIST_GAP = re.compile(r"^\s*%?\s*(?:,\s*(?:and\s+)?|and\s+|/\s*|or\s+)$")


def reads_as_change(sentence: str, value: float) -> bool:
    """Whether ``value`` reads, in its sentence, as a change against a baseline rather than
    a score: signed ("+2.8%"), after "by" or a word of change ("improves accuracy by 1.3%",
    "an improvement of 4.2%"), before one ("2.3% F1 gains", "19% higher") or before
    "over the baseline" ("2.0% accuracy on ImageNet-1K over the MoCo baseline"); a list
    ("by 2.0%, 3.5% and 4.1%") counts as a whole. A heuristic: the extractor records the
    number, not what it measures.

    >>> reads_as_change("It improves accuracy by 2.0% and 3.5% on CIFAR-10.", 3.5)
    True
    >>> reads_as_change("It reaches 81.5% top-1 accuracy on ImageNet.", 81.5)
    False
    """
    numbers = list(_NUMBER.finditer(sentence))
    for i, m in enumerate(numbers):
        try:
            found = float(re.sub(r"[+±\s]", "", m.group()).replace(",", "."))
        except ValueError:  # pragma: no cover - the pattern only matches numbers
            continue
        if abs(found - abs(value)) > 1e-9:
            continue
        head = tail = i
        while head > 0 and _LIST_GAP.match(sentence[numbers[head - 1].end() : numbers[head].start()]):
            head -= 1
        while tail + 1 < len(numbers) and _LIST_GAP.match(sentence[numbers[tail].end() : numbers[tail + 1].start()]):
            tail += 1
        first, last = numbers[head], numbers[tail]
        if (
            m.group(1)
            or first.group(1)
            or _CHANGE_BEFORE.search(sentence[max(0, first.start() - 40) : first.start()])
            or _CHANGE_AFTER.match(sentence[last.end() : last.end() + 50])
            or _OVER_BASELINE.match(sentence[last.end() : last.end() + 90])
        ):
            return True
    return False


def _one(G: nx.MultiDiGraph, nodes: Any, label: str) -> str | None:
    names = sorted(node_name(G, v) for v in nodes if node_label(G, v) == label)
    return names[0] if names else None


def leaderboards(
    G: nx.MultiDiGraph,
    min_papers: int = 1,
    relative_units: tuple[str, ...] = RELATIVE_UNITS,
    changes: bool = False,
) -> list[Leaderboard]:
    """One leaderboard per (dataset, metric, unit) from the Result nodes, best first.

    A Result counts when the graph ties it to a Dataset (its EVALUATED_ON edge); its
    metric is the Metric node it is MEASURED_BY, its method the Method that ACHIEVES it
    (None if unknown). Changes against a baseline, the results whose unit is one of
    ``relative_units`` ("improves accuracy by 1.3%" has the unit "% change"), are left
    out unless ``changes``: the unit alone decides, as in ``cypher/leaderboard.cypher``.
    Values in different units are never compared. "Best" is the highest value unless
    :func:`lower_is_better` says otherwise; ties go to the earlier paper, then the paper
    id. A conflict is one method with different values from two or more papers.
    Leaderboards with fewer than ``min_papers`` papers are dropped; the rest are sorted
    by papers, then entries, then name.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("d", {"label": "Dataset", "name": "COCO"}), ("f", {"label": "Metric", "name": "FID"})])
    >>> for r, value, paper in (("r1", 52.3, "p1"), ("r2", 20.1, "p2")):
    ...     G.add_node(r, label="Result", value=value, unit="", paper=paper)
    ...     _ = G.add_edge(r, "d", key="EVALUATED_ON"), G.add_edge(r, "f", key="MEASURED_BY")
    >>> (board,) = leaderboards(G)
    >>> board.metric, board.higher_is_better, board.best.value, board.best.paper
    ('FID', False, 20.1, 'p2')
    """
    groups: dict[tuple[str, str, str], list[Entry]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        if data.get("label") != "Result" or data.get("value") is None:
            continue
        unit = data.get("unit") or ""
        if unit in relative_units and not changes:
            continue
        dataset = _one(G, G.successors(node), "Dataset")
        metric = _one(G, G.successors(node), "Metric")
        if dataset is None or metric is None:
            continue
        method = _one(G, G.predecessors(node), "Method")
        pid = str(data.get("paper", ""))
        paper = G.nodes.get(f"paper:{pid}", {})
        year = paper.get("year")
        entry = Entry(float(data["value"]), unit, method, pid, paper.get("title"), year, data.get("evidence"), str(node))
        groups[(dataset, metric, unit)].append(entry)
    boards = []
    for (dataset, metric, unit), entries in groups.items():
        higher = not lower_is_better(metric)
        entries.sort(key=lambda e: (-e.value if higher else e.value, e.year or math.inf, e.paper, e.result))
        claims: dict[str, dict[str, set[float]]] = defaultdict(lambda: defaultdict(set))
        titles = {}
        for e in entries:
            if e.method is not None:
                claims[e.method][e.paper].add(e.value)
                titles[e.paper] = e.title
        conflicts = []
        for method, by_paper in sorted(claims.items(), key=lambda kv: kv[0].casefold()):
            values = {v for vs in by_paper.values() for v in vs}
            if len(by_paper) > 1 and len(values) > 1:
                conflicts.append(
                    Conflict(method, [Claim(v, p, titles[p]) for p in sorted(by_paper) for v in sorted(by_paper[p])])
                )
        board = Leaderboard(dataset, metric, unit, higher, entries[0], entries, conflicts)
        if board.papers >= min_papers:
            boards.append(board)
    boards.sort(key=lambda b: (-b.papers, -len(b.entries), b.dataset.casefold(), b.metric.casefold(), b.unit))
    return boards
