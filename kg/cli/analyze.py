"""``kg analyze``: the questions :mod:`kg.analysis` answers, as tables (or ``--json``).

Each subcommand loads a graph saved by ``kg build``, calls one function of
:mod:`kg.analysis` and prints its result; all the behaviour lives there.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from kg.cli.common import CONTEXT, errors
from kg.cli.tables import cut, table
from kg.model import ENTITY_TYPES
from kg.summary import MIN_PAPERS

WIDTH = 40  # longest name shown in a table cell; --json has them whole

if TYPE_CHECKING:
    from kg.analysis.centrality import Centrality, Ranked


def _load(directory: Path):
    from kg.graph import load_graph

    return load_graph(directory)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(asdict(data) if not isinstance(data, (list, dict)) else data, indent=2, ensure_ascii=False))


def _num(value: float) -> str:
    return f"{value:g}"


_dir_argument = click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
_json_option = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")


@click.group(context_settings=CONTEXT)
def analyze() -> None:
    """Answer questions about a graph saved by `kg build`: which entities are central, how
    they group, which datasets are used together, the best reported results, who beats
    whom, what is rising, how two entities are connected; and export it for Gephi or
    Cytoscape. Every subcommand prints tables, or JSON with --json.

    \b
    Example:
      kg build samples/hf_daily_papers.txt -o out
      kg analyze centrality out --top 5
      kg analyze path out U-PaLM GSM8K
      kg analyze export out --graphml out/graph.graphml
    """


@analyze.command(name="centrality", context_settings=CONTEXT)
@_dir_argument
@click.option("--top", default=10, show_default=True, help="Entities listed per label.")
@click.option("--label", "labels", multiple=True, type=click.Choice(ENTITY_TYPES),
              help="Labels to list (repeatable; default: all four).")
@click.option("--by", type=click.Choice(["papers", "pagerank", "degree", "betweenness"]), default="papers",
              show_default=True, help="The measure that ranks: papers the entity is in, or a centrality.")
@click.option("--min-papers", default=MIN_PAPERS, show_default=True, type=click.IntRange(min=0),
              help="Leave out entities in fewer papers (when some entity of the label has that many).")
@click.option("--samples", default=64, show_default=True,
              help="BFS sources betweenness is estimated from when the graph has over --exact-limit nodes.")
@click.option("--exact-limit", default=1000, show_default=True, help="Largest graph whose betweenness is exact.")
@click.option("--seed", default=0, show_default=True, help="Seed for the betweenness samples.")
@_json_option
def centrality_command(directory: Path, top: int, labels: tuple[str, ...], by: str, min_papers: int, samples: int,
               exact_limit: int, seed: int, as_json: bool) -> None:
    """The most important entities of each label: those in the most papers, or the most
    central by --by pagerank, degree or betweenness.

    Degree (distinct neighbours), PageRank (on the directed graph, links weighted by
    their papers) and betweenness (estimated from --samples sources on big graphs).
    Entities in fewer than --min-papers papers (default 2) are left out, whatever the
    measure, so a phrase of one abstract never tops a list; a label with no entity in
    that many papers lists all of its entities, and says so.

    \b
    Example:
      kg analyze centrality out
      kg analyze centrality out --by pagerank
      kg analyze centrality out --label Method --by betweenness --top 20
      kg analyze centrality out --min-papers 1     # one-paper entities too
    """
    from kg.analysis import centrality  # networkx only when a command runs
    with errors():
        result = centrality.centrality(_load(directory), labels=labels or ENTITY_TYPES, top=top, by=by,
                                     exact_limit=exact_limit, samples=samples, seed=seed, min_papers=min_papers)
    if as_json:
        return _echo_json(result)
    how = "exact" if result.samples is None else f"estimated from {result.samples} of {result.nodes} nodes"
    click.echo(f"{result.nodes} nodes, {result.edges} links (papers and entities); ranked by {by}; betweenness {how}")
    for label, rows in result.top.items():
        click.echo(f"\n{label}{_left_out_note(result, label, rows)}")
        click.echo(table(
            ["#", "name", "papers", "degree", "pagerank", "betweenness"],
            [(i, cut(r.name, WIDTH), r.papers, r.degree, f"{r.pagerank:.5f}", f"{r.betweenness:.4f}")
             for i, r in enumerate(rows, 1)],
            right=(0, 2, 3, 4, 5),
        ) if rows else "(none)")


def _left_out_note(result: Centrality, label: str, rows: list[Ranked]) -> str:
    """What the --min-papers rule did to one label's list, for its heading."""
    n, need = result.left_out.get(label, 0), result.min_papers
    if n:
        return f" ({n} in fewer than {need} papers left out)"
    if rows and rows[0].papers < need:
        return f" (none in {need}+ papers: all listed)"
    return ""


