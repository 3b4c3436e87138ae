"""The `kg viz` page in a real headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright; never a browser Playwright downloads): it draws the sample graph, search
focuses the right node, a click shows its evidence, filters hide what they should, and
no console error and no network request happen. A screenshot is left in tests/artifacts/.
Each view (papers, entities, leaderboard) draws exactly the view's nodes and edges, with
the labels of its top nodes by papers drawn at the default zoom (read from vis-network),
a --focus page opens fitted to the neighbourhood, and a Method's results and a Dataset's
leaderboard show as tables. Only the sample and hand-built graphs: no shared data needed.

Locally the tests skip when Chromium or Playwright is missing; in CI (CI=true) they fail.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest

from kg.build import build
from kg.viz.html import LABELS_ALWAYS, write_page
from kg.viz.select import degrees
from kg.viz.views import make_view

from graph_builders import entity, link, paper

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "hf_daily_papers.txt"
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:", "about:")
HOSTILE = '<img src="http://example.invalid/x.png" onerror="window.pwned=1">'
READY = "() => window.kgViz && window.kgViz.ready"


def _unavailable(why: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{why}; in CI the browser tests must run (.ci/run installs chromium)")
    pytest.skip(why)


@dataclass
class Watch:
    """What a browser context did that it should not: console errors, uncaught
    exceptions, requests to anything but file:, data: and about: URLs."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        def route(r):
            if r.request.url.startswith(LOCAL_SCHEMES):
                r.continue_()
            else:
                self.requests.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        context.on("request", lambda r: None if r.url.startswith(LOCAL_SCHEMES) else self.requests.append(r.url))
        context.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        context.on("weberror", lambda e: self.errors.append(f"uncaught: {e.error}"))

    def check(self) -> None:
        problems = self.errors + [f"network request: {u}" for u in self.requests]
        self.errors.clear()
        self.requests.clear()
        assert not problems, problems


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).is_file():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[nx.MultiDiGraph, Path]:
    """The sample graph and its page (default options)."""
    out = tmp_path_factory.mktemp("viz-sample")
    graph = build([str(SAMPLE)], out).graph
    write_page(graph, out / "graph.html", title="kg: sample")
    return graph, out / "graph.html"


@pytest.fixture(scope="module")
def watch() -> Watch:
    return Watch()


@pytest.fixture(scope="module")
def context(browser, watch):
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    watch.attach(ctx)
    yield ctx
    ctx.close()


def _open(context, path: Path):
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function(READY, timeout=60_000)
    return page


@pytest.fixture(scope="module")
def page(context, sample):
    """The sample page, loaded once; each test leaves the filters as it found them."""
    p = _open(context, sample[1])
    yield p
    p.close()


@pytest.fixture(autouse=True)
def no_errors_and_no_requests(request):
    yield
    if "watch" in request.fixturenames:
        request.getfixturevalue("watch").check()


def _ids(page) -> dict[str, int]:
    """Graph node id -> the page's node id."""
    return page.evaluate("Object.fromEntries(kgViz.data.nodes.map(n => [n.key, n.id]))")


def _reset(page) -> None:
    for box in page.locator("#kg-labels input, #kg-relations input").all():
        box.check()
    page.fill("#kg-min-degree", "0")
    page.evaluate("kgViz.network.unselectAll()")


def test_the_guard_sees_requests(context, watch):
    """The request watch is not vacuous: a page that fetches is caught."""
    p = context.new_page()
    p.goto("about:blank")
    p.evaluate("fetch('http://127.0.0.1:9/x').catch(() => 0)")
    p.wait_for_timeout(200)
    p.close()
    assert set(watch.requests) == {"http://127.0.0.1:9/x"}
    watch.requests.clear()
    watch.errors.clear()  # the refused fetch also logs an error


def test_renders_the_sample_graph(page, sample, watch):
    graph, _ = sample
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    drawn = page.evaluate("""() => ({
        data: kgViz.data.nodes.length, edges: kgViz.data.edges.length,
        drawn: kgViz.network.body.nodeIndices.length, drawnEdges: kgViz.network.body.edgeIndices.length,
        positions: Object.keys(kgViz.network.getPositions()).length, renderMs: kgViz.renderMs })""")
    assert drawn["data"] == drawn["drawn"] == drawn["positions"] == n
    assert drawn["edges"] == drawn["drawnEdges"] == m
    assert drawn["renderMs"] > 0
    assert page.inner_text("#kg-status") == f"{n} of {n} nodes and {m} of {m} relationships shown"
    assert page.locator("#kg-omitted").is_hidden()
    # the canvas has a picture on it: many pixels in node colours
    painted = page.evaluate("""() => {
        const c = document.querySelector('#kg-network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let coloured = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && Math.max(d[i], d[i+1], d[i+2]) - Math.min(d[i], d[i+1], d[i+2]) > 60) coloured++;
        return coloured; }""")
    assert painted > 5000
    legend = page.inner_text("#kg-labels")
    for label in ("Paper", "Method", "Dataset", "Metric", "Task", "Result"):
        count = sum(1 for _, d in graph.nodes(data=True) if d["label"] == label)
        assert f"{label}\n{count}" in legend or f"{label}\t{count}" in legend or f"{label} {count}" in legend.replace("\n", " ")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "viz_sample.png"))


