"""``kg build`` as a library call: read, extract, resolve, graph, save."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .errors import InputError, StrictInputError
from .graph import EXTRACTIONS_FILE, BuildReport, build_graph, save_graph
from .model import Paper, PaperExtraction, ReadProblem
from .pipeline import default_pipeline, extract
from .readers import read_papers
from .resolve import resolve
from .serialize import extraction_to_dict


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    extractions: list[PaperExtraction]
    problems: list[ReadProblem]
    report: BuildReport
    seconds_extract: float
    seconds_total: float
    graph_path: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def papers(self) -> int:
        return len(self.extractions)


def extract_all(papers: list[Paper], on_progress: Callable[[int], None] | None = None) -> list[PaperExtraction]:
    out = []
    for ex in extract(papers):
        out.append(ex)
        if on_progress:
            on_progress(1)
    return out


def build(
    paths: Iterable[str],
    out_dir: Path | None,
    fmt: str | None = None,
    on_papers: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    strict: bool = False,
) -> BuildResult:
    """Build the graph of the papers in ``paths``; write it to ``out_dir`` when given.

    ``on_papers(n)`` is called once the input is read, ``on_progress(k)`` as papers are
    extracted, so a caller can show progress. Raises InputError when nothing is readable,
    and StrictInputError (before any work or output) when ``strict`` and a record is bad.
    """
    started = time.perf_counter()
    papers, problems = read_papers(paths, fmt)
    if strict and problems:
        raise StrictInputError(problems)
    if not papers:
        raise InputError("no readable papers in the input" + (f" ({len(problems)} problems reported)" if problems else ""))
    default_pipeline()  # loading the name lists is a one-off cost, kept out of abstracts/s
    if on_papers:
        on_papers(len(papers))
    t0 = time.perf_counter()
    extractions = extract_all(papers, on_progress)
    seconds_extract = time.perf_counter() - t0
    resolved, resolution = resolve(extractions)
    graph, report = build_graph(resolved, resolution)
    result = BuildResult(graph, resolved, problems, report, seconds_extract, 0.0)
    if out_dir is not None:
        result.graph_path = save_graph(graph, out_dir)
        write_extractions(resolved, out_dir / EXTRACTIONS_FILE)
    result.seconds_total = time.perf_counter() - started
    return result


def write_extractions(extractions: Iterable[PaperExtraction], path: Path) -> None:
    tmp = path.with_suffix(".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for ex in extractions:
            fh.write(json.dumps(extraction_to_dict(ex), ensure_ascii=False) + "\n")
    tmp.replace(path)
