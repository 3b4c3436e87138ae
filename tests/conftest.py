"""Shared fixtures: the kg spaCy pipeline, built once per test session, and the
hand-built graphs of graph_builders (``star``, ``rich``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner
from spacy.language import Language

from kg.extract.pipeline import extract
from kg.extractors import build_pipeline
from kg.model import Paper, PaperExtraction

from graph_builders import rich, star  # noqa: F401 (fixtures used across tests/)


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The rules pipeline, ``build_pipeline("rules")``, that the rule components' tests
    check exactly; building it loads the name lists, so do it once."""
    return build_pipeline("rules")


@pytest.fixture(scope="session")
def default_nlp() -> Language:
    """The default pipeline (rules and the shipped trained model), built once."""
    return build_pipeline()


@pytest.fixture(scope="session")
def extract_one(nlp: Language) -> Callable[..., PaperExtraction]:
    """Run one abstract (with a title) through ``kg.extract.pipeline.extract``; paper id is ``paper-1``."""

    def run(abstract: str, title: str = "A Study of Things") -> PaperExtraction:
        (extraction,) = extract([Paper("paper-1", title, abstract)], nlp=nlp)
        return extraction

    return run


@pytest.fixture(scope="session")
def neo4j_server():
    """Settings of a real Neo4j server (see tests/neo4j_server.py); stopped at the end if
    the tests started it."""
    from neo4j_server import start_server, stop_server

    settings, started = start_server()
    yield settings
    if started:
        stop_server()


@pytest.fixture
def neo4j(neo4j_server):
    """A real Neo4j database, emptied before the test: ``.settings``, ``.driver``, ``.rows()``."""
    from neo4j_server import Neo4jTestDB

    db = Neo4jTestDB.open(neo4j_server)
    db.rows("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
    yield db
    db.driver.close()


@pytest.fixture
def runner() -> CliRunner:
    """Runs kg commands in-process, as a user types them; stderr is kept apart."""
    return CliRunner()
