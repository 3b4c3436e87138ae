"""``kg build`` as a library call: read, extract, resolve, graph, save."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .errors import InputError, StrictInputError
from .graph import EXTRACTIONS_FILE, BuildReport, build_graph, save_graph
from .model import Paper, PaperExtraction, ReadProblem
from .cache import CACHE_FILE, ExtractionCache
from .parallel import extract_parallel
from .pipeline import default_pipeline
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
    cached: int = 0  # extractions taken from the cache

    @property
    def papers(self) -> int:
        return len(self.extractions)


def extract_all(
    papers: list[Paper], on_progress: Callable[[int], None] | None = None, jobs: int = 1, dask: str | None = None
) -> list[PaperExtraction]:
    """Extract on this process, on ``jobs`` processes, or on a Dask cluster (``dask``:
    ``local`` or a scheduler address)."""
    if dask:
        from .distributed import dask_client, extract_on_dask

        with dask_client(dask, workers=max(jobs, 2)) as client:
            return _collect(extract_on_dask(papers, client), on_progress)
    return _collect(extract_parallel(papers, jobs), on_progress)


def _collect(extractions: Iterable[PaperExtraction], on_progress: Callable[[int], None] | None) -> list[PaperExtraction]:
    out = []
    for ex in extractions:
        out.append(ex)
        if on_progress:
            on_progress(1)
    return out


def extract_missing(
    papers: list[Paper],
    cached: dict[int, PaperExtraction],
    cache: ExtractionCache | None,
    on_progress: Callable[[int], None] | None,
    jobs: int,
    dask: str | None = None,
) -> list[PaperExtraction]:
    """Extractions in input order: ``cached`` ones (by position) and the rest extracted now,
    which are then added to the cache."""
    if on_progress and cached:
        on_progress(len(cached))
    todo = [p for i, p in enumerate(papers) if i not in cached]
    fresh = extract_all(todo, on_progress, jobs, dask) if todo else []
    if cache is not None and fresh:
        cache.put_many(fresh)
    remaining = iter(fresh)
    return [cached[i] if i in cached else next(remaining) for i in range(len(papers))]


def build(
    paths: Iterable[str],
    out_dir: Path | None,
    fmt: str | None = None,
    on_papers: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    strict: bool = False,
    jobs: int = 1,
    use_cache: bool = True,
    dask: str | None = None,
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
        raise InputError("no readable papers in the input" + (f" ({len(problems)} problems reported)" if problems else ""), problems)
    if on_papers:
        on_papers(len(papers))
    cache = ExtractionCache(out_dir / CACHE_FILE) if use_cache and out_dir is not None else None
    try:
        cached = cache.get_many(papers) if cache is not None else {}
        if len(cached) < len(papers) and not dask:
            default_pipeline()  # loading the name lists is a one-off cost, kept out of abstracts/s
        t0 = time.perf_counter()
        extractions = extract_missing(papers, cached, cache, on_progress, jobs, dask)
        seconds_extract = time.perf_counter() - t0
    finally:
        if cache is not None:
            cache.close()
    resolved, resolution = resolve(extractions)
    graph, report = build_graph(resolved, resolution)
    result = BuildResult(graph, resolved, problems, report, seconds_extract, 0.0, cached=len(cached))
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
