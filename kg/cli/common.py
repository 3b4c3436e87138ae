"""What every kg command shares: help settings, one-line errors, progress on stderr."""

from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from kg.errors import (
    GraphMissingError,
    KGError,
    Neo4jAuthError,
    Neo4jUnreachableError,
    UnknownFormatError,
    WriteRefusedError,
)
from kg.model import ReadProblem

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_STRICT = 3  # --strict and some records could not be read


# How to fix each kind of error with kg's own options: library messages say what went
# wrong and never name a command-line option; the CLI adds these.
HINTS: dict[type[KGError], str] = {
    Neo4jAuthError: "set --user/--password or NEO4J_USERNAME/NEO4J_PASSWORD",
    Neo4jUnreachableError: "for development: bash scripts/neo4j.sh start",
    UnknownFormatError: "use --format",
    WriteRefusedError: "pass --write if that is what you want",
    GraphMissingError: "build one with `kg build FILE... -o DIR`",
}


def hint(error: KGError) -> str | None:
    """The CLI's advice for ``error``, from the nearest class in :data:`HINTS`."""
    return next((HINTS[cls] for cls in type(error).__mro__ if cls in HINTS), None)


def with_hint(error: KGError) -> str:
    advice = hint(error)
    return f"{error}; {advice}" if advice else str(error)


def fail(message: str, code: int = 1) -> None:
    click.echo(f"kg: error: {message}", err=True)
    sys.exit(code)


def report_problems(problems: list[ReadProblem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(f"kg: {len(problems)} record(s) could not be read (reported above)", err=True)


@contextmanager
def errors():
    """Turn library errors into one clear line and exit code 1, never a traceback."""
    from kg.errors import StrictInputError

    try:
        yield
    except StrictInputError:
        raise
    except KGError as exc:
        report_problems(getattr(exc, "problems", []))  # why nothing was readable, file:line each
        fail(with_hint(exc))


class Progress:
    """A progress bar on stderr, shown when there is enough work to be worth one."""

    def __init__(self, quiet: bool, label: str, min_items: int = 200) -> None:
        self.quiet, self.label, self.min_items, self.bar = quiet, label, min_items, None

    def start(self, total: int) -> None:
        if not self.quiet and total >= self.min_items:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr, show_pos=True, show_eta=True)
            self.bar.__enter__()

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
