"""Extraction across processes: ``--jobs N``.

Papers go to a pool of worker processes in chunks; results come back in input order, so
the output is identical to one process. Workers are forked after the parent has built
the pipeline, so they start without loading the name lists again.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
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
    default_pipeline(extractors)  # built once here; forked workers inherit it
    # Python's advice before fork: the pipeline's objects live as long as the process, so
    # move them out of the collector's reach while the workers run; its full passes then
    # don't walk them again in every worker (nor touch their pages, which stay shared).
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            # at most 2 chunks per worker in flight keeps memory flat on long inputs
            pending = []
            for part in chunks(papers, chunk):
                pending.append(pool.submit(extract_chunk, part, extractors))
                if len(pending) >= 2 * jobs:
                    yield from pending.pop(0).result()
            for future in pending:
                yield from future.result()
    finally:
        gc.unfreeze()
