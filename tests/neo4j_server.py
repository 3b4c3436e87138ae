"""Reach the real Neo4j server for tests: the one at NEO4J_URI, or the project's own,
started with scripts/neo4j.sh when nothing answers. In CI (CI=true) a test that needs
Neo4j fails rather than skips when the server can't be had."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from neo4j import Driver

from kg.errors import Neo4jConnectionError
from kg.neo4j.connection import Neo4jSettings, connect

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "neo4j.sh"
DEV_PASSWORD = "kg-dev-password"


def settings_from_env() -> Neo4jSettings:
    port = os.environ.get("KG_NEO4J_PORT", "7687")
    return Neo4jSettings(
        uri=os.environ.get("NEO4J_URI", f"bolt://127.0.0.1:{port}"),
        user=os.environ.get("NEO4J_USERNAME", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", DEV_PASSWORD),
        database=os.environ.get("NEO4J_DATABASE") or None,
    )


def _answers(settings: Neo4jSettings) -> bool:
    try:
        connect(settings).close()
        return True
    except Neo4jConnectionError:
        return False


def _unavailable(why: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"Neo4j is required in CI: {why}")
    pytest.skip(f"Neo4j not available: {why}")


def start_server() -> tuple[Neo4jSettings, bool]:
    """Settings of a server that answers, and whether this call started it."""
    settings = settings_from_env()
    if _answers(settings):
        return settings, False
    if "NEO4J_URI" in os.environ:
        _unavailable(f"nothing answers at NEO4J_URI={settings.uri}")
    env = {**os.environ, "NEO4J_PASSWORD": settings.password}
    proc = subprocess.run(["bash", str(SCRIPT), "start"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0 or not _answers(settings):
        _unavailable(f"scripts/neo4j.sh start failed: {(proc.stdout + proc.stderr).strip()[-500:]}")
    return settings, True


@dataclass
class Neo4jTestDB:
    settings: Neo4jSettings
    driver: Driver

    @classmethod
    def open(cls, settings: Neo4jSettings) -> Neo4jTestDB:
        return cls(settings, connect(settings))

    def rows(self, query: str, **params) -> list[dict]:
        """Run a query in an auto-commit transaction (needed for CALL IN TRANSACTIONS)."""
        with self.driver.session(database=self.settings.database) as session:
            return [record.data() for record in session.run(query, params)]

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per kg label and relationships per type, as Neo4j sees them."""
        labels = {
            r["label"]: r["n"]
            for r in self.rows("MATCH (n:KG) UNWIND [l IN labels(n) WHERE l <> 'KG'] AS label RETURN label, count(*) AS n")
        }
        types = {r["type"]: r["n"] for r in self.rows("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")}
        return labels, types


def stop_server() -> None:
    subprocess.run(["bash", str(SCRIPT), "stop"], cwd=ROOT, capture_output=True, timeout=300)
