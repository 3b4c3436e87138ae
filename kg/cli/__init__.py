"""The ``kg`` command line: the only package that prints or exits. One module per
command or group (build.py: build, extract, stats; eval.py; analyze.py; export.py;
query.py; viz.py); options.py and common.py hold what they share.

Exit codes: 0 success; 1 a fatal problem (no readable input, missing graph, bad gold
data); 2 a usage error; 3 ``--strict`` and some records could not be read; 130
interrupted (Ctrl-C): what was extracted is kept, a rerun continues.
"""

from __future__ import annotations

import atexit
import gc

import click

from kg import __version__
from kg.cli.analyze import analyze
from kg.cli.build import build, extract, stats
from kg.cli.common import CONTEXT
from kg.cli.eval import evaluate
from kg.cli.export import export
from kg.cli.neo4j import neo4j
from kg.cli.query import query
from kg.cli.viz import viz

# At exit Python collects garbage over every object still alive: after spaCy and the
# model are loaded that took 0.4-0.5 s, a sixth of a cold `kg build` of the sample.
# Frozen objects are skipped; nothing else about the exit changes (files, handlers).
atexit.register(gc.freeze)


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



for command in (build, extract, stats, evaluate, analyze, export, query, viz, neo4j):
    main.add_command(command)


if __name__ == "__main__":
    main()
