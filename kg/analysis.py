"""Questions answered from a kg graph with networkx: centrality, communities, co-usage,
leaderboards, the OUTPERFORMS graph, trends by year, paths between entities, and exports.

Every function takes the graph ``kg build`` makes (a ``networkx.MultiDiGraph``: see
:mod:`kg.graph`), returns dataclasses, never modifies the graph, and answers an empty
graph with empty results. Graphs built by hand work too: a node needs ``label``; ``name``
defaults to the node id, ``papers`` to 0; an edge's ``papers`` and ``evidence`` may be
missing. Nothing here prints; :mod:`kg.cli_analyze` formats the results.

Most analyses run on the *entity view*: the graph of Paper and entity nodes with Result
nodes left out (a Result only repeats links its paper already has: the paper mentions the
method, metric and dataset of its own result), parallel edges merged, weighted by the
number of papers behind them.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import networkx as nx

from .errors import EntityNotFoundError
from .model import CHANGE_UNITS, ENTITY_TYPES
from .resolve import normalize_key
from .summary import MIN_PAPERS, keep_frequent

__all__ = [
    "LOWER_IS_BETTER",
    "HIGHER_DESPITE",
    "RELATIVE_UNITS",
    "Ranked",
    "Centrality",
    "Community",
    "Communities",
    "Pair",
    "CoUsage",
    "Entry",
    "Claim",
    "Conflict",
    "Leaderboard",
    "Beaten",
    "Cycle",
    "Outperforms",
    "Trend",
    "Trends",
    "Hop",
    "Path",
    "centrality",
    "pagerank",
    "communities",
    "co_usage",
    "lower_is_better",
    "reads_as_change",
    "leaderboards",
    "outperforms",
    "trends",
    "find_entity",
    "path",
    "flatten",
    "gexf_graph",
    "node_link",
    "write_graphml",
    "write_gexf",
    "write_node_link",
]


# ---- shared helpers --------------------------------------------------------------------


def _name(G: nx.MultiDiGraph, node: Any) -> str:
    return str(G.nodes[node].get("name", node))


def _label(G: nx.MultiDiGraph, node: Any) -> str:
    return G.nodes[node].get("label", "")


def _papers(G: nx.MultiDiGraph, node: Any) -> int:
    papers = G.nodes[node].get("papers", 0)
    return papers if isinstance(papers, int) else len(papers)


def _edge_weight(data: dict) -> int:
    """How many papers stand behind an edge (1 when the edge does not say)."""
    return max(1, len(data.get("papers") or ()))


def _collapsed(G: nx.MultiDiGraph, into: type[nx.Graph]) -> nx.Graph:
    """Paper and entity nodes of ``G`` with parallel edges merged into one, in a graph of
    class ``into``; ``weight`` = the papers behind the merged links."""
    H = into()
    H.add_nodes_from(n for n, d in G.nodes(data=True) if d.get("label") != "Result")
    for u, v, data in G.edges(data=True):
        if u in H and v in H and u != v:
            w = _edge_weight(data)
            if H.has_edge(u, v):
                H[u][v]["weight"] += w
            else:
                H.add_edge(u, v, weight=w)
    return H


def _entity_view(G: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph of Paper and entity nodes; ``weight`` = papers behind the links."""
    return _collapsed(G, nx.Graph)


