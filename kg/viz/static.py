"""Static pictures of a kg graph for slides and papers: PNG, SVG or PDF, drawn with
matplotlib on a seeded networkx spring layout.

The nodes are those of :func:`kg.viz.html.select` (the top ones by PageRank, or one entity's
neighbourhood), coloured by label as on the page, sized by PageRank or degree; the
``labels`` highest-ranked ones are named; a legend gives the labels and relationship
types. The same graph, options and seed give the same picture. Nothing here prints.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.viz import DEFAULT_PICTURE_NODES, PICTURE_MAX_NODES, SIZE_BY
from kg.viz.select import (
    LABEL_COLORS,
    RELATION_COLORS,
    Selection,
    label_order,
    select,
    type_order,
)

__all__ = ["DEFAULT_PICTURE_NODES", "PICTURE_MAX_NODES", "DEFAULT_LABELS", "FORMATS", "layout", "draw", "write_picture"]

DEFAULT_LABELS = 25
FORMATS = ("png", "svg", "pdf")
LABEL_CHARS = 28
HUB_WEIGHT = 1.0


def layout(G: nx.MultiDiGraph, nodes: list[Any], seed: int = 0) -> dict[Any, tuple[float, float]]:
    """Positions of ``nodes`` from a spring layout of the undirected graph between them,
    links weighted by their papers; seeded, so the same input gives the same picture.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> pos = layout(G, ["a", "b", "c"])
    >>> sorted(pos) == ["a", "b", "c"] and pos == layout(G, ["a", "b", "c"])
    True
    """
    if len(nodes) > PICTURE_MAX_NODES:
        raise ValueError(f"a picture holds at most {PICTURE_MAX_NODES} nodes, not {len(nodes)}")
    H = nx.Graph()
    H.add_nodes_from(nodes)
    keep = set(nodes)
    for u, v, data in G.edges(data=True):
        if u in keep and v in keep and u != v:
            w = max(1, len(data.get("papers") or ()))
            H.add_edge(u, v, weight=H[u][v]["weight"] + w if H.has_edge(u, v) else w)
    if len(H) == 0:
        return {}
    # a spring layout pushes separate components far apart, leaving the main one a speck:
    # a hidden hub, weakly tied to each component, keeps them together
    hub = object()
    order = {v: i for i, v in enumerate(nodes)}
    components = list(nx.connected_components(H))
    if len(components) > 1:
        for comp in components:
            H.add_edge(hub, min(comp, key=order.__getitem__), weight=HUB_WEIGHT)
    k = 2.5 / math.sqrt(len(H))  # a little more room than the default 1/sqrt(n), for the names
    pos = nx.spring_layout(H, k=k, iterations=150, seed=seed, weight="weight")
    return {v: (float(pos[v][0]), float(pos[v][1])) for v in nodes}


def draw(
    G: nx.MultiDiGraph,
    max_nodes: int = DEFAULT_PICTURE_NODES,
    focus: str | None = None,
    depth: int = 1,
    labels: int = DEFAULT_LABELS,
    size_by: str = "pagerank",
    title: str | None = None,
    seed: int = 0,
    selection: Selection | None = None,
):
    """The picture as a ``matplotlib.figure.Figure`` (no pyplot, no global state) of
    ``selection``, or else of :func:`kg.viz.html.select` with ``max_nodes`` (at most
    ``PICTURE_MAX_NODES``), ``focus`` and ``depth``. Raises EntityNotFoundError for an
    unknown ``focus``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", label="Method", name="BERT")
    >>> G.add_node("d", label="Dataset", name="GLUE")
    >>> _ = G.add_edge("m", "d", key="EVALUATED_ON", type="EVALUATED_ON")
    >>> fig = draw(G)
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['BERT', 'GLUE']
    """
    from matplotlib import patheffects
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    if size_by not in SIZE_BY:
        raise ValueError(f"size_by must be one of {', '.join(SIZE_BY)}, not {size_by!r}")
    sel = selection if selection is not None else select(G, min(max_nodes, PICTURE_MAX_NODES), focus, depth)
    nodes = sel.nodes
    pos = layout(G, nodes, seed)

    fig = Figure(figsize=(12, 8.5), layout="constrained")
    FigureCanvasAgg(fig)  # measures the names; savefig picks the canvas of the format
    ax = fig.add_subplot()
    ax.set_axis_off()

    keep = set(nodes)
    # edges: co-mentions first, light, then the typed relationships on top
    segments: dict[str, list] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        if u in keep and v in keep and u != v:
            segments.setdefault(str(data.get("type", key)), []).append((pos[u], pos[v]))
    for type_ in sorted(segments, key=lambda t: (t != "MENTIONS", type_order(t))):
        mentions = type_ == "MENTIONS"
        ax.add_collection(LineCollection(
            segments[type_], colors=RELATION_COLORS.get(type_, "#7f7f7f"),
            linewidths=0.5 if mentions else 1.1, alpha=0.55 if mentions else 0.85, zorder=1,
        ))

    measure = {v: (sel.pagerank.get(v, 0.0) if size_by == "pagerank" else float(sel.degree.get(v, 0))) for v in nodes}
    top = max(measure.values(), default=0.0) or 1.0
    sizes = [20 + 480 * measure[v] / top for v in nodes]  # marker area ~ the measure
    colors = [LABEL_COLORS.get(str(G.nodes[v].get("label")), "#7f7f7f") for v in nodes]
    if nodes:
        ax.scatter([pos[v][0] for v in nodes], [pos[v][1] for v in nodes], s=sizes, c=colors,
                   edgecolors="white", linewidths=0.6, zorder=2)

    if pos:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        pad = 0.05 * max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        ax.set_xlim(min(xs) - pad, max(xs) + pad)
        ax.set_ylim(min(ys) - pad, max(ys) + pad)

    present = {str(G.nodes[v].get("label")) for v in nodes}
    node_handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, markerfacecolor=LABEL_COLORS.get(lab, "#7f7f7f"),
               markeredgecolor="white", label=lab)
        for lab in sorted(present, key=label_order)
    ]
    edge_handles = [
        Line2D([], [], color=RELATION_COLORS.get(t, "#7f7f7f"), linewidth=2, label=t)
        for t in sorted(segments, key=type_order)
    ]
    if node_handles:
        first = fig.legend(handles=node_handles, title="nodes", loc="outside right upper", frameon=False)
        first.get_title().set_fontweight("bold")
    if edge_handles:
        second = fig.legend(handles=edge_handles, title="relationships", loc="outside right lower", frameon=False)
        second.get_title().set_fontweight("bold")

    what = f"{len(nodes):,} of {sel.total_nodes:,} nodes"
    if sel.focus is not None:
        what = f"neighbourhood of {G.nodes[sel.focus].get('name', sel.focus)} (depth {sel.depth}): {len(nodes):,} of {sel.candidates:,} nodes"
    if len(nodes) < sel.candidates:
        what += ", the top ones by PageRank"
    size_note = "size: PageRank" if size_by == "pagerank" else "size: degree"
    fig.suptitle(title or "kg graph", fontsize=14, fontweight="bold")
    ax.set_title(f"{what}; {size_note}", fontsize=10, color="#444")

    # names last, once the layout has placed the axes: a name that would overlap one
    # already placed (higher ranked) moves below its node, or is left out
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    renderer = fig.canvas.get_renderer()
    stroke = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    # paper titles are too long to read in a picture: the entities and results are named
    nameable = [v for v in nodes if G.nodes[v].get("label") != "Paper" or v == sel.focus]
    placed: list = []
    for v in sorted(nameable, key=lambda v: (v != sel.focus, -measure[v])):
        if len(placed) >= max(0, labels):
            break
        name = " ".join(str(G.nodes[v].get("name", v)).split())
        name = name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
        size = 11 if len(placed) < 5 else 9 if len(placed) < 15 else 8
        x, y = pos[v]
        for va, offset in (("bottom", 4), ("top", -4)):
            text = ax.annotate(name, (x, y), xytext=(0, offset), textcoords="offset points", ha="center", va=va,
                               fontsize=size, zorder=3, path_effects=stroke,
                               fontweight="bold" if v == sel.focus else "normal")
            box = text.get_window_extent(renderer).expanded(1.02, 1.05)
            if not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            text.remove()
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
