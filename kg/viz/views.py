"""Views of a kg graph for the pictures: which nodes and edges a picture draws to answer
one question, shared by the page (:mod:`kg.viz.html`) and the static pictures
(:mod:`kg.viz.static`).

- ``entities``: Methods, Datasets, Metrics and Tasks, the papers folded into weighted
  edges: a method EVALUATED_ON a dataset weighs the papers that evaluate it there (its
  own edge and its results'), OUTPERFORMS, ADDRESSES and PART_OF are kept, a dataset is
  MEASURED_BY the metrics its results are reported in, and two entities mentioned by the
  same papers are USED_WITH each other (weight: the shared papers, at least
  ``min_shared`` of them, each entity keeping its strongest few; an entity of
  ``min_shared`` papers or more with no other link keeps its strongest one).
- ``papers``: the whole graph, papers, results, authors and venues included.
- ``leaderboard``: one dataset, the methods evaluated on it, their results and metrics
  (the results of :func:`kg.analysis.leaderboards.leaderboards`).

Every view leaves out the nodes it would draw without a link (no ring of singletons) and
says so in its ``note``. A view never modifies the graph it is made from.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

from kg.errors import EntityNotFoundError
from kg.viz import ENTITY_VIEW_ABOVE, VIEWS

__all__ = [
    "VIEWS",
    "ENTITY_VIEW_ABOVE",
    "ENTITY_LABELS",
    "CO_USAGE",
    "DEFAULT_MIN_SHARED",
    "CO_USAGE_PER_NODE",
    "View",
    "default_view",
    "make_view",
    "entities_view",
    "papers_view",
    "leaderboard_view",
    "find_dataset",
]

ENTITY_LABELS = ("Method", "Dataset", "Metric", "Task")
CO_USAGE = "USED_WITH"  # the edge type of co-usage in the entities view
DEFAULT_MIN_SHARED = 2  # papers two entities must share to be USED_WITH each other
CO_USAGE_PER_NODE = 6  # a USED_WITH edge is kept when it is among the strongest of one end
# typed links between entities that the entities view keeps as they are
_KEPT = ("OUTPERFORMS", "ADDRESSES", "PART_OF")


@dataclass
class View:
    """What a picture draws: ``graph`` keeps the source graph's node ids and attributes,
    plus ``papers`` (int, the papers behind the node); its edges carry ``type`` and
    ``weight`` (the papers behind the edge), keyed by type. ``note`` says in one line
    what was folded or left out; ``dataset`` names the leaderboard's dataset and
    ``boards`` holds its leaderboards (:class:`kg.analysis.leaderboards.Leaderboard`)."""

    name: str
    graph: nx.MultiDiGraph
    note: str
    dataset: str | None = None
    boards: list = field(default_factory=list)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _paper_nodes(G: nx.MultiDiGraph) -> list[Any]:
    return [v for v, label in G.nodes(data="label") if label == "Paper"]


def default_view(G: nx.MultiDiGraph) -> str:
    """``"entities"`` above ``ENTITY_VIEW_ABOVE`` papers, else ``"papers"``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from((f"paper:{i}", {"label": "Paper"}) for i in range(51))
    >>> default_view(G), default_view(nx.MultiDiGraph())
    ('entities', 'papers')
    """
    return "entities" if len(_paper_nodes(G)) > ENTITY_VIEW_ABOVE else "papers"


def _node_papers(G: nx.MultiDiGraph, v: Any) -> int:
    data = G.nodes[v]
    label = data.get("label")
    if label in ("Paper", "Result"):
        return 1
    papers = data.get("papers")
    if isinstance(papers, int):
        return papers
    if papers:
        return len(papers)
    # hand-built graphs: count the papers linked to it
    near = set(G.predecessors(v)) | set(G.successors(v))
    return sum(1 for p in near if G.nodes[p].get("label") == "Paper")


def _edge_papers(data: dict) -> set[str]:
    return {str(p) for p in data.get("papers") or ()}


def _add(H: nx.MultiDiGraph, u: Any, v: Any, type_: str, papers: set[str], **extra: Any) -> None:
    if H.has_edge(u, v, key=type_):
        data = H[u][v][type_]
        data["_papers"] |= papers
    else:
        H.add_edge(u, v, key=type_, type=type_, _papers=set(papers), **extra)


def _finish(H: nx.MultiDiGraph) -> None:
    """``_papers`` sets into ``papers`` (sorted list) and ``weight`` (at least 1)."""
    for _, _, data in H.edges(data=True):
        papers = data.pop("_papers", None)
        if papers is not None:
            data["papers"] = sorted(papers)
            data["weight"] = max(1, len(papers))


def _copy_node(H: nx.MultiDiGraph, G: nx.MultiDiGraph, v: Any) -> None:
    if v not in H:
        H.add_node(v, **G.nodes[v])
        H.nodes[v]["papers"] = _node_papers(G, v)


def _drop_unlinked(H: nx.MultiDiGraph) -> Counter:
    """Remove the nodes with no link to another node; their count per label."""
    lonely = [v for v in H if not any(w != v for w in (*H.successors(v), *H.predecessors(v)))]
    counts = Counter(str(H.nodes[v].get("label", "")) for v in lonely)
    H.remove_nodes_from(lonely)
    return counts


def _left_out(counts: Counter, one: str, many: str | None = None) -> str:
    n = sum(counts.values())
    return f"{_plural(n, one, many)} with no link left out" if n else ""


def entities_view(
    G: nx.MultiDiGraph, min_shared: int = DEFAULT_MIN_SHARED, per_node: int = CO_USAGE_PER_NODE
) -> View:
    """Methods, Datasets, Metrics and Tasks with the papers folded into weighted edges
    (see the module's docstring); ``min_shared`` and ``per_node`` thin out USED_WITH.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("bert", label="Method", name="BERT", papers=2)
    >>> G.add_node("glue", label="Dataset", name="GLUE", papers=2)
    >>> G.add_node("lonely", label="Task", name="QA", papers=1)
    >>> for p in ("p1", "p2"):
    ...     G.add_node(f"paper:{p}", label="Paper")
    ...     for e in ("bert", "glue"):
    ...         _ = G.add_edge(f"paper:{p}", e, key="MENTIONS", type="MENTIONS", papers=[p])
    >>> _ = G.add_edge("bert", "glue", key="EVALUATED_ON", type="EVALUATED_ON", papers=["p1", "p2"])
    >>> _ = G.add_edge("paper:p1", "lonely", key="MENTIONS", type="MENTIONS", papers=["p1"])
    >>> v = entities_view(G)
    >>> sorted(v.graph), [(u, w, d["weight"]) for u, w, d in v.graph.edges(data=True)]
    (['bert', 'glue'], [('bert', 'glue', 2)])
    >>> v.note
    '2 papers folded into weighted edges; 1 entity with no link left out'
    """
    H = nx.MultiDiGraph()
    for v, label in G.nodes(data="label"):
        if label in ENTITY_LABELS:
            _copy_node(H, G, v)

    def label(v: Any) -> str | None:
        return G.nodes[v].get("label")

    for u, v, key, data in G.edges(keys=True, data=True):
        type_ = str(data.get("type", key))
        lu, lv = label(u), label(v)
        if u == v:
            continue
        if type_ == "EVALUATED_ON" and lu == "Method" and lv == "Dataset":
            _add(H, u, v, "EVALUATED_ON", _edge_papers(data))
        elif type_ in _KEPT and lu in ENTITY_LABELS and lv in ENTITY_LABELS:
            _add(H, u, v, type_, _edge_papers(data))
        elif type_ == "EVALUATED_ON" and lu == "Result" and lv == "Dataset":
            papers = _edge_papers(data) or {str(G.nodes[u].get("paper", ""))}
            for m in G.predecessors(u):
                if label(m) == "Method" and G.has_edge(m, u, key="ACHIEVES"):
                    _add(H, m, v, "EVALUATED_ON", papers)
            for metric in G.successors(u):
                if label(metric) == "Metric":
                    _add(H, v, metric, "MEASURED_BY", papers)

    # co-usage: entities mentioned by the same papers
    shared: dict[tuple[Any, Any], set[str]] = defaultdict(set)
    papers = _paper_nodes(G)
    for p in papers:
        near = sorted({v for v in G.successors(p) if v in H}, key=str)
        pid = str(G.nodes[p].get("paper_id", p))
        for a, b in combinations(near, 2):
            shared[(a, b)].add(pid)
    typed = {frozenset((u, v)) for u, v in H.edges()}
    strong = {pair: ps for pair, ps in shared.items() if len(ps) >= max(1, min_shared) and frozenset(pair) not in typed}
    best: dict[Any, list[tuple[int, str, tuple[Any, Any]]]] = defaultdict(list)
    for pair, ps in strong.items():
        for end in pair:
            best[end].append((-len(ps), str(pair), pair))
    keep: set[tuple[Any, Any]] = set()
    for ranked in best.values():
        ranked.sort()
        keep.update(pair for _, _, pair in ranked[: max(0, per_node)])
    # an entity of min_shared papers or more keeps its strongest co-usage, however weak,
    # when it has no other link: a known method is not left out for want of a partner
    linked = {v for pair in keep for v in pair} | {v for pair in typed for v in pair}
    fallback: dict[Any, tuple[tuple[int, int, str], tuple[Any, Any]]] = {}
    for pair, ps in shared.items():
        for end, other in (pair, pair[::-1]):
            if end in linked or H.nodes[end]["papers"] < max(1, min_shared):
                continue
            rank = (-len(ps), -H.nodes[other]["papers"], str(other))
            if end not in fallback or rank < fallback[end][0]:
                fallback[end] = (rank, pair)
    keep.update(pair for _, pair in fallback.values())
    for a, b in sorted(keep, key=str):
        _add(H, a, b, CO_USAGE, shared[(a, b)])
    _finish(H)

    lonely = _drop_unlinked(H)
    parts = [f"{_plural(len(papers), 'paper')} folded into weighted edges"]
    if lonely:
        parts.append(_left_out(lonely, "entity", "entities"))
    return View("entities", H, "; ".join(parts))


def papers_view(G: nx.MultiDiGraph) -> View:
    """The whole graph, every edge weighted by its papers, the unlinked nodes left out.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("paper:p1", label="Paper", name="A paper")
    >>> G.add_node("bert", label="Method", name="BERT", papers=1)
    >>> G.add_node("paper:p2", label="Paper", name="Alone")
    >>> _ = G.add_edge("paper:p1", "bert", key="MENTIONS", type="MENTIONS", papers=["p1"])
    >>> v = papers_view(G)
    >>> sorted(v.graph), v.graph.nodes["paper:p1"]["papers"], v.note
    (['bert', 'paper:p1'], 1, '1 node with no link left out (1 Paper)')
    """
    H = nx.MultiDiGraph()
    for v in G:
        _copy_node(H, G, v)
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **data)
        H[u][v][key].setdefault("type", key)
        H[u][v][key]["weight"] = max(1, len(data.get("papers") or ()))
    lonely = _drop_unlinked(H)
    note = ""
    if lonely:
        from kg.viz.select import label_order

        per = ", ".join(f"{n:,} {lab}" for lab, n in sorted(lonely.items(), key=lambda kv: label_order(kv[0])))
        note = f"{_left_out(lonely, 'node')} ({per})"
    return View("papers", H, note)


def find_dataset(G: nx.MultiDiGraph, name: str) -> Any:
    """The Dataset node called ``name`` (name or alias, case-insensitive, as
    :func:`kg.analysis.paths.find_entity`); raises EntityNotFoundError naming close
    dataset names."""
    from kg.analysis.paths import find_entity

    datasets = G.subgraph([v for v, label in G.nodes(data="label") if label == "Dataset"])
    try:
        return find_entity(datasets, name)
    except EntityNotFoundError as e:
        raise EntityNotFoundError(str(e).replace("no entity named", "no dataset named", 1)) from None


def leaderboard_view(G: nx.MultiDiGraph, dataset: str) -> View:
    """One dataset, the methods evaluated on it, their results (the entries of its
    leaderboards, changes against a baseline left out) and the results' metrics.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("in", label="Dataset", name="ImageNet", papers=1)
    >>> G.add_node("acc", label="Metric", name="top-1 accuracy", papers=1)
    >>> G.add_node("vit", label="Method", name="ViT", papers=1)
    >>> G.add_node("r", label="Result", name="top-1 accuracy = 81.5%", value=81.5, unit="%", paper="p1")
    >>> for u, v, t in (("r", "in", "EVALUATED_ON"), ("r", "acc", "MEASURED_BY"), ("vit", "r", "ACHIEVES")):
    ...     _ = G.add_edge(u, v, key=t, type=t, papers=["p1"])
    >>> v = leaderboard_view(G, "imagenet")
    >>> v.dataset, sorted(v.graph), v.note
    ('ImageNet', ['acc', 'in', 'r', 'vit'], '1 method, 1 result in 1 leaderboard, 1 paper')
    """
    from kg.analysis.leaderboards import RELATIVE_UNITS, leaderboards

    d = find_dataset(G, dataset)
    dname = str(G.nodes[d].get("name", d))
    H = nx.MultiDiGraph()
    _copy_node(H, G, d)

    def label(v: Any) -> str | None:
        return G.nodes[v].get("label")

    papers: set[str] = set()
    # results on it, as its leaderboards rank them
    boards = [b for b in leaderboards(G) if b.dataset == dname]
    ranked = {}
    for b in boards:
        for i, e in enumerate(b.entries, 1):
            ranked[e.result] = (b.metric, i)
    for r in sorted(ranked, key=str):
        if r not in G or not G.has_edge(r, d):
            continue  # another dataset of the same name
        _copy_node(H, G, r)
        H.nodes[r]["rank"] = ranked[r][1]
        H.nodes[r]["board"] = ranked[r][0]
        rp = _edge_papers(G[r][d].get("EVALUATED_ON", {})) or {str(G.nodes[r].get("paper", ""))}
        papers |= rp
        _add(H, r, d, "EVALUATED_ON", rp)
        for metric in G.successors(r):
            if label(metric) == "Metric":
                _copy_node(H, G, metric)
                _add(H, r, metric, "MEASURED_BY", rp)
        for m in G.predecessors(r):
            if label(m) == "Method" and G.has_edge(m, r, key="ACHIEVES"):
                _copy_node(H, G, m)
                _add(H, m, r, "ACHIEVES", rp)
    # methods evaluated on it without a ranked result
    for m in G.predecessors(d):
        if label(m) == "Method" and G.has_edge(m, d, key="EVALUATED_ON"):
            _copy_node(H, G, m)
            mp = _edge_papers(G[m][d]["EVALUATED_ON"])
            papers |= mp
            _add(H, m, d, "EVALUATED_ON", mp)
    methods = [v for v in H if label(v) == "Method"]
    for u, v, key, data in G.edges(methods, keys=True, data=True):
        if key == "OUTPERFORMS" and v in H and u != v:
            _add(H, u, v, "OUTPERFORMS", _edge_papers(data))
    _finish(H)
    H.nodes[d]["papers"] = max(H.nodes[d]["papers"], len(papers - {""}))
    results = sum(1 for v in H if label(v) == "Result")
    note = (
        f"{_plural(len(methods), 'method')}, {_plural(results, 'result')} in {_plural(len(boards), 'leaderboard')}, "
        f"{_plural(len(papers - {''}), 'paper')}"
    )
    changes = sum(
        1 for r in G.predecessors(d)
        if label(r) == "Result" and r not in H and (G.nodes[r].get("unit") or "") in RELATIVE_UNITS
    )
    if changes:
        note += f"; {_plural(changes, 'change')} against a baseline left out"
    if len(H) == 1:
        note = f"no method or result on {dname} in the graph"
    return View("leaderboard", H, note, dataset=dname, boards=boards)


def make_view(G: nx.MultiDiGraph, name: str, dataset: str | None = None) -> View:
    """The view called ``name`` (one of ``VIEWS``) of ``G``; ``leaderboard`` needs
    ``dataset`` (a name or alias, case-insensitive) and raises EntityNotFoundError when no
    dataset has it. Raises ValueError for an unknown view, or a dataset given to another.

    >>> G = nx.MultiDiGraph([("paper:p", "m")])
    >>> make_view(G, "papers").name
    'papers'
    """
    if name not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}, not {name!r}")
    if name == "leaderboard":
        if not dataset:
            raise ValueError("the leaderboard view needs a dataset")
        return leaderboard_view(G, dataset)
    if dataset:
        raise ValueError(f"a dataset is for the leaderboard view, not the {name} view")
    return entities_view(G) if name == "entities" else papers_view(G)