def test_search_by_alias_focuses_the_node(page, sample):
    graph, _ = sample
    # the entity with an alias that the most papers mention
    node, data = max(((v, d) for v, d in graph.nodes(data=True) if d.get("aliases") and d["label"] == "Method"),
                     key=lambda x: (x[1].get("papers", 0), x[0]))
    alias = data["aliases"][0]
    page.fill("#kg-search", "no such thing at all")
    page.click("#kg-search-go")
    assert "No node called" in page.inner_text("#kg-search-message")
    page.fill("#kg-search", alias.upper())
    page.press("#kg-search", "Enter")
    target = _ids(page)[node]
    assert page.evaluate("kgViz.network.getSelectedNodes()") == [target]
    assert page.inner_text("#kg-info-name") == data["name"]
    assert alias in page.inner_text("#kg-info-aliases")
    assert page.inner_text("#kg-search-message") == ""
    # the view moves onto it
    page.wait_for_function(f"""() => {{
        const p = kgViz.network.getPositions([{target}])[{target}], v = kgViz.network.getViewPosition();
        return Math.hypot(p.x - v.x, p.y - v.y) < 1 && kgViz.network.getScale() >= 1.3; }}""", timeout=5_000)
    _reset(page)


def test_click_shows_the_evidence_and_results(page, sample):
    graph, _ = sample
    # a method with results and sentences that mention it
    node = max((v for v, d in graph.nodes(data=True) if d["label"] == "Method"
                and any(graph.nodes[w]["label"] == "Result" for w in graph.successors(v))),
               key=lambda v: (graph.nodes[v]["papers"], v))
    name = graph.nodes[node]["name"]
    target = _ids(page)[node]
    page.evaluate(f"kgViz.focusNode({target}, false)")
    page.evaluate("kgViz.showInfo(0)")  # the panel shows another node until the click
    assert page.inner_text("#kg-info-name") != name
    box = page.locator("#kg-network canvas").bounding_box()
    x, y = page.evaluate(f"""() => {{ const p = kgViz.network.canvasToDOM(kgViz.network.getPositions([{target}])[{target}]);
                               return [p.x, p.y]; }}""")
    assert page.evaluate(f"kgViz.network.getNodeAt({{x: {x}, y: {y}}})") == target
    page.mouse.click(box["x"] + x, box["y"] + y)
    assert page.inner_text("#kg-info-name") == name
    mentions = page.inner_text("#kg-info-mentions")
    sentences = [ev["sentence"] for _, _, k, d in graph.in_edges(node, keys=True, data=True) if k == "MENTIONS"
                 for ev in d["evidence"]]
    assert any(" ".join(s.split()) in mentions for s in sentences)
    titles = [graph.nodes[u]["title"] for u, _, k in graph.in_edges(node, keys=True) if k == "MENTIONS"]
    assert any(t in mentions for t in titles)
    assert page.locator("#kg-info-mentions mark").count() > 0  # the name is marked in its sentences
    table = page.inner_text("#kg-info-table")  # a method's results, as a table
    for w in graph.successors(node):
        if graph.nodes[w]["label"] == "Result":
            assert graph.nodes[w]["metric"] in table and f"{graph.nodes[w]['value']:g}" in table
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "viz_sample_clicked.png"))
    _reset(page)


def test_hovering_an_edge_shows_its_type(page):
    # centre the view on the middle of a typed edge that no node or other edge covers
    spot = page.evaluate("""() => {
        const net = kgViz.network, pos = net.getPositions();
        for (const [i, edge] of kgViz.data.edges.entries()) {
            if (edge.type === 'MENTIONS') continue;
            const a = pos[edge.from], b = pos[edge.to];
            net.moveTo({position: {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}, scale: 2, animation: false});
            const mid = net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
            if (net.getNodeAt(mid) === undefined && net.getEdgeAt(mid) === i) return {x: mid.x, y: mid.y, type: edge.type};
        }
        return null; }""")
    assert spot is not None, "no typed edge with a clear middle"
    box = page.locator("#kg-network canvas").bounding_box()
    page.mouse.move(box["x"] + spot["x"] - 30, box["y"] + spot["y"] - 30)
    page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"], steps=3)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().startswith(spot["type"])
    page.mouse.move(box["x"] + 2, box["y"] + 2)
    page.evaluate("kgViz.network.fit({animation: false})")