def _directed_view(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The entity view with directions kept: edge u->v weighted by the papers behind u->v."""
    return _collapsed(G, nx.DiGraph)


def _by_label(G: nx.MultiDiGraph, labels: tuple[str, ...] | list[str]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {label: [] for label in labels}
    for node, data in G.nodes(data=True):
        if data.get("label") in out:
            out[data["label"]].append(node)
    return out


# ---- 1. centrality ---------------------------------------------------------------------


@dataclass
class Ranked:
    """One entity's centrality. ``degree`` counts distinct neighbours (papers and entities)."""

    node: str
    name: str
    label: str
    papers: int
    degree: int
    pagerank: float
    betweenness: float


@dataclass
class Centrality:
    """Top entities per label. ``samples`` is the number of BFS sources betweenness was
    estimated from, or None when it is exact; ``left_out`` counts, per label, the entities
    kept off the list for being in fewer than ``min_papers`` papers."""

    top: dict[str, list[Ranked]]
    by: str
    nodes: int
    edges: int
    samples: int | None
    min_papers: int = MIN_PAPERS
    left_out: dict[str, int] = field(default_factory=dict)


def pagerank(D: nx.DiGraph, alpha: float = 0.85, weight: str = "weight", max_iter: int = 100, tol: float = 1.0e-6) -> dict:
    """PageRank by power iteration, as ``networkx.pagerank`` computes it (dangling mass
    spread uniformly), in pure Python: ``networkx.pagerank`` needs scipy, which kg does not.

    >>> D = nx.DiGraph([("a", "b"), ("b", "a")])
    >>> {n: round(r, 3) for n, r in pagerank(D).items()}
    {'a': 0.5, 'b': 0.5}
    """
    n = len(D)
    if n == 0:
        return {}
    out_weight = {u: sum(d.get(weight, 1) for d in D[u].values()) for u in D}
    dangling = [u for u in D if out_weight[u] == 0]
    x = dict.fromkeys(D, 1.0 / n)
    for _ in range(max_iter):
        last = x
        base = (1.0 - alpha) / n + alpha * sum(last[u] for u in dangling) / n
        x = dict.fromkeys(D, base)
        for u in D:
            if out_weight[u]:
                share = alpha * last[u] / out_weight[u]
                for v, d in D[u].items():
                    x[v] += share * d.get(weight, 1)
        if sum(abs(x[v] - last[v]) for v in x) < n * tol:
            break
    return x


def centrality(
    G: nx.MultiDiGraph,
    labels: tuple[str, ...] = ENTITY_TYPES,
    top: int = 10,
    by: str = "papers",
    exact_limit: int = 1000,
    samples: int = 64,
    seed: int = 0,
    min_papers: int = MIN_PAPERS,
) -> Centrality:
    """The most central entities of each label, ranked ``by`` "papers" (the number of
    papers an entity is in), "pagerank", "degree" or "betweenness".

    Whatever the measure, entities in fewer than ``min_papers`` papers are left out: one
    abstract's phrase linked to a few things would otherwise top the PageRank and degree
    lists. A label none of whose entities reaches ``min_papers`` lists them all
    (:func:`kg.summary.keep_frequent`).

    All three measures are computed on the entity view (see the module docstring):

    - ``degree``: the number of distinct neighbours, papers included;
    - ``pagerank``: on the directed view (Paper -> entity, Method -> Dataset, winner ->
      beaten method, ...), edges weighted by their papers: an entity ranks high when many
      papers, and central entities, point to it;
    - ``betweenness``: on the undirected, unweighted view, normalized; exact up to
      ``exact_limit`` nodes, above it estimated from ``samples`` BFS sources drawn with
      ``seed`` (``networkx.betweenness_centrality(k=samples, seed=seed)``).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", label="Method", name="BERT")
    >>> for d in "abcd":
    ...     G.add_node(d, label="Dataset", name=d.upper())
    ...     _ = G.add_edge("m", d, key="EVALUATED_ON", type="EVALUATED_ON")
    >>> c = centrality(G, by="degree")  # no entity is in 2 papers: all are listed
    >>> (c.top["Method"][0].name, c.top["Method"][0].degree, c.top["Method"][0].betweenness)
    ('BERT', 4, 1.0)
    >>> round(c.top["Dataset"][0].pagerank, 3), round(c.top["Method"][0].pagerank, 3)
    (0.207, 0.171)
    """
    if by not in ("pagerank", "degree", "betweenness", "papers"):
        raise ValueError(f"by must be pagerank, degree, betweenness or papers, not {by!r}")
    H = _entity_view(G)
    n = H.number_of_nodes()
    k = None if n <= exact_limit else min(samples, n)
    between = nx.betweenness_centrality(H, k=k, seed=seed) if n else {}
    ranks = pagerank(_directed_view(G))
    out: dict[str, list[Ranked]] = {}
    left_out: dict[str, int] = {}
    for label, nodes in _by_label(G, labels).items():
        rows = [
            Ranked(str(v), _name(G, v), label, _papers(G, v), H.degree(v), ranks.get(v, 0.0), between.get(v, 0.0))
            for v in nodes
        ]
        rows, left_out[label] = keep_frequent(rows, lambda r: r.papers, min_papers)
        rows.sort(key=lambda r: (-getattr(r, by), -r.papers, r.name.casefold(), r.node))
        out[label] = rows[:top]
    return Centrality(out, by, n, H.number_of_edges(), k, min_papers, left_out)


# ---- 2. communities --------------------------------------------------------------------


@dataclass
class Community:
    """One Louvain community: its size, its node count per label and its best-known
    members per entity label (most papers first)."""

    index: int
    size: int
    sizes: dict[str, int]
    top: dict[str, list[str]]


@dataclass
class Communities:
    """The communities of two or more nodes, largest first; ``singletons`` counts the
    nodes left alone (papers with no entity, for example)."""

    communities: list[Community]
    total: int
    singletons: int
    modularity: float


def communities(
    G: nx.MultiDiGraph, top: int = 5, resolution: float = 1.0, seed: int = 0, labels: tuple[str, ...] = ENTITY_TYPES
) -> Communities:
    """Louvain communities (``networkx.community.louvain_communities``, seeded) of the
    entity view, papers included, edges weighted by their papers. Each community is
    described by its ``top`` members of each label in ``labels``, ranked by papers.

    >>> from itertools import combinations
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from("abcxyz", label="Method")
    >>> for u, v in [*combinations("abc", 2), *combinations("xyz", 2), ("a", "x")]:
    ...     _ = G.add_edge(u, v, key="OUTPERFORMS")
    >>> [(c.size, c.top["Method"]) for c in communities(G).communities]
    [(3, ['a', 'b', 'c']), (3, ['x', 'y', 'z'])]
    """
    H = _entity_view(G)
    if H.number_of_nodes() == 0:
        return Communities([], 0, 0, 0.0)
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    quality = nx.community.modularity(H, found, weight="weight", resolution=resolution) if H.number_of_edges() else 0.0
    groups = sorted((g for g in found if len(g) > 1), key=lambda g: (-len(g), min(map(str, g))))
    out = []
    for i, group in enumerate(groups, 1):
        members = _by_label(G.subgraph(group), labels)
        sizes = Counter(_label(G, v) for v in group)
        best = {
            label: [_name(G, v) for v in sorted(nodes, key=lambda v: (-_papers(G, v), _name(G, v).casefold(), str(v)))[:top]]
            for label, nodes in members.items()
        }
        out.append(Community(i, len(group), dict(sorted(sizes.items())), best))
    return Communities(out, len(found), sum(1 for g in found if len(g) == 1), quality)


# ---- 3. co-usage -----------------------------------------------------------------------


@dataclass
class Pair:
    """Two entities of one kind linked through the other kind: ``weight`` is how many of
    the other they share, ``shared`` names the best known of them."""

    a: str
    b: str
    weight: int
    shared: list[str]


@dataclass
class CoUsage:
    """The Method-Dataset bipartite graph (``links`` edges) projected both ways."""

    via: str
    methods: int
    datasets: int
    links: int
    datasets_together: list[Pair]
    methods_compared: list[Pair]


def _method_dataset_links(G: nx.MultiDiGraph, via: str) -> set[tuple[Any, Any]]:
    links: set[tuple[Any, Any]] = set()
    if via == "papers":
        for p, data in G.nodes(data=True):
            if data.get("label") != "Paper":
                continue
            near = {v for v in G.successors(p)}
            methods = [v for v in near if _label(G, v) == "Method"]
            datasets = [v for v in near if _label(G, v) == "Dataset"]
            links.update((m, d) for m in methods for d in datasets)
        return links
    for u, v, key in G.edges(keys=True):
        if key != "EVALUATED_ON":
            continue
        if _label(G, u) == "Method" and _label(G, v) == "Dataset":
            links.add((u, v))
        elif _label(G, u) == "Result" and _label(G, v) == "Dataset":
            for m in G.predecessors(u):
                if _label(G, m) == "Method" and G.has_edge(m, u, key="ACHIEVES"):
                    links.add((m, v))
    return links


def _project(G: nx.MultiDiGraph, groups: dict[Any, set[Any]], top: int, shown: int) -> list[Pair]:
    """Pairs of members of the same group (a method's datasets, a dataset's methods)."""
    shared: dict[tuple[Any, Any], list[Any]] = defaultdict(list)
    for hub, members in groups.items():
        ordered = sorted(members, key=lambda v: (_name(G, v).casefold(), str(v)))
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                shared[(a, b)].append(hub)
    pairs = sorted(
        shared.items(), key=lambda kv: (-len(kv[1]), _name(G, kv[0][0]).casefold(), _name(G, kv[0][1]).casefold())
    )
    return [
        Pair(
            _name(G, a),
            _name(G, b),
            len(hubs),
            [_name(G, h) for h in sorted(hubs, key=lambda h: (-_papers(G, h), _name(G, h).casefold()))[:shown]],
        )
        for (a, b), hubs in pairs[:top]
    ]


def co_usage(G: nx.MultiDiGraph, via: str = "evaluated_on", top: int = 10, shown: int = 3) -> CoUsage:
    """Datasets used together and methods compared on the same datasets.

    The bipartite graph links a Method to a Dataset when the graph says the method was
    evaluated on it (``via="evaluated_on"``, the default): a Method -EVALUATED_ON-> Dataset
    edge, or a Result of the method (ACHIEVES) EVALUATED_ON the dataset. That is the
    precise reading; ``via="papers"`` links every method and dataset one paper mentions,
    which covers more papers but also pairs a dataset with methods the paper only names
    in passing. Projected both ways: two datasets weigh the number of methods evaluated
    on both, two methods the number of datasets both were evaluated on.

    >>> G = nx.MultiDiGraph()
    >>> for m, ds in {"BERT": ["GLUE", "SQuAD"], "RoBERTa": ["GLUE", "SQuAD"], "T5": ["GLUE"]}.items():
    ...     G.add_node(m, label="Method")
    ...     for d in ds:
    ...         G.add_node(d, label="Dataset")
    ...         _ = G.add_edge(m, d, key="EVALUATED_ON", type="EVALUATED_ON")
    >>> c = co_usage(G)
    >>> c.datasets_together
    [Pair(a='GLUE', b='SQuAD', weight=2, shared=['BERT', 'RoBERTa'])]
    >>> [(p.a, p.b, p.weight) for p in c.methods_compared]
    [('BERT', 'RoBERTa', 2), ('BERT', 'T5', 1), ('RoBERTa', 'T5', 1)]
    """
    if via not in ("evaluated_on", "papers"):
        raise ValueError(f"via must be evaluated_on or papers, not {via!r}")
    links = _method_dataset_links(G, via)
    by_method: dict[Any, set[Any]] = defaultdict(set)
    by_dataset: dict[Any, set[Any]] = defaultdict(set)
    for m, d in links:
        by_method[m].add(d)
        by_dataset[d].add(m)
    return CoUsage(
        via,
        len(by_method),
        len(by_dataset),
        len(links),
        _project(G, by_method, top, shown),
        _project(G, by_dataset, top, shown),
    )


# ---- 4. leaderboards -------------------------------------------------------------------

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
    names = sorted(_name(G, v) for v in nodes if _label(G, v) == label)
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


# ---- 5. OUTPERFORMS --------------------------------------------------------------------


@dataclass
class Beaten:
    """A method other methods claim to beat: ``by`` distinct winners, in ``papers`` papers."""

    name: str
    by: int
    papers: int
    winners: list[str]


@dataclass
class Cycle:
    """Methods that beat each other in a circle (each beats the next, the last the first)."""

    methods: list[str]
    papers: list[str]


@dataclass
class Outperforms:
    methods: int
    claims: int
    chains: list[list[str]]
    most_beaten: list[Beaten]
    cycles: list[Cycle]


def outperforms(G: nx.MultiDiGraph, top: int = 10, max_cycle_length: int = 5, max_cycles: int = 100) -> Outperforms:
    """The graph of OUTPERFORMS claims between methods.

    - ``chains``: the longest "A beats B beats C" chains, longest first, one per
      method nobody beats. Claims inside a cycle are not chain links (a cycle has no
      longest path), so chains run through the acyclic rest.
    - ``most_beaten``: the methods beaten by the most distinct methods: the baselines.
    - ``cycles``: claims that contradict each other, found with
      ``networkx.simple_cycles(length_bound=max_cycle_length)``, at most ``max_cycles``,
      each starting from its alphabetically first method.

    >>> G = nx.MultiDiGraph()
    >>> for a, b in [("A", "B"), ("B", "C"), ("C", "A"), ("D", "A")]:
    ...     _ = G.add_node(a, label="Method"), G.add_node(b, label="Method")
    ...     _ = G.add_edge(a, b, key="OUTPERFORMS", papers=["p1"])
    >>> o = outperforms(G)
    >>> o.cycles[0].methods, o.chains, o.most_beaten[0].name
    (['A', 'B', 'C'], [['D', 'A']], 'A')
    """
    D = nx.DiGraph()
    for u, v, key, data in G.edges(keys=True, data=True):
        if key == "OUTPERFORMS" and u != v:
            names = (_name(G, u), _name(G, v))
            if D.has_edge(*names):
                D[names[0]][names[1]]["papers"].update(data.get("papers") or ())
            else:
                D.add_edge(*names, papers=set(data.get("papers") or ()))
    cycles = []
    for cyc in nx.simple_cycles(D, length_bound=max_cycle_length):
        i = cyc.index(min(cyc, key=lambda n: (n.casefold(), n)))
        cyc = cyc[i:] + cyc[:i]
        papers = set().union(*(D[a][b]["papers"] for a, b in zip(cyc, cyc[1:] + cyc[:1])))
        cycles.append(Cycle(cyc, sorted(papers)))
        if len(cycles) >= max_cycles:
            break
    cycles.sort(key=lambda c: (len(c.methods), [m.casefold() for m in c.methods]))
    # chains: longest paths once the claims inside strongly connected components are set aside
    component = {n: i for i, comp in enumerate(nx.strongly_connected_components(D)) for n in comp}
    A = nx.DiGraph()
    A.add_nodes_from(D)
    A.add_edges_from((u, v) for u, v in D.edges if component[u] != component[v])
    longest: dict[str, list[str]] = {}
    for n in reversed(list(nx.topological_sort(A))):
        best = min((longest[s] for s in A.successors(n)), key=lambda c: (-len(c), [m.casefold() for m in c]), default=[])
        longest[n] = [n, *best]
    starts = [n for n in A if A.in_degree(n) == 0 and A.out_degree(n) > 0]
    chains = sorted((longest[n] for n in starts), key=lambda c: (-len(c), [m.casefold() for m in c]))[:top]
    beaten = [
        Beaten(
            v,
            D.in_degree(v),
            len(set().union(*(D[u][v]["papers"] for u in D.predecessors(v)))),
            sorted(D.predecessors(v), key=str.casefold),
        )
        for v in D
        if D.in_degree(v)
    ]
    beaten.sort(key=lambda b: (-b.by, -b.papers, b.name.casefold()))
    return Outperforms(D.number_of_nodes(), D.number_of_edges(), chains, beaten[:top], cycles)


# ---- 6. trends -------------------------------------------------------------------------


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
                    if _label(G, v) in rising:
                        counts[v][year] += 1
        for v, by_year in counts.items():
            total = sum(by_year.values())
            if total < min_papers:
                continue
            shares = {y: round(100.0 * by_year[y] / per_year[y], 3) for y in years}
            slope = _slope(years, [100.0 * by_year[y] / per_year[y] for y in years])
            trend = Trend(_name(G, v), _label(G, v), total, shares, round(slope, 4))
            if slope > 0:
                rising[trend.label].append(trend)
            elif slope < 0:
                falling[trend.label].append(trend)
        for label in labels:
            rising[label] = sorted(rising[label], key=lambda t: (-t.slope, -t.papers, t.name.casefold()))[:top]
            falling[label] = sorted(falling[label], key=lambda t: (t.slope, -t.papers, t.name.casefold()))[:top]
    return Trends(years, dict(sorted(per_year.items())), rising, falling)


# ---- 7. paths --------------------------------------------------------------------------


@dataclass
class Hop:
    """One step of a path: ``relation`` as stored, ``forward`` when it points from
    ``source`` to ``target``; one evidence sentence and its paper when the edge has one."""

    source: str
    source_label: str
    relation: str
    target: str
    target_label: str
    forward: bool
    paper: str | None
    evidence: str | None


@dataclass
class Path:
    source: str
    target: str
    connected: bool
    hops: list[Hop] = field(default_factory=list)


def find_entity(G: nx.MultiDiGraph, name: str) -> Any:
    """The node called ``name``: an entity's name or alias (case-insensitive), else the
    same by normalized key (hyphens, spaces and plurals ignored, see
    :func:`kg.resolve.normalize_key`), else a paper's title or id, else a node id. When
    several match, the one with the most papers wins. Raises EntityNotFoundError.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Method:vit", label="Method", name="Vision Transformer", aliases=["ViT"])
    >>> find_entity(G, "vit"), find_entity(G, "vision-transformers")
    ('Method:vit', 'Method:vit')
    """
    want = name.strip().casefold()
    key = normalize_key(name)
    tiers: list[list[Any]] = [[], [], [], [], []]
    for node, data in G.nodes(data=True):
        label = data.get("label")
        if label in ("Paper", "Result"):
            titles = (str(data.get("title", "")).casefold(), str(data.get("paper_id", "")).casefold())
            if label == "Paper" and want in titles:
                tiers[3].append(node)
            continue
        names = [str(data.get("name", node))]
        aliases = [str(a) for a in data.get("aliases") or ()]
        if names[0].casefold() == want:
            tiers[0].append(node)
        elif any(a.casefold() == want for a in aliases):
            tiers[1].append(node)
        elif key and any(normalize_key(n) == key for n in names + aliases):
            tiers[2].append(node)
    if name in G:
        tiers[4].append(name)
    for tier in tiers:
        if tier:
            return min(tier, key=lambda v: (-_papers(G, v), str(v)))
    names = {str(d.get("name", n)) for n, d in G.nodes(data=True) if d.get("label") not in ("Paper", "Result")}
    close = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.75)
    hint = f"; did you mean {', '.join(close)}?" if close else " (names and aliases are matched case-insensitively)"
    raise EntityNotFoundError(f"no entity named {name!r} in the graph{hint}")


