"""Small graphs built by hand the way kg.graph builds them, for tests of the analyses,
the exporters and the pictures."""

import copy

import networkx as nx
import pytest


def entity(G, node, label, name=None, papers=0, aliases=()):
    G.add_node(node, label=label, name=name or node, aliases=list(aliases), papers=papers)


def paper(G, pid, year=None, title=None):
    attrs = {"label": "Paper", "name": title or f"Paper {pid}", "title": title or f"Paper {pid}", "paper_id": pid}
    if year is not None:
        attrs["year"] = year
    G.add_node(f"paper:{pid}", **attrs)


def link(G, u, v, type_, papers=("p1",), sentence=None):
    evidence = [{"paper": p, "sentence": sentence, "start": 0, "end": 5, "source": "test"} for p in papers]
    evidence = evidence if sentence else []
    G.add_edge(u, v, key=type_, type=type_, count=len(papers), papers=list(papers), evidence=evidence,
               sources=["test"], score=1.0)


def result(G, rid, value, metric, dataset=None, method=None, pid="p1", unit="", sentence="It scores well."):
    G.add_node(rid, label="Result", name=f"{metric} = {value}", value=value, unit=unit, metric=metric,
               dataset=dataset, method=method, paper=pid, evidence=sentence, start=0, end=3)
    if f"paper:{pid}" not in G:
        paper(G, pid)
    link(G, f"paper:{pid}", rid, "REPORTS", (pid,), sentence)
    if metric not in G:
        entity(G, metric, "Metric")
    link(G, rid, metric, "MEASURED_BY", (pid,), sentence)
    if dataset:
        if dataset not in G:
            entity(G, dataset, "Dataset")
        link(G, rid, dataset, "EVALUATED_ON", (pid,), sentence)
    if method:
        if method not in G:
            entity(G, method, "Method")
        link(G, method, rid, "ACHIEVES", (pid,), sentence)


@pytest.fixture
def star():
    """BERT evaluated on four datasets: a 5-node star."""
    G = nx.MultiDiGraph()
    entity(G, "BERT", "Method", papers=4)
    for d in ("GLUE", "SQuAD", "RACE", "SWAG"):
        entity(G, d, "Dataset", papers=1)
        link(G, "BERT", d, "EVALUATED_ON")
    return G


@pytest.fixture
def rich():
    """A bit of everything: papers with years, mentions, results, OUTPERFORMS with a cycle."""
    G = nx.MultiDiGraph()
    for i, year in enumerate((2020, 2020, 2021, 2021), 1):
        paper(G, f"p{i}", year)
    entity(G, "TNT", "Method", "TNT", 2, aliases=["Transformer iN Transformer"])
    entity(G, "ViT", "Method", "Vision Transformer", 3, aliases=["ViT"])
    entity(G, "IN", "Dataset", "ImageNet-1K", 3)
    entity(G, "acc", "Metric", "top-1 accuracy", 2)
    mentions = {"p1": ["ViT", "IN"], "p2": ["ViT"], "p3": ["TNT", "IN", "acc"], "p4": ["TNT", "ViT", "IN", "acc"]}
    for pid, targets in mentions.items():
        for t in targets:
            link(G, f"paper:{pid}", t, "MENTIONS", (pid,), f"{pid} mentions {t}.")
    link(G, "paper:p3", "TNT", "PROPOSES", ("p3",), "We propose TNT.")
    link(G, "TNT", "ViT", "OUTPERFORMS", ("p3",), "TNT outperforms ViT on ImageNet-1K.")
    link(G, "TNT", "IN", "EVALUATED_ON", ("p3",), "TNT outperforms ViT on ImageNet-1K.")
    result(G, "r1", 81.5, "acc", "IN", "TNT", "p3", "%", "TNT reaches 81.5% top-1 accuracy on ImageNet-1K.")
    result(G, "r2", 79.0, "acc", "IN", "ViT", "p4", "%", "ViT reaches 79.0% top-1 accuracy on ImageNet-1K.")
    return G


def snapshot(G):
    return copy.deepcopy((dict(G.graph), list(G.nodes(data=True)), list(G.edges(keys=True, data=True))))
