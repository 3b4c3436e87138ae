"""kg.viz.static: pictures a person can read. The acceptance test of issue 18: in the PNG
of a 300-abstract build the label boxes of the top 30 nodes don't overlap, measured from
the layout and the text extents matplotlib draws."""

import gzip
import itertools
import os
import random
from pathlib import Path

import networkx as nx
import pytest

from kg.viz.static import TOP_LABELS, draw, write_picture
from kg.viz.views import make_view

from graph_builders import entity, link, paper, result

SHARED = Path(os.environ.get("KG_DATA_DIR") or Path(__file__).resolve().parents[3] / "shared" / "data")
ABSTRACTS = SHARED / "conf_abstracts" / "paperlists_abstracts.jsonl.gz"

WORDS = ("Graph", "Neural", "Sparse", "Diffusion", "Contrastive", "Vision", "Language", "Adaptive", "Masked",
         "Latent", "Gaussian", "Transformer", "Attention", "Point", "Implicit", "Federated", "Causal", "Robust")
TAILS = {"Method": ("Network", "Model", "Transformer", "Splatting", "Encoder", "Learning", "GAN", "Fields"),
         "Dataset": ("Bench", "Net", "-1K", "QA", "Scenes", "3D", "Corpus"),
         "Metric": ("accuracy", "F1", "score", "error", "IoU", "PSNR"),
         "Task": ("segmentation", "reconstruction", "detection", "translation", "synthesis", "retrieval")}
POOL = {"Method": 400, "Dataset": 100, "Metric": 30, "Task": 260}


