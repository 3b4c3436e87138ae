"""Cold `kg build` of the sample: a fresh process, no cache, as a new user's first run.

    python benchmarks/cold_start.py --rounds 5 [--compare-with OTHER_CHECKOUT] -o benchmarks/results/cold_start.json

Each round runs ``python -m kg.cli build samples/hf_daily_papers.txt -o TMP --no-cache``
once per checkout, in turn (this one, then ``--compare-with``, e.g. a `git worktree` of
an older commit), with ``PYTHONPATH`` pointing at an overlay of that checkout (all of its
``kg``, extractors included: see checkout.py), so both pay the same interpreter start and
imports on the same noisy machine. Reports the median wall time of
each and the median of the per-round ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checkout import overlay

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "hf_daily_papers.txt"


def cold_build(python_path: Path) -> float:
    """Seconds of one `kg build` of the sample in a fresh process with ``python_path`` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(python_path)}
    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SAMPLE), "-o", out, "--no-cache", "-q"],
                       env=env, check=True, cwd=out)
        return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--compare-with", type=Path, default=None, help="another checkout to time in the same rounds")
    parser.add_argument("-o", "--out", type=Path, default=None, help="write the figures as JSON here")
    args = parser.parse_args()
    checkouts = {"this": ROOT} | ({"other": args.compare_with.resolve()} if args.compare_with else {})
    runs: dict[str, list[float]] = {name: [] for name in checkouts}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {name: overlay(checkout, Path(tmp) / name) for name, checkout in checkouts.items()}
        for r in range(args.rounds):
            for name in checkouts:
                runs[name].append(cold_build(paths[name]))
                print(f"round {r + 1}/{args.rounds} {name}: {runs[name][-1]:.2f} s", file=sys.stderr)
    result = {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "sample": SAMPLE.name, "rounds": args.rounds,
              "checkouts": {name: str(path) for name, path in checkouts.items()},
              "seconds": {name: {"median": round(statistics.median(t), 3), "runs": [round(x, 3) for x in t]}
                          for name, t in runs.items()}}
    if "other" in runs:
        result["ratio_other_to_this_median"] = round(statistics.median(o / t for o, t in zip(runs["other"], runs["this"])), 2)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
