"""Neo4j faults against the real server: the server stopped in the middle of an export,
a server that is down, wrong credentials, an unknown database, and addresses that accept
a connection but never answer (or answer nonsense). Each is one clear error line and exit
code 1; after a restart, rerunning the export gives exactly what a clean export gives.

The tests that stop the server go through scripts/neo4j.sh with the environment the tests
were started with (KG_NEO4J_PORT, KG_NEO4J_HOME, NEO4J_PASSWORD), so they stop and restart
the very server the tests use, and always start it again before they finish. In CI they
fail rather than skip when that server is not one scripts/neo4j.sh runs.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.neo4j.connection as connection
from kg.build import build
from kg.cli import main
from kg.errors import Neo4jConnectionError
from kg.exporters.neo4j import export_graph
from kg.graph import load_graph
from kg.neo4j.connection import Neo4jSettings, connect

from neo4j_server import ROOT, SCRIPT, Neo4jTestDB, _unavailable

SAMPLE = ROOT / "samples" / "hf_daily_papers.txt"


def script(settings: Neo4jSettings, command: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEO4J_PASSWORD": settings.password}
    return subprocess.run(["bash", str(SCRIPT), command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def env_for(settings: Neo4jSettings, **overrides: str) -> dict[str, str]:
    env = {"NEO4J_URI": settings.uri, "NEO4J_USERNAME": settings.user, "NEO4J_PASSWORD": settings.password,
           "NEO4J_DATABASE": settings.database or ""}
    return {**env, **overrides}


def one_error_line(result, starts: str) -> str:
    """stderr is exactly one line, `kg: error: ...` starting as given; no traceback."""
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output, result.stderr
    assert result.stderr.startswith("kg: error: " + starts), result.stderr
    return result.stderr


def snapshot(db: Neo4jTestDB) -> tuple[list, list]:
    """Every kg node and relationship with all its properties, in a fixed order."""
    nodes = db.rows("MATCH (n:KG) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id")
    rels = db.rows(
        "MATCH (a:KG)-[r]->(b:KG) RETURN a.id AS head, type(r) AS type, b.id AS tail, properties(r) AS props "
        "ORDER BY head, type, tail")
    return [(n["id"], sorted(n["labels"]), sorted(n["props"].items())) for n in nodes], \
        [(r["head"], r["type"], r["tail"], sorted(r["props"].items())) for r in rels]


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    build([str(SAMPLE)], out, extractors="rules")  # the batch counts below are for this graph
    return out


@pytest.fixture
def managed_server(neo4j_server):
    """The test server, checked to be the one scripts/neo4j.sh runs (so it can be stopped
    and started); started again at teardown whatever happened."""
    status = script(neo4j_server, "status")
    port = neo4j_server.uri.rsplit(":", 1)[-1]
    if status.returncode != 0 or f"127.0.0.1:{port}" not in status.stdout:
        _unavailable(f"the server at {neo4j_server.uri} is not run by scripts/neo4j.sh ({status.stdout.strip()})")
    yield neo4j_server
    if script(neo4j_server, "status").returncode != 0:
        started = script(neo4j_server, "start")
        assert started.returncode == 0, started.stderr


# The export as a user runs it, in its own process (its real stderr, no pytest logging),
# with the server stopped by scripts/neo4j.sh just before the batch number given.
STOP_DURING_EXPORT = """
import subprocess, sys
import kg.exporters.neo4j as exporter
from kg.cli import main

script, stop_at, directory = sys.argv[1], int(sys.argv[2]), sys.argv[3]
original, batches = exporter._write, 0

def write(session, batch, what):
    global batches
    batches += 1
    if batches == stop_at:
        subprocess.run(["bash", script, "stop"], check=True, capture_output=True)
    return original(session, batch, what)

