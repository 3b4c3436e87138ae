"""``kg export``: a saved graph into Neo4j (transactions or bulk-import files) or into
the files of other graph tools (GraphML, GEXF, node-link JSON)."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import CONTEXT, errors, fail
from kg.cli.options import connection_options, export_to_neo4j


@click.group(context_settings=CONTEXT)
def export() -> None:
    """Export a saved graph: into Neo4j, as files for Neo4j's bulk import, or as
    GraphML, GEXF or node-link JSON for other graph tools.

    \b
    Example:
      kg export neo4j out
      kg export graphml out -o out/graph.graphml
    """


@export.command(name="neo4j", context_settings=CONTEXT)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@connection_options
@click.option("--batch-size", default=None, type=int, help="Rows per transaction (default: 5000).")
@click.option("--replace", is_flag=True, help="First remove every node kg wrote before (label KG), and only those.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def export_neo4j(directory: Path, settings, batch_size: int | None, replace: bool, quiet: bool) -> None:
    """Load the graph in DIRECTORY (from `kg build`) into Neo4j.

    Applies cypher/schema.cypher (a uniqueness constraint on id per label, a full-text
    index on names and aliases), then writes nodes and relationships in batches. Into a
    database with no kg node it CREATEs them; otherwise it MERGEs them, so a rerun
    changes nothing and a bigger graph adds only what is new. Every node kg writes also
    carries the label KG.

    \b
    Example:
      export NEO4J_PASSWORD=secret
      kg export neo4j out
      kg export neo4j out --uri neo4j+s://xxxx.databases.neo4j.io --user neo4j --replace
    """
    from kg.exporters.neo4j import DEFAULT_BATCH_SIZE
    from kg.gc_pause import collector_paused
    from kg.graph import load_graph

    with errors(), collector_paused():
        graph = load_graph(directory)
    export_to_neo4j(graph, settings, batch_size or DEFAULT_BATCH_SIZE, replace, quiet)


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

    from kg.exporters.neo4j_import import write_import_files
    from kg.graph import load_graph

    with errors():
        files = write_import_files(load_graph(directory), out_dir)
    total_nodes = sum(files.counts[label] for label in files.nodes)
    total_rels = sum(files.counts[t] for t in files.relationships)
    click.echo(f"wrote {len(files.nodes)} node files ({total_nodes} nodes) and "
               f"{len(files.relationships)} relationship files ({total_rels} relationships) to {out_dir}")
    click.echo("import with the server stopped:")
    click.echo("  neo4j-admin database import full " + " ".join(shlex.quote(a) for a in files.admin_args(database)))


_FORMATS = {
    "graphml": ("GraphML, for Cytoscape or yEd", "write_graphml", "graph.graphml"),
    "gexf": ("GEXF 1.2, for Gephi", "write_gexf", "graph.gexf"),
    "node-link": ("networkx node-link JSON", "write_node_link", "graph.node-link.json"),
}


def write_graph_file(directory: Path, target: Path, writer_name: str) -> None:
    """Load the graph in ``directory`` and write it with a writer of
    :mod:`kg.exporters.networkx_formats`; shared with `kg analyze export`."""
    from kg.exporters import networkx_formats
    from kg.graph import load_graph

    with errors():
        graph = load_graph(directory)
    try:
        getattr(networkx_formats, writer_name)(graph, target)
    except OSError as exc:
        fail(f"{target}: cannot write it ({exc.strerror or exc})")
    click.echo(f"wrote {target}")


def _file_command(name: str, what: str, writer_name: str, example_file: str) -> click.Command:
    @click.command(name=name, context_settings=CONTEXT)
    @click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
    @click.option("-o", "--out", "target", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="File to write.")
    def command(directory: Path, target: Path) -> None:
        write_graph_file(directory, target, writer_name)

    command.help = f"""Write the graph in DIRECTORY (from `kg build`) as {what}.

    Labels and properties are kept. GraphML and GEXF cannot hold lists or None: lists
    become "; "-joined strings, evidence a JSON string, and None values are left out.

    \b
    Example:
      kg export {name} out -o out/{example_file}
    """
    return command


for _name, (_what, _writer, _file) in _FORMATS.items():
    export.add_command(_file_command(_name, _what, _writer, _file))
