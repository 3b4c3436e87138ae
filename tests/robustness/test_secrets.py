"""The Neo4j password, from NEO4J_PASSWORD or --password, never shows: not in stdout or
stderr, not in log records (the driver's, at DEBUG level), not in exception text or its
chained causes, not in any file kg writes. Each test runs kg the ways a user would, the
right password and wrong ones, and greps everything for them.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.neo4j.connection as connection
from kg.cli import main
from kg.errors import KGError, Neo4jConnectionError
from kg.neo4j.connection import Neo4jSettings, connect
from kg.neo4j.queries import run_query

from neo4j_server import ROOT

SAMPLE = str(ROOT / "samples" / "hf_daily_papers.txt")
WRONG = "wr0ng-Secret-4711"  # a password no server accepts, as distinctive as a real one


def log_in_once(settings: Neo4jSettings) -> None:
    """Neo4j locks a user for 5 s after 3 failed logins in a row; a good one resets the count.
    Wrong passwords below go to the unknown user 'mallory' (never locked), or at most two
    in a row to 'neo4j', followed by this."""
    connect(settings).close()


def exception_text(exc: BaseException) -> str:
    """What any handler could print: the message, repr, traceback and the whole chain."""
    parts = []
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        parts += [str(exc), repr(exc), "".join(traceback.format_exception(exc)), repr(getattr(exc, "args", ()))]
        exc = exc.__cause__ or exc.__context__
    return "\n".join(parts)


def files_text(directory: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in sorted(directory.rglob("*")) if p.is_file())


@pytest.fixture
def debug_logs(caplog):
    caplog.set_level(logging.DEBUG)  # every logger, the driver's ("neo4j.io", "neo4j.pool") included
    return caplog


def test_the_password_never_shows_in_output_logs_or_files(neo4j, tmp_path, debug_logs):
    password = neo4j.settings.password
    runner = CliRunner()
    out = tmp_path / "out"
    env = {"NEO4J_URI": neo4j.settings.uri, "NEO4J_PASSWORD": password}
    flag = ["--uri", neo4j.settings.uri, "--password", password]
    outputs = []

    def run(args, env=None, code=0):
        result = runner.invoke(main, args, env=env)
        assert result.exit_code == code, result.output
        outputs.append(result.stdout + result.stderr)

    run(["build", SAMPLE, "-o", str(out), "--neo4j"], env=env)  # password from the environment
    run(["export", "neo4j", str(out), "--replace", *flag])  # and from --password, with the progress bar
    run(["query", "top_datasets", *flag])
    run(["query", "--cypher", "MATCH (p:Paper) RETURN p LIMIT 2", "--json"], env=env)
    run(["query", "--cypher", "MATCH (n) DETACH DELETE n"], env=env, code=1)  # refused
    run(["query", "--cypher", "RETURN nosuchfunction(1)"], env=env, code=1)  # a server error
    run(["query", "--cypher", "RETURN 1", "--database", "nosuchdb", *flag], code=1)
    run(["export", "neo4j", str(out), "--help"], env=env)
    run(["query", "--cypher", "RETURN 1", "--uri", "bolt://127.0.0.1:1", "--password", password], code=1)

    assert len(outputs) == 9 and all(outputs)
    assert password not in "\n".join(outputs)
    assert password not in debug_logs.text and "LOGON" in debug_logs.text  # the driver logged its login, masked
    assert password not in files_text(tmp_path)


def test_a_wrong_password_never_shows_either(neo4j, tmp_path, debug_logs):
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", SAMPLE, "-o", str(out), "-q"]).exit_code == 0
    env = {"NEO4J_URI": neo4j.settings.uri, "NEO4J_PASSWORD": WRONG, "NEO4J_USERNAME": "mallory"}
    results = [
        runner.invoke(main, ["export", "neo4j", str(out)], env=env),
        runner.invoke(main, ["query", "evidence", "--param", "name=BERT"], env=env),
        runner.invoke(main, ["build", SAMPLE, "-o", str(out), "-q", "--neo4j"], env=env),
        runner.invoke(main, ["export", "neo4j", str(out), "--password", WRONG, "--uri", neo4j.settings.uri]),  # user neo4j
    ]
    log_in_once(neo4j.settings)
    for result in results:
        assert result.exit_code == 1 and "wrong user or password" in result.stderr
        assert WRONG not in result.output
    assert WRONG not in debug_logs.text
    assert WRONG not in files_text(tmp_path)


@pytest.mark.parametrize("fault", ["wrong password", "no server", "no database", "no answer", "bad query"])
def test_exceptions_and_their_causes_never_carry_the_password(neo4j, monkeypatch, fault):
    secret = WRONG if fault == "wrong password" else neo4j.settings.password
    uri = {"no server": "bolt://127.0.0.1:1"}.get(fault, neo4j.settings.uri)
    settings = Neo4jSettings(uri, neo4j.settings.user, secret, "nosuchdb" if fault == "no database" else None)
    silent = socket.create_server(("127.0.0.1", 0))  # accepts, never answers
    if fault == "no answer":
        settings = Neo4jSettings(f"bolt://127.0.0.1:{silent.getsockname()[1]}", "neo4j", secret)
        monkeypatch.setattr(connection, "CONNECT_TIMEOUT", 1.0)
    errors = []
    try:
        if fault != "bad query":
            with pytest.raises(Neo4jConnectionError) as error:
                connect(settings)
            errors.append(error.value)
        with pytest.raises(KGError) as error:
            query_settings = Neo4jSettings(settings.uri, "mallory", secret) if fault == "wrong password" else settings
            run_query(query_settings, "RETURN nosuchfunction(1)" if fault == "bad query" else "RETURN 1", {})
        errors.append(error.value)
    finally:
        silent.close()
        log_in_once(neo4j.settings)
    assert secret not in repr(settings) and secret not in str(settings)
    for exc in errors:
        assert secret not in exception_text(exc)


def _built(tmp_path: Path) -> Path:
    out = tmp_path / "g"
    assert CliRunner().invoke(main, ["build", SAMPLE, "-o", str(out), "-q"]).exit_code == 0
    return out


def test_a_real_process_prints_one_line_and_no_password(neo4j, tmp_path):
    """Outside pytest's log capture: nothing from the driver's logging reaches stderr."""
    out = _built(tmp_path)
    env = {**os.environ, "NEO4J_URI": neo4j.settings.uri, "NEO4J_PASSWORD": WRONG}
    for args in (["export", "neo4j", str(out)], ["query", "--cypher", "RETURN 1", "--uri", "neo4j://127.0.0.1:1"]):
        proc = subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1 and proc.stdout == ""
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("kg: error: "), proc.stderr
        assert WRONG not in proc.stderr
    log_in_once(neo4j.settings)
