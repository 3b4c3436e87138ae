"""kg.analysis.co_usage on hand-built graphs."""


import networkx as nx
import pytest

from kg.analysis.co_usage import co_usage

from graph_builders import entity, link, paper, result


@pytest.fixture
def evaluations():
    G = nx.MultiDiGraph()
    for m, datasets in {"BERT": ["GLUE", "SQuAD"], "RoBERTa": ["GLUE", "SQuAD"], "T5": ["GLUE"]}.items():
        entity(G, m, "Method", papers=3 if m == "RoBERTa" else 1)
        for d in datasets:
            if d not in G:
                entity(G, d, "Dataset")
            link(G, m, d, "EVALUATED_ON")
    result(G, "r1", 91.0, "F1", "RACE", "XLNet")  # XLNet evaluated on RACE through its result
    result(G, "r2", 90.0, "F1", "SQuAD", "XLNet")
    return G


def test_co_usage_projections_by_hand(evaluations):
    c = co_usage(evaluations)
    assert (c.via, c.methods, c.datasets, c.links) == ("evaluated_on", 4, 3, 7)
    assert [(p.a, p.b, p.weight, p.shared) for p in c.datasets_together] == [
        ("GLUE", "SQuAD", 2, ["RoBERTa", "BERT"]),  # shared methods, most papers first
        ("RACE", "SQuAD", 1, ["XLNet"]),
    ]
    assert [(p.a, p.b, p.weight) for p in c.methods_compared] == [
        ("BERT", "RoBERTa", 2), ("BERT", "T5", 1), ("BERT", "XLNet", 1), ("RoBERTa", "T5", 1), ("RoBERTa", "XLNet", 1)
    ]
    assert co_usage(evaluations, top=1).methods_compared == c.methods_compared[:1]


def test_co_usage_via_papers_pairs_what_one_paper_mentions():
    G = nx.MultiDiGraph()
    paper(G, "p1")
    for node, label in (("M", "Method"), ("D1", "Dataset"), ("D2", "Dataset"), ("T", "Task")):
        entity(G, node, label)
        link(G, "paper:p1", node, "MENTIONS")
    assert co_usage(G).links == 0  # no evaluation stated
    c = co_usage(G, via="papers")
    assert c.links == 2 and [(p.a, p.b, p.weight) for p in c.datasets_together] == [("D1", "D2", 1)]
    with pytest.raises(ValueError):
        co_usage(G, via="vibes")
