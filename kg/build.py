"""``kg build`` as a library call: read, extract, resolve, graph, save."""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.errors import BuildInterrupted, InputError, StrictInputError
from kg.extract.cache import CACHE_FILE, ExtractionCache, extractor_fingerprint, kg_fingerprint
from kg.extract.codec import extraction_to_dict
from kg.extract.confidence import keep_confident
from kg.files import replaced_whole
from kg.gc_pause import collector_paused
from kg.graph import EXTRACTIONS_FILE, GRAPH_FILE, BuildReport, build_graph, load_graph, save_graph
from kg.model import DEFAULT_EXTRACTORS, DEFAULT_MIN_SCORE, Paper, PaperExtraction, ReadProblem, StageTimes
from kg.outdir import build_lock, files_to_build, read_manifest, write_manifest
from kg.read import read_papers
from kg.resolve import resolve
from kg.summary import Summary, summarize

COMMIT_EVERY = 64  # papers extracted between two commits of the cache: what an interrupt can lose


@dataclass
class BuildResult:
    """What a build made. When the output was already up to date, the graph and the
    extractions are read back from the build directory only if asked for."""

    problems: list[ReadProblem]
    report: BuildReport
    summary: Summary
    papers: int
    seconds_extract: float
    seconds_total: float
    stages: StageTimes = field(default_factory=StageTimes)  # kg build --profile
    graph_path: Path | None = None
    cached: int = 0  # extractions taken from the cache
    up_to_date: bool = False  # nothing changed: the previous outputs were kept
    _graph: nx.MultiDiGraph | None = None
    _extractions: list[PaperExtraction] | None = None
    _inputs: list[Paper] | None = None
    extractors: str = DEFAULT_EXTRACTORS

    @property
    def graph(self) -> nx.MultiDiGraph:
        if self._graph is None:
            self._graph = load_graph(self.graph_path.parent)
        return self._graph

    @property
    def extractions(self) -> list[PaperExtraction]:
        if self._extractions is None:
            cache = ExtractionCache(self.graph_path.parent / CACHE_FILE, self.extractors)
            try:
                found = cache.get_many(self._inputs or [])
            finally:
                cache.close()
            self._extractions = resolve(found[i] for i in range(len(found)))[0]
        return self._extractions


def extract_stream(
    papers: list[Paper], jobs: int = 1, dask: str | None = None, extractors: str = DEFAULT_EXTRACTORS
) -> Iterator[PaperExtraction]:
    """Extract on this process, on ``jobs`` processes, or on a Dask cluster (``dask``:
    ``local`` or a scheduler address) with ``extractors`` (rules, model or all), in input order."""
    from kg.extract.parallel import extract_parallel  # imports spaCy: only when there is work

    if dask:
        from kg.extract.dask_cluster import dask_client, extract_on_dask

        with dask_client(dask, workers=max(jobs, 2)) as client:
            yield from extract_on_dask(papers, client, extractors=extractors)
        return
    yield from extract_parallel(papers, jobs, extractors=extractors)


def extract_all(
    papers: list[Paper],
    on_progress: Callable[[int], None] | None = None,
    jobs: int = 1,
    dask: str | None = None,
    extractors: str = DEFAULT_EXTRACTORS,
) -> list[PaperExtraction]:
    """:func:`extract_stream` as a list."""
    out = []
    with collector_paused():  # extraction makes almost no reference cycles: see kg.gc_pause
        for ex in extract_stream(papers, jobs, dask, extractors):
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
    extractors: str = DEFAULT_EXTRACTORS,
) -> list[PaperExtraction]:
    """Extractions in input order: ``cached`` ones (by position) and the rest extracted now.
    New ones go to the cache as they come, every :data:`COMMIT_EVERY` papers, so an
    interrupt (:class:`BuildInterrupted`) keeps them and a rerun extracts only the rest."""
    todo = [p for i, p in enumerate(papers) if i not in cached]
    fresh: list[PaperExtraction] = []
    committed = 0
    try:
        for ex in extract_stream(todo, jobs, dask, extractors) if todo else ():
            fresh.append(ex)
            if on_progress:
                on_progress(1)
            if cache is not None and len(fresh) - committed >= COMMIT_EVERY:
                cache.put_many(fresh[committed:])
                committed = len(fresh)
    except KeyboardInterrupt:
        if cache is not None:
            cache.put_many(fresh[committed:])
        raise BuildInterrupted(len(cached) + len(fresh), len(papers)) from None
    if cache is not None and len(fresh) > committed:
        cache.put_many(fresh[committed:])
    remaining = iter(fresh)
    return [cached[i] if i in cached else next(remaining) for i in range(len(papers))]


