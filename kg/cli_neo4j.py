"""``kg export neo4j`` and ``kg query``: the commands that talk to a Neo4j server."""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path

import click

from .cli_common import CONTEXT, Progress, errors, fail

DEFAULT_URI = "bolt://127.0.0.1:7687"

# The driver logs retries and routing failures as warnings, which Python would print to
# stderr; kg reports the failure itself, in one line.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def connection_options(command):
    """--uri/--user/--password/--database, defaulting to the NEO4J_* environment variables."""

    @click.option("--uri", envvar="NEO4J_URI", default=DEFAULT_URI, show_default=True, help="Bolt URI [env NEO4J_URI].")
    @click.option("--user", envvar=["NEO4J_USERNAME", "NEO4J_USER"], default="neo4j", show_default=True,
                  help="User [env NEO4J_USERNAME].")
    @click.option("--password", envvar="NEO4J_PASSWORD", default="", show_default=False,
                  help="Password [env NEO4J_PASSWORD]; never printed.")
    @click.option("--database", envvar="NEO4J_DATABASE", default=None, help="Database (default: the server's default) [env NEO4J_DATABASE].")
    @functools.wraps(command)
    def wrapper(*args, uri, user, password, database, **kwargs):
        from .exporters.neo4j import Neo4jSettings

        return command(*args, settings=Neo4jSettings(uri, user, password, database or None), **kwargs)

    return wrapper


def export_to_neo4j(graph, settings, batch_size: int, replace: bool, quiet: bool) -> None:
    """Shared by `kg export neo4j` and `kg build --neo4j`: export with a progress bar and a final line."""
    from .exporters.neo4j import connect, export_graph

    with errors():
        driver = connect(settings)  # fail fast, before any progress bar
    progress = Progress(quiet, "exporting", min_items=1)
    progress.start(graph.number_of_nodes() + graph.number_of_edges())
    try:
        with errors():
            stats = export_graph(graph, settings, batch_size, replace, progress.update, driver=driver)
    finally:
        progress.close()
        driver.close()
    nodes, rels = sum(stats.nodes.values()), sum(stats.relationships.values())
    removed = f"removed {stats.removed} old kg nodes; " if replace else ""
    click.echo(
        f"neo4j: {removed}wrote {nodes} nodes and {rels} relationships to {settings.uri} in {stats.seconds:.1f}s "
        f"({stats.relationships_per_second:.0f} relationships/s)"
    )


@click.group(context_settings=CONTEXT)
def export() -> None:
    """Export a saved graph to another system.

    \b
    Example:
      kg export neo4j out --uri bolt://127.0.0.1:7687 --password secret
    """


@export.command(name="neo4j", context_settings=CONTEXT)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@connection_options
@click.option("--batch-size", default=None, type=int, help="Rows per transaction (default: 1000).")
@click.option("--replace", is_flag=True, help="First remove every node kg wrote before (label KG), and only those.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def export_neo4j(directory: Path, settings, batch_size: int | None, replace: bool, quiet: bool) -> None:
    """Load the graph in DIRECTORY (from `kg build`) into Neo4j.

    Applies cypher/schema.cypher (a uniqueness constraint on id per label, a full-text
    index on names and aliases), then MERGEs nodes and relationships in batches, so a
    rerun changes nothing and a bigger graph adds only what is new. Every node kg writes
    also carries the label KG.

    \b
    Example:
      export NEO4J_PASSWORD=secret
      kg export neo4j out
      kg export neo4j out --uri neo4j+s://xxxx.databases.neo4j.io --user neo4j --replace
    """
    from .exporters.neo4j import DEFAULT_BATCH_SIZE
    from .graph import load_graph

    with errors():
        graph = load_graph(directory)
    export_to_neo4j(graph, settings, batch_size or DEFAULT_BATCH_SIZE, replace, quiet)


@click.command(context_settings=CONTEXT)
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--cypher", "text", default=None, help="Run this Cypher text instead of a named query.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@click.option("--write", is_flag=True, help="Allow a query that writes (CREATE, MERGE, DELETE, SET ...).")
@click.option("--json", "as_json", is_flag=True, help="Print rows as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print rows as CSV.")
@connection_options
def query(name, params, text, list_queries, write, as_json, as_csv, settings) -> None:
    """Run a named query from cypher/ (NAME) or --cypher TEXT against Neo4j and print a table.

    Queries run in read transactions; one that writes is refused unless --write.

    \b
    Example:
      kg query --list
      kg query leaderboard --param dataset=ImageNet-1K
      kg query --cypher "MATCH (m:Method) RETURN m.name LIMIT 5" --json
    """
    from .cypher_files import named_queries, named_query
    from .query import format_csv, format_json, format_table, parse_params, run_query

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
        click.echo(format_table(result))


@export.command(name="neo4j-import", context_settings=CONTEXT)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory for the CSV and header files.")
@click.option("--database", default="neo4j", show_default=True, help="Database name to put in the printed command.")
def export_neo4j_import(directory: Path, out_dir: Path, database: str) -> None:
    """Write the graph in DIRECTORY as CSV files for `neo4j-admin database import full`,
    the bulk path for graphs too big for transactions, and print the command to run
    (with the server stopped; it replaces the database).

    \b
    Example:
      kg export neo4j-import out -o out/import
      bash scripts/neo4j.sh stop
      bash scripts/neo4j.sh admin database import full neo4j ...   # as printed
      bash scripts/neo4j.sh start
    """
    import shlex

    from .exporters.neo4j_import import write_import_files
    from .graph import load_graph

    with errors():
        files = write_import_files(load_graph(directory), out_dir)
    total_nodes = sum(files.counts[label] for label in files.nodes)
    total_rels = sum(files.counts[t] for t in files.relationships)
    click.echo(f"wrote {len(files.nodes)} node files ({total_nodes} nodes) and "
               f"{len(files.relationships)} relationship files ({total_rels} relationships) to {out_dir}")
    click.echo("import with the server stopped:")
    click.echo("  neo4j-admin database import full " + " ".join(shlex.quote(a) for a in files.admin_args(database)))
