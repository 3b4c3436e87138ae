"""``kg viz``: the interactive page (:mod:`kg.viz.html`) and static pictures
(:mod:`kg.viz.static`) of a graph saved by ``kg build``; ``kg build --viz`` calls
:func:`write_build_page`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.common import CONTEXT, errors
from kg.viz import DEFAULT_MAX_NODES, DEFAULT_PICTURE_NODES, ENTITY_VIEW_ABOVE, PICTURE_MAX_NODES, SIZE_BY, VIEWS

if TYPE_CHECKING:
    from kg.viz.select import Selection
    from kg.viz.views import View


def _kb(path: Path) -> str:
    return f"{path.stat().st_size / 1024:,.0f} KB"


def _drawn(sel: Selection, view: View) -> str:
    drawn = len(sel.nodes)
    what = f"{view.name} view"
    if view.dataset:
        what += f" of {view.dataset}"
    if drawn >= sel.candidates:
        return f"{what}: {drawn:,} nodes"
    return f"{what}: {drawn:,} of {sel.candidates:,} nodes, the top ones by papers"


def write_build_page(graph, out_dir: Path, quiet: bool) -> None:
    """``kg build --viz``: OUT/graph.html next to OUT/graph.json, of the default view."""
    from kg.viz.html import write_page
    from kg.viz.select import select
    from kg.viz.views import default_view, make_view

    path = out_dir / "graph.html"
    with errors():
        view = make_view(graph, default_view(graph))
        sel = select(view.graph)
        write_page(graph, path, title=f"kg: {out_dir.resolve().name}", selection=sel, view=view)
    if not quiet:
        click.echo(f"wrote {path} ({_drawn(sel, view)}; {_kb(path)})")


@click.command(context_settings=CONTEXT)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The HTML page to write (default: DIRECTORY/graph.html, unless only --png/--svg is asked).")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also (or only) draw a PNG picture.")
@click.option("--svg", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also (or only) draw an SVG picture.")
@click.option("--view", "view_name", type=click.Choice(VIEWS), default=None,
              help=f"What to draw: entities (Methods, Datasets, Metrics, Tasks; papers folded into weighted edges), "
                   f"papers (the whole graph) or leaderboard (one dataset, with --dataset).  [default: entities "
                   f"above {ENTITY_VIEW_ABOVE} papers, else papers]")
@click.option("--dataset", metavar="NAME", default=None,
              help="The dataset of the leaderboard view (name or alias, case-insensitive); implies --view leaderboard.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=DEFAULT_MAX_NODES, show_default=True,
              help="Node budget of the page: above it the nodes with the most papers behind them are drawn, and the "
                   "page says what was left out.")
@click.option("--picture-nodes", type=click.IntRange(1, PICTURE_MAX_NODES), default=DEFAULT_PICTURE_NODES,
              show_default=True, help="Node budget of --png/--svg.")
@click.option("--focus", metavar="NAME", default=None,
              help="Draw only the neighbourhood of this entity (name or alias, case-insensitive).")
@click.option("--depth", type=click.IntRange(min=0), default=None, help="With --focus: how many links away to go.  [default: 1]")
@click.option("--size-by", type=click.Choice(SIZE_BY), default=SIZE_BY[0], show_default=True,
              help="What a node's size shows: the papers behind it, its PageRank or its degree.")
@click.option("--title", default=None, help="Title of the page and pictures (default: kg: DIRECTORY's name).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing.")
def viz(directory: Path, out: Path | None, png: Path | None, svg: Path | None, view_name: str | None,
        dataset: str | None, max_nodes: int, picture_nodes: int, focus: str | None, depth: int | None, size_by: str,
        title: str | None, quiet: bool) -> None:
    """Draw a graph saved by `kg build`: an interactive HTML page, or static pictures.

    Three views: entities (the default above 50 papers: methods, datasets, metrics and
    tasks, linked by the papers that evaluate, compare or use them together), papers
    (the whole graph) and the leaderboard of one dataset (its methods, results and
    metrics). Nodes with no link in the view are left out, and the page and pictures
    say how many. The page is one self-contained file that works offline: nodes
    coloured by label and sized by the papers behind them, the names of the top ones,
    a search box (name or alias), filters, and a panel with the papers and evidence
    sentences of the clicked node. --png/--svg draw a picture of the top nodes (at most
    --picture-nodes) for slides and papers, the top names never overlapping.

    \b
    Example:
      kg viz out                              # writes out/graph.html
      kg viz out --view entities -o entities.html --png entities.png
      kg viz out --view papers -o graph.html --max-nodes 500
      kg viz out --dataset ImageNet -o imagenet.html --png imagenet.png
      kg viz out --focus ImageNet --depth 2 -o imagenet-2.html
      kg viz out --png graph.png --svg graph.svg
    """
    from kg.graph import load_graph
    from kg.viz.html import write_page
    from kg.viz.select import select
    from kg.viz.views import default_view, make_view

    if depth is not None and focus is None:
        raise click.UsageError("--depth needs --focus")
    if view_name == "leaderboard" and not dataset:
        raise click.UsageError("--view leaderboard needs --dataset NAME")
    if dataset and view_name not in (None, "leaderboard"):
        raise click.UsageError(f"--dataset is for --view leaderboard, not --view {view_name}")
    depth = 1 if depth is None else depth
    if out is None and png is None and svg is None:
        out = directory / "graph.html"
    title = title or f"kg: {directory.resolve().name}"
    with errors():
        graph = load_graph(directory)
        name = view_name or ("leaderboard" if dataset else default_view(graph))
        view = make_view(graph, name, dataset)
        sel = select(view.graph, max_nodes, focus, depth)
        if out is not None:
            write_page(graph, out, size_by=size_by, title=title, selection=sel, view=view)
            if not quiet:
                click.echo(f"wrote {out} ({_drawn(sel, view)}; {_kb(out)})")
        pictures = [p for p in (png, svg) if p is not None]
        if pictures:
            from kg.viz.static import write_picture

            small = select(view.graph, picture_nodes, focus, depth, pagerank=sel.pagerank, degree=sel.degree)
            for path, fmt in ((png, "png"), (svg, "svg")):
                if path is None:
                    continue
                write_picture(graph, path, fmt=fmt, size_by=size_by, title=title, selection=small, view=view)
                if not quiet:
                    click.echo(f"wrote {path} ({_drawn(small, view)})")
        if not quiet and view.note:
            click.echo(view.note)