def test_filters_hide_what_they_should(page, sample):
    graph, _ = sample
    ids = _ids(page)
    n, m = graph.number_of_nodes(), graph.number_of_edges()

    def shown():
        return page.evaluate("""() => ({nodes: kgViz.visibleNodeIds(), edges: kgViz.visibleEdgeIds(),
                                        drawn: kgViz.network.body.nodeIndices.length})""")

    papers = {ids[v] for v, d in graph.nodes(data=True) if d["label"] == "Paper"}
    page.uncheck("#kg-label-Paper")
    s = shown()
    assert len(s["nodes"]) == s["drawn"] == n - len(papers) and not papers & set(s["nodes"])
    edges_without_papers = sum(1 for u, v in graph.edges() if graph.nodes[u]["label"] != "Paper" and graph.nodes[v]["label"] != "Paper")
    assert len(s["edges"]) == edges_without_papers
    assert page.inner_text("#kg-status").startswith(f"{n - len(papers)} of {n} nodes")
    page.check("#kg-label-Paper")

    page.uncheck("#kg-rel-MENTIONS")
    s = shown()
    mentions = sum(1 for *_, k in graph.edges(keys=True) if k == "MENTIONS")
    assert len(s["nodes"]) == n and len(s["edges"]) == m - mentions
    types = page.evaluate("[...new Set(kgViz.visibleEdgeIds().map(i => kgViz.data.edges[i].type))]")
    assert "MENTIONS" not in types and types
    page.check("#kg-rel-MENTIONS")

    deg = degrees(graph)
    page.fill("#kg-min-degree", "3")
    s = shown()
    assert set(s["nodes"]) == {ids[v] for v in graph if deg[v] >= 3} and s["drawn"] == len(s["nodes"]) < n
    _reset(page)
    s = shown()
    assert len(s["nodes"]) == s["drawn"] == n and len(s["edges"]) == m


def test_budget_and_focus_pages(context, sample, tmp_path):
    graph, _ = sample
    write_page(graph, tmp_path / "small.html", max_nodes=40)
    p = _open(context, tmp_path / "small.html")
    assert p.evaluate("kgViz.network.body.nodeIndices.length") == 40
    note = p.inner_text("#kg-omitted")
    assert f"Left out: {graph.number_of_nodes() - 40} of {graph.number_of_nodes()} nodes" in note
    p.close()

    write_page(graph, tmp_path / "focus.html", focus="imagenet", depth=1)
    p = _open(context, tmp_path / "focus.html")
    focus = p.evaluate("kgViz.data.summary.focus")
    assert p.evaluate("kgViz.network.getSelectedNodes()") == [focus]
    assert p.inner_text("#kg-info-name").casefold() == "imagenet"
    assert "neighbourhood of ImageNet" in p.inner_text("#kg-omitted")
    p.close()


def test_hostile_names_stay_text(context, tmp_path, watch):
    G = nx.MultiDiGraph()
    G.add_node("paper:p", label="Paper", name="</script>", title="</script>", paper_id="p")
    G.add_node("method:x", label="Method", name=HOSTILE, aliases=["</script><b>x</b>"], papers=1)
    G.add_edge("paper:p", "method:x", key="MENTIONS", type="MENTIONS", count=1, papers=["p"],
               evidence=[{"paper": "p", "sentence": f"We use {HOSTILE}.", "start": 0, "end": 1, "source": "t"}])
    write_page(G, tmp_path / "hostile.html", title=HOSTILE)
    p = _open(context, tmp_path / "hostile.html")
    p.fill("#kg-search", "</script><b>x</b>")
    p.press("#kg-search", "Enter")
    assert p.inner_text("#kg-info-name") == HOSTILE
    assert HOSTILE in p.inner_text("#kg-info-mentions")
    assert p.inner_text("#kg-title") == HOSTILE
    assert p.evaluate("window.pwned === undefined") and p.locator("img").count() == 0
    p.close()


def test_empty_graph_page(context, tmp_path):
    write_page(nx.MultiDiGraph(), tmp_path / "empty.html")
    p = _open(context, tmp_path / "empty.html")
    assert p.inner_text("#kg-status").startswith("0 of 0 nodes")
    p.close()