@analyze.command(name="communities", context_settings=CONTEXT)
@_dir_argument
@click.option("--limit", default=10, show_default=True, help="Communities listed, largest first.")
@click.option("--top", default=5, show_default=True, help="Members listed per label.")
@click.option("--resolution", default=1.0, show_default=True, help="Louvain resolution: above 1, smaller groups.")
@click.option("--seed", default=0, show_default=True, help="Louvain seed.")
@_json_option
def communities_command(directory: Path, limit: int, top: int, resolution: float, seed: int, as_json: bool) -> None:
    """Communities of papers and entities, and what each is about.

    Louvain communities (seeded), largest first, with their size per label and their
    members with the most papers.

    \b
    Example:
      kg analyze communities out --limit 5
      kg analyze communities out --resolution 2 --json
    """
    from kg.analysis import communities  # networkx only when a command runs
    with errors():
        result = communities.communities(_load(directory), top=top, resolution=resolution, seed=seed)
    if as_json:
        return _echo_json(result)
    click.echo(f"{len(result.communities)} communities of 2+ nodes ({result.total} in all, {result.singletons} "
               f"single nodes); modularity {result.modularity:.3f}")
    for c in result.communities[:limit]:
        counts = ", ".join(f"{n} {label}" for label, n in sorted(c.sizes.items(), key=lambda kv: -kv[1]))
        click.echo(f"\n#{c.index}  {c.size} nodes: {counts}")
        click.echo(table(["label", "top members (most papers first)"],
                         [(label, cut(", ".join(names), 90)) for label, names in c.top.items() if names]))


@analyze.command(name="co-usage", context_settings=CONTEXT)
@_dir_argument
@click.option("--via", type=click.Choice(["evaluated-on", "papers"]), default="evaluated-on", show_default=True,
              help="Link a method to a dataset when it is evaluated on it, or when one paper mentions both.")
@click.option("--top", default=10, show_default=True, help="Pairs listed each way.")
@_json_option
def co_usage_command(directory: Path, via: str, top: int, as_json: bool) -> None:
    """Datasets used together and methods compared on the same datasets.

    The method-dataset graph projected both ways: two datasets weigh the methods
    evaluated on both, two methods the datasets both were evaluated on.

    \b
    Example:
      kg analyze co-usage out
      kg analyze co-usage out --via papers --top 20
    """
    from kg.analysis import co_usage  # networkx only when a command runs
    with errors():
        result = co_usage.co_usage(_load(directory), via=via.replace("-", "_"), top=top)
    if as_json:
        return _echo_json(result)
    click.echo(f"method-dataset links ({result.via}): {result.links} between {result.methods} methods "
               f"and {result.datasets} datasets")
    for title, pairs, shared in (("datasets used together", result.datasets_together, "methods"),
                                 ("methods compared on the same datasets", result.methods_compared, "datasets")):
        click.echo(f"\n{title}")
        click.echo(table(["a", "b", shared, "e.g."],
                         [(cut(p.a, 30), cut(p.b, 30), p.weight, cut(", ".join(p.shared), 50)) for p in pairs],
                         right=(2,)) if pairs else "(none)")


def _contributors_command(label: str, finder: str) -> click.Command:
    plural = f"{label.lower()}s"

    @analyze.command(name=plural, context_settings=CONTEXT)
    @_dir_argument
    @click.option("--method", default=None, help=f"Only {plural} whose papers use this method (name or alias).")
    @click.option("--top", default=10, show_default=True, help=f"{label}s listed, most papers first.")
    @_json_option
    def command(directory: Path, method: str | None, top: int, as_json: bool) -> None:
        with errors():
            from kg.analysis import authors  # networkx only when a command runs

            graph = _load(directory)
            named = any(found == label for _, found in graph.nodes(data="label"))
            rows = getattr(authors, finder)(graph, method=method, top=top) if named else []
        if as_json:
            return _echo_json([asdict(r) for r in rows])
        if not rows:
            click.echo(f"no {plural} with papers on {method}" if named else f"no {plural} in this graph: the input "
                       "names none (BibTeX, arXiv, OpenAlex and Semantic Scholar exports do)")
            return
        click.echo(table([label.lower(), "papers", "their methods (papers)"],
                         [(cut(r.name, WIDTH), r.papers, cut(", ".join(f"{m} ({n})" for m, n in r.methods), 80))
                          for r in rows], right=(1,)))

    command.help = f"""The {plural} with the most papers, and the methods their papers use:
    who works on a method (--method), or what a venue publishes.

    \b
    Example:
      kg analyze {plural} out
      kg analyze {plural} out --method BERT --top 20
    """
    return command


authors_command = _contributors_command("Author", "authors")
venues_command = _contributors_command("Venue", "venues")


