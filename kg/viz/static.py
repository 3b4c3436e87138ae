"""Static pictures of a kg graph for slides and papers: PNG, SVG or PDF, drawn with
matplotlib.

A picture draws a view (:mod:`kg.viz.views`: the entities, the papers or one dataset's
leaderboard) or a graph as it is: the nodes of :func:`kg.viz.select.select` (the top ones
by papers, each linked to another drawn one, or one entity's neighbourhood), placed by
:func:`kg.viz.layout.layout` (communities apart, the same layout as the page's),
coloured by label as on the page and sized by papers, PageRank or degree. The names are
placed last, from the measured extent of each text: the ``TOP_LABELS`` first-ranked
nodes are always named and their names never overlap (moved around their node, further
out with a leader line when crowded); more are named, up to ``labels``, only where they
fit. The title says what was drawn and
what was left out; a legend gives the labels and relationship types. The same graph,
options and seed give the same picture. Nothing here prints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.viz import DEFAULT_PICTURE_NODES, PICTURE_MAX_NODES, SIZE_BY
from kg.viz.layout import LAYOUT_SEED, layout
from kg.viz.select import (
    LABEL_COLORS,
    OTHER_COLOR,
    RELATION_COLORS,
    Selection,
    label_order,
    select,
    type_order,
)

__all__ = [
    "DEFAULT_PICTURE_NODES",
    "PICTURE_MAX_NODES",
    "DEFAULT_LABELS",
    "TOP_LABELS",
    "FORMATS",
    "Label",
    "place_labels",
    "draw",
    "write_picture",
]

TOP_LABELS = 30  # always named, never overlapping
DEFAULT_LABELS = 150  # named at most, the ones after TOP_LABELS only where they fit
FORMATS = ("png", "svg", "pdf")
LABEL_CHARS = 28
FIGSIZE = (13, 9)
PICTURE_CO_USAGE = 2  # USED_WITH links a picture draws per node, its strongest
VIEW_TITLES = {"entities": "entities", "papers": "papers and entities", "leaderboard": "leaderboard"}


@dataclass
class Label:
    """A name drawn in the picture: its node, its rank among the named (0 first), the
    matplotlib ``text`` and whether a leader line ties it to a node further away."""

    node: Any
    rank: int
    text: Any
    leader: bool = False


def _short(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def _caption(G: nx.MultiDiGraph, v: Any, view: str | None) -> str:
    data = G.nodes[v]
    if data.get("label") == "Result" and view == "leaderboard" and data.get("value") is not None:
        value = f"{float(data['value']):g}{data.get('unit') or ''}"
        return f"#{data['rank']} {value}" if data.get("rank") else value
    return _short(str(data.get("name", v)))


# offsets around a node, in units of (label width, label height) from the node's edge:
# above, below, right, left, then the corners
_AROUND = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))


def place_labels(
    ax: Any,
    renderer: Any,
    pos: dict[Any, tuple[float, float]],
    ranked: list[tuple[Any, str, float, float]],
    top: int = TOP_LABELS,
    most: int = DEFAULT_LABELS,
    focus: Any | None = None,
) -> list[Label]:
    """Name the nodes of ``ranked`` ((node, text, font size, marker radius in points),
    best first) on ``ax``, greedily: each name goes to the first place around its node
    where its box (the text's window extent) overlaps no name already placed, no drawn
    node and stays inside the axes; the first ``top`` may also go further out on rings
    (with a leader line), and as a last resort a smaller font, so they are always drawn
    and never overlap; the others, up to ``most`` in all, only right by their node."""
    from matplotlib import patheffects
    from matplotlib.lines import Line2D
    from matplotlib.transforms import Bbox

    to_px = ax.transData.transform
    bounds = ax.get_window_extent(renderer)
    scale = renderer.points_to_pixels(1.0)
    markers = []
    for v, _, _, r in ranked:
        x, y = to_px(pos[v])
        rp = max(2.0, r * scale)
        markers.append(Bbox.from_extents(x - rp, y - rp, x + rp, y + rp))
    everyone = {v for v, *_ in ranked}
    for v, (x, y) in pos.items():
        if v not in everyone:
            px, py = to_px((x, y))
            markers.append(Bbox.from_extents(px - 2, py - 2, px + 2, py + 2))
    placed: list[Any] = []
    labels: list[Label] = []
    stroke = [patheffects.withStroke(linewidth=2.5, foreground="white")]

    def free(box: Any, own: int | None, strict: bool) -> bool:
        if box.x0 < bounds.x0 or box.x1 > bounds.x1 or box.y0 < bounds.y0 or box.y1 > bounds.y1:
            return False
        if any(box.overlaps(other) for other in placed):
            return False
        if strict and any(box.overlaps(m) for i, m in enumerate(markers) if i != own):
            return False
        return True

    def first_free(text: Any, tw: float, th: float, gap: float, own: int, tries: list[tuple[float, bool]]) -> bool:
        """Move ``text`` to the first free spot around its node, ring by ring (``tries``:
        (ring, strict) pairs, in order); False, left at the last spot tried, if none is free."""
        for ring, strict in tries:
            for dx, dy in _AROUND:
                text.xyann = (dx * (tw / 2 + gap + ring * th), dy * (th / 2 + gap + ring * th))
                if free(text.get_window_extent(renderer).expanded(1.04, 1.08), own, strict):
                    return True
        return False

    for i, (v, name, size, radius) in enumerate(ranked):
        if len(labels) >= max(0, most):
            break
        must = i < top or v == focus
        x, y = pos[v]
        text = ax.annotate(
            name, (x, y), xytext=(0, 0), textcoords="offset points", ha="center", va="center",
            fontsize=size, zorder=4, path_effects=stroke, fontweight="bold" if v == focus else "normal",
        )
        w0 = text.get_window_extent(renderer)
        tw, th = w0.width / scale, w0.height / scale  # points
        gap = radius + 1.5
        rings = [0.0] if not must else [0.0, 1.0, 2.0, 3.0, 4.5, 6.0, 8.0, 10.0, 13.0, 16.0, 20.0]
        tries = [(ring, strict) for strict in (True, False) for ring in rings] if must else [(0.0, True)]
        found = first_free(text, tw, th, gap, i, tries)
        if not found and must:  # a smaller font, anywhere on the rings
            for small in (size * 0.85, size * 0.7):
                text.set_fontsize(small)
                found = first_free(text, tw, th, gap, i, [(ring, False) for ring in rings + [26.0, 32.0, 40.0]])
                if found:
                    break
        if not found:
            text.remove()
            continue
        box = text.get_window_extent(renderer).expanded(1.04, 1.08)
        placed.append(box)
        ox, oy = text.xyann
        leader = math.hypot(ox, oy) > max(tw, th) / 2 + gap + th * 1.01
        if leader:  # from the node to the nearest point of the name's box
            px, py = to_px((x, y))
            near = (min(max(px, box.x0), box.x1), min(max(py, box.y0), box.y1))
            ax.add_line(Line2D(*zip((x, y), ax.transData.inverted().transform(near)), color="#777",
                               linewidth=0.6, zorder=3))
        labels.append(Label(v, len(labels), text, leader))
    return labels


def _thinned(D: nx.MultiDiGraph, nodes: list[Any], per_node: int = PICTURE_CO_USAGE) -> nx.MultiDiGraph:
    """The graph between ``nodes`` with each node's ``per_node`` strongest USED_WITH links
    only (the typed ones all kept): the most used entities are all used together, which
    would draw a hairball between them."""
    H = D.subgraph(nodes).copy()
    co = [(u, v, d.get("weight") or 1) for u, v, k, d in H.edges(keys=True, data=True) if k == "USED_WITH"]
    if not co:
        return H
    best: dict[Any, list] = {}
    for u, v, w in co:
        for end in (u, v):
            best.setdefault(end, []).append((-w, str(u), str(v), u, v))
    keep = set()
    for ranked in best.values():
        ranked.sort()
        keep.update((u, v) for *_, u, v in ranked[:per_node])
    H.remove_edges_from([(u, v, "USED_WITH") for u, v, _ in co if (u, v) not in keep])
    return H


def _measure(sel: Selection, G: nx.MultiDiGraph, size_by: str) -> dict[Any, float]:
    if size_by == "pagerank":
        return {v: sel.pagerank.get(v, 0.0) for v in sel.nodes}
    if size_by == "degree":
        return {v: float(sel.degree.get(v, 0)) for v in sel.nodes}
    return {v: float(sel.papers.get(v, 0) or 0) for v in sel.nodes}


def _what(G: nx.MultiDiGraph, sel: Selection, size_by: str) -> str:
    nodes = sel.nodes
    what = f"{len(nodes):,} of {sel.candidates:,} nodes"
    if sel.focus is not None:
        name = G.nodes[sel.focus].get("name", sel.focus)
        what = f"neighbourhood of {name} (depth {sel.depth}): {len(nodes):,} of {sel.candidates:,} nodes"
    elif len(nodes) >= sel.candidates:
        what = f"all {len(nodes):,} nodes"
    if len(nodes) < sel.candidates:
        what += f" (budget {sel.max_nodes:,}: the top ones by papers"
        what += f"; {sel.unlinked:,} with no drawn link left out)" if sel.unlinked else ")"
    return f"{what}; size: {size_by}"


def draw(
    G: nx.MultiDiGraph,
    max_nodes: int = DEFAULT_PICTURE_NODES,
    focus: str | None = None,
    depth: int = 1,
    labels: int = DEFAULT_LABELS,
    size_by: str = "papers",
    title: str | None = None,
    seed: int = LAYOUT_SEED,
    selection: Selection | None = None,
    view: Any | None = None,
):
    """The picture as a ``matplotlib.figure.Figure`` (no pyplot, no global state) of
    ``view`` (a :class:`kg.viz.views.View` of ``G``; its graph is drawn and its note is
    in the title) or of ``G`` as it is; the nodes are ``selection``, or else those of
    :func:`kg.viz.select.select` with ``max_nodes`` (at most ``PICTURE_MAX_NODES``),
    ``focus`` and ``depth``. Raises EntityNotFoundError for an unknown ``focus``. The
    names drawn are in ``fig.kg_labels`` (:class:`Label`, best ranked first).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", label="Method", name="BERT")
    >>> G.add_node("d", label="Dataset", name="GLUE")
    >>> _ = G.add_edge("m", "d", key="EVALUATED_ON", type="EVALUATED_ON")
    >>> fig = draw(G)
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['BERT', 'GLUE']
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    if size_by not in SIZE_BY:
        raise ValueError(f"size_by must be one of {', '.join(SIZE_BY)}, not {size_by!r}")
    D = view.graph if view is not None else G
    sel = selection if selection is not None else select(D, min(max_nodes, PICTURE_MAX_NODES), focus, depth)
    nodes = sel.nodes
    if len(nodes) > PICTURE_MAX_NODES:
        raise ValueError(f"a picture holds at most {PICTURE_MAX_NODES} nodes, not {len(nodes)}")
    D = _thinned(D, nodes)
    pos = layout(D, nodes, seed)

    fig = Figure(figsize=FIGSIZE, layout="constrained")
    FigureCanvasAgg(fig)  # measures the names; savefig picks the canvas of the format
    ax = fig.add_subplot()
    ax.set_axis_off()

    keep = set(nodes)
    # edges: the light ones (mentions, co-usage) first, the typed relationships on top
    light = ("MENTIONS", "USED_WITH")
    segments: dict[str, list] = {}
    weights: dict[str, list] = {}
    for u, v, key, data in D.edges(keys=True, data=True):
        if u in keep and v in keep and u != v:
            type_ = str(data.get("type", key))
            segments.setdefault(type_, []).append((pos[u], pos[v]))
            weights.setdefault(type_, []).append(float(data.get("weight") or max(1, len(data.get("papers") or ()))))
    top_weight = max((w for ws in weights.values() for w in ws), default=1.0)
    for type_ in sorted(segments, key=lambda t: (t not in light, type_order(t))):
        faint = type_ in light
        widths = [(0.4 if faint else 0.9) + 2.6 * math.log1p(w) / math.log1p(max(top_weight, 2)) for w in weights[type_]]
        ax.add_collection(LineCollection(
            segments[type_], colors=RELATION_COLORS.get(type_, OTHER_COLOR), linewidths=widths,
            alpha=0.5 if faint else 0.8, zorder=1,
        ))

    measure = _measure(sel, D, size_by)
    top = max(measure.values(), default=0.0) or 1.0
    area = {v: 24 + 700 * math.sqrt(max(measure[v], 0.0) / top) for v in nodes}  # points²
    colors = [LABEL_COLORS.get(str(D.nodes[v].get("label")), OTHER_COLOR) for v in nodes]
    if nodes:
        ax.scatter([pos[v][0] for v in nodes], [pos[v][1] for v in nodes], s=[area[v] for v in nodes], c=colors,
                   edgecolors="white", linewidths=0.7, zorder=2)
    if pos:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        ax.set_xlim(min(xs) - 0.06 * span, max(xs) + 0.06 * span)
        ax.set_ylim(min(ys) - 0.04 * span, max(ys) + 0.04 * span)

    present = {str(D.nodes[v].get("label")) for v in nodes}
    node_handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=LABEL_COLORS.get(lab, OTHER_COLOR),
               markeredgecolor="white", label=lab)
        for lab in sorted(present, key=label_order)
    ]
    edge_handles = [
        Line2D([], [], color=RELATION_COLORS.get(t, OTHER_COLOR), linewidth=2,
               label="USED_WITH (same papers)" if t == "USED_WITH" else t)
        for t in sorted(segments, key=type_order)
    ]
    if node_handles:
        first = fig.legend(handles=node_handles, title="nodes", loc="outside right upper", frameon=False)
        first.get_title().set_fontweight("bold")
    if edge_handles:
        second = fig.legend(handles=edge_handles, title="relationships\n(width: papers)", loc="outside right lower",
                            frameon=False)
        second.get_title().set_fontweight("bold")

    heading = title or "kg graph"
    if view is not None:
        heading += f": {VIEW_TITLES.get(view.name, view.name)}"
        if view.dataset:
            heading += f" on {view.dataset}"
    fig.suptitle(heading, fontsize=14, fontweight="bold")
    sub = _what(D, sel, size_by)
    if view is not None and view.note:
        sub = f"{view.note}\n{sub}"
    ax.set_title(sub, fontsize=9.5, color="#444")

    # names last, once the layout has placed the axes
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    renderer = fig.canvas.get_renderer()
    # paper titles are too long to read in a picture: the entities and results are named
    nameable = [v for v in nodes if D.nodes[v].get("label") != "Paper" or v == sel.focus]
    nameable.sort(key=lambda v: (v != sel.focus, -measure[v], -sel.degree.get(v, 0), str(v)))
    ranked = []
    for i, v in enumerate(nameable[: max(0, labels)]):
        size = 11.5 if i < 5 else 10 if i < 15 else 9 if i < TOP_LABELS else 8
        ranked.append((v, _caption(D, v, view.name if view is not None else None), size, math.sqrt(area[v]) / 2))
    fig.kg_labels = place_labels(ax, renderer, pos, ranked, TOP_LABELS, labels, sel.focus)
    return fig


def write_picture(G: nx.MultiDiGraph, path: str | Path | IO[bytes], fmt: str | None = None, dpi: int = 150, **options: Any) -> None:
    """Write :func:`draw` (same options) to a path or a binary file handle, as ``fmt``
    (png, svg or pdf; default: the path's extension)."""
    import matplotlib

    if fmt is None:
        suffix = Path(getattr(path, "name", str(path))).suffix.lower().lstrip(".")
        fmt = suffix if suffix in FORMATS else "png"
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    fig = draw(G, **options)
    metadata = {"Date": None} if fmt == "svg" else {"CreationDate": None} if fmt == "pdf" else {}
    with matplotlib.rc_context({"svg.hashsalt": "kg"}):  # the same ids in every run
        fig.savefig(path, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
