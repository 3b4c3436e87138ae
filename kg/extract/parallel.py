"""Extraction across processes: ``--jobs N``.

Papers go in chunks to ``jobs - 1`` forked worker processes and to this process, which
extracts a chunk itself whenever every worker has two waiting; results come back in
input order, so the output is identical to one process. On two cores, two processes that
both extract beat two workers and a parent that only waits and collects (README,
*Benchmarks*). Workers are forked after the parent has built the pipeline, so they start
without loading the name lists again.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from kg.extract.pipeline import default_pipeline, extract
from kg.extractors import DEFAULT_EXTRACTORS
from kg.model import Paper, PaperExtraction

CHUNK = 256  # papers per task: large enough to amortize pickling, small enough to balance


def extract_chunk(papers: list[Paper], extractors: str = DEFAULT_EXTRACTORS) -> list[PaperExtraction]:
    """One task of a pool or a cluster: a list of papers extracted in this process."""
    return list(extract(papers, extractors=extractors))


def chunks(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    it = iter(papers)
    while chunk := list(islice(it, size)):
        yield chunk


def extract_parallel(
    papers: Iterable[Paper], jobs: int, chunk: int = CHUNK, extractors: str = DEFAULT_EXTRACTORS
) -> Iterator[PaperExtraction]:
    """Like :func:`kg.extract.pipeline.extract`, on ``jobs`` processes; same output, same order."""
    if jobs <= 1:
        yield from extract(papers, extractors=extractors)
        return
    nlp = default_pipeline(extractors)  # built once here; forked workers inherit it
    # Python's advice before fork: the pipeline's objects live as long as the process, so
    # move them out of the collector's reach while the workers run; its full passes then
    # don't walk them again in every worker (nor touch their pages, which stay shared).
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=context) as pool:
            pending: deque[Future | list[PaperExtraction]] = deque()  # in input order
            for part in chunks(papers, chunk):
                waiting = sum(isinstance(p, Future) and not p.done() for p in pending)
                if waiting >= 2 * (jobs - 1):  # the workers have enough to do: this one is ours
                    pending.append(list(extract(part, nlp)))
                else:
                    pending.append(pool.submit(extract_chunk, part, extractors))
                # hand on what is done; past 4 chunks per process, wait (memory stays flat)
                while pending and (_done(pending[0]) or len(pending) > 4 * jobs):
                    yield from _result(pending.popleft())
            while pending:
                yield from _result(pending.popleft())
    finally:
        gc.unfreeze()


def _done(item: Future | list[PaperExtraction]) -> bool:
    return not isinstance(item, Future) or item.done()


def _result(item: Future | list[PaperExtraction]) -> list[PaperExtraction]:
    return item.result() if isinstance(item, Future) else item
