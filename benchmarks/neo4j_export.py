"""Export throughput into the real Neo4j at several batch sizes, against another checkout
of kg, and the bulk import.

    NEO4J_PASSWORD=... python benchmarks/neo4j_export.py GRAPH_DIR --batch-size 100 --batch-size 1000 \\
        --batch-size 5000 --rounds 3 [--bulk]
    git worktree add /tmp/old-kg HEAD   # before the change
    KG_NEO4J_PORT=7697 python benchmarks/neo4j_export.py GRAPH_DIR --compare-with /tmp/old-kg --rounds 3

Each round exports the graph once per batch size, in turn, into an emptied database, so
the sizes are compared under the same conditions; we report the median relationships/s.

``--compare-with TREE`` times whole commands instead: in each round, this checkout's
`kg export neo4j GRAPH_DIR` and TREE's, each in a fresh process (``python -c`` with
PYTHONPATH set to an overlay of the checkout: checkout.py), in alternating order, each first into an emptied
database (after ``--settle`` seconds, so the server's clean-up of the deletion is not
billed to it) and then again into the same database. TREE runs without the driver's
Rust extension unless ``--old-rust`` (the extension is new with this change). We report
wall-clock seconds of each command, the relationships/s it prints, their medians and
the median of the per-round ratios; and check that the counts equal the graph's and
that the `evidence` named query returns sentences.

``--bulk`` also times `neo4j-admin database import full` of the same graph through
scripts/neo4j.sh (it stops and restarts the development server) and checks its counts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from checkout import overlay  # noqa: E402

from kg.exporters.neo4j import export_graph  # noqa: E402
from kg.exporters.neo4j_import import write_import_files  # noqa: E402
from kg.graph import load_graph  # noqa: E402
from kg.neo4j.cypher_files import named_query  # noqa: E402

from neo4j_server import Neo4jTestDB, settings_from_env  # noqa: E402


def empty(db: Neo4jTestDB, settle: float = 0.0) -> None:
    db.rows("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
    time.sleep(settle)


RATE = re.compile(r" in ([0-9.]+)s \(([0-9]+) relationships/s\)")


def cli_export(tree: Path, graph_dir: Path, settings, rust: bool) -> dict:
    """`kg export neo4j` of the code at ``tree`` (an overlay made by checkout.py) in a fresh
    process: wall seconds and printed rate."""
    block = "" if rust else "sys.modules['neo4j._rust'] = None; "  # ImportError: the driver's pure-Python codec
    code = f"import sys; {block}sys.argv[0] = 'kg'; from kg.cli import main; main()"
    env = {**os.environ, "PYTHONPATH": str(tree), "NEO4J_URI": settings.uri, "NEO4J_USERNAME": settings.user,
           "NEO4J_PASSWORD": settings.password}
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, "export", "neo4j", str(graph_dir), "-q"], env=env,
                          capture_output=True, text=True, cwd=tree)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{tree}: kg export neo4j failed: {done.stderr.strip()[-500:]}")
    rate = RATE.search(done.stdout)
    return {"seconds": round(seconds, 2), "export_seconds": float(rate.group(1)), "rels_per_s": int(rate.group(2)),
            "output": done.stdout.strip()}


def compare(args, graph, settings, db: Neo4jTestDB) -> dict:
    overlays = tempfile.TemporaryDirectory()
    trees = {name: overlay(checkout, Path(overlays.name) / name)
             for name, checkout in {"new": ROOT, "old": args.compare_with.resolve()}.items()}
    rust = {"new": True, "old": args.old_rust}
    runs: dict[str, dict[str, list[dict]]] = {k: {"empty": [], "again": []} for k in trees}
    for r in range(args.rounds):
        for name in (("old", "new") if r % 2 == 0 else ("new", "old")):
            empty(db, args.settle)
            first = cli_export(trees[name], args.graph_dir, settings, rust[name])
            labels, types = db.counts()
            first["counts_match"] = (sum(labels.values()), sum(types.values())) == (graph.number_of_nodes(),
                                                                                     graph.number_of_edges())
            again = cli_export(trees[name], args.graph_dir, settings, rust[name])
            runs[name]["empty"].append(first)
            runs[name]["again"].append(again)
            print(f"  round {r + 1} {name}: empty {first['seconds']:.1f}s ({first['rels_per_s']} rel/s), "
                  f"again {again['seconds']:.1f}s ({again['rels_per_s']} rel/s)", file=sys.stderr)
    # the last export in the database is some tree's second one: check evidence after the new code's
    empty(db, args.settle)
    cli_export(trees["new"], args.graph_dir, settings, True)
    evidence = db.rows(named_query("evidence").text, name=args.evidence_name)

    def summary(name: str, phase: str) -> dict:
        xs = runs[name][phase]
        return {"command_seconds_median": round(statistics.median(x["seconds"] for x in xs), 2),
                "relationships_per_second_median": round(statistics.median(x["rels_per_s"] for x in xs)),
                "runs": xs}

    def ratios(phase: str, key: str, old_over_new: bool) -> list[float]:
        pairs = zip(runs["old"][phase], runs["new"][phase], strict=True)
        return [round(o[key] / n[key] if old_over_new else n[key] / o[key], 2) for o, n in pairs]

    speedup = ratios("empty", "seconds", True)
    rate_ratio = ratios("empty", "rels_per_s", False)
    return {
        "old_tree": str(trees["old"]), "old_rust_extension": args.old_rust, "settle_seconds": args.settle,
        "new": {"empty": summary("new", "empty"), "again": summary("new", "again")},
        "old": {"empty": summary("old", "empty"), "again": summary("old", "again")},
        "empty_command_speedup_per_round": speedup,
        "empty_command_speedup_median": statistics.median(speedup),
        "empty_rate_ratio_per_round": rate_ratio,
        "empty_rate_ratio_median": statistics.median(rate_ratio),
        "again_rate_ratio_median": statistics.median(ratios("again", "rels_per_s", False)),
        "evidence_query": {"name": args.evidence_name, "rows": len(evidence),
                           "rows_with_a_sentence": sum(1 for e in evidence if e["sentence"]),
                           "first": evidence[0] if evidence else None},
    }


def bulk_import(graph, db_settings) -> dict:
    script = ["bash", str(ROOT / "scripts" / "neo4j.sh")]
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        files = write_import_files(graph, Path(tmp) / "csv")
        t_csv = time.perf_counter() - t0
        subprocess.run([*script, "stop"], check=True, capture_output=True)
        t1 = time.perf_counter()
        subprocess.run([*script, "admin", "database", "import", "full", *files.admin_args(),
                        f"--report-file={tmp}/report.txt"], check=True, capture_output=True)
        t_import = time.perf_counter() - t1
        subprocess.run([*script, "start"], check=True, capture_output=True)
    db = Neo4jTestDB.open(db_settings)
    labels, types = db.counts()
    db.driver.close()
    ok = sum(labels.values()) == graph.number_of_nodes() and sum(types.values()) == graph.number_of_edges()
    return {"csv_seconds": round(t_csv, 2), "import_seconds": round(t_import, 2), "counts_match": ok,
            "nodes": sum(labels.values()), "relationships": sum(types.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graph_dir", type=Path)
    parser.add_argument("--batch-size", type=int, action="append")
    parser.add_argument("--rounds", type=int, default=3, help="0: no transactional export, only --bulk")
    parser.add_argument("--bulk", action="store_true")
    parser.add_argument("--compare-with", type=Path, metavar="TREE",
                        help="another checkout of kg (e.g. a git worktree of the commit before): whole commands, in turn")
    parser.add_argument("--old-rust", action="store_true", help="with --compare-with: TREE with the Rust extension too")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds to wait after emptying (default 5)")
    parser.add_argument("--evidence-name", default="ImageNet", help="the entity --compare-with asks `evidence` about")
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "benchmarks" / "results" / "neo4j_export.json")
    args = parser.parse_args()
    sizes = args.batch_size or [100, 1000, 5000]
    graph = load_graph(args.graph_dir)
    settings = settings_from_env()
    db = Neo4jTestDB.open(settings)
    if args.compare_with:
        report = {"graph": {"dir": str(args.graph_dir), "nodes": graph.number_of_nodes(),
                            "relationships": graph.number_of_edges()},
                  "rounds": args.rounds, "server": settings.uri, **compare(args, graph, settings, db)}
        db.driver.close()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2) + "\n")
        print(json.dumps({k: v for k, v in report.items() if k not in ("new", "old")}, indent=2))
        for name in ("new", "old"):
            for phase in ("empty", "again"):
                x = report[name][phase]
                print(f"{name} {phase}: {x['command_seconds_median']}s, {x['relationships_per_second_median']} rel/s")
        return
    runs: dict[int, list[dict]] = {s: [] for s in sizes}
    for r in range(args.rounds):
        for size in sizes:
            empty(db)
            stats = export_graph(graph, settings, batch_size=size, driver=db.driver)
            runs[size].append({"seconds": stats.seconds, "rels_per_s": stats.relationships_per_second})
            print(f"  round {r + 1} batch {size}: {stats.seconds:.1f}s, {stats.relationships_per_second:.0f} rel/s",
                  file=sys.stderr)
    db.driver.close()
    report = {
        "graph": {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges()},
        "rounds": args.rounds,
        "batch_sizes": {} if args.rounds == 0 else {
            str(s): {
                "relationships_per_second_median": round(statistics.median(x["rels_per_s"] for x in runs[s])),
                "export_seconds_median": round(statistics.median(x["seconds"] for x in runs[s]), 2),
                "relationships_per_second_runs": [round(x["rels_per_s"]) for x in runs[s]],
            }
            for s in sizes
        },
    }
    if args.bulk:
        report["bulk_import"] = bulk_import(graph, settings)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
