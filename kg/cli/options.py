"""Options several commands share: input format, extractors, confidence cut, and the
Neo4j connection (with the export step that `kg build --neo4j` and `kg export neo4j` share)."""

from __future__ import annotations

import functools
import logging

import click

from kg.cli.common import Progress, errors
from kg.model import DEFAULT_EXTRACTORS, DEFAULT_MIN_SCORE, EXTRACTOR_CHOICES
from kg.neo4j.config import DEFAULT_URI  # not kg.neo4j.connection: it imports the driver
from kg.read import FORMATS, ON_DUPLICATE

format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default=None,
    help="Input format (default: detected from the file name or its first lines).",
)




def _field_map(ctx: click.Context, param: click.Parameter, pairs: tuple[str, ...]) -> dict[str, str] | None:
    fields = {}
    for pair in pairs:
        kg_field, sep, source = pair.partition("=")
        if not sep or not kg_field.strip() or not source.strip():
            raise click.BadParameter(f"{pair!r}: expected KG_FIELD=INPUT_FIELD, e.g. abstract=paperAbstract")
        fields[kg_field.strip()] = source.strip()
    return fields or None


field_option = click.option(
    "--field", "field_map", multiple=True, metavar="KG=INPUT", callback=_field_map,
    help="Take a kg field from another input field, repeatable: --field abstract=paperAbstract "
         "(kg fields: id, title, abstract, url, year, authors, venue, doi).",
)

on_duplicate_option = click.option(
    "--on-duplicate", type=click.Choice(ON_DUPLICATE), default="keep", show_default=True,
    help="A record with the id of an earlier one but other content: keep it under a derived id, "
         "skip it, or stop with an error. The same content again is always read once.",
)


extractors_option = click.option(
    "--extractors", type=click.Choice(EXTRACTOR_CHOICES), default=DEFAULT_EXTRACTORS, show_default=True,
    help="What finds entities: 'rules' (name lists, acronyms, patterns), 'model' (the shipped trained "
         "NER), or 'all' (both: known names from the lists, the model for the rest).",
)


min_score_option = click.option(
    "--min-score", type=click.FloatRange(0.0, 1.0), default=DEFAULT_MIN_SCORE, show_default=True,
    help="Leave out entities whose calibrated confidence (the share of entities found the same way that "
         "were right on the kg_gold dev files) is below this; 0 keeps all.",
)


# The driver logs retries and routing failures as warnings, which Python would print to
# stderr; kg reports the failure itself, in one line.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def connection_options(command):
    """--uri/--user/--password/--database, defaulting to the NEO4J_* environment variables."""

    @click.option("--uri", envvar="NEO4J_URI", default=None,
                  help=f"Bolt URI [env NEO4J_URI; default: the settings file, else {DEFAULT_URI}].")
    @click.option("--user", envvar=["NEO4J_USERNAME", "NEO4J_USER"], default=None,
                  help="User [env NEO4J_USERNAME; default: the settings file, else neo4j].")
    @click.option("--password", envvar="NEO4J_PASSWORD", default=None, show_default=False,
                  help="Password [env NEO4J_PASSWORD; default: the settings file]; never printed.")
    @click.option("--database", envvar="NEO4J_DATABASE", default=None,
                  help="Database [env NEO4J_DATABASE; default: the settings file, else the server's default].")
    @functools.wraps(command)
    def wrapper(*args, uri, user, password, database, **kwargs):
        from kg.neo4j.config import Neo4jConfig, Neo4jSettings, read_config

        if kwargs.get("list_queries"):  # `kg query --list` talks to no server
            saved = Neo4jConfig()
        else:
            with errors():
                saved = read_config()  # ~/.config/kg/neo4j.toml, written by `kg neo4j start`
        settings = Neo4jSettings(uri or saved.uri or DEFAULT_URI, user or saved.username or "neo4j",
                                 password if password is not None else (saved.password or ""),
                                 database or saved.database or None)
        return command(*args, settings=settings, **kwargs)

    return wrapper


def export_to_neo4j(graph, settings, batch_size: int, replace: bool, quiet: bool) -> None:
    """Shared by `kg export neo4j` and `kg build --neo4j`: export with a progress bar and a final line."""
    from kg.exporters.neo4j import export_graph
    from kg.neo4j.connection import connect

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
    path = "an empty database: CREATE" if stats.created else "kg's nodes there: MERGE"
    click.echo(
        f"neo4j: {path}; nodes in {stats.seconds_nodes:.1f}s ({stats.nodes_per_second:.0f}/s), "
        f"relationships in {stats.seconds_relationships:.1f}s ({stats.relationships_per_second:.0f}/s)"
    )
