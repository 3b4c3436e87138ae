"""Every command's --help, as a new user reads it: each has an example, and the examples
that use the sample page (samples/, or the graph `out` built from it) run and print
something, with a real Neo4j server for the commands that talk to one."""

from __future__ import annotations

import os
import shlex
import shutil

import click
import pytest
from click.testing import CliRunner

from kg.cli import main

from repo_paths import SAMPLE


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


COMMANDS = _commands(main)


def _help(command: tuple[str, ...]) -> str:
    result = CliRunner().invoke(main, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.output


def examples(command: tuple[str, ...]) -> list[str]:
    """The command lines under "Example:" in the help, without comments."""
    lines, inside = [], False
    for line in _help(command).splitlines():
        if line.strip().startswith("Example"):
            inside = True
        elif inside and line.startswith("  ") and line.strip():
            lines.append(line.split("  #")[0].strip())
        elif inside and not line.strip() and lines:
            break
    return lines


ELSEWHERE = ("papers.jsonl", "big.jsonl", "more.jsonl", "my_annotations", "training-out", "tcp://", "+s://", "--password", " - ")


def on_the_sample(line: str) -> bool:
    """Runs on what the sample gives (samples/ itself, the graph `out` built from it, the
    Neo4j database it was exported to), not on files or servers a reader has elsewhere."""
    words = shlex.split(line)
    # kg eval scores the gold data; kg neo4j starts and stops servers (tests/neo4j/test_server.py)
    return words[:2] not in (["kg", "eval"], ["kg", "neo4j"]) and words[:1] == ["kg"] and not any(x in line for x in ELSEWHERE)


def test_every_command_is_walked():
    names = {" ".join(c) for c in COMMANDS}
    assert {"build", "extract", "stats", "eval", "query", "viz", "export neo4j", "analyze centrality"} <= names


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "kg")
def test_every_help_has_an_example_on_the_sample(command):
    lines = examples(command)
    assert lines, f"kg {' '.join(command)} --help has no example"
    if command[:1] not in (("eval",), ("neo4j",)):  # they run on gold data and on servers, not on samples/
        assert any(on_the_sample(line) for line in lines), f"no example of kg {' '.join(command)} runs on samples/: {lines}"


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory, neo4j_server):
    """A folder holding samples/ and the graph `out` built from it, exported to Neo4j."""
    root = tmp_path_factory.mktemp("help")
    (root / "samples").mkdir()
    shutil.copy(SAMPLE, root / "samples" / SAMPLE.name)
    env = _env(neo4j_server)
    here = os.getcwd()
    os.chdir(root)  # as the examples run: samples/ and out/ in the current folder
    try:
        result = CliRunner().invoke(main, ["build", "samples/hf_daily_papers.txt", "-o", "out", "-q", "--neo4j"], env=env)
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return root


def _env(settings) -> dict[str, str]:
    return {"NEO4J_URI": settings.uri, "NEO4J_USERNAME": settings.user, "NEO4J_PASSWORD": settings.password}


SAMPLE_EXAMPLES = sorted({line for command in COMMANDS for line in examples(command) if on_the_sample(line)})


def test_the_sample_examples_cover_every_command():
    covered = {tuple(w for w in shlex.split(line)[1:3] if not w.startswith("-")) for line in SAMPLE_EXAMPLES}
    leaves = {c for c in COMMANDS if c and c[0] in {"build", "extract", "stats", "query", "viz"}}
    assert leaves <= {c[:1] for c in covered} | {c for c in covered}


@pytest.mark.parametrize("line", SAMPLE_EXAMPLES)
def test_sample_examples_run_and_print_something(line, sample_dir, neo4j_server, monkeypatch):
    monkeypatch.chdir(sample_dir)
    words = shlex.split(line)[1:]
    if "|" in words:  # `kg extract ... | head -1`: the kg part is what is checked
        words = words[: words.index("|")]
    result = CliRunner().invoke(main, words, env=_env(neo4j_server), catch_exceptions=False)
    assert result.exit_code == 0, f"{line}\n{result.output}"
    written = [w for w in words if w.endswith((".html", ".png", ".svg", ".graphml", ".gexf", ".json"))]
    assert result.output.strip() or any(os.path.exists(w) for w in written), f"{line} printed nothing"
    if words[:2] in (["analyze", "trends"], ["analyze", "authors"], ["analyze", "venues"]):
        # the sample page names no years, authors or venues: the command must say so
        assert "year" in result.output or "the input names none" in result.output, result.output
    else:
        assert not result.output.startswith(("0 ", "no ")), f"{line} found nothing on the sample:\n{result.output}"