def test_render_time_is_measured(page):
    t = page.evaluate("kgViz.timings")
    assert t["start"] <= t["parsed"] <= t["created"] <= t["stabilized"] <= page.evaluate("kgViz.renderMs")
    assert math.isfinite(page.evaluate("kgViz.renderMs"))


# ---- the views -------------------------------------------------------------------------

TOP = 20  # labels that must be drawn at the default zoom


def _top_by_papers(view, ids: dict[str, int], n: int) -> list[int]:
    """The page ids of the ``n`` nodes of the view with the most papers (ties: as the page ranks)."""
    G = view.graph
    deg = degrees(G)
    ranked = sorted(G, key=lambda v: (-G.nodes[v]["papers"], -deg[v], str(G.nodes[v].get("name", v)).casefold(), str(v)))
    return [ids[str(v)] for v in ranked[:n]]


def _labels_drawn(page) -> dict:
    """What vis-network draws now: the nodes whose label it shows (its label module says
    visible, the node is inside the canvas), each label's size on screen and its box."""
    return page.evaluate("""() => {
        const net = kgViz.network, scale = net.getScale();
        const out = {};
        for (const id of kgViz.labelledIds()) {
            // the text goes font.vadjust below the box vis-network keeps
            const label = net.body.nodes[id].labelModule, box = label.getSize(), dy = label.fontOptions.vadjust;
            out[id] = {px: label.fontOptions.size * scale, box: [box.left, box.top + dy, box.left + box.width, box.top + box.height + dy]};
        }
        return out; }""")


def _apart(boxes: list[list[float]]) -> None:
    """No two of the label boxes (left, top, right, bottom) overlap."""
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def _sample_dataset(graph) -> str:
    """The sample's dataset with the biggest leaderboard view."""
    names = [d["name"] for _, d in graph.nodes(data=True) if d["label"] == "Dataset"]
    return max(names, key=lambda n: (make_view(graph, "leaderboard", n).graph.number_of_nodes(), n))


@pytest.fixture(scope="module")
def view_pages(sample, tmp_path_factory):
    """The sample drawn in each view: name -> (view, page path)."""
    graph, _ = sample
    out = tmp_path_factory.mktemp("viz-views")
    pages = {}
    for name, dataset in (("papers", None), ("entities", None), ("leaderboard", _sample_dataset(graph))):
        view = make_view(graph, name, dataset)
        write_page(graph, out / f"{name}.html", view=view, title=f"kg: sample, {name}")
        pages[name] = (view, out / f"{name}.html")
    return pages


@pytest.mark.parametrize("name", ["papers", "entities", "leaderboard"])
def test_each_view_draws_the_view_with_its_top_labels(context, view_pages, name, watch):
    view, path = view_pages[name]
    p = _open(context, path)
    counts = p.evaluate("""() => ({nodes: kgViz.network.body.nodeIndices.length, edges: kgViz.network.body.edgeIndices.length,
                                    dataNodes: kgViz.data.nodes.length, dataEdges: kgViz.data.edges.length})""")
    n, m = view.graph.number_of_nodes(), view.graph.number_of_edges()
    assert counts == {"nodes": n, "edges": m, "dataNodes": n, "dataEdges": m}
    assert {str(v) for v in view.graph} == set(_ids(p))
    # the top nodes by papers have their label drawn, readable, at the default zoom
    top = _top_by_papers(view, _ids(p), min(TOP, n))
    drawn = _labels_drawn(p)
    assert set(top) <= {int(i) for i in drawn}, f"labels not drawn: {set(top) - {int(i) for i in drawn}}"
    assert all(drawn[str(i)]["px"] >= 12 for i in top)
    _apart([drawn[str(i)]["box"] for i in top])
    # the note says what the view folded or left out
    note = p.inner_text("#kg-omitted")
    assert view.note in note
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / f"viz_sample_{name}.png"))
    p.close()


