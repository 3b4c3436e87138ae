"""``kg viz``: the interactive page (:mod:`kg.viz.html`) and static pictures
(:mod:`kg.viz.static`) of a graph saved by ``kg build``; ``kg build --viz`` calls
:func:`write_build_page`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.common import CONTEXT, errors
from kg.viz import DEFAULT_MAX_NODES, DEFAULT_PICTURE_NODES, PICTURE_MAX_NODES, SIZE_BY

if TYPE_CHECKING:
    from kg.viz.select import Selection


def _kb(path: Path) -> str:
    return f"{path.stat().st_size / 1024:,.0f} KB"


def _drawn(sel: Selection) -> str:
    drawn = len(sel.nodes)
    if drawn >= sel.candidates:
        return f"{drawn:,} nodes"
    return f"{drawn:,} of {sel.candidates:,} nodes, the top ones by PageRank"


def write_build_page(graph, out_dir: Path, quiet: bool) -> None:
    """``kg build --viz``: OUT/graph.html next to OUT/graph.json."""
    from kg.viz.html import write_page
    from kg.viz.select import select

    path = out_dir / "graph.html"
    with errors():
        sel = select(graph)
        write_page(graph, path, title=f"kg: {out_dir.resolve().name}", selection=sel)
    if not quiet:
        click.echo(f"wrote {path} ({_drawn(sel)}; {_kb(path)})")


@click.command(context_settings=CONTEXT)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The HTML page to write (default: DIRECTORY/graph.html, unless only --png/--svg is asked).")
@click.option("--png", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also (or only) draw a PNG picture.")
@click.option("--svg", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also (or only) draw an SVG picture.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=DEFAULT_MAX_NODES, show_default=True,
              help="Node budget of the page: above it the nodes with the highest PageRank are drawn, and the page "
                   "says what was left out.")
@click.option("--picture-nodes", type=click.IntRange(1, PICTURE_MAX_NODES), default=DEFAULT_PICTURE_NODES,
              show_default=True, help="Node budget of --png/--svg.")
@click.option("--focus", metavar="NAME", default=None,
              help="Draw only the neighbourhood of this entity (name or alias, case-insensitive).")
@click.option("--depth", type=click.IntRange(min=0), default=None, help="With --focus: how many links away to go.  [default: 1]")
@click.option("--size-by", type=click.Choice(SIZE_BY), default="pagerank", show_default=True,
              help="What a node's size shows.")
@click.option("--title", default=None, help="Title of the page and pictures (default: kg: DIRECTORY's name).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing.")
def viz(directory: Path, out: Path | None, png: Path | None, svg: Path | None, max_nodes: int, picture_nodes: int,
        focus: str | None, depth: int | None, size_by: str, title: str | None, quiet: bool) -> None:
    """Draw a graph saved by `kg build`: an interactive HTML page, or static pictures.

    The page is one self-contained file that works offline: nodes coloured by label and
    sized by PageRank (or degree), relationship types on hover, a search box (name or
    alias), filters by label, relationship type and minimum degree, and a panel with the
    papers and evidence sentences of the clicked node. --png/--svg draw a picture of the
    top nodes for slides and papers.

    \b
    Example:
      kg viz out                              # writes out/graph.html
      kg viz out -o graph.html --max-nodes 500
      kg viz out --focus ImageNet --depth 2 -o imagenet.html
      kg viz out --png graph.png --svg graph.svg
    """
    from kg.graph import load_graph
    from kg.viz.html import write_page
    from kg.viz.select import select

    if depth is not None and focus is None:
        raise click.UsageError("--depth needs --focus")
    depth = 1 if depth is None else depth
    if out is None and png is None and svg is None:
        out = directory / "graph.html"
    title = title or f"kg: {directory.resolve().name}"
    with errors():
        graph = load_graph(directory)
        sel = select(graph, max_nodes, focus, depth)
        if out is not None:
            write_page(graph, out, size_by=size_by, title=title, selection=sel)
            if not quiet:
                click.echo(f"wrote {out} ({_drawn(sel)}; {_kb(out)})")
        pictures = [p for p in (png, svg) if p is not None]
        if pictures:
            from kg.viz.static import write_picture

            small = select(graph, picture_nodes, focus, depth, pagerank=sel.pagerank, degree=sel.degree)
            for path, fmt in ((png, "png"), (svg, "svg")):
                if path is None:
                    continue
                write_picture(graph, path, fmt=fmt, size_by=size_by, title=title, selection=small)
                if not quiet:
                    click.echo(f"wrote {path} ({_drawn(small)})")
