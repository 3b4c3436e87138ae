"""Every analysis leaves the graph as it was and answers an empty graph with empty results."""


import networkx as nx
import pytest

from kg.analysis.centrality import centrality, pagerank
from kg.analysis.co_usage import CoUsage, co_usage
from kg.analysis.communities import Communities, communities
from kg.analysis.leaderboards import leaderboards
from kg.analysis.outperforms import Outperforms, outperforms
from kg.analysis.paths import path
from kg.analysis.trends import trends
from kg.errors import EntityNotFoundError
from kg.exporters.networkx_formats import flatten, gexf_graph, node_link

from graph_builders import snapshot

ANALYSES = [
    lambda G: centrality(G),
    lambda G: communities(G),
    lambda G: co_usage(G),
    lambda G: co_usage(G, via="papers"),
    lambda G: leaderboards(G, changes=True),
    lambda G: outperforms(G),
    lambda G: trends(G, min_year_papers=1),
    lambda G: path(G, "TNT", "ImageNet-1K"),
    lambda G: flatten(G),
    lambda G: gexf_graph(G),
    lambda G: node_link(G),
]


@pytest.mark.parametrize("analysis", ANALYSES)
def test_no_analysis_modifies_the_graph(rich, analysis):
    before = snapshot(rich)
    analysis(rich)
    assert snapshot(rich) == before


def test_empty_graph_gives_empty_answers():
    G = nx.MultiDiGraph()
    c = centrality(G)
    assert c.top == {"Method": [], "Dataset": [], "Metric": [], "Task": []} and c.nodes == 0
    assert communities(G) == Communities([], 0, 0, 0.0)
    assert co_usage(G) == CoUsage("evaluated_on", 0, 0, 0, [], [])
    assert leaderboards(G) == []
    assert outperforms(G) == Outperforms(0, 0, [], [], [])
    t = trends(G)
    assert t.years == [] and t.rising == {"Method": [], "Dataset": []} and t.falling == {"Method": [], "Dataset": []}
    assert pagerank(nx.DiGraph()) == {}
    assert flatten(G).number_of_nodes() == 0
    with pytest.raises(EntityNotFoundError):
        path(G, "a", "b")
