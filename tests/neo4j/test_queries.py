"""`kg query` and `kg export neo4j` from the command line, against the real server."""

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.cli.query import parse_params
from kg.neo4j.cypher_files import named_queries
from kg.neo4j.queries import write_clause

from repo_paths import SAMPLE as SAMPLE_PATH

SAMPLE = str(SAMPLE_PATH)


@pytest.mark.parametrize(
    "text, clause",
    [
        ("MATCH (n) RETURN n", None),
        ("MATCH (n {name: 'DELETE me'}) RETURN n // CREATE", None),
        ("MATCH (`SET`) RETURN 1", None),
        ("match (n) detach delete n", "DETACH"),
        ("MERGE (n:X)", "MERGE"),
        ("MATCH (n) SET n.x = 1", "SET"),
        ("CALL dbms.security.createUser('a', 'b')", "CALL"),
        ("LOAD CSV FROM 'file:///x' AS row RETURN row", "LOAD"),
    ],
)
def test_write_clauses_are_found_outside_strings_and_comments(text, clause):
    assert write_clause(text) == clause


def test_params_parse_json_values_and_keep_strings():
    assert parse_params(("n=3", "name=SQuAD 2.0", "flag=true")) == {"n": 3, "name": "SQuAD 2.0", "flag": True}


def test_every_named_query_says_what_it_answers_and_its_params():
    queries = named_queries()
    assert {"methods_on_dataset", "method_profile", "leaderboard", "outperforms", "top_datasets",
            "datasets_used_together", "evidence"} <= set(queries)
    for q in queries.values():
        assert q.description and q.text.startswith("//")
        for p in q.params:
            assert f"${p}" in q.text


@pytest.fixture
def exported(neo4j, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", SAMPLE, "-o", str(out), "-q"]).exit_code == 0
    env = {"NEO4J_URI": neo4j.settings.uri, "NEO4J_PASSWORD": neo4j.settings.password}
    result = runner.invoke(main, ["export", "neo4j", str(out)], env=env)
    assert result.exit_code == 0, result.output
    assert "relationships/s" in result.stdout
    assert neo4j.settings.password not in result.output
    return runner, env


def query(runner, env, *args):
    result = runner.invoke(main, ["query", *args, "--json"], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_named_queries_answer_on_the_sample_graph(exported):
    runner, env = exported
    winners = query(runner, env, "outperforms", "--param", "method=PaLM")
    assert {"winner": "U-PaLM", "method": "PaLM"}.items() <= winners[0].items()
    on_gsm8k = query(runner, env, "methods_on_dataset", "--param", "dataset=gsm8k")
    assert "U-PaLM" in {r["method"] for r in on_gsm8k}
    profile = query(runner, env, "method_profile", "--param", "method=TLEG")
    assert {"ImageNet-1K", "CIFAR-100"} <= set(profile[0]["datasets"])
    # "+2.83% ImageNet classification accuracy" is a gain, not a value: no leaderboard shows it
    board = query(runner, env, "leaderboard", "--param", "dataset=ImageNet")
    assert not any(r["value"] == 2.83 for r in board)
    top = query(runner, env, "top_datasets", "--param", "limit=3")
    assert len(top) == 3 and top[0]["papers"] >= top[-1]["papers"]
    pairs = query(runner, env, "datasets_used_together")
    assert any({p["dataset_a"], p["dataset_b"]} == {"GSM8K", "MMLU"} for p in pairs)
    evidence = query(runner, env, "evidence", "--param", "name=Transformer as Linear Expansion of learnGene")
    assert evidence and all(r["entity"] == "TLEG" and r["label"] == "Method" for r in evidence)
    assert any("TLEG" in r["sentence"] for r in evidence)


def test_table_and_csv_output(exported):
    runner, env = exported
    table = runner.invoke(main, ["query", "top_datasets"], env=env)
    assert table.exit_code == 0 and table.stdout.splitlines()[0].split() == ["dataset", "papers"]
    csv_out = runner.invoke(main, ["query", "--cypher", "MATCH (p:Paper) RETURN count(p) AS n", "--csv"], env=env)
    assert csv_out.stdout.splitlines() == ["n", "23"]


def test_writes_are_refused_without_write(exported, neo4j):
    runner, env = exported
    before = neo4j.counts()
    refused = runner.invoke(main, ["query", "--cypher", "MATCH (n) DETACH DELETE n"], env=env)
    assert refused.exit_code == 1 and "refused" in refused.stderr and "--write" in refused.stderr
    assert neo4j.counts() == before
    allowed = runner.invoke(main, ["query", "--write", "--cypher", "CREATE (:Note {text: $t})", "--param", "t=hi"], env=env)
    assert allowed.exit_code == 0, allowed.output
    assert neo4j.rows("MATCH (n:Note) RETURN n.text AS t") == [{"t": "hi"}]


def test_a_named_query_needs_its_params(exported):
    runner, env = exported
    result = runner.invoke(main, ["query", "leaderboard"], env=env)
    assert result.exit_code == 2 and "--param dataset=" in result.stderr


def test_wrong_password_from_the_cli_is_one_line_and_never_echoed(neo4j, tmp_path):
    runner = CliRunner()
    secret = "s3cret-that-is-wrong"
    out = tmp_path / "out"
    runner.invoke(main, ["build", SAMPLE, "-o", str(out), "-q"])
    result = runner.invoke(main, ["export", "neo4j", str(out), "--uri", neo4j.settings.uri, "--password", secret])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "wrong user or password" in result.stderr
    assert secret not in result.output and "Traceback" not in result.output


def test_server_down_from_the_cli(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["query", "--cypher", "RETURN 1", "--uri", "bolt://127.0.0.1:1", "--password", "x"])
    assert result.exit_code == 1 and "cannot reach Neo4j" in result.stderr


def test_who_works_on_a_method_and_what_a_venue_publishes(neo4j, runner, tmp_path):
    from repo_paths import ROOT

    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(ROOT / "tests" / "data" / "with_authors.jsonl"), "-o", str(out), "-q"]).exit_code == 0
    env = {"NEO4J_URI": neo4j.settings.uri, "NEO4J_PASSWORD": neo4j.settings.password}
    assert runner.invoke(main, ["export", "neo4j", str(out), "-q"], env=env).exit_code == 0
    on_bert = query(runner, env, "method_authors", "--param", "method=bert")
    assert {r["author"] for r in on_bert} == {"Ada Lovelace", "Alan Turing", "Grace Hopper"}
    assert next(r for r in on_bert if r["author"] == "Ada Lovelace")["papers"] == 2
    acl = query(runner, env, "venue_methods", "--param", "venue=ACL")
    assert acl[0] == {"method": "BERT", "venue": "ACL", "papers": 2}
    assert neo4j.rows("MATCH (:Author)-[r:AUTHORED]->(:Paper) RETURN count(r) AS n") == [{"n": 6}]
