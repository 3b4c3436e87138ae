"""`kg build` on the sample page: the graph a researcher expects from it."""

import gc

import pytest

from kg.build import build
from kg.errors import InputError
from kg.graph import load_graph

from repo_paths import SAMPLE


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    result = build([str(SAMPLE)], out)
    return result, out


def node_named(graph, name):
    found = [n for n, d in graph.nodes(data=True) if d["name"] == name or name in d.get("aliases", [])]
    assert len(found) == 1, f"{name!r}: {found}"
    return found[0]


def test_all_papers_read_without_problems(sample):
    result, _ = sample
    assert result.papers == 23 and result.problems == []


@pytest.mark.parametrize(
    "method", ["TransHP", "MatFormer", "SPT", "TLEG", "BCT", "U-PaLM", "DistillNearest", "DistillWeighted"]
)
def test_proposed_methods_have_a_proposes_edge(sample, method):
    graph = sample[0].graph
    node = node_named(graph, method)
    assert graph.nodes[node]["label"] == "Method"
    proposers = [h for h, _, k in graph.in_edges(node, keys=True) if k == "PROPOSES"]
    assert len(proposers) == 1 and graph.nodes[proposers[0]]["label"] == "Paper"


@pytest.mark.parametrize("dataset", ["ImageNet-1K", "CIFAR-100", "GSM8K", "MMLU", "BIG-Bench", "iNat 2019"])
def test_datasets(sample, dataset):
    graph = sample[0].graph
    assert graph.nodes[node_named(graph, dataset)]["label"] == "Dataset"


def test_acronym_and_long_form_are_one_node(sample):
    graph = sample[0].graph
    assert node_named(graph, "TLEG") == node_named(graph, "Transformer as Linear Expansion of learnGene")


def test_near_names_stay_apart(sample):
    graph = sample[0].graph
    assert node_named(graph, "ImageNet-1K") != node_named(graph, "ImageNet-100")


def test_top1_accuracy_is_a_metric_with_a_result(sample):
    graph = sample[0].graph
    metric = node_named(graph, "top-1 accuracy")
    assert graph.nodes[metric]["label"] == "Metric"
    results = [h for h, _, k in graph.in_edges(metric, keys=True) if k == "MEASURED_BY"]
    assert results and all(isinstance(graph.nodes[r]["value"], float) for r in results)


def test_files_are_written_and_reload(sample):
    result, out = sample
    assert (out / "extractions.jsonl").read_text().count("\n") == 23
    again = load_graph(out)
    assert again.number_of_nodes() == result.graph.number_of_nodes()
    assert again.number_of_edges() == result.graph.number_of_edges()


def test_rebuild_gives_identical_ids(sample, tmp_path):
    first = sample[0].graph
    second = build([str(SAMPLE)], tmp_path).graph
    assert sorted(first.nodes) == sorted(second.nodes)
    assert sorted(first.edges(keys=True)) == sorted(second.edges(keys=True))


def test_nothing_readable_is_an_error(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(InputError, match="no readable papers"):
        build([str(empty)], tmp_path / "out")


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_left_as_it_was(tmp_path, enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        build([str(SAMPLE)], tmp_path, extractors="rules")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
