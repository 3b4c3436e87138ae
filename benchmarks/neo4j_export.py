"""Export throughput into the real Neo4j at several batch sizes, and the bulk import.

    NEO4J_PASSWORD=... python benchmarks/neo4j_export.py GRAPH_DIR --batch-size 100 --batch-size 1000 \\
        --batch-size 5000 --rounds 3 [--bulk]

Each round exports the graph once per batch size, in turn, into an emptied database, so
the sizes are compared under the same conditions; we report the median relationships/s.
``--bulk`` also times `neo4j-admin database import full` of the same graph through
scripts/neo4j.sh (it stops and restarts the development server) and checks its counts.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from kg.exporters.neo4j import export_graph  # noqa: E402
from kg.exporters.neo4j_import import write_import_files  # noqa: E402
from kg.graph import load_graph  # noqa: E402

from neo4j_server import Neo4jTestDB, settings_from_env  # noqa: E402


def empty(db: Neo4jTestDB) -> None:
    db.rows("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")


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
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "benchmarks" / "results" / "neo4j_export.json")
    args = parser.parse_args()
    sizes = args.batch_size or [100, 1000, 5000]
    graph = load_graph(args.graph_dir)
    settings = settings_from_env()
    db = Neo4jTestDB.open(settings)
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
