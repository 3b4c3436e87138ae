"""``kg build``, ``kg extract`` and ``kg stats``: papers in, a graph (or extractions) out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli.common import CONTEXT, EXIT_INTERRUPTED, EXIT_STRICT, Progress, errors, fail, report_problems
from kg.cli.options import (
    connection_options,
    export_to_neo4j,
    extractors_option,
    field_option,
    format_option,
    min_score_option,
    on_duplicate_option,
)
from kg.model import DEFAULT_EXTRACTORS, DEFAULT_MIN_SCORE


@click.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True)
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("kg-out"),
              show_default=True, help="Directory for graph.json and extractions.jsonl.")
@format_option
@field_option
@on_duplicate_option
@click.option("--strict", is_flag=True, help="Exit with code 3, writing nothing, if any record can't be read.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Extract on this many processes (same output as 1).")
@click.option("--dask", "dask", default=None, metavar="local|ADDRESS",
              help="Extract on Dask: 'local' starts a LocalCluster of --jobs workers (at least 2), "
                   "an address such as tcp://host:8786 uses a running scheduler.")
@click.option("--scheduler", "scheduler", default=None, metavar="ADDRESS", help="Same as --dask ADDRESS.")
@click.option("--add", is_flag=True, help="Add the papers of FILES to the graph in OUT (its input files and these).")
@click.option("--force", is_flag=True, help="Replace the graph in OUT even if it was built from other files.")
@click.option("--no-cache", is_flag=True, help="Re-extract every paper instead of reusing OUT/extraction-cache.sqlite.")
@click.option("--neo4j", "to_neo4j", is_flag=True, help="Also export the graph to Neo4j (see kg export neo4j).")
@click.option("--viz", "with_viz", is_flag=True, help="Also write OUT/graph.html, the interactive page (see kg viz).")
@click.option("--profile", is_flag=True,
              help="Print the seconds of each stage (read, load, extract, resolve, graph, write) and the peak memory.")
@extractors_option
@min_score_option
@connection_options
def build(
    files: tuple[str, ...], out_dir: Path, fmt: str | None, strict: bool, quiet: bool, jobs: int, dask: str | None,
    scheduler: str | None, no_cache: bool, to_neo4j: bool, settings, with_viz: bool = False,
    extractors: str = DEFAULT_EXTRACTORS, min_score: float = DEFAULT_MIN_SCORE, add: bool = False, force: bool = False,
    field_map: dict[str, str] | None = None, on_duplicate: str = "keep", profile: bool = False,
) -> None:
    """Build the knowledge graph of FILES: Daily Papers page text, JSON Lines, JSON arrays,
    CSV, TSV, BibTeX, arXiv Atom feeds, OpenAlex works, Semantic Scholar papers, any of
    them gzip-compressed, or directories of them (- for stdin).

    Writes OUT/graph.json (networkx node-link JSON) and OUT/extractions.jsonl, then
    prints counts per label and relationship type, the top methods, datasets, metrics and
    tasks (by number of papers, those in fewer than 2 papers left out) and the
    throughput. Records that can't be read are reported as file:line: why. Extractions
    are cached in OUT by content as they are made: rebuilding after a change, or after
    Ctrl-C, extracts only what is missing. OUT holding the graph of other files is
    refused unless --add (add these papers to it) or --force (replace it).

    \b
    Example:
      kg build samples/hf_daily_papers.txt -o out
      kg build more.jsonl -o out --add      # the papers of out, and these
      cat papers.jsonl | kg build - --format jsonl -o out
      kg build big.jsonl -o out --jobs 2
      kg build samples/hf_daily_papers.txt -o out --no-cache --profile   # where the time goes
      kg build papers.jsonl -o out --extractors rules   # name lists and patterns only
      kg build big.jsonl -o out --scheduler tcp://scheduler:8786
      NEO4J_PASSWORD=secret kg build papers.jsonl -o out --neo4j
    """
    from kg.build import build as run_build
    from kg.errors import BuildInterrupted, StrictInputError

    if add and force:
        raise click.UsageError("--add and --force contradict each other: add to the graph in OUT, or replace it")
    progress = Progress(quiet, "extracting")
    try:
        with errors():
            result = run_build(
                files, out_dir, fmt, on_papers=progress.start, on_progress=progress.update, strict=strict,
                jobs=jobs, use_cache=not no_cache, dask=dask or scheduler, extractors=extractors, min_score=min_score,
                add=add, force=force, field_map=field_map, on_duplicate=on_duplicate,
            )
    except StrictInputError as exc:  # errors() lets it through: it needs its own exit code
        progress.close()
        report_problems(exc.problems)
        fail(f"--strict: {exc}", EXIT_STRICT)
    except (BuildInterrupted, KeyboardInterrupt) as exc:
        progress.close()
        message = str(exc) if isinstance(exc, BuildInterrupted) else "interrupted; rerun to continue"
        fail(message, EXIT_INTERRUPTED)
    finally:
        progress.close()
    report_problems(result.problems)
    if not quiet:
        print_build_summary(result, out_dir)
    if profile:
        click.echo(profile_line(result), err=True)
    if with_viz:
        from kg.cli.viz import write_build_page

        write_build_page(result.graph, out_dir, quiet)
    if to_neo4j:
        from kg.exporters.neo4j import DEFAULT_BATCH_SIZE

        export_to_neo4j(result.graph, settings, DEFAULT_BATCH_SIZE, replace=False, quiet=quiet)


def profile_line(result) -> str:
    """``--profile``: seconds per stage, abstracts/s of extraction, peak memory."""
    parts = []
    for stage, seconds in result.stages.seconds.items():
        part = f"{stage} {seconds:.2f} s"
        extracted = result.papers - result.cached
        if stage == "extract" and extracted and seconds > 0:
            part += f" ({extracted / seconds:,.0f} abstracts/s)"
        parts.append(part)
    line = f"profile: {', '.join(parts)}; total {result.seconds_total:.2f} s"
    peak = peak_memory_mb()
    return line + (f"; peak memory {peak:,.0f} MB" if peak else "")


def peak_memory_mb() -> float | None:
    """The largest resident set of this process or its finished workers, in MB (None where
    the platform doesn't say: Windows)."""
    try:
        import resource
    except ImportError:
        return None
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KB on Linux


def print_build_summary(result, out_dir: Path) -> None:
    from kg.summary import format_summary

    click.echo(format_summary(result.summary))
    dropped = sum(result.report.dropped.values())
    extracted = result.papers - result.cached
    if result.up_to_date:
        how = "the input did not change: outputs kept as they were"
    elif extracted:
        rate = extracted / result.seconds_extract if result.seconds_extract else 0.0
        how = f"extracted {extracted} at {rate:.0f} abstracts/s, {result.cached} from the cache"
    else:
        how = "all from the cache"
    click.echo(
        f"papers: {result.papers} in {result.seconds_total:.1f}s ({how}); "
        f"relations dropped as not fitting the schema: {dropped}"
    )
    verb = "kept" if result.up_to_date else "wrote"
    click.echo(f"{verb} {result.graph_path} and {out_dir / 'extractions.jsonl'}")


@click.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True)
@format_option
@field_option
@on_duplicate_option
@extractors_option
@min_score_option
def extract(
    files: tuple[str, ...], fmt: str | None, extractors: str, min_score: float = DEFAULT_MIN_SCORE,
    field_map: dict[str, str] | None = None, on_duplicate: str = "keep", profile: bool = False,
) -> None:
    """Print one JSON object per paper of FILES, in input order: its entities (type,
    canonical name, surface text, character offsets into the abstract, sentence, source
    extractor, score), relations, results and code links.

    \b
    Example:
      kg extract samples/hf_daily_papers.txt | head -1 | python -m json.tool
    """
    from kg.build import extract_all
    from kg.extract.codec import extraction_to_dict
    from kg.extract.confidence import keep_confident
    from kg.read import read_papers
    from kg.resolve import resolve

    with errors():
        papers, problems = read_papers(files, fmt, field_map, on_duplicate)
        report_problems(problems)
        if not papers:
            fail("no readable papers in the input")
        resolved, _ = resolve(keep_confident(ex, min_score) for ex in extract_all(papers, extractors=extractors))
    for ex in resolved:
        click.echo(json.dumps(extraction_to_dict(ex), ensure_ascii=False))


@click.command(context_settings=CONTEXT)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--top", default=5, show_default=True, help="How many top methods, datasets, metrics and tasks to list.")
@click.option("--min-papers", default=2, show_default=True, type=click.IntRange(min=0),
              help="Leave entities in fewer papers out of the top lists (unless no entity of the label has that many).")
def stats(directory: Path, as_json: bool, top: int, min_papers: int) -> None:
    """Print the summary of a graph saved by `kg build`: counts per label and
    relationship type, and the methods, datasets, metrics and tasks in the most papers.
    Entities in fewer than --min-papers papers are left out of those lists (and counted);
    a label none of whose entities is in that many papers lists them all.

    \b
    Example:
      kg stats out
      kg stats out --json --top 20
      kg stats out --min-papers 1      # one-paper entities too
    """
    from kg.graph import load_graph
    from kg.summary import format_summary, summarize

    with errors():
        summary = summarize(load_graph(directory), top_n=top, min_papers=min_papers)
    click.echo(json.dumps(summary.to_dict(), indent=2) if as_json else format_summary(summary, top_n=top))
