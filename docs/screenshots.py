"""Redraw the README's pictures: the page and the picture of the sample, and the gallery
of the three views (papers, entities, leaderboard) on the sample and on 5,000 abstracts.

    python docs/screenshots.py                        # everything (builds 5,000 abstracts: minutes)
    python docs/screenshots.py --only sample          # the sample's pictures only
    python docs/screenshots.py --built-5k /tmp/g5000  # reuse a build of the 5,000 abstracts

Writes, in docs/ (or --out):

- page.png and graph.png: the page that `kg build samples/hf_daily_papers.txt --viz`
  writes, with the panel of one node (--node), and the static picture `kg viz --png`.
- sample-papers.png, sample-entities.png, sample-leaderboard.png: the three views of
  the sample (`kg viz OUT --view ...`).
- 5k-papers.png, 5k-entities.png, 5k-leaderboard.png: the same of the first 5,000
  abstracts of ../shared/data/conf_abstracts/paperlists_abstracts.jsonl.gz (--corpus;
  id, title, abstract and year of each), built with `kg build` unless --built-5k names
  a folder that holds that build already.

Each page is opened in headless Chromium (Debian's /usr/bin/chromium driven by
Playwright; Playwright never downloads a browser here), offline: it makes no request.
The script waits until the page is drawn, finds one node with the search box so the
side panel shows it (the papers view: the method in the most papers; the entities view:
the method with the most results, whose table shows; the leaderboard view: the
dataset, whose leaderboard shows), fits the whole view back and saves a 1280x800
screenshot. The leaderboard's dataset is the one with the most ranked results (then the
most methods evaluated on it).

Needs kg installed (`pip install -e .`), Playwright (`pip install playwright`, in the
`test` extra) and Chromium (`apt-get install -y chromium`); set KG_CHROMIUM to use
another Chromium binary.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
SAMPLE = REPO / "samples" / "hf_daily_papers.txt"
CORPUS = REPO.parent / "shared" / "data" / "conf_abstracts" / "paperlists_abstracts.jsonl.gz"
CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}
READY = "() => window.kgViz && window.kgViz.ready"
LOCAL = ("file:", "data:", "about:")


def kg(*args: str) -> None:
    """Run the kg command line of this interpreter (`python -m kg`), failing loudly."""
    subprocess.run([sys.executable, "-m", "kg", *args], check=True, cwd=REPO)


def screenshot_pages(shots: list[tuple[Path, Path, str]]) -> None:
    """Each (page, png, node): open the page, show ``node``'s panel ('' for none), fit, save."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("docs/screenshots.py: Playwright is missing: pip install playwright (or pip install -e '.[test]')")
    if not Path(CHROMIUM).is_file():
        sys.exit(f"docs/screenshots.py: no Chromium at {CHROMIUM}: apt-get install -y chromium, or set KG_CHROMIUM")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport=VIEWPORT, offline=True)
            refused: list[str] = []

            def route(r):
                if r.request.url.startswith(LOCAL):
                    r.continue_()
                else:
                    refused.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            for page_html, png, node in shots:
                page = context.new_page()
                page.goto(page_html.as_uri())
                page.wait_for_function(READY, timeout=180_000)
                if node:
                    page.fill("#kg-search", node)
                    page.click("#kg-search-go")
                    page.wait_for_timeout(500)  # the 300 ms zoom onto the node
                    page.click("#kg-fit")  # the whole view again; the panel keeps the node
                page.wait_for_timeout(400)
                png.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(png))
                page.close()
                print(f"wrote {png}")
            if refused:
                sys.exit(f"docs/screenshots.py: the pages tried to fetch {refused}")
        finally:
            browser.close()


def subjects(built: Path) -> dict[str, str]:
    """The nodes each view's screenshot shows in its panel, and the leaderboard's dataset."""
    from kg.analysis.leaderboards import leaderboards
    from kg.graph import load_graph

    G = load_graph(built)

    def papers(v) -> int:
        n = G.nodes[v].get("papers", 0)
        return n if isinstance(n, int) else len(n)

    def named(label: str) -> list:
        return [v for v, d in G.nodes(data=True) if d.get("label") == label]

    def name(v) -> str:
        return str(G.nodes[v].get("name", v))

    def results(v) -> int:
        return sum(1 for w in G.successors(v) if G.nodes[w].get("label") == "Result")

    def evaluated(v) -> int:
        return sum(1 for u in G.predecessors(v) if G.nodes[u].get("label") == "Method")

    from kg.viz.views import make_view

    drawn = make_view(G, "entities").graph
    methods, datasets = named("Method"), named("Dataset")
    ranked: dict[str, int] = {}
    for board in leaderboards(G):
        ranked[board.dataset] = ranked.get(board.dataset, 0) + len(board.entries)
    dataset = max(datasets, key=lambda v: (ranked.get(name(v), 0), evaluated(v), papers(v), name(v)))
    return {
        "papers": name(max(methods, key=lambda v: (papers(v), name(v)))),
        "entities": name(max((v for v in methods if v in drawn), key=lambda v: (results(v), papers(v), name(v)))),
        "leaderboard": name(dataset),
    }


def views(built: Path, out: Path, prefix: str, work: Path) -> list[tuple[Path, Path, str]]:
    """The three view pages of ``built`` (written under ``work``) and their screenshots."""
    pick = subjects(built)
    shots = []
    for view in ("papers", "entities", "leaderboard"):
        page = work / f"{prefix}-{view}.html"
        extra = ["--dataset", pick["leaderboard"]] if view == "leaderboard" else ["--view", view]
        kg("viz", str(built), *extra, "-o", str(page), "--title", f"kg: {prefix}, {view} view", "-q")
        shots.append((page, out / f"{prefix}-{view}.png", pick[view]))
    return shots


def first_abstracts(corpus: Path, n: int, path: Path) -> None:
    """The first ``n`` records of the corpus, with the fields kg reads, as JSON lines."""
    if not corpus.is_file():
        sys.exit(f"docs/screenshots.py: no corpus at {corpus} (--corpus PATH, or --only sample)")
    with gzip.open(corpus, "rt", encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            rec = json.loads(line)
            dst.write(json.dumps({k: rec[k] for k in ("id", "title", "abstract", "year") if k in rec}) + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DOCS, help="folder for the pictures (default: docs/)")
    parser.add_argument("--node", default="Transformer",
                        help="node of page.png's panel, found with the search box ('' for none)")
    parser.add_argument("--only", choices=("sample", "5k"), default=None, help="draw only these pictures")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the conference abstracts (JSON lines, gzip)")
    parser.add_argument("--papers", type=int, default=5000, help="how many abstracts of the corpus (default 5000)")
    parser.add_argument("--built-5k", type=Path, default=None,
                        help="a `kg build` of those abstracts to reuse instead of building them again")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kg-screenshots-") as tmp:
        work = Path(tmp)
        shots = []
        if args.only != "5k":
            built = work / "sample"
            kg("build", str(SAMPLE), "-o", str(built), "--viz", "-q")
            shots.append((built / "graph.html", out / "page.png", args.node))
            kg("viz", str(built), "--png", str(out / "graph.png"), "-q")
            print(f"wrote {out / 'graph.png'}")
            shots += views(built, out, "sample", work)
        if args.only != "sample":
            built = args.built_5k
            if built is None:
                jsonl = work / "abstracts.jsonl"
                first_abstracts(args.corpus, args.papers, jsonl)
                built = work / "5k"
                kg("build", str(jsonl), "-o", str(built), "-q")
            shots += views(built, out, "5k", work)
        screenshot_pages(shots)


if __name__ == "__main__":
    main()
