"""Throughput of kg against spaCy's en_core_web_sm on the same abstracts, in the same run.

    python benchmarks/throughput.py --n 1000 --n 10000 --rounds 3 -o benchmarks/results/throughput.json

The machines we run on are shared and noisy, so an absolute time means little: each
round runs every mode once, in turn, each in a fresh process (see worker.py), and we
report the median over rounds and the ratio to the baseline measured in the same rounds.
The abstracts come from the team's conference corpus (`--corpus`), which is never copied
into the repository; the sample is written to a temporary file for the run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "data" / "conf_abstracts" / "paperlists_abstracts.jsonl.gz"
MODES = ("kg-extract", "kg-build", "sm")  # also: kg-build-rules; kg-build-j2, sm-j2 (two processes each)


def write_sample(corpus: Path, n: int | None, out: Path) -> int:
    """The first ``n`` abstracts of the corpus (all when None), as kg JSONL input."""
    count = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            if n is not None and count >= n:
                break
            r = json.loads(line)
            dst.write(json.dumps({"id": r["id"], "title": r["title"], "abstract": r["abstract"], "year": r.get("year")}) + "\n")
            count += 1
    return count


def run_mode(mode: str, path: Path) -> dict:
    proc = subprocess.run([sys.executable, str(HERE / "worker.py"), mode, str(path)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(path: Path, n: int, rounds: int, modes: tuple[str, ...]) -> dict:
    runs: dict[str, list[dict]] = {m: [] for m in modes}
    for r in range(rounds):
        for mode in modes:
            result = run_mode(mode, path)
            runs[mode].append(result)
            print(f"  n={n} round {r + 1}/{rounds} {mode}: {result['n'] / result['seconds']:.0f} abstracts/s, "
                  f"peak {result['peak_rss_mb']:.0f} MB", file=sys.stderr)
    summary = {}
    for mode, results in runs.items():
        rates = [x["n"] / x["seconds"] for x in results]
        summary[mode] = {
            "abstracts_per_second_median": round(statistics.median(rates), 1),
            "abstracts_per_second_runs": [round(x, 1) for x in rates],
            "peak_rss_mb_max": max(x["peak_rss_mb"] for x in results),
            "load_seconds_median": round(statistics.median(x["load_seconds"] for x in results), 2),
        }
    for mode in modes:
        baseline = "sm-j2" if mode.endswith("-j2") else "sm"
        if mode.startswith("kg") and baseline in runs:
            # ratio per round (same conditions), then the median of the ratios
            base = [x["n"] / x["seconds"] for x in runs[baseline]]
            ratios = [(x["n"] / x["seconds"]) / b for x, b in zip(runs[mode], base)]
            summary[mode][f"ratio_to_{baseline}_median"] = round(statistics.median(ratios), 2)
    return {"n": n, "rounds": rounds, "modes": summary}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--n", type=int, action="append", help="number of abstracts (repeatable; 0 = all)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("-o", "--out", type=Path, default=HERE / "results" / "throughput.json")
    args = parser.parse_args()
    if not args.corpus.is_file():
        raise SystemExit(f"{args.corpus}: corpus not found (pass --corpus)")
    modes = tuple(args.modes.split(","))
    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "corpus": args.corpus.name,
        "sizes": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.n or [1000]:
            path = Path(tmp) / f"sample-{n}.jsonl"
            actual = write_sample(args.corpus, n or None, path)
            report["sizes"].append(measure(path, actual, args.rounds, modes))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    for size in report["sizes"]:
        for mode, s in size["modes"].items():
            ratio = "".join(f", {v}x {k[9:-7]}" for k, v in s.items() if k.startswith("ratio_to_"))
            print(f"n={size['n']:>6} {mode:<11} {s['abstracts_per_second_median']:>8.1f} abstracts/s (median of "
                  f"{size['rounds']}), peak {s['peak_rss_mb_max']:.0f} MB{ratio}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
