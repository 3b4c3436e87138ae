"""Every analysis on the graph of the sample page."""

from pathlib import Path

import networkx as nx
import pytest

from kg.analysis.centrality import centrality
from kg.analysis.co_usage import co_usage
from kg.analysis.communities import communities
from kg.analysis.leaderboards import leaderboards
from kg.analysis.outperforms import outperforms
from kg.analysis.paths import path
from kg.analysis.trends import trends
from kg.build import build
from kg.exporters.networkx_formats import write_gexf, write_graphml

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "hf_daily_papers.txt"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build([str(SAMPLE)], tmp_path_factory.mktemp("sample")).graph


def test_sample_outperforms(sample):
    o = outperforms(sample)
    assert ["U-PaLM", "PaLM"] in o.chains
    assert "PaLM" in [b.name for b in o.most_beaten] and o.cycles == []


def test_sample_centrality_top_datasets(sample):
    c = centrality(sample)
    assert "ImageNet-1K" in [r.name for r in c.top["Dataset"][:5]]
    # the model may name it "Transformer architecture"; either way it is among the top 5
    assert any(r.name.startswith("Transformer") for r in c.top["Method"][:5])


def test_sample_communities_and_co_usage(sample):
    groups = [set(c.top["Method"]) | set(c.top["Dataset"]) for c in communities(sample, top=10).communities]
    assert any({"U-PaLM", "PaLM", "GSM8K"} <= g for g in groups)
    together = {(p.a, p.b) for p in co_usage(sample, top=50).datasets_together}
    assert ("BIG-Bench", "GSM8K") in together and ("CIFAR-100", "ImageNet-1K") in together


def test_sample_leaderboards(sample):
    # every percentage on that page is a gain ("by +2.83%"); kept only when asked for
    assert not any(b.dataset == "ImageNet" for b in leaderboards(sample))
    boards = {b.metric: b for b in leaderboards(sample, changes=True) if b.dataset == "ImageNet"}
    # "(e.g., improving ViT-B/16 by +2.83% ImageNet classification accuracy), training data
    # efficiency (e.g., +12.69% improvement under 10% ImageNet training data)"
    accuracy = boards["top-1 accuracy"]
    assert [(e.method, e.value) for e in accuracy.entries] == [("TransHP", 2.83)]
    assert all(e.value != 12.69 for b in boards.values() if b.metric != "data efficiency" for e in b.entries)


def test_sample_path_and_trends(sample):
    (hop,) = path(sample, "u-palm", "gsm8k").hops
    assert hop.relation == "EVALUATED_ON" and "GSM8K" in hop.evidence
    assert trends(sample).years == []  # the page gives no years


def test_sample_exports_reread(sample, tmp_path):
    write_graphml(sample, tmp_path / "s.graphml")
    write_gexf(sample, tmp_path / "s.gexf")
    for back in (nx.read_graphml(tmp_path / "s.graphml"), nx.read_gexf(tmp_path / "s.gexf")):
        assert (back.number_of_nodes(), back.number_of_edges()) == (sample.number_of_nodes(), sample.number_of_edges())