def _big_graph(papers: int = 150) -> nx.MultiDiGraph:
    """Methods and datasets in four groups that share papers, the paper counts spread out."""
    G = nx.MultiDiGraph()
    for i in range(papers):
        paper(G, f"p{i}")
    for g in range(4):
        for j in range(30):
            node = f"m{g}-{j}"
            entity(G, node, "Method" if j % 3 else "Dataset", f"{'Method' if j % 3 else 'Dataset'} {g}-{j}")
            cited = [f"p{(g * 37 + j * 7 + k) % papers}" for k in range(1 + (29 - j) // 2)]
            G.nodes[node]["papers"] = len(cited)
            for pid in cited:
                link(G, f"paper:{pid}", node, "MENTIONS", (pid,))
            if j:
                link(G, node, f"m{g}-{j // 2}", "OUTPERFORMS" if j % 3 else "EVALUATED_ON", cited[:1])
    link(G, "m0-1", "m1-1", "OUTPERFORMS")
    return G


def test_more_labels_as_you_zoom_and_top_labels_apart(context, tmp_path):
    G = _big_graph()
    view = make_view(G, "entities")
    write_page(G, tmp_path / "big.html", view=view)
    p = _open(context, tmp_path / "big.html")
    ids = _ids(p)
    top = _top_by_papers(view, ids, LABELS_ALWAYS)
    drawn = _labels_drawn(p)
    assert set(top) <= {int(i) for i in drawn} and len(drawn) < len(view.graph)
    _apart([drawn[str(i)]["box"] for i in top])  # the always-drawn labels don't cover one another
    # zoomed in: labels the default zoom left out are drawn
    hidden = [int(i) for i in ids.values() if str(i) not in drawn]
    p.evaluate("""(id) => { const pos = kgViz.network.getPositions([id])[id];
                             kgViz.network.moveTo({position: pos, scale: kgViz.network.getScale() * 6, animation: false}); }""",
               hidden[0])
    p.wait_for_timeout(100)
    assert hidden[0] in {int(i) for i in _labels_drawn(p)}
    p.close()


def test_focus_opens_fitted_to_the_neighbourhood(context, sample, tmp_path):
    graph, _ = sample
    view = make_view(graph, "entities")
    hub = max(view.graph, key=lambda v: (len(set(nx.all_neighbors(view.graph, v))), str(v)))
    name = view.graph.nodes[hub]["name"]
    write_page(graph, tmp_path / "focus.html", view=view, focus=name, depth=2)
    p = _open(context, tmp_path / "focus.html")
    near = nx.single_source_shortest_path_length(view.graph.to_undirected(as_view=True), hub, cutoff=2)
    ids = _ids(p)
    assert set(ids) == {str(v) for v in near}
    box = p.evaluate("() => { const c = document.querySelector('#kg-network canvas'); return [c.clientWidth, c.clientHeight]; }")
    spots = p.evaluate("""() => kgViz.network.body.nodeIndices.map(id => {
        const n = kgViz.network.body.nodes[id], d = kgViz.network.canvasToDOM({x: n.x, y: n.y});
        return [d.x, d.y]; })""")
    assert len(spots) == len(near) and all(0 <= x <= box[0] and 0 <= y <= box[1] for x, y in spots)
    # fitted: the neighbourhood spans most of the canvas, unless it is so small that
    # vis-network's fit stops at 1:1
    xs, ys = [x for x, _ in spots], [y for _, y in spots]
    spread = max((max(xs) - min(xs)) / box[0], (max(ys) - min(ys)) / box[1])
    assert spread > 0.6 or p.evaluate("kgViz.network.getScale()") == pytest.approx(1.0)
    assert p.evaluate("kgViz.network.getSelectedNodes()") == [ids[str(hub)]]
    assert p.inner_text("#kg-info-name") == name
    assert f"neighbourhood of {name}" in p.inner_text("#kg-omitted")
    p.close()


def test_method_results_and_dataset_leaderboard_tables(context, rich, tmp_path):
    write_page(rich, tmp_path / "rich.html", view=make_view(rich, "leaderboard", "ImageNet-1K"))
    p = _open(context, tmp_path / "rich.html")
    ids = _ids(p)

    def rows() -> list[list[str]]:
        return p.evaluate("[...document.querySelectorAll('#kg-info-table tbody tr')].map(r => [...r.cells].map(c => c.innerText))")

    p.evaluate(f"kgViz.showInfo({ids['TNT']})")
    assert p.text_content("#kg-info-table h3") == "Results (1)"
    assert rows() == [["ImageNet-1K", "top-1 accuracy", "81.5%", "Paper p3 (2021)"]]
    p.evaluate(f"kgViz.showInfo({ids['IN']})")
    assert p.text_content("#kg-info-table h3") == "Leaderboard (2)"
    assert rows() == [["TNT", "top-1 accuracy", "81.5%", "Paper p3 (2021)"],
                      ["Vision Transformer", "top-1 accuracy", "79%", "Paper p4 (2021)"]]
    # a method in the leaderboard is a link to its node
    p.locator("#kg-info-table tbody tr").nth(1).locator(".kg-link").click()
    assert p.inner_text("#kg-info-name") == "Vision Transformer"
    assert "Leaderboard of ImageNet-1K" in p.inner_text("#kg-omitted")
    p.close()