exporter._write = write
main(["export", "neo4j", directory, "--batch-size", "10", "-q"])
"""


def test_server_stopped_in_the_middle_of_an_export_then_a_rerun_equals_a_clean_export(
        managed_server, neo4j, sample_dir):
    graph = load_graph(sample_dir)
    export_graph(graph, neo4j.settings)
    clean, clean_counts = snapshot(neo4j), neo4j.counts()
    assert (len(clean[0]), len(clean[1])) == (graph.number_of_nodes(), graph.number_of_edges())
    neo4j.rows("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
    neo4j.driver.close()
    runner = CliRunner()
    env = env_for(managed_server)

    stop_at = 25  # of ~40 batches of 10: all nodes are written, relationships are half-way
    proc = subprocess.run([sys.executable, "-c", STOP_DURING_EXPORT, str(SCRIPT), str(stop_at), str(sample_dir)],
                          cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1, proc.stderr  # no driver retry warnings, no traceback
    assert proc.stderr.startswith("kg: error: lost the connection to Neo4j while writing ")
    assert "rerun the export" in proc.stderr and managed_server.password not in proc.stderr
    assert script(managed_server, "status").returncode != 0

    # while it is down: every command that needs it says so, in one line
    for args in (["export", "neo4j", str(sample_dir), "-q"], ["query", "--cypher", "RETURN 1"]):
        one_error_line(runner.invoke(main, args, env=env), f"cannot reach Neo4j at {managed_server.uri} (")

    started = script(managed_server, "start")
    assert started.returncode == 0, started.stderr
    db = Neo4jTestDB.open(managed_server)
    try:
        partial = snapshot(db)
        assert len(partial[0]) == len(clean[0]) and 0 < len(partial[1]) < len(clean[1])
        rerun = runner.invoke(main, ["export", "neo4j", str(sample_dir), "-q"], env=env)
        assert rerun.exit_code == 0, rerun.output
        assert db.counts() == clean_counts
        assert snapshot(db) == clean  # and every property too
    finally:
        db.driver.close()


# --- wrong credentials, unknown database ---------------------------------------------------


def test_wrong_credentials_in_query_and_build_are_one_line_and_the_build_is_kept(neo4j, tmp_path):
    runner = CliRunner()
    secret = "wrong-secret-5150"
    query = runner.invoke(main, ["query", "top_datasets", "--password", secret], env=env_for(neo4j.settings))
    one_error_line(query, f"Neo4j at {neo4j.settings.uri} refused user 'neo4j': wrong user or password")
    out = tmp_path / "out"
    built = runner.invoke(main, ["build", str(SAMPLE), "-o", str(out), "-q", "--neo4j", "--user", "mallory"],
                          env=env_for(neo4j.settings, NEO4J_PASSWORD=secret))
    one_error_line(built, f"Neo4j at {neo4j.settings.uri} refused user 'mallory': wrong user or password")
    assert (out / "graph.json").is_file()  # the build itself is done; only the export failed
    assert secret not in query.output + built.output
    connect(neo4j.settings).close()  # a good login resets Neo4j's count of failed ones (3 lock the user)
    assert neo4j.counts() == ({}, {})


def test_unknown_database_is_one_line_for_export_and_query(neo4j, sample_dir):
    runner = CliRunner()
    env = env_for(neo4j.settings, NEO4J_DATABASE="nosuchdb")
    for args in (["export", "neo4j", str(sample_dir), "-q"], ["query", "top_datasets"]):
        one_error_line(runner.invoke(main, args, env=env), f"Neo4j at {neo4j.settings.uri} has no database 'nosuchdb'")
    assert neo4j.counts() == ({}, {})


# --- addresses that accept and then misbehave ----------------------------------------------


class Listener:
    """A TCP server on 127.0.0.1 that accepts connections and then: never answers
    ("silent"), closes at once ("close"), or answers like a web server ("http")."""

    def __init__(self, mode: str) -> None:
        self.mode, self.held = mode, []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.uri = f"bolt://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            if self.mode == "close":
                conn.close()
            elif self.mode == "http":
                conn.recv(64)
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                conn.close()
            else:
                self.held.append(conn)  # silent: keep it open, say nothing

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def listener(request):
    server = Listener(request.param)
    yield server
    server.close()


@pytest.fixture
def short_timeout(monkeypatch):
    monkeypatch.setattr(connection, "CONNECT_TIMEOUT", 1.0)
    return 1.0


@pytest.mark.parametrize("listener, message", [
    ("silent", "Neo4j at {uri} did not answer within 1s; is that the address of a Neo4j server"),
    ("close", "cannot reach Neo4j at {uri} ("),
    ("http", "cannot reach Neo4j at {uri} ("),
], indirect=["listener"])
def test_an_address_that_accepts_but_never_answers_properly_is_a_clear_error_in_bounded_time(
        listener, message, short_timeout, sample_dir):
    expected = message.format(uri=listener.uri)
    started = time.monotonic()
    with pytest.raises(Neo4jConnectionError) as error:
        connect(Neo4jSettings(listener.uri, "neo4j", "pw-not-used-1234"))
    assert str(error.value).startswith(expected)
    runner = CliRunner()
    for args in (["export", "neo4j", str(sample_dir), "-q"], ["query", "--cypher", "RETURN 1"]):
        one_error_line(runner.invoke(main, args, env={"NEO4J_URI": listener.uri, "NEO4J_PASSWORD": "x"}), expected)
    assert time.monotonic() - started < 3 * (short_timeout + 3)  # not the driver's 60 s per attempt


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7687", "127.0.0.1:7687", "bolt://127.0.0.1:notaport", "bolt://[::1"])
def test_a_bad_uri_is_one_line(uri):
    one_error_line(CliRunner().invoke(main, ["query", "--cypher", "RETURN 1", "--uri", uri, "--password", "x"]),
                   f"bad Neo4j URI {uri!r}")
