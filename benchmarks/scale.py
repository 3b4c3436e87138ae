"""The whole conference corpus through kg: build on two processes and on Dask, then every
`kg analyze` command on that graph, each a fresh `kg` process, timed with its peak memory.

    python benchmarks/scale.py -o benchmarks/results/scale-all.json [--corpus FILE] [--limit N]

The corpus (``../shared/data/conf_abstracts``) is read in place and never copied into the
repository; the graph is written to a temporary folder. Peak memory is the largest
resident set of the command or of its worker processes (``RUSAGE_CHILDREN`` of a
process that runs only that command). Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "data" / "conf_abstracts" / "paperlists_abstracts.jsonl.gz"

# (name, arguments after `kg analyze`, with GRAPH for the graph folder)
ANALYSES = [
    ("centrality", ["centrality", "GRAPH"]),
    ("communities", ["communities", "GRAPH"]),
    ("co-usage", ["co-usage", "GRAPH"]),
    ("leaderboards", ["leaderboards", "GRAPH"]),
    ("outperforms", ["outperforms", "GRAPH"]),
    ("trends", ["trends", "GRAPH"]),
    ("authors", ["authors", "GRAPH"]),
    ("venues", ["venues", "GRAPH"]),
    ("path", ["path", "GRAPH", "BERT", "ImageNet"]),
    ("export graphml", ["export", "GRAPH", "--graphml", "GRAPH/graph.graphml"]),
]


def timed(command: list[str]) -> dict:
    """Run ``command`` in a child that runs nothing else, so RUSAGE_CHILDREN is its alone."""
    probe = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
        "s = time.perf_counter() - t\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'rc': p.returncode, 'seconds': s, 'peak_rss_mb': peak, 'stderr': p.stderr[-2000:]}))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result['stderr']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N abstracts (a quick try)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("-o", "--out", type=Path, default=None)
    args = parser.parse_args()
    kg = [sys.executable, "-m", "kg.cli"]
    report: dict = {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "corpus": args.corpus.name,
                    "machine": {"python": platform.python_version(), "cpus": os.cpu_count()}}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if args.limit:
            corpus = Path(tmp) / "sample.jsonl"
            with gzip.open(args.corpus, "rt", encoding="utf-8") as src, open(corpus, "w", encoding="utf-8") as dst:
                for i, line in enumerate(src):
                    if i >= args.limit:
                        break
                    dst.write(line)
        builds, graph = {}, None
        for name, extra in ((f"--jobs {args.jobs}", ["--jobs", str(args.jobs)]),
                            (f"--dask local --jobs {args.jobs}", ["--dask", "local", "--jobs", str(args.jobs)])):
            out = Path(tmp) / name.replace(" ", "_").replace("-", "")
            r = timed([*kg, "build", str(corpus), "-o", str(out), "--no-cache", "-q", "--profile", *extra])
            r["profile"] = r.pop("stderr").strip().splitlines()[-1]
            builds[name] = r
            graph = graph or out  # the analyses read the first build
            print(f"build {name}: {r['seconds']:.0f} s, peak {r['peak_rss_mb']:.0f} MB; {r['profile']}", file=sys.stderr)
        papers = json.loads((graph / "manifest.json").read_text())["papers"] if (graph / "manifest.json").exists() else None
        report |= {"papers": papers, "builds": builds, "analyses": {}}
        for name, command in ANALYSES:
            r = timed([*kg, "analyze", *[str(graph) if a == "GRAPH" else a.replace("GRAPH", str(graph)) for a in command]])
            r.pop("stderr")
            report["analyses"][name] = r
            print(f"analyze {name}: {r['seconds']:.1f} s, peak {r['peak_rss_mb']:.0f} MB", file=sys.stderr)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
