"""Extraction on a Dask cluster: ``kg build --dask local`` or ``--scheduler ADDRESS``.

The input is cut into partitions, each extracted on a worker by the same function
``--jobs`` uses, and the results are gathered back in input order, so the graph is the
one a single process builds. Workers need kg installed in the same version (the
extractor code and name lists travel with the package, not with the tasks).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.errors import DaskError
from kg.extract.parallel import chunks, extract_chunk
from kg.extractors import DEFAULT_EXTRACTORS
from kg.model import Paper, PaperExtraction

PARTITION = 500  # papers per task


def dask_client(scheduler: str, workers: int = 2):
    """A client for ``scheduler``: ``local`` starts a LocalCluster on this machine, anything
    else is the address of a running scheduler (``tcp://host:8786``)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise DaskError("Dask is not installed: pip install 'kg-abstracts[dask]'") from None
    try:
        if scheduler == "local":
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
            return Client(cluster)
        return Client(scheduler, timeout="20s")
    except OSError as exc:
        raise DaskError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def extract_on_dask(
    papers: Iterable[Paper], client, partition: int = PARTITION, extractors: str = DEFAULT_EXTRACTORS
) -> Iterator[PaperExtraction]:
    """Like :func:`kg.extract.pipeline.extract`, on the cluster behind ``client``; same output and order.

    At most two partitions per worker are in flight, so the input streams through.
    """
    window = max(2, 2 * len(client.scheduler_info().get("workers", {})))
    pending = []
    for part in chunks(papers, partition):
        pending.append(client.submit(extract_chunk, part, extractors, pure=False))
        if len(pending) >= window:
            yield from pending.pop(0).result()
    for future in pending:
        yield from future.result()
