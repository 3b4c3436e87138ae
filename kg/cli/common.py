"""What every kg command shares: help settings, one-line errors, progress on stderr."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager

import click

from kg.errors import (
    BuildDirError,
    BuildInterrupted,
    BuildLockedError,
    GraphMissingError,
    KGError,
    Neo4jAuthError,
    Neo4jNoPasswordError,
    Neo4jUnreachableError,
    StrictInputError,
    UnknownFormatError,
    WriteRefusedError,
)
from kg.model import ReadProblem

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_STRICT = 3  # --strict and some records could not be read
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report a process stopped by SIGINT


# How to fix each kind of error with kg's own options: library messages say what went
# wrong and never name a command-line option; the CLI adds these.
HINTS: dict[type[KGError], str] = {
    Neo4jNoPasswordError: "set NEO4J_PASSWORD or --password; `kg neo4j start` prints the dev one",
    Neo4jAuthError: "set --user/--password or NEO4J_USERNAME/NEO4J_PASSWORD",
    Neo4jUnreachableError: "`kg neo4j start` runs a local server",
    UnknownFormatError: "use --format",
    WriteRefusedError: "pass --write if that is what you want",
    GraphMissingError: "build one with `kg build FILE... -o DIR`",
    BuildDirError: "use --add to add these papers to it, or --force to replace it",
    BuildLockedError: "wait for it to finish",
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
    skipped = sum(p.skipped for p in problems)
    if problems and skipped == len(problems):
        click.echo(f"kg: {skipped} record(s) could not be read (reported above)", err=True)
    elif problems:
        click.echo(f"kg: {len(problems)} problem(s) reported above: {skipped} record(s) not read, "
                   f"{len(problems) - skipped} read with a warning", err=True)


@contextmanager
def errors():
    """Turn library errors into one clear line and exit code 1, never a traceback."""
    try:
        yield
    except (StrictInputError, BuildInterrupted):  # each has its own exit code
        raise
    except KGError as exc:
        report_problems(getattr(exc, "problems", []))  # why nothing was readable, file:line each
        fail(with_hint(exc))


class Progress:
    """A progress line on stderr, shown when there is enough work to be worth one.

    Its estimate of the time left comes from the rate of the work done since
    :meth:`start` (items already done when it starts, such as cached papers, count as
    done but not in the rate), so a slow start-up or results arriving in bursts from
    worker processes never make it guess hours for seconds.
    """

    REFRESH = 0.5  # seconds between redraws on a terminal; a log gets a line every 10%

    def __init__(self, quiet: bool, label: str, min_items: int = 200) -> None:
        self.quiet, self.label, self.min_items = quiet, label, min_items
        self.total = self.done = self.skipped = self.last_tenth = 0
        self.shown = False
        self.started = self.drawn = 0.0
        self.tty = sys.stderr.isatty()

    def start(self, total: int, already: int = 0) -> None:
        self.total, self.done, self.skipped = total, already, already
        self.shown = not self.quiet and total - already >= self.min_items
        self.started = self.drawn = time.monotonic()
        self.last_tenth = already * 10 // max(total, 1)
        if self.shown:
            self._draw()

    def update(self, n: int) -> None:
        if not self.total:
            return
        self.done += n
        if not self.shown:
            return
        now = time.monotonic()
        tenth = self.done * 10 // self.total
        if (self.tty and now - self.drawn >= self.REFRESH) or (not self.tty and tenth > self.last_tenth):
            self.drawn, self.last_tenth = now, tenth
            self._draw()

    def line(self) -> str:
        """``extracting  1,200/5,000 (24%), 150/s, 0:25 left``."""
        elapsed = time.monotonic() - self.started
        fresh = self.done - self.skipped
        text = f"{self.label}  {self.done:,}/{self.total:,} ({100 * self.done // max(self.total, 1)}%)"
        if fresh and elapsed > 0:
            rate = fresh / elapsed
            left = (self.total - self.done) / rate
            text += f", {rate:.0f}/s, {int(left // 60)}:{int(left % 60):02d} left"
        return text

    def _draw(self) -> None:
        end = "\r" if self.tty else "\n"
        click.echo(self.line().ljust(60) + end, err=True, nl=False)

    def close(self) -> None:
        if self.shown:
            if self.tty:
                self._draw()
                click.echo("", err=True)
            self.shown = False
