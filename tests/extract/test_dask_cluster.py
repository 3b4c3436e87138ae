"""Extraction on a real Dask LocalCluster with 2 worker processes: the same graph as one process."""


import pytest

from kg.build import build
from kg.extract.dask_cluster import DaskError, dask_client, extract_on_dask
from kg.extract.pipeline import extract
from kg.read import read_papers

from repo_paths import SAMPLE


@pytest.fixture(scope="module")
def client():
    with dask_client("local", workers=2) as c:
        c.wait_for_workers(2, timeout=120)
        yield c


def test_two_workers_give_the_single_process_extractions(client):
    papers, _ = read_papers([str(SAMPLE)])
    assert len(client.scheduler_info()["workers"]) == 2
    assert list(extract_on_dask(papers, client, partition=4)) == list(extract(papers))


def test_build_on_dask_gives_the_same_graph(tmp_path):
    local = build([str(SAMPLE)], tmp_path / "one", use_cache=False)
    on_dask = build([str(SAMPLE)], tmp_path / "dask", use_cache=False, dask="local")
    assert sorted(on_dask.graph.nodes(data="name")) == sorted(local.graph.nodes(data="name"))
    assert sorted(on_dask.graph.edges(keys=True)) == sorted(local.graph.edges(keys=True))


def test_unreachable_scheduler_is_a_clear_error():
    with pytest.raises(DaskError, match="cannot reach the Dask scheduler"):
        dask_client("tcp://127.0.0.1:1")
