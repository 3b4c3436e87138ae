"""Redraw the README's pictures from the sample input.

    python docs/screenshots.py            # writes docs/page.png and docs/graph.png

Builds samples/hf_daily_papers.txt into a temporary folder with `kg build --viz`, opens
the page in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; Playwright
never downloads a browser here), waits until the page says the drawing has settled, finds
one node with the search box (so the side panel shows its papers and evidence sentences),
fits the whole graph back into view and saves a 1280x800 screenshot as docs/page.png.
Then draws docs/graph.png with `kg viz OUT --png`, the static picture for slides.

Needs kg installed (`pip install -e .`), Playwright (`pip install playwright`, in the
`test` extra) and Chromium (`apt-get install -y chromium`); set KG_CHROMIUM to use
another Chromium binary. The page is opened offline: it makes no network request.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
SAMPLE = REPO / "samples" / "hf_daily_papers.txt"
CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 800}
READY = "() => window.kgViz && window.kgViz.ready"


def kg(*args: str) -> None:
    """Run the kg command line of this interpreter (`python -m kg`), failing loudly."""
    subprocess.run([sys.executable, "-m", "kg", *args], check=True, cwd=REPO)


def screenshot_page(page_html: Path, png: Path, node: str) -> None:
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
            page = context.new_page()
            page.goto(page_html.as_uri())
            page.wait_for_function(READY, timeout=120_000)  # layout stabilised, physics off
            if node:
                page.fill("#kg-search", node)
                page.click("#kg-search-go")
                page.wait_for_timeout(500)  # the 300 ms zoom onto the node
                page.click("#kg-fit")  # the whole graph again; the panel keeps the node
            page.wait_for_timeout(300)
            png.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(png))
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DOCS, help="folder for page.png and graph.png (default: docs/)")
    parser.add_argument("--node", default="Transformer",
                        help="node to find with the search box before the screenshot ('' for none)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    with tempfile.TemporaryDirectory(prefix="kg-screenshots-") as tmp:
        built = Path(tmp) / "out"
        kg("build", str(SAMPLE), "-o", str(built), "--viz", "-q")
        screenshot_page(built / "graph.html", out / "page.png", args.node)
        kg("viz", str(built), "--png", str(out / "graph.png"), "-q")
    print(f"wrote {out / 'page.png'} and {out / 'graph.png'}")


if __name__ == "__main__":
    main()
