"""A Neo4j server for one user, one command away (``kg neo4j start|stop|status``).

The server is Neo4j Community from Maven Central's jars, run by ``neo4j.sh`` (beside this
file) on 127.0.0.1 with its jars, data and logs in a user cache folder
(``~/.cache/kg/neo4j``, or ``KG_NEO4J_HOME``). Java 17 or 21 runs it; Maven fetches it,
once. The password is set on the first start and kept in kg's config file, which kg
reads whenever no option or environment variable gives one.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from kg.errors import Neo4jServerError
from kg.neo4j.config import Neo4jConfig, read_config, write_config

SCRIPT = Path(str(files("kg.neo4j.server") / "neo4j.sh"))

__all__ = ["SCRIPT", "ServerAnswer", "run", "start", "status", "stop"]


@dataclass(frozen=True)
class ServerAnswer:
    """What the script said and how it ended."""

    code: int
    output: str

    def last_lines(self, n: int = 1) -> str:
        """Its last ``n`` lines, without the script's name, or "" when it said nothing."""
        lines = [line.removeprefix("neo4j.sh: ") for line in self.output.splitlines() if line.strip()]
        return "; ".join(lines[-n:])


def _check_java() -> None:
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else shutil.which("java")
    if not java or not os.path.exists(java):
        raise Neo4jServerError("Neo4j needs Java 17 or 21, and no java was found (install a JDK, or set JAVA_HOME)")


def _check_maven() -> None:
    if not shutil.which("mvn"):
        raise Neo4jServerError("fetching Neo4j the first time needs Maven (mvn), which was not found (e.g. apt-get install maven)")


def run(command: str, env: dict[str, str] | None = None, timeout: float = 900) -> ServerAnswer:
    """Run ``neo4j.sh COMMAND``; its lines (never the password) are its output."""
    proc = subprocess.run([shutil.which("bash") or "/bin/bash", str(SCRIPT), command], env={**os.environ, **(env or {})}, capture_output=True,
                          text=True, timeout=timeout)
    return ServerAnswer(proc.returncode, (proc.stdout + proc.stderr).strip())


def _fetched() -> bool:
    answer = run("env")
    home = next((line.split("=", 1)[1] for line in answer.output.splitlines() if line.startswith("NEO4J_HOME=")), "")
    return bool(home) and (Path(home) / ".fetched").is_file()


def start() -> tuple[Neo4jConfig, bool]:
    """Start the server (fetching it the first time) and return the settings kg will use,
    and whether the password was set just now (it is then new to the user)."""
    _check_java()
    if not _fetched():
        _check_maven()
    config = read_config()
    new_password = not (os.environ.get("NEO4J_PASSWORD") or config.password)
    password = os.environ.get("NEO4J_PASSWORD") or config.password or secrets.token_urlsafe(12)
    answer = run("start", {"NEO4J_PASSWORD": password})
    if answer.code != 0:
        raise Neo4jServerError(f"the Neo4j server did not start: {answer.last_lines(3) or 'no output'}")
    port = os.environ.get("KG_NEO4J_PORT", "7687")
    config = Neo4jConfig(uri=f"bolt://127.0.0.1:{port}", username="neo4j", password=password, database=config.database)
    if not os.environ.get("NEO4J_PASSWORD"):  # a password the user keeps in a variable stays there
        write_config(config)
    return config, new_password


def stop() -> ServerAnswer:
    answer = run("stop")
    if answer.code != 0:
        raise Neo4jServerError(f"the Neo4j server did not stop: {answer.last_lines(3) or 'no output'}")
    return answer


def status() -> ServerAnswer:
    """Code 0: running and answering; 3: not running; 1: running but not answering."""
    return run("status")



