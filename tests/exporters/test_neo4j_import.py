"""The bulk path: CSV files that `neo4j-admin database import full` loads into the real
server, giving the same counts as the graph."""

import csv
import os
import subprocess

import pytest

from kg.build import build
from kg.exporters.neo4j_import import ARRAY_DELIMITER, write_import_files

from neo4j_server import ROOT, SCRIPT, Neo4jTestDB

SAMPLE = ROOT / "samples" / "hf_daily_papers.txt"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    return build([str(SAMPLE)], tmp_path_factory.mktemp("g")).graph


def test_files_have_typed_headers_and_one_row_per_node(graph, tmp_path):
    files = write_import_files(graph, tmp_path)
    header_path, data_path = files.nodes["Method"]
    header = next(csv.reader(open(header_path, encoding="utf-8")))
    assert header[0] == "id:ID" and header[-1] == ":LABEL" and "aliases:string[]" in header
    rows = list(csv.reader(open(data_path, encoding="utf-8")))
    assert len(rows) == sum(1 for _, d in graph.nodes(data=True) if d["label"] == "Method")
    tleg = next(r for r in rows if r[0] == "method:tleg")
    assert tleg[header.index("aliases:string[]")].split(ARRAY_DELIMITER) == ["Transformer as Linear Expansion of learnGene"]
    assert tleg[-1] == f"KG{ARRAY_DELIMITER}Method"


def _script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True, timeout=900, env=os.environ)


def test_neo4j_admin_import_gives_the_graphs_counts(neo4j_server, graph, tmp_path):
    if "NEO4J_URI" in os.environ:
        pytest.skip("neo4j-admin import needs the project's own server (scripts/neo4j.sh), not NEO4J_URI")
    files = write_import_files(graph, tmp_path / "import")
    assert _script("stop").returncode == 0
    try:
        done = _script("admin", "database", "import", "full", *files.admin_args(), f"--report-file={tmp_path / 'report.txt'}")
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    finally:
        started = _script("start")
        assert started.returncode == 0, started.stderr[-2000:]
    db = Neo4jTestDB.open(neo4j_server)
    try:
        labels, types = db.counts()
    finally:
        db.driver.close()
    assert labels == {label: files.counts[label] for label in files.nodes}
    assert types == {t: files.counts[t] for t in files.relationships}
    assert sum(labels.values()) == graph.number_of_nodes() and sum(types.values()) == graph.number_of_edges()
