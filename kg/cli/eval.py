"""``kg eval``: score the extractors against gold data and print the figures."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from kg.cli.common import CONTEXT, errors
from kg.cli.options import min_score_option
from kg.cli.tables import table
from kg.model import DEFAULT_MIN_SCORE, ENTITY_TYPES, EXTRACTOR_CHOICES


@click.command(name="eval", context_settings=CONTEXT)
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
@min_score_option
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
    from kg.eval.datasets import DATASETS, load_dataset
    from kg.eval.gold import load_gold_set, score_gold
    from kg.eval.score import score
    from kg.extract.confidence import keep_confident
    from kg.extract.pipeline import extract as run_extract
    from kg.extractors import build_pipeline
    from kg.resolve import resolve

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
                    gold.docs, lambda papers, nlp=nlp: (keep_confident(ex, min_score) for ex in run_extract(papers, nlp)),
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


def _prf_cells(prf) -> list:
    return [f"{100 * prf.precision:.1f}", f"{100 * prf.recall:.1f}", f"{100 * prf.f1:.1f}", prf.tp, prf.fp, prf.fn]


_PRF_HEADERS = ["P", "R", "F1", "tp", "fp", "fn"]


def format_report(report) -> str:
    """A SciERC/TDMSci report (:class:`kg.eval.score.EvalReport`) as a table, in percent."""
    header = (
        f"{report.dataset or 'gold'}: {report.extractor or 'extractor'} "
        f"({report.docs} docs, {report.seconds:.2f} s, {report.docs_per_second:.1f} docs/s)"
    )
    rows = [
        [mode, label, *_prf_cells(prf)]
        for mode, by_type, micro in (("span", report.span, report.span_micro), ("names", report.names, report.names_micro))
        for label, prf in [*by_type.items(), ("micro", micro)]
    ]
    return header + "\n\n" + table(["mode", "type", *_PRF_HEADERS], rows, right=range(2, 8), rule=True)


def format_gold_report(report) -> str:
    """A kg_gold report (:class:`kg.eval.gold.GoldReport`) as a table, in percent."""
    head = report.headline
    title = (f"{report.dataset}: {report.extractor} ({report.papers} papers, {report.seconds:.2f} s) — "
             f"headline micro F1 (Method, Dataset, Metric) {100 * head.f1:.1f}")
    rows = [[t, *_prf_cells(report.entities[t])] for t in ENTITY_TYPES]
    rows.append(["headline", *_prf_cells(head)])
    rows += [[kind, *_prf_cells(c)] for kind, c in report.relations.items()]
    rows.append(["relations", *_prf_cells(report.relations_micro)])
    rows.append(["results", *_prf_cells(report.results)])
    return title + "\n\n" + table(["what", *_PRF_HEADERS], rows, right=range(1, 7), rule=True)


def format_gold_errors(report) -> str:
    """False positives and misses per paper, for ``kg eval --errors``."""
    lines = [f"{report.dataset}: {report.extractor}: errors per paper"]
    for mistakes in report.errors:
        if mistakes.is_empty():
            continue
        lines.append(f"* {mistakes.title}")
        for type_ in ENTITY_TYPES:
            if fps := mistakes.false_positives.get(type_):
                lines.append(f"    {type_} false positives: " + "; ".join(fps))
            if missed := mistakes.misses.get(type_):
                lines.append(f"    {type_} missed: " + "; ".join(missed))
        for label, items in (("wrong relations", mistakes.wrong_relations), ("missed relations", mistakes.missed_relations),
                             ("wrong results", mistakes.wrong_results), ("missed results", mistakes.missed_results)):
            if items:
                lines.append(f"    {label}: " + "; ".join(items))
    return "\n".join(lines)
