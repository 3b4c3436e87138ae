"""`kg neo4j start|stop|status` and kg's settings file, as a new user meets them: a
server started in a folder of its own, its password saved where kg finds it, and
clear lines when Java is missing or no password is given anywhere."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from kg.cli import main
from kg.neo4j.config import Neo4jConfig, read_config, write_config

from repo_paths import SAMPLE


@pytest.fixture
def own_config(tmp_path, monkeypatch):
    path = tmp_path / "config" / "neo4j.toml"
    monkeypatch.setenv("KG_CONFIG", str(path))
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    return path


def test_the_settings_file_round_trips_and_only_its_owner_reads_it(own_config):
    config = Neo4jConfig("bolt://127.0.0.1:7699", "neo4j", 'pa"ss word', None)
    write_config(config)
    assert read_config() == config and read_config().password == 'pa"ss word'
    assert stat.S_IMODE(own_config.stat().st_mode) == 0o600
    assert "pa" not in repr(read_config())


def test_a_broken_settings_file_is_one_line_naming_it(own_config, runner, tmp_path):
    own_config.parent.mkdir(parents=True)
    own_config.write_text('uri = "bolt://x"\npasword = "typo"\n')
    result = runner.invoke(main, ["query", "--list"])  # --list needs no server, nor the settings
    assert result.exit_code == 0
    result = runner.invoke(main, ["query", "top_datasets"])
    assert result.exit_code == 1 and f"{own_config}: unknown setting 'pasword'" in result.stderr


def test_no_password_anywhere_says_where_to_put_one(own_config, runner, neo4j_server, tmp_path):
    runner.invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path / "out"), "-q"])
    result = runner.invoke(main, ["export", "neo4j", str(tmp_path / "out"), "--uri", neo4j_server.uri])
    assert result.exit_code == 1
    assert "needs a password, and none was given; set NEO4J_PASSWORD or --password; `kg neo4j start` prints the dev one" in result.stderr
    assert "wrong user or password" not in result.stderr


def test_the_settings_file_is_used_when_no_option_or_variable_says(own_config, runner, neo4j_server, tmp_path):
    write_config(Neo4jConfig(neo4j_server.uri, neo4j_server.user, neo4j_server.password))
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(SAMPLE), "-o", str(out), "-q", "--neo4j"])
    assert result.exit_code == 0, result.output
    assert neo4j_server.password not in result.output + result.stderr
    assert "ImageNet" in runner.invoke(main, ["query", "top_datasets"]).output


def test_start_without_java_is_one_clear_line(own_config, monkeypatch):
    import subprocess

    env = {**os.environ, "PATH": "", "JAVA_HOME": ""}
    proc = subprocess.run([sys.executable, "-m", "kg", "neo4j", "start"], env=env, capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.strip() == "kg: error: Neo4j needs Java 17 or 21, and no java was found (install a JDK, or set JAVA_HOME)"


def test_start_status_stop_in_a_folder_of_its_own(own_config, runner, monkeypatch, tmp_path):
    monkeypatch.setenv("KG_NEO4J_HOME", str(tmp_path / "neo4j"))
    monkeypatch.setenv("KG_NEO4J_PORT", "7689")
    status = runner.invoke(main, ["neo4j", "status"])
    assert status.exit_code == 3 and "not running" in status.stderr
    started = runner.invoke(main, ["neo4j", "start"])
    try:
        assert started.exit_code == 0, started.output + started.stderr
        saved = read_config()
        assert saved.uri == "bolt://127.0.0.1:7689" and saved.username == "neo4j" and len(saved.password) >= 12
        assert f"password (set now, for this server only): {saved.password}" in started.output
        assert runner.invoke(main, ["neo4j", "status"]).exit_code == 0
        out = tmp_path / "out"
        assert runner.invoke(main, ["build", str(SAMPLE), "-o", str(out), "-q", "--neo4j"]).exit_code == 0
        assert "ImageNet" in runner.invoke(main, ["query", "top_datasets"]).output
        again = runner.invoke(main, ["neo4j", "start"])  # already up: the same password, not printed again
        assert again.exit_code == 0 and "password" not in again.output.split("\n", 1)[1].split("kg commands")[0]
    finally:
        stopped = runner.invoke(main, ["neo4j", "stop"])
    assert stopped.exit_code == 0 and runner.invoke(main, ["neo4j", "status"]).exit_code == 3