@analyze.command(name="leaderboards", context_settings=CONTEXT)
@_dir_argument
@click.option("--dataset", default=None, help="Only this dataset (case-insensitive).")
@click.option("--metric", default=None, help="Only this metric (case-insensitive).")
@click.option("--limit", default=10, show_default=True, help="Leaderboards listed, most papers first.")
@click.option("--top", default=5, show_default=True, help="Entries listed per leaderboard.")
@click.option("--min-papers", default=1, show_default=True, help="Leave out leaderboards with fewer papers.")
@click.option("--changes", is_flag=True, help="Keep values that read as changes ('improves accuracy by 1.3%').")
@_json_option
def leaderboards_command(directory: Path, dataset: str | None, metric: str | None, limit: int, top: int,
                 min_papers: int, changes: bool, as_json: bool) -> None:
    """The best reported results per dataset and metric.

    Best first, knowing whether lower is better for the metric (error rates, FID,
    perplexity, latency, memory, parameters, ...), with method and paper, and the
    conflicting claims. Relative values (2.2x, +1.5 points, "improves by 1.3%") are
    left out.

    \b
    Example:
      kg analyze leaderboards out --changes   # gains too ("+2.83% accuracy"): the sample reports only those
      kg analyze leaderboards out --dataset ImageNet --metric "top-1 accuracy" --changes
    """
    from kg.analysis import leaderboards  # networkx only when a command runs
    with errors():
        boards = leaderboards.leaderboards(_load(directory), min_papers=min_papers, changes=changes)
    if dataset:
        boards = [b for b in boards if b.dataset.casefold() == dataset.casefold()]
    if metric:
        boards = [b for b in boards if b.metric.casefold() == metric.casefold()]
    if as_json:
        return _echo_json([{**asdict(b), "papers": b.papers} for b in boards[:limit]])
    click.echo(f"{len(boards)} leaderboards" + ("" if boards else " (changes are left out: 2.2x, +1.5 points, "
                                                "\"by 1.3%\"; --changes shows them)"))
    for b in boards[:limit]:
        unit = f" ({b.unit})" if b.unit else ""
        better = "higher" if b.higher_is_better else "lower"
        click.echo(f"\n{b.dataset} · {b.metric}{unit} · {better} is better · "
                   f"{b.papers} paper(s), {len(b.entries)} result(s)")
        click.echo(table(
            ["#", "value", "method", "year", "paper"],
            [(i, _num(e.value), cut(e.method or "?", 28), e.year or "", cut(e.title or e.paper, 60))
             for i, e in enumerate(b.entries[:top], 1)],
            right=(0, 1),
        ))
        for c in b.conflicts:
            claims = "; ".join(f"{_num(x.value)} ({cut(x.title or x.paper, 40)})" for x in c.claims)
            click.echo(f"  conflict: {c.method}: {claims}")


@analyze.command(name="outperforms", context_settings=CONTEXT)
@_dir_argument
@click.option("--top", default=10, show_default=True, help="Chains and baselines listed.")
@click.option("--max-cycle", default=5, show_default=True, help="Longest cycle looked for.")
@_json_option
def outperforms_command(directory: Path, top: int, max_cycle: int, as_json: bool) -> None:
    """Who beats whom: chains, most-beaten baselines, cycles.

    From the OUTPERFORMS claims: the longest chains, the methods beaten by the most
    others, and the cycles (claims that contradict each other).

    \b
    Example:
      kg analyze outperforms out
      kg analyze outperforms out --max-cycle 3 --json
    """
    from kg.analysis import outperforms  # networkx only when a command runs
    with errors():
        result = outperforms.outperforms(_load(directory), top=top, max_cycle_length=max_cycle)
    if as_json:
        return _echo_json(result)
    click.echo(f"{result.claims} OUTPERFORMS claims between {result.methods} methods; {len(result.cycles)} cycle(s)")
    click.echo("\nlongest chains")
    click.echo(table(["methods", "chain"], [(len(c), cut(" > ".join(c), 100)) for c in result.chains], right=(0,))
               if result.chains else "(none)")
    click.echo("\nmost-beaten baselines")
    click.echo(table(["method", "beaten by", "papers", "e.g."],
                     [(cut(b.name, 30), b.by, b.papers, cut(", ".join(b.winners), 60)) for b in result.most_beaten],
                     right=(1, 2)) if result.most_beaten else "(none)")
    click.echo("\ncycles")
    click.echo(table(["cycle", "papers"], [(cut(" > ".join(c.methods + c.methods[:1]), 80), len(c.papers))
                                          for c in result.cycles], right=(1,)) if result.cycles else "(none)")