def build(
    paths: Iterable[str],
    out_dir: Path | None,
    fmt: str | None = None,
    on_papers: Callable[[int, int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    strict: bool = False,
    jobs: int = 1,
    use_cache: bool = True,
    dask: str | None = None,
    extractors: str = DEFAULT_EXTRACTORS,
    min_score: float = DEFAULT_MIN_SCORE,
    add: bool = False,
    force: bool = False,
    field_map: dict[str, str] | None = None,
    on_duplicate: str = "keep",
) -> BuildResult:
    """Build the graph of the papers in ``paths``; write it to ``out_dir`` when given.

    ``on_papers(n, cached)`` is called once the pipeline is loaded, with the number of
    papers and of those found in the cache, and ``on_progress(k)`` as papers are
    extracted, so a caller can show progress. ``extractors``: ``rules``, ``model`` or
    ``all``; entities below ``min_score`` (calibrated confidence) are left out.
    ``field_map`` and ``on_duplicate`` are those of :func:`kg.read.read_papers`.
    ``out_dir`` holding the graph of other files is refused unless ``add`` (build its
    files and these together) or ``force`` (build these instead).

    Raises InputError when nothing is readable, StrictInputError (before any work or
    output) when ``strict`` and a record is bad, BuildLockedError when another build
    writes into ``out_dir``, and BuildInterrupted on Ctrl-C (the cache keeps what was
    extracted; the outputs stay those of the previous build).
    """
    started = time.perf_counter()
    stages = StageTimes()
    files = files_to_build(out_dir, list(paths), add=add, force=force) if out_dir is not None else list(paths)
    with stages.stage("read"):
        papers, problems = read_papers(files, fmt, field_map, on_duplicate)
    if strict and problems:  # strict: not even a record read with a warning
        raise StrictInputError(problems)
    if not papers:
        raise InputError("no readable papers in the input" + (f" ({len(problems)} problems reported)" if problems else ""), problems)
    if out_dir is None:
        return _build(papers, problems, files, None, fmt, on_papers, on_progress, jobs, False, dask, extractors, min_score,
                      started, stages)
    with build_lock(out_dir):  # nothing is written, not even OUT, before the input is known to be readable
        return _build(papers, problems, files, out_dir, fmt, on_papers, on_progress, jobs, use_cache, dask, extractors,
                      min_score, started, stages)


def _build(
    papers: list[Paper],
    problems: list[ReadProblem],
    files: list[str],
    out_dir: Path | None,
    fmt: str | None,
    on_papers: Callable[[int, int], None] | None,
    on_progress: Callable[[int], None] | None,
    jobs: int,
    use_cache: bool,
    dask: str | None,
    extractors: str,
    min_score: float,
    started: float,
    stages: StageTimes,
) -> BuildResult:
    with stages.stage("read"):  # the input's digest: reading it again would give the same
        digest = input_digest(papers, extractors, min_score) if use_cache and out_dir is not None else None
        kept = _previous_build(out_dir, digest, papers, problems, started, extractors) if digest else None
    if kept:
        kept.stages = stages
        return kept
    if out_dir is not None:  # the outputs are about to change; which input they are of does not
        write_manifest(out_dir, {"files": files, "format": fmt, "complete": False})
    cache = ExtractionCache(out_dir / CACHE_FILE, extractors) if use_cache and out_dir is not None else None
    try:
        cached = {}
        if cache is not None:
            with stages.stage("cache"):
                cached = cache.get_many(papers)
        if len(cached) < len(papers) and not dask:
            with stages.stage("load"), collector_paused():
                from kg.extract.pipeline import default_pipeline

                default_pipeline(extractors)  # loading the lists and model is a one-off cost, kept out of abstracts/s
        if on_papers:
            on_papers(len(papers), len(cached))
        t0 = time.perf_counter()
        with stages.stage("extract"), collector_paused():  # almost no reference cycles: see kg.gc_pause
            extractions = extract_missing(papers, cached, cache, on_progress, jobs, dask, extractors)
        seconds_extract = time.perf_counter() - t0
    finally:
        if cache is not None:
            cache.close()
    with collector_paused():  # long-lived objects, no cycles: see kg.gc_pause
        with stages.stage("resolve"):
            resolved, resolution = resolve(keep_confident(ex, min_score) for ex in extractions)
        with stages.stage("graph"):
            graph, report = build_graph(resolved, resolution)
            summary = summarize(graph)
        result = BuildResult(
            problems, report, summary, len(papers), seconds_extract, 0.0, stages, cached=len(cached), _graph=graph,
            _extractions=resolved, extractors=extractors,
        )
        if out_dir is not None:
            with stages.stage("write"):
                result.graph_path = save_graph(graph, out_dir)
                write_extractions(resolved, out_dir / EXTRACTIONS_FILE)
                manifest = {"files": files, "format": fmt, "complete": True, "inputs": digest, "papers": len(papers),
                            "summary": summary.to_dict(), "dropped": dict(report.dropped)}
                write_manifest(out_dir, manifest)  # last: the outputs are complete
    result.seconds_total = time.perf_counter() - started
    return result


def input_digest(papers: list[Paper], extractors: str = DEFAULT_EXTRACTORS, min_score: float = DEFAULT_MIN_SCORE) -> str:
    """A hash of everything a build reads: every record in order, the extractor version,
    kg's own code and the confidence cut."""
    digest = hashlib.sha256(f"{extractor_fingerprint(extractors)}|{kg_fingerprint()}|{min_score!r}".encode())
    for p in papers:
        record = [p.id, p.title, p.abstract, p.url, p.year, list(p.authors), p.venue, p.extra]
        digest.update(json.dumps(record, sort_keys=True, default=str).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _previous_build(
    out_dir: Path, digest: str, papers: list[Paper], problems: list[ReadProblem], started: float, extractors: str
) -> BuildResult | None:
    """The result of the previous build in ``out_dir`` if it was built from the same input."""
    manifest = read_manifest(out_dir)
    if manifest is None:
        return None
    outputs = [out_dir / GRAPH_FILE, out_dir / EXTRACTIONS_FILE, out_dir / CACHE_FILE]
    if manifest.get("inputs") != digest or not all(p.is_file() for p in outputs):
        return None
    return BuildResult(
        problems, BuildReport(Counter(manifest["dropped"])), Summary.from_dict(manifest["summary"]), len(papers),
        0.0, time.perf_counter() - started, graph_path=out_dir / GRAPH_FILE, cached=len(papers), up_to_date=True,
        _inputs=papers, extractors=extractors,
    )


def write_extractions(extractions: Iterable[PaperExtraction], path: Path) -> None:
    with replaced_whole(path) as fh:
        for ex in extractions:
            fh.write(json.dumps(extraction_to_dict(ex), ensure_ascii=False) + "\n")
