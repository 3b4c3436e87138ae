"""First build against a rebuild of the same input (served from the extraction cache).

    python benchmarks/rebuild.py --n 10000 --rounds 3

Each round builds into a fresh directory (cold: every paper extracted), then builds the
same input into it again (warm: every paper from the cache), each as `kg build` in its
own process; we report the medians and the median of the per-round ratios.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import DEFAULT_CORPUS, write_sample


def timed_build(src: Path, out: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "-o", str(out), "-q"], check=True)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("-o", "--out", type=Path, default=Path(__file__).parent / "results" / "rebuild.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        n = write_sample(args.corpus, args.n, src)
        cold, warm = [], []
        for r in range(args.rounds):
            out = Path(tmp) / f"out{r}"
            cold.append(timed_build(src, out))
            warm.append(timed_build(src, out))
            print(f"  round {r + 1}: first {cold[-1]:.1f}s, rebuild {warm[-1]:.1f}s", file=sys.stderr)
    ratios = [c / w for c, w in zip(cold, warm)]
    report = {
        "n": n,
        "first_build_seconds": [round(x, 2) for x in cold],
        "rebuild_seconds": [round(x, 2) for x in warm],
        "speedup_median": round(statistics.median(ratios), 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"n={n}: first build {statistics.median(cold):.1f}s, rebuild {statistics.median(warm):.1f}s "
          f"(median of {args.rounds}); rebuild {report['speedup_median']}x faster")


if __name__ == "__main__":
    main()