# specific relations tell more than a co-mention, so a hop shows them first
_HOP_ORDER = (
    "PROPOSES", "OUTPERFORMS", "EVALUATED_ON", "ACHIEVES", "PART_OF", "ADDRESSES", "MEASURED_BY", "REPORTS", "MENTIONS",
)


def _hop(G: nx.MultiDiGraph, u: Any, v: Any) -> Hop:
    candidates = [(key, True, data) for key, data in G.get_edge_data(u, v, default={}).items()]
    candidates += [(key, False, data) for key, data in G.get_edge_data(v, u, default={}).items()]

    def rank(c):
        key = str(c[2].get("type", c[0]))
        return (_HOP_ORDER.index(key) if key in _HOP_ORDER else len(_HOP_ORDER), not c[2].get("evidence"), not c[1])

    key, forward, data = min(candidates, key=rank)
    evidence = next((e for e in data.get("evidence") or () if e.get("sentence")), None)
    paper = evidence.get("paper") if evidence else ((data.get("papers") or [None])[0])
    return Hop(
        _name(G, u), _label(G, u), str(data.get("type", key)), _name(G, v), _label(G, v), forward,
        paper, evidence.get("sentence") if evidence else None,
    )


def path(G: nx.MultiDiGraph, a: str, b: str) -> Path:
    """How two entities are connected: a shortest path on the undirected view of the whole
    graph (papers and results included), found by name or alias (see
    :func:`find_entity`). Each hop gives its relationship (a specific one before a
    co-mention when both exist) and one evidence sentence.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("m", {"label": "Method", "name": "BERT"}), ("d", {"label": "Dataset", "name": "GLUE"})])
    >>> _ = G.add_edge("m", "d", key="EVALUATED_ON", type="EVALUATED_ON",
    ...                evidence=[{"paper": "p1", "sentence": "We evaluate BERT on GLUE."}])
    >>> hop = path(G, "glue", "bert").hops[0]
    >>> hop.source, hop.relation, hop.target, hop.forward, hop.evidence
    ('GLUE', 'EVALUATED_ON', 'BERT', False, 'We evaluate BERT on GLUE.')
    """
    u, v = find_entity(G, a), find_entity(G, b)
    try:
        nodes = nx.shortest_path(G.to_undirected(as_view=True), u, v)
    except nx.NetworkXNoPath:
        return Path(_name(G, u), _name(G, v), False)
    return Path(_name(G, u), _name(G, v), True, [_hop(G, x, y) for x, y in zip(nodes, nodes[1:])])