@analyze.command(name="trends", context_settings=CONTEXT)
@_dir_argument
@click.option("--last", default=5, show_default=True, help="Years in the window (the most recent ones).")
@click.option("--min-papers", default=3, show_default=True, help="Papers an entity needs in the window.")
@click.option("--min-year-papers", default=10, show_default=True, help="Papers a year needs to be in the window.")
@click.option("--top", default=10, show_default=True, help="Entities listed per label and direction.")
@click.option("--label", "labels", multiple=True, type=click.Choice(ENTITY_TYPES),
              help="Labels (repeatable; default: Method and Dataset).")
@_json_option
def trends_command(directory: Path, last: int, min_papers: int, min_year_papers: int, top: int, labels: tuple[str, ...],
           as_json: bool) -> None:
    """Rising and falling methods and datasets, from the papers' years.

    Each one's share of the papers of each recent year, and the least-squares slope of
    that share in percentage points per year.

    \b
    Example:
      kg analyze trends out
      kg analyze trends out --last 3 --label Task
    """
    from kg.analysis import trends  # networkx only when a command runs
    with errors():
        result = trends.trends(_load(directory), labels=labels or ("Method", "Dataset"), last=last,
                                 min_papers=min_papers, min_year_papers=min_year_papers, top=top)
    if as_json:
        return _echo_json(result)
    with_year = sum(result.papers_per_year.values())
    if len(result.years) < 2:
        click.echo(f"{with_year} papers have a year: not enough years with {min_year_papers}+ papers for trends")
        return
    per_year = ", ".join(f"{y}: {result.papers_per_year[y]}" for y in result.years)
    click.echo(f"{with_year} papers have a year; window {per_year} papers")
    for direction, groups in (("rising", result.rising), ("falling", result.falling)):
        for label, rows in groups.items():
            click.echo(f"\n{direction} {label.lower()}s (share of the year's papers, %; slope in points/year)")
            click.echo(table(
                ["name", "papers", *map(str, result.years), "slope"],
                [(cut(t.name, 30), t.papers, *(f"{t.shares[y]:.2f}" for y in result.years), f"{t.slope:+.3f}")
                 for t in rows],
                right=tuple(range(1, len(result.years) + 3)),
            ) if rows else "(none)")


@analyze.command(context_settings=CONTEXT)
@_dir_argument
@click.argument("source")
@click.argument("target")
@_json_option
def path(directory: Path, source: str, target: str, as_json: bool) -> None:
    """How SOURCE and TARGET are connected, with evidence.

    A shortest path, each hop with its relationship and one evidence sentence. Names and
    aliases match case-insensitively.

    \b
    Example:
      kg analyze path out U-PaLM PaLM
      kg analyze path out "vision transformer" ImageNet-1K --json
    """
    from kg.analysis import paths  # networkx only when a command runs
    with errors():
        result = paths.path(_load(directory), source, target)
    if as_json:
        return _echo_json(result)
    if not result.connected:
        click.echo(f"{result.source} and {result.target} are not connected")
        return
    click.echo(f"{result.source} → {result.target}: {len(result.hops)} hop(s)")
    for i, hop in enumerate(result.hops, 1):
        arrow = f"-{hop.relation}->" if hop.forward else f"<-{hop.relation}-"
        click.echo(f"{i}. {cut(hop.source, 60)} ({hop.source_label}) {arrow} {cut(hop.target, 60)} ({hop.target_label})")
        if hop.evidence:
            click.echo(f"   \"{cut(hop.evidence, 200)}\"" + (f" [{hop.paper}]" if hop.paper else ""))


@analyze.command(context_settings=CONTEXT)
@_dir_argument
@click.option("--graphml", type=click.Path(dir_okay=False, path_type=Path), help="Write GraphML here (Cytoscape, yEd).")
@click.option("--gexf", type=click.Path(dir_okay=False, path_type=Path), help="Write GEXF 1.2 here (Gephi).")
@click.option("--node-link", type=click.Path(dir_okay=False, path_type=Path), help="Write node-link JSON here.")
def export(directory: Path, graphml: Path | None, gexf: Path | None, node_link: Path | None) -> None:
    """Write the graph as GraphML, GEXF or node-link JSON (as `kg export graphml|gexf|node-link` do).

    Labels and properties are kept. GraphML and GEXF cannot hold lists or None: lists
    become "; "-joined strings, evidence a JSON string, and None values are left out.
    In GEXF the node label is its name (its kg label is in `kind`) and the edge label
    its relationship type.

    \b
    Example:
      kg analyze export out --graphml out/graph.graphml --gexf out/graph.gexf
    """
    from kg.cli.export import write_graph_file

    targets = [(p, w) for p, w in ((graphml, "write_graphml"), (gexf, "write_gexf"), (node_link, "write_node_link")) if p]
    if not targets:
        raise click.UsageError("say what to write: --graphml FILE, --gexf FILE and/or --node-link FILE")
    for target, writer in targets:
        write_graph_file(directory, target, writer)
