"""kg.viz.select: the node budget (by papers) and what it leaves out."""

import networkx as nx

from kg.viz.select import papers_behind, select

from graph_builders import entity, link, paper


def _hubs() -> nx.MultiDiGraph:
    """Two methods with many papers, each with its own datasets; a task of one paper."""
    G = nx.MultiDiGraph()
    entity(G, "big", "Method", "Big", 9)
    entity(G, "mid", "Method", "Mid", 5)
    for i in range(4):
        entity(G, f"d{i}", "Dataset", f"D{i}", 4 - i)
        link(G, "big" if i < 2 else "mid", f"d{i}", "EVALUATED_ON")
    entity(G, "t", "Task", "T", 1)
    link(G, "mid", "t", "ADDRESSES")
    return G


def test_papers_behind_reads_the_count_or_one_per_paper_or_result():
    G = _hubs()
    paper(G, "p1")
    G.add_node("r", label="Result")
    got = papers_behind(G)
    assert got["big"] == 9 and got["paper:p1"] == 1 and got["r"] == 1


def test_select_keeps_the_top_nodes_by_papers_not_by_links():
    sel = select(_hubs(), max_nodes=3)
    assert sel.nodes == ["big", "d0", "d1"]  # mid has more links, big more papers
    assert sel.omitted == {"Method": 1, "Dataset": 2, "Task": 1} and sel.papers["big"] == 9


def test_select_draws_no_node_without_a_link_a_node_comes_with_its_best_neighbour():
    G = _hubs()
    entity(G, "lonely", "Task", "Lonely", 8)  # many papers, one neighbour of none
    entity(G, "tail", "Dataset", "Tail", 0)
    link(G, "tail", "lonely", "MENTIONS")
    sel = select(G, max_nodes=4)
    assert sel.nodes == ["big", "lonely", "d0", "tail"] and sel.unlinked == 1  # mid: no room for it and a partner
    assert all(set(nx.all_neighbors(G, v)) & set(sel.nodes) for v in sel.nodes)
    sel = select(G, max_nodes=3)
    assert sel.nodes == ["big", "d0", "d1"] and sel.unlinked == 2


def test_select_focus_and_depth():
    sel = select(_hubs(), focus="mid", depth=1)
    assert sel.focus == "mid" and set(sel.nodes) == {"mid", "d2", "d3", "t"}
    assert select(_hubs(), max_nodes=1, focus="T", depth=1).nodes == ["t"]
