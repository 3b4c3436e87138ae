"""``kg query``: a named query from cypher/, or Cypher text, against Neo4j."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import TYPE_CHECKING, Any

import click

from kg.cli.common import CONTEXT, errors, fail
from kg.cli.options import connection_options
from kg.cli.tables import table
from kg.errors import QueryError

if TYPE_CHECKING:
    from kg.neo4j.queries import QueryResult

DEFAULT_MAX_WIDTH = 60  # characters of a table cell; --json and --csv are never cut


@click.command(context_settings=CONTEXT)
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--cypher", "text", default=None, help="Run this Cypher text instead of a named query.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@click.option("--write", is_flag=True, help="Allow a query that writes (CREATE, MERGE, DELETE, SET ...).")
@click.option("--json", "as_json", is_flag=True, help="Print rows as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print rows as CSV.")
@click.option("--max-width", default=DEFAULT_MAX_WIDTH, show_default=True, type=click.IntRange(min=4),
              help="Longest table cell; longer ones are cut and end in \"…\" (--json and --csv are never cut).")
@connection_options
def query(name, params, text, list_queries, write, as_json, as_csv, max_width, settings) -> None:
    """Run a named query from cypher/ (NAME) or --cypher TEXT against Neo4j and print a table.

    Queries run in read transactions; one that writes is refused unless --write.

    \b
    Example:
      kg query --list
      kg query leaderboard --param dataset=ImageNet-1K
      kg query --cypher "MATCH (m:Method) RETURN m.name LIMIT 5" --json
    """
    from kg.neo4j.cypher_files import named_queries, named_query
    from kg.neo4j.queries import run_query

    with errors():
        if list_queries:
            for q in named_queries().values():
                ps = ", ".join(f"{p}{'?' if p in q.optional else ''}" for p in q.params) or "-"
                click.echo(f"{q.name:<24} params: {ps}\n    {q.description}")
            return
        if bool(name) == bool(text):
            fail("give a query NAME or --cypher TEXT (see kg query --list)", 2)
        values = parse_params(params)
        if name:
            cypher_file = named_query(name)
            missing = [p for p in cypher_file.params if p not in values and p not in cypher_file.optional]
            if missing:
                fail(f"query {name!r} needs --param {missing[0]}=VALUE", 2)
            values = {**{p: None for p in cypher_file.optional}, **values}
            text = cypher_file.text
        result = run_query(settings, text, values, write=write)
    if as_json:
        click.echo(format_json(result))
    elif as_csv:
        sys.stdout.write(format_csv(result))
    else:
        click.echo(format_table(result, max_width))


def parse_params(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``key=value`` pairs; a value that parses as JSON (number, list, true) is taken as such.

    >>> parse_params(("dataset=ImageNet", "limit=5"))
    {'dataset': 'ImageNet', 'limit': 5}
    """
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param {pair!r}: expected key=value")
        try:
            params[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            params[key.strip()] = value
    return params


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def format_table(result: QueryResult, max_width: int | None = DEFAULT_MAX_WIDTH) -> str:
    """Rows as aligned columns; a cell longer than ``max_width`` is cut and ends in "…"."""
    rows = [[_cell(v) for v in row] for row in result.rows]
    count = f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})"
    return table(result.columns, rows, max_width=max_width, rule=True) + "\n" + count


def format_json(result: QueryResult) -> str:
    return json.dumps([dict(zip(result.columns, row)) for row in result.rows], ensure_ascii=False, indent=2)


def format_csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(result.columns)
    writer.writerows([[_cell(v) for v in row] for row in result.rows])
    return out.getvalue()
