"""kg.summary: the top lists of `kg build` and `kg stats` rank by papers and skip one-paper entities."""

import networkx as nx

from kg.summary import Summary, format_summary, keep_frequent, summarize


def _graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node, label, papers in (("BERT", "Method", 3), ("Odd-Net", "Method", 1), ("RoBERTa", "Method", 2),
                                ("GLUE", "Dataset", 2), ("Toy set", "Dataset", 1),
                                ("accuracy", "Metric", 4), ("F1", "Metric", 2),
                                ("parsing", "Task", 1), ("tagging", "Task", 1)):
        G.add_node(node, label=label, name=node, aliases=[], papers=papers)
    return G


def test_top_lists_rank_by_papers_and_leave_out_one_paper_entities():
    s = summarize(_graph())
    assert s.top["Method"] == [("BERT", 3), ("RoBERTa", 2)]
    assert s.top["Dataset"] == [("GLUE", 2)]
    assert s.top["Metric"] == [("accuracy", 4), ("F1", 2)]
    assert s.left_out == {"Method": 1, "Dataset": 1, "Metric": 0, "Task": 0}


def test_a_label_without_a_two_paper_entity_lists_them_all():
    s = summarize(_graph())
    assert s.top["Task"] == [("parsing", 1), ("tagging", 1)]
    assert summarize(_graph(), min_papers=1).top["Method"][-1] == ("Odd-Net", 1)


def test_format_lists_all_four_labels_with_paper_counts():
    text = format_summary(summarize(_graph()))
    lines = {line.split(":")[0]: line for line in text.splitlines()}
    assert lines["top methods"].endswith("BERT (3), RoBERTa (2)")
    assert lines["top datasets"].endswith("GLUE (2)")
    assert lines["top metrics"].endswith("accuracy (4), F1 (2)")
    assert lines["top tasks"].endswith("parsing (1), tagging (1)  (none in 2+ papers)")
    assert "Odd-Net" not in text and "Toy set" not in text
    assert "in fewer than 2 papers, so not listed: 1 method, 1 dataset" in text


def test_dict_round_trip_and_an_older_manifest():
    s = summarize(_graph())
    assert Summary.from_dict(s.to_dict()) == s
    old = {"nodes": s.nodes, "relationships": s.relationships,
           "top": {"Method": [["BERT", 3], ["Odd-Net", 1]], "Task": [["parsing", 1]]}}
    again = Summary.from_dict(old)  # saved before min_papers existed: the rule is applied on reading
    assert again.top == {"Method": [("BERT", 3)], "Task": [("parsing", 1)]} and again.min_papers == 2


def test_keep_frequent():
    assert keep_frequent([3, 1, 2], lambda n: n) == ([3, 2], 1)
    assert keep_frequent([1, 1], lambda n: n) == ([1, 1], 0)
    assert keep_frequent([], lambda n: n) == ([], 0)
