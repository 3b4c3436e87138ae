"""``kg neo4j start|stop|status``: a local Neo4j server for kg, one command away."""

from __future__ import annotations

import click

from kg.cli.common import CONTEXT, errors, fail


@click.group(context_settings=CONTEXT)
def neo4j() -> None:
    """Run a local Neo4j server for kg: Neo4j Community from Maven Central, on
    127.0.0.1, with its data under ~/.cache/kg/neo4j (KG_NEO4J_HOME). Needs Java 17
    or 21, and Maven the first time (to fetch Neo4j, once).

    \b
    Example:
      kg neo4j start
      kg build samples/hf_daily_papers.txt -o out --neo4j
      kg query top_datasets
    """


@neo4j.command(context_settings=CONTEXT)
def start() -> None:
    """Start the server (fetching Neo4j the first time) and save its URI, user and
    password in kg's settings file (~/.config/kg/neo4j.toml), where every kg command
    that talks to Neo4j finds them. The first start sets a new password and prints it;
    NEO4J_PASSWORD, when set, is used instead.

    \b
    Example:
      kg neo4j start
    """
    from kg.neo4j.config import config_path
    from kg.neo4j.server import start as start_server

    with errors():
        config, new_password = start_server()
    click.echo(f"Neo4j is up on {config.uri} (user {config.username})")
    if new_password:
        click.echo(f"password (set now, for this server only): {config.password}")
    click.echo(f"kg commands read these from {config_path()}; NEO4J_* variables and options win over it")


@neo4j.command(context_settings=CONTEXT)
def stop() -> None:
    """Stop the server (its data stays for the next start).

    \b
    Example:
      kg neo4j stop
    """
    from kg.neo4j.server import stop as stop_server

    with errors():
        stop_server()
    click.echo("Neo4j stopped")


@neo4j.command(context_settings=CONTEXT)
def status() -> None:
    """Say whether the server runs and answers; exit 0 if it does, 3 if it is not
    running, 1 if it runs but does not answer.

    \b
    Example:
      kg neo4j status
    """
    from kg.neo4j.server import status as server_status

    answer = server_status()
    line = answer.last_lines()
    if answer.code == 0:
        click.echo(line or "Neo4j is running")
    else:
        fail(line or "Neo4j is not running", answer.code if answer.code in (1, 3) else 1)