# ---- 8. exports ------------------------------------------------------------------------


def _flat_value(key: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    nested = isinstance(value, (list, tuple)) and any(isinstance(x, (dict, list)) for x in value)
    if key == "evidence" or isinstance(value, dict) or nested:
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(x) for x in (sorted(value) if isinstance(value, set) else value))
    return str(value)


def _flat_attrs(data: dict) -> dict:
    out = {}
    for key, value in data.items():
        flat = _flat_value(key, value)
        if flat is not None:
            out[key] = flat
    return out


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values GraphML and GEXF can hold: lists become ``"; "``-joined
    strings (``aliases``, ``papers``, ``sources``, ``code``, ``authors``), ``evidence`` and
    any other dict or list of dicts a JSON string, and None values are dropped. Numbers,
    strings and booleans stay as they are; node ids and edge keys are kept.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", label="Method", aliases=["ViT", "vision transformer"], year=None)
    >>> flatten(G).nodes["m"]
    {'label': 'Method', 'aliases': 'ViT; vision transformer'}
    """
    F = nx.MultiDiGraph()
    F.graph.update(_flat_attrs(G.graph))
    F.add_nodes_from((n, _flat_attrs(d)) for n, d in G.nodes(data=True))
    F.add_edges_from((u, v, k, _flat_attrs(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return F


def write_graphml(G: nx.MultiDiGraph, path: str | Path | IO[bytes]) -> None:
    """Write the flattened graph as GraphML (Cytoscape, Gephi, yEd). Each edge gets a
    unique id ``source->target:TYPE``; its relationship type stays in ``type``.

    >>> import io
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="OUTPERFORMS", type="OUTPERFORMS", papers=["p1"])
    >>> buf = io.BytesIO(); write_graphml(G, buf); _ = buf.seek(0)
    >>> next(iter(nx.read_graphml(buf).edges(data=True)))[2]["type"]
    'OUTPERFORMS'
    """
    F = flatten(G)
    for u, v, k, d in F.edges(keys=True, data=True):
        d["id"] = f"{u}->{v}:{k}"
    nx.write_graphml(F, path, infer_numeric_types=True, edge_id_from_attribute="id")


def gexf_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The flattened graph renamed for GEXF, where some attribute names have a meaning of
    their own: a node's GEXF ``label`` (what Gephi shows) is its ``name`` and its kg label
    goes to ``kind``; a Result's character offsets ``start``/``end`` (GEXF time spells)
    become ``offset_start``/``offset_end``; an edge's ``type`` (GEXF allows only
    directed/undirected/mutual) becomes its GEXF ``label``, and its ``weight`` is the
    number of its papers.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", label="Method", name="BERT")
    >>> gexf_graph(G).nodes["m"]
    {'name': 'BERT', 'label': 'BERT', 'kind': 'Method'}
    """
    F = flatten(G)
    for n, d in F.nodes(data=True):
        kind = d.pop("label", None)
        d["label"] = str(d.get("name", n))
        if kind is not None:
            d["kind"] = kind
        for key in ("start", "end"):
            if key in d:
                d[f"offset_{key}"] = d.pop(key)
    for u, v, k, d in F.edges(keys=True, data=True):
        d["label"] = str(d.pop("type", k))
        papers = G.edges[u, v, k].get("papers")
        d["weight"] = len(papers) if isinstance(papers, list) and papers else 1
        for key in ("start", "end"):
            if key in d:
                d[f"offset_{key}"] = d.pop(key)
    return F


def write_gexf(G: nx.MultiDiGraph, path: str | Path | IO[bytes]) -> None:
    """Write :func:`gexf_graph` as GEXF 1.2 (Gephi)."""
    nx.write_gexf(gexf_graph(G), path)


def node_link(G: nx.MultiDiGraph) -> dict:
    """The graph as node-link JSON data (``links`` for edges, as ``graph.json`` stores it);
    lists and evidence stay as they are, since JSON can hold them.

    >>> node_link(nx.MultiDiGraph([("a", "b")]))["links"]
    [{'source': 'a', 'target': 'b', 'key': 0}]
    """
    return nx.node_link_data(G, edges="links")


def write_node_link(G: nx.MultiDiGraph, path: str | Path | IO[str]) -> None:
    """Write :func:`node_link` as JSON to a path or a text file handle."""
    if hasattr(path, "write"):
        json.dump(node_link(G), path, ensure_ascii=False)
        return
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(node_link(G), fh, ensure_ascii=False)