def synthetic_build(papers: int = 300, seed: int = 18) -> nx.MultiDiGraph:
    """A graph shaped like `kg build` of ``papers`` conference abstracts, made without
    the pipeline: entity popularity falls off like Zipf's law, names of 4 to 40
    characters, each paper mentioning 2 to 6 entities, proposing a method, evaluating it
    on a dataset it mentions, addressing a task; a result now and then."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    names: dict[str, list[str]] = {}
    for label, n in POOL.items():
        seen: list[str] = []
        while len(seen) < n:
            words = rng.sample(WORDS, rng.choice((1, 1, 2, 3)))
            name = " ".join(words + [rng.choice(TAILS[label])]) if rng.random() < 0.8 else "".join(w[0] for w in words) + rng.choice(("", "-2", "++", "Net"))
            if name not in seen:
                seen.append(name)
        names[label] = seen
        for name in seen:
            entity(G, f"{label}:{name}", label, name, 0)

    weights = {label: list(itertools.accumulate(1 / (i + 4) for i in range(len(pool)))) for label, pool in names.items()}

    def pick(label: str) -> str:  # a few popular ones, a long tail (Zipf-like)
        return f"{label}:{rng.choices(names[label], cum_weights=weights[label])[0]}"

    for p in range(papers):
        pid = f"p{p}"
        paper(G, pid, 2020 + p % 5, f"Paper number {p} about things")
        mentioned = {pick(rng.choice(("Method", "Method", "Dataset", "Metric", "Task", "Task"))) for _ in range(rng.randint(2, 6))}
        method, dataset, task = pick("Method"), pick("Dataset"), pick("Task")
        mentioned |= {method, dataset, task}
        for e in sorted(mentioned):
            link(G, f"paper:{pid}", e, "MENTIONS", (pid,))
            G.nodes[e]["papers"] += 1
        link(G, f"paper:{pid}", method, "PROPOSES", (pid,))
        for u, v, type_ in ((method, dataset, "EVALUATED_ON"), (method, task, "ADDRESSES")):
            if G.has_edge(u, v, type_):
                G[u][v][type_]["papers"].append(pid)
            else:
                link(G, u, v, type_, (pid,))
        if p % 9 == 0:
            result(G, f"result:{pid}", round(rng.uniform(20, 95), 1), pick("Metric"), dataset, method, pid, "%")
        if p % 15 == 0:
            other = pick("Method")
            if other != method:
                link(G, method, other, "OUTPERFORMS", (pid,))
    return G


def _top_label_boxes(fig) -> list:
    renderer = fig.canvas.get_renderer()
    return [(lab.node, lab.text.get_window_extent(renderer)) for lab in fig.kg_labels[:TOP_LABELS]]


def assert_top_labels_readable(G: nx.MultiDiGraph, view_name: str, tmp_path: Path) -> None:
    view = make_view(G, view_name)
    fig = draw(G, view=view, title="kg: 300 abstracts")
    drawn = view.graph
    nodes = [lab.node for lab in fig.kg_labels]
    assert len(fig.kg_labels) >= TOP_LABELS, f"only {len(fig.kg_labels)} names drawn"
    assert len(fig.kg_labels) <= 150
    # the top 30 names are those of the nodes with the most papers behind them
    papers = [drawn.nodes[v]["papers"] for v in nodes[:TOP_LABELS]]
    assert papers == sorted(papers, reverse=True)
    boxes = _top_label_boxes(fig)
    for (u, a), (v, b) in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), f"the names of {u} and {v} overlap"
    frame = fig.bbox
    assert all(frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1 for _, box in boxes)
    # and so in the PNG written from it: the same figure, saved
    path = tmp_path / f"{view_name}.png"
    write_picture(G, path, view=view, title="kg: 300 abstracts")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("view_name", ["entities", "papers"])
def test_top_30_labels_never_overlap_in_a_300_abstract_picture(view_name, tmp_path):
    assert_top_labels_readable(synthetic_build(300), view_name, tmp_path)


@pytest.mark.skipif(not ABSTRACTS.is_file(), reason=f"shared data {ABSTRACTS} missing")
def test_top_30_labels_never_overlap_in_a_real_300_abstract_build(tmp_path):
    from kg.build import build

    with gzip.open(ABSTRACTS, "rt", encoding="utf-8") as f:
        lines = list(itertools.islice(f, 300))
    source = tmp_path / "abstracts300.jsonl"
    source.write_text("".join(lines), encoding="utf-8")
    G = build([str(source)], tmp_path / "out").graph
    assert sum(1 for _, label in G.nodes(data="label") if label == "Paper") == 300
    for view_name in ("entities", "papers"):
        assert_top_labels_readable(G, view_name, tmp_path)


def test_picture_title_says_what_was_left_out():
    G = synthetic_build(300)
    view = make_view(G, "entities")
    fig = draw(G, view=view, title="t")
    subtitle = fig.axes[0].get_title()
    assert view.note in subtitle and "budget 150" in subtitle and "top ones by papers" in subtitle
    assert fig._suptitle.get_text() == "t: entities"
    legends = {lg.get_title().get_text().split("\n")[0]: [t.get_text() for t in lg.get_texts()] for lg in fig.legends}
    assert legends["nodes"] == ["Method", "Dataset", "Metric", "Task"]
    assert "EVALUATED_ON" in legends["relationships"] and "USED_WITH (same papers)" in legends["relationships"]
    assert len(fig.axes[0].collections[-1].get_offsets()) <= 150  # the nodes


def test_leaderboard_picture_names_results_by_rank(rich):
    view = make_view(rich, "leaderboard", "ImageNet-1K")
    fig = draw(rich, view=view)
    names = {lab.text.get_text() for lab in fig.kg_labels}
    assert {"#1 81.5%", "#2 79%", "ImageNet-1K", "TNT", "Vision Transformer", "top-1 accuracy"} <= names
    assert fig._suptitle.get_text() == "kg graph: leaderboard on ImageNet-1K"


def test_pictures_of_the_same_view_are_the_same(tmp_path):
    G = synthetic_build(120, seed=3)
    view = make_view(G, "entities")
    write_picture(G, tmp_path / "a.svg", view=view)
    write_picture(G, tmp_path / "b.svg", view=make_view(G, "entities"))
    assert (tmp_path / "a.svg").read_text() == (tmp_path / "b.svg").read_text()
