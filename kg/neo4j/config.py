"""kg's Neo4j settings file: where the server is and how to log in, for when no option
or NEO4J_* variable says. ``$XDG_CONFIG_HOME/kg/neo4j.toml`` (``~/.config/kg/neo4j.toml``),
or the file ``KG_CONFIG`` names; written by ``kg neo4j start``, readable only by its owner.

    uri = "bolt://127.0.0.1:7687"
    username = "neo4j"
    password = "..."
    database = "neo4j"      # optional
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import Neo4jConfigError
from kg.files import replaced_whole

CONFIG_FILE_HELP = "~/.config/kg/neo4j.toml"
DEFAULT_URI = "bolt://127.0.0.1:7687"  # the server `kg neo4j start` runs


@dataclass(frozen=True)
class Neo4jConfig:
    uri: str | None = None
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    database: str | None = None


def config_path() -> Path:
    if os.environ.get("KG_CONFIG"):
        return Path(os.environ["KG_CONFIG"]).expanduser()
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "kg" / "neo4j.toml"


def read_config(path: Path | None = None) -> Neo4jConfig:
    """The settings in the file, or none when there is no file."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Neo4jConfig()
    except OSError as exc:
        raise Neo4jConfigError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise Neo4jConfigError(f"{path}: not valid TOML ({exc})") from None
    unknown = sorted(set(data) - {"uri", "username", "password", "database"})
    if unknown:
        raise Neo4jConfigError(f"{path}: unknown setting {unknown[0]!r} (expected uri, username, password, database)")
    if not all(isinstance(v, str) for v in data.values()):
        raise Neo4jConfigError(f"{path}: every setting must be a string")
    return Neo4jConfig(data.get("uri"), data.get("username"), data.get("password"), data.get("database"))


def write_config(config: Neo4jConfig, path: Path | None = None) -> Path:
    """Write the settings, readable and writable by the owner only (it holds a password)."""
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{key} = {json.dumps(value)}" for key, value in
             (("uri", config.uri), ("username", config.username), ("password", config.password),
              ("database", config.database)) if value]
    with replaced_whole(path, mode=0o600) as fh:
        fh.write("# written by kg neo4j start; kg reads it when no option or NEO4J_* variable is given\n")
        fh.write("\n".join(lines) + "\n")
    return path


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and how to connect. The password is never part of repr() or messages."""

    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str | None = None
