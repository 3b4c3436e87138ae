"""The ``kg`` command line. The only module that prints or exits.

Exit codes: 0 success; 1 a fatal problem (no readable input, missing graph, bad gold
data); 2 a usage error; 3 ``--strict`` and some records could not be read.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from . import __version__
from .cli_common import CONTEXT, Progress, errors, fail, report_problems
from .cli_neo4j import connection_options, export, export_to_neo4j, query
from .model import DEFAULT_EXTRACTORS, DEFAULT_MIN_SCORE, EXTRACTOR_CHOICES
from .readers import FORMATS
from .cli_analyze import analyze
from .cli_viz import viz

EXIT_STRICT = 3


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="kg")
def main() -> None:
    """Turn research-paper abstracts into a knowledge graph of methods, datasets,
    metrics, tasks and reported results.

    \b
    Example:
      kg build samples/hf_daily_papers.txt -o out   # build the graph
      kg stats out                                 # what it holds
      kg extract papers.jsonl > extractions.jsonl   # entities as JSON, one line per paper
    """


_format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None,
    help="Input format (default: detected from the file name or its first lines).",
)


_extractors_option = click.option(
    "--extractors", type=click.Choice(EXTRACTOR_CHOICES), default=DEFAULT_EXTRACTORS, show_default=True,
    help="What finds entities: 'rules' (name lists, acronyms, patterns), 'model' (the shipped trained "
         "NER), or 'all' (both: known names from the lists, the model for the rest).",
)


_min_score_option = click.option(
    "--min-score", type=click.FloatRange(0.0, 1.0), default=DEFAULT_MIN_SCORE, show_default=True,
    help="Leave out entities whose calibrated confidence (the share of entities found the same way that "
         "were right on the kg_gold dev files) is below this; 0 keeps all.",
)


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True)
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("kg-out"),
              show_default=True, help="Directory for graph.json and extractions.jsonl.")
@_format_option
@click.option("--strict", is_flag=True, help="Exit with code 3, writing nothing, if any record can't be read.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Extract on this many processes (same output as 1).")
@click.option("--dask", "dask", default=None, metavar="local|ADDRESS",
              help="Extract on Dask: 'local' starts a LocalCluster of --jobs workers (at least 2), "
                   "an address such as tcp://host:8786 uses a running scheduler.")
@click.option("--scheduler", "scheduler", default=None, metavar="ADDRESS", help="Same as --dask ADDRESS.")
@click.option("--no-cache", is_flag=True, help="Re-extract every paper instead of reusing OUT/extraction-cache.sqlite.")
@click.option("--neo4j", "to_neo4j", is_flag=True, help="Also export the graph to Neo4j (see kg export neo4j).")
@click.option("--viz", "with_viz", is_flag=True, help="Also write OUT/graph.html, the interactive page (see kg viz).")
@_extractors_option
@_min_score_option
@connection_options
def build(
    files: tuple[str, ...], out_dir: Path, fmt: str | None, strict: bool, quiet: bool, jobs: int, dask: str | None,
    scheduler: str | None, no_cache: bool, to_neo4j: bool, settings, with_viz: bool = False,
    extractors: str = DEFAULT_EXTRACTORS, min_score: float = DEFAULT_MIN_SCORE,
) -> None:
    """Build the knowledge graph of FILES (Daily Papers page text, JSONL or CSV; - for stdin).

    Writes OUT/graph.json (networkx node-link JSON) and OUT/extractions.jsonl, then
    prints counts per label and relationship type, the top methods, datasets, metrics and
    tasks (by number of papers, those in fewer than 2 papers left out) and the
    throughput. Records that can't be read are reported as file:line: why. Extractions
    are cached in OUT by content: rebuilding after a change re-extracts only what changed.

    \b
    Example:
      kg build samples/hf_daily_papers.txt -o out
      cat papers.jsonl | kg build - --format jsonl -o out
      kg build big.jsonl -o out --jobs 2
      kg build papers.jsonl -o out --extractors rules   # name lists and patterns only
      kg build big.jsonl -o out --scheduler tcp://scheduler:8786
      NEO4J_PASSWORD=secret kg build papers.jsonl -o out --neo4j
    """
    from .build import build as run_build
    from .errors import StrictInputError

    progress = Progress(quiet, "extracting")
    try:
        with errors():
            result = run_build(
                files, out_dir, fmt, on_papers=progress.start, on_progress=progress.update, strict=strict,
                jobs=jobs, use_cache=not no_cache, dask=dask or scheduler, extractors=extractors, min_score=min_score,
            )
    except StrictInputError as exc:  # errors() lets it through: it needs its own exit code
        report_problems(exc.problems)
        fail(str(exc), EXIT_STRICT)
    finally:
        progress.close()
    report_problems(result.problems)
    if not quiet:
        print_build_summary(result, out_dir)
    if with_viz:
        from .cli_viz import write_build_page

        write_build_page(result.graph, out_dir, quiet)
    if to_neo4j:
        from .exporters.neo4j import DEFAULT_BATCH_SIZE

        export_to_neo4j(result.graph, settings, DEFAULT_BATCH_SIZE, replace=False, quiet=quiet)


def print_build_summary(result, out_dir: Path) -> None:
    from .summary import format_summary

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


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True)
@_format_option
@_extractors_option
@_min_score_option
def extract(files: tuple[str, ...], fmt: str | None, extractors: str, min_score: float = DEFAULT_MIN_SCORE) -> None:
    """Print one JSON object per paper of FILES, in input order: its entities (type,
    canonical name, surface text, character offsets into the abstract, sentence, source
    extractor, score), relations, results and code links.

    \b
    Example:
      kg extract samples/hf_daily_papers.txt | head -1 | python -m json.tool
    """
    from .build import extract_all
    from .confidence import keep_confident
    from .readers import read_papers
    from .resolve import resolve
    from .serialize import extraction_to_dict

    with errors():
        papers, problems = read_papers(files, fmt)
        report_problems(problems)
        if not papers:
            fail("no readable papers in the input")
        resolved, _ = resolve(keep_confident(ex, min_score) for ex in extract_all(papers, extractors=extractors))
    for ex in resolved:
        click.echo(json.dumps(extraction_to_dict(ex), ensure_ascii=False))


@main.command(context_settings=CONTEXT)
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
    from .graph import load_graph
    from .summary import format_summary, summarize

    with errors():
        summary = summarize(load_graph(directory), top_n=top, min_papers=min_papers)
    click.echo(json.dumps(summary.to_dict(), indent=2) if as_json else format_summary(summary, top_n=top))


@main.command(name="eval", context_settings=CONTEXT)
@click.option("--gold", "gold_sets", multiple=True, metavar="NAME|FILE",
              help="Gold set to score against, repeatable: kg-dev-daily, kg-dev-conf (kg_gold files), "
                   "scierc-dev, tdmsci-dev, or the path of any file in the kg_gold format "
                   "(default: all four named sets).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder holding kg_gold/, scierc/ and tdmsci/ (default: $KG_DATA_DIR or ../shared/data).")
@click.option("--extractors", "extractor_sets", multiple=True, type=click.Choice(EXTRACTOR_CHOICES),
              help="Extractors to score, repeatable (default: rules, model and all).")
@click.option("--model", "model_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Score this trained model directory instead of the shipped one.")
@_min_score_option
@click.option("--errors", "with_errors", is_flag=True,
              help="For kg_gold files, also list each paper's false positives and misses.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
def evaluate(
    gold_sets: tuple[str, ...], data_dir: Path | None, extractor_sets: tuple[str, ...], model_dir: Path | None,
    with_errors: bool, as_json: bool, min_score: float = DEFAULT_MIN_SCORE,
) -> None:
    """Score the extractors against gold data, for each extractor choice.

    kg_gold files (the yardstick of the default: named things per abstract, scored as
    shared/data/kg_gold/GUIDELINES.md says): precision, recall and F1 per type, the
    headline micro F1 over Method, Dataset and Metric, relations and results.
    SciERC dev (Material counted as Dataset) and the TDMSci dev split (its last 200
    sentences of train): per type, by exact span and by unique names per abstract.

    \b
    Example:
      kg eval
      kg eval --gold kg-dev-conf --extractors all --errors
      kg eval --gold my_annotations.json --json
      kg eval --model training-out/model-best   # a model you trained
    """
    from extractors import build_pipeline

    from .confidence import keep_confident
    from .evaluate import DATASETS, format_report, load_dataset, score
    from .gold import format_gold_errors, format_gold_report, load_gold_set, score_gold
    from .pipeline import extract as run_extract
    from .resolve import resolve

    reports, gold_reports = [], []
    with errors():
        names = gold_sets or ("kg-dev-daily", "kg-dev-conf", *DATASETS)
        span_sets = [load_dataset(name, data_dir) for name in names if name in DATASETS]
        kg_sets = [load_gold_set(name, data_dir) for name in names if name not in DATASETS]
        for extractors in extractor_sets or EXTRACTOR_CHOICES:
            nlp = build_pipeline(extractors, model_dir)  # loaded once, outside the timed runs
            for name, papers in kg_sets:
                started = time.perf_counter()
                found = run_extract([p.to_paper() for p in papers], nlp)
                resolved, _ = resolve(keep_confident(ex, min_score) for ex in found)
                report = score_gold(papers, resolved, dataset=name, extractor=extractors)
                report.seconds = time.perf_counter() - started
                gold_reports.append(report)
            for gold in span_sets:
                reports.append(score(
                    gold.docs, lambda papers: (keep_confident(ex, min_score) for ex in run_extract(papers, nlp)),
                    gold.types, dataset=gold.name, extractor=extractors,
                ))
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in [*gold_reports, *reports]], indent=2))
        return
    for report in gold_reports:
        click.echo(format_gold_report(report))
        click.echo()
        if with_errors:
            click.echo(format_gold_errors(report))
            click.echo()
    for report in reports:
        click.echo(format_report(report))
        click.echo()


main.add_command(export)
main.add_command(query)
main.add_command(analyze)
main.add_command(viz)


if __name__ == "__main__":
    main()
