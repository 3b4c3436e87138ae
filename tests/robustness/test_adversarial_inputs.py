"""Adversarial inputs, as a user would feed them to `kg build` and `kg extract`.

Every record that can't be read is one `file:line: why` line on stderr, the readable rest
is built, and the exit code is the one README's "Bad input and exit codes" table gives.
The small files live in tests/data/adversarial/; the 10 MB abstract and the 1M-line file
are generated here. The end of the file feeds hostile text (quotes, backticks, braces,
comments, DETACH DELETE, CALL dbms..., NUL) through build, export and query: it must
come back as data, never run as Cypher.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import kg.neo4j.queries
from kg.cli import main
from kg.extractors.entities import MAX_NAME_CHARS
from kg.graph import load_graph
from kg.read import MAX_ABSTRACT_CHARS, read_papers

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data" / "adversarial"
README = ROOT / "README.md"

A = ("We propose FooNet, a new network for image classification. FooNet reaches "
     "81.5% top-1 accuracy on ImageNet and outperforms ResNet-50.")
B = ("We evaluate BERT on GLUE and SQuAD 2.0. It reaches an F1 of 93.2 on SQuAD 2.0, "
     "better than the previous best model.")
SUMMARY = re.compile(r"kg: \d+ record\(s\) could not be read \(reported above\)"
                     r"|kg: \d+ problem\(s\) reported above: \d+ record\(s\) not read, \d+ read with a warning")
FATAL = "kg: error: no readable papers in the input"


@dataclass
class Case:
    file: str
    papers: list[str]  # titles built, in order
    problems: list[tuple[int, str | re.Pattern]] = field(default_factory=list)  # (line, why); {path} is filled in
    exit_code: int = 0

    def __str__(self) -> str:
        return self.file


CASES = [
    Case("empty.jsonl", [], [(1, "empty file; nothing to read")], 1),
    Case("whitespace-only.txt", [], [(1, "empty file; nothing to read")], 1),
    Case("binary.csv", [], [(1, "binary file; skipped")], 1),
    Case("latin1.jsonl", ["Plain ASCII", "Café naïve Bayes"], [(2, "not valid UTF-8; read as Latin-1")]),
    Case("utf16-bom.csv", ["Naïve Bayes — revisited", "Zweite Arbeit"]),
    Case("utf16-no-bom.jsonl", ["Little-endian without a BOM"], [(1, "no byte-order mark; read as UTF-16-LE")]),
    Case("utf8-bom.txt", ["FooNet: Counting with Nets"]),
    Case("crlf.jsonl", ["Windows line ends", "Second"]),
    # the same id with other content is kept under a derived id; the same content again is one paper
    Case("duplicate-ids.jsonl", ["First", "Same id, other paper", "No id"], [
        (2, re.compile(r"duplicate id 'p1' with other content \(first at .*:1\); kept as 'p1~[0-9a-f]{8}'")),
    ]),
    Case("truncated.jsonl", ["Complete"], [(2, "invalid JSON: Unterminated string starting at (column 34)")]),
    Case("json-structure.jsonl", ["Fine", "Also fine"], [
        (2, "invalid JSON: nested too deeply"),
        (3, re.compile(r"invalid JSON: Exceeds the limit \(4300 digits\) for integer string conversion.*")),
        (4, "'year' out of range (at most 4 digits)"),
        (5, "invalid JSON: a \\uXXXX escape is half a surrogate pair, not a character"),
        (6, "expected a JSON object, got array"),
    ]),
    Case("csv-columns.csv", ["Good one", "Multi\nline title", "Trailing empty cells"], [
        (3, "missing 'abstract'"),
        (4, "2 extra fields (header has 3 columns)"),
        (10, "invalid CSV: ',' expected after '\"'"),
        (11, "invalid CSV: unexpected end of data"),
    ]),
    Case("numbers-symbols.jsonl", ["123 456", "!!! ???", "%%%"]),
    Case("latex-math.jsonl", ["Math Heavy", "$\\alpha$-Nets: {Braces} and \\escapes"]),
    Case("unicode-dashes.jsonl", ["ViT\u2010B/16 \u2014 Dashes Everywhere", "Minus \u2212 signs"]),
    Case("non-latin.jsonl", ["多语言 Модель", "نموذج جديد", "Emoji 😀 and combining e\u0301"]),
    Case("nul-bytes.jsonl", ["NUL \x00 inside", *(f"Padding {i}" for i in range(1, 54)), "After"],
         [(55, "invalid JSON: Invalid control character at (column 39)")]),
    Case("page-orphans.txt", ["A Proper Title"], [(5, "paragraph without a title line; skipped")]),
]


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def check_stderr(stderr: str, expected: list[tuple[str, int, str | re.Pattern]], exit_code: int) -> None:
    """Exactly one `file:line: why` line per expected problem, in order; besides them only
    the count of problems and, when nothing was readable, the one fatal line. No traceback."""
    lines = stderr.splitlines()
    assert "Traceback" not in stderr
    problem_lines = [line for line in lines if not line.startswith("kg: ")]
    assert len(problem_lines) == len(expected), stderr
    for line, (path, number, why) in zip(problem_lines, expected):
        prefix = f"{path}:{number}: "
        assert line.startswith(prefix), (line, prefix)
        message = line[len(prefix):]
        assert why.fullmatch(message) if isinstance(why, re.Pattern) else message == why, (message, why)
    others = [line for line in lines if line.startswith("kg: ")]
    assert others == [line for line in others if SUMMARY.fullmatch(line) or line.startswith(FATAL)]
    assert sum(bool(SUMMARY.fullmatch(line)) for line in others) == (1 if expected else 0)
    assert sum(line.startswith(FATAL) for line in others) == (1 if exit_code == 1 else 0)


def expected_problems(case: Case, path: str) -> list[tuple[str, int, str | re.Pattern]]:
    return [(path, line, why if isinstance(why, re.Pattern) else why.replace("{path}", path))
            for line, why in case.problems]


def check_offsets(out: Path, sources: list[str]) -> list[dict]:
    """Every entity, result and relation of extractions.jsonl points at its text in the abstract."""
    papers, _ = read_papers(sources)
    abstracts = {p.id: p.abstract for p in papers}
    records = [json.loads(line) for line in (out / "extractions.jsonl").read_text(encoding="utf-8").splitlines()]
    for record in records:
        abstract = abstracts[record["id"]]
        for e in record["entities"]:
            assert abstract[e["start"]:e["end"]] == e["text"] and e["text"] in e["sentence"]
        for r in record["results"]:
            assert abstract[r["start"]:r["end"]] and r["evidence"] in abstract
        for r in record["relations"]:
            assert r["start"] is None or abstract[r["start"]:r["end"]] == r["evidence"]
    return records


@pytest.mark.parametrize("case", CASES, ids=str)
def test_each_bad_record_is_one_line_and_the_rest_is_built(runner, tmp_path, case):
    path = str(DATA / case.file)
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", path, "-o", str(out), "-q"])
    assert result.exit_code == case.exit_code, result.output
    check_stderr(result.stderr, expected_problems(case, path), case.exit_code)
    if case.exit_code == 1:
        assert not out.exists()
        return
    records = check_offsets(out, [path])
    assert [r["title"] for r in records] == case.papers
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert sorted(n["title"] for n in graph["nodes"] if n["label"] == "Paper") == sorted(case.papers)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_extract_reports_the_same_and_strict_exits_3_writing_nothing(runner, tmp_path, case):
    path = str(DATA / case.file)
    result = runner.invoke(main, ["extract", path])
    assert result.exit_code == case.exit_code, result.output
    check_stderr(result.stderr, expected_problems(case, path), case.exit_code)
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == case.papers

    strict = runner.invoke(main, ["build", path, "-o", str(tmp_path / "strict"), "-q", "--strict"])
    assert strict.exit_code == (3 if case.problems else case.exit_code), strict.output
    if case.problems:
        assert not (tmp_path / "strict").exists()
        assert strict.stderr.splitlines()[-1] == (
            f"kg: error: --strict: {len(case.problems)} record(s) could not be read; nothing was built")


def test_all_files_at_once_build_every_readable_paper(runner, tmp_path):
    """Empty, binary and broken files among good ones: reported, and the rest still built (exit 0)."""
    paths = [str(DATA / case.file) for case in CASES]
    result = runner.invoke(main, ["build", *paths, "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    expected = [p for case, path in zip(CASES, paths) for p in expected_problems(case, path)]
    check_stderr(result.stderr, expected, 0)
    records = check_offsets(tmp_path / "out", paths)
    assert [r["title"] for r in records] == [title for case in CASES for title in case.papers]


# --- generated: a 10 MB abstract, a 1M-line file ----------------------------------------


def test_a_10_mb_abstract_is_reported_in_every_format_and_the_rest_built(runner, tmp_path):
    huge = (A + " ") * (10_000_000 // (len(A) + 1))
    huge_lines = huge[: len(huge) // 2] + "\n" + huge[len(huge) // 2:]  # a quoted CSV field over two lines
    jsonl = tmp_path / "huge.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in (
        {"title": "Before", "abstract": A}, {"title": "Huge", "abstract": huge}, {"title": "After", "abstract": B})))
    csv = tmp_path / "huge.csv"
    csv.write_text(f'title,abstract\nBefore CSV,"{A}"\nHuge CSV,"{huge_lines}"\nAfter CSV,"{B}"\n')
    page = tmp_path / "huge.txt"
    page.write_text(f"Before Page\n\n{A} {B}\n\nHuge Page\n\n{huge}\n\nAfter Page\n\n{B} {A}\n")
    too_long = f"'abstract' is too long ({len(huge.strip()):,} characters; at most {MAX_ABSTRACT_CHARS:,})"
    too_long_csv = too_long.replace(f"{len(huge.strip()):,}", f"{len(huge_lines.strip()):,}")

    result = runner.invoke(main, ["build", str(jsonl), str(csv), str(page), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    check_stderr(result.stderr, [(str(jsonl), 2, too_long), (str(csv), 3, too_long_csv), (str(page), 5, too_long)], 0)
    records = check_offsets(tmp_path / "out", [str(jsonl), str(csv), str(page)])
    assert [r["title"] for r in records] == [
        "Before", "After", "Before CSV", "After CSV", "Before Page", "After Page"]


def test_a_million_line_file_is_streamed_with_exact_line_numbers(runner, tmp_path):
    lines = [""] * 1_000_000
    for number in (1, 500_000, 1_000_000):
        lines[number - 1] = json.dumps({"title": f"Paper on line {number}", "abstract": A})
    lines[250_000 - 1] = "{broken"
    lines[750_000 - 1] = '{"title": "No abstract"}'
    path = tmp_path / "million.jsonl"
    path.write_text("\n".join(lines) + "\n")

    result = runner.invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    check_stderr(result.stderr, [
        (str(path), 250_000, "invalid JSON: Expecting property name enclosed in double quotes (column 2)"),
        (str(path), 750_000, "missing 'abstract'"),
    ], 0)
    papers, _ = read_papers([str(path)])
    assert [p.origin for p in papers] == [f"{path}:{n}" for n in (1, 500_000, 1_000_000)]
    assert [r["title"] for r in check_offsets(tmp_path / "out", [str(path)])] == [
        "Paper on line 1", "Paper on line 500000", "Paper on line 1000000"]


def test_long_ids_titles_and_tokens_are_kept_out_of_what_neo4j_must_index(neo4j, runner, tmp_path):
    """Neo4j cannot index an id of more than about 8 KB: one such record, or one entity
    named after a 20,000-character token, would fail the whole export."""
    path = tmp_path / "long.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (
        {"title": "Long title " * 2_000, "abstract": A},
        {"id": "i" * 5_000, "title": "Long id", "abstract": B},
        {"title": "DNA", "abstract": f"We evaluate FooNet on the A{'C' * 20_000} dataset. It beats BERT on GLUE."},
    )))
    env = {"NEO4J_URI": neo4j.settings.uri, "NEO4J_PASSWORD": neo4j.settings.password}
    result = runner.invoke(main, ["build", str(path), "-o", str(tmp_path / "out"), "-q", "--neo4j"], env=env)
    assert result.exit_code == 0, result.output
    check_stderr(result.stderr, [(str(path), 2, "'id' is too long (5,000 characters; at most 1,000)")], 0)
    records = check_offsets(tmp_path / "out", [str(path)])
    assert [r["title"] for r in records] == [("Long title " * 2_000).strip(), "DNA"]
    assert {e["name"] for e in records[1]["entities"]} >= {"BERT", "GLUE"}  # the rest of the abstract is read
    assert max(len(e["text"]) for r in records for e in r["entities"]) <= MAX_NAME_CHARS
    graph = load_graph(tmp_path / "out")
    assert neo4j.counts()[0] == dict(Counter(d["label"] for _, d in graph.nodes(data=True)))


# --- exit codes, as README documents them -------------------------------------------------


def readme_exit_codes() -> dict[int, str]:
    section = README.read_text(encoding="utf-8").split("### Bad input and exit codes", 1)[1].split("\n#", 1)[0]
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^\| (\d) \| (.+?) \|$", section, re.M)}


def test_usage_errors_exit_2(runner, tmp_path):
    path = str(DATA / "crlf.jsonl")
    for args in (["build", path, "--format", "xml"], ["build", path, "--no-such-option"], ["extract"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output


def test_readme_documents_exactly_the_exit_codes_kg_uses():
    codes = readme_exit_codes()
    assert sorted(codes) == [0, 1, 2, 3]
    assert {case.exit_code for case in CASES} | {2, 3} == set(codes)
    assert "no readable record" in codes[1] and "--strict" in codes[3] and "usage" in codes[2]


# --- injection: hostile text is stored as data, never run -----------------------------------

HOSTILE = [
    "x'}) DETACH DELETE n //",
    'quote " and `backtick` and \\ backslash',
    "{braces} $param } CALL dbms.shutdown()",
    "MATCH (n) DETACH DELETE n",
    "null\x00byte /* block */ // line",
    "CALL dbms.security.createUser('mallory', 'pw12345678', false)",
]
HOSTILE_ABSTRACT = (
    "We propose O'Neil`Net, called \"Q}Net\" here. We introduce Detach Delete Network (DDN). "
    "DDN is evaluated on the DETACH DELETE dataset and on datasets such as MATCH'DB, CALL`Bench and X}Y. "
    "DDN outperforms O'Neil`Net on the CALL dbms.shutdown() benchmark // comment /* block */ with 91.5% accuracy."
)


def hostile_input(tmp_path: Path) -> Path:
    records = [{"id": h, "title": f"{h} title {i}", "abstract": f"{HOSTILE_ABSTRACT} {h}.", "authors": [h],
                "venue": h, "url": h} for i, h in enumerate(HOSTILE)]
    path = tmp_path / "hostile.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def graph_names(graph_json: Path) -> dict[str, str]:
    data = json.loads(graph_json.read_text(encoding="utf-8"))
    return {n["id"]: n["name"] for n in data["nodes"]}


def test_hostile_names_and_abstracts_are_stored_verbatim_and_never_run(neo4j, runner, tmp_path):
    neo4j.rows("CREATE (:Other {name: 'survivor'})")
    out = tmp_path / "out"
    env = {"NEO4J_URI": neo4j.settings.uri, "NEO4J_USERNAME": neo4j.settings.user,
           "NEO4J_PASSWORD": neo4j.settings.password}
    # the rules, so the rows each query must return are known exactly (the model may read
    # more names into this text; storing and querying them is the same code)
    result = runner.invoke(
        main, ["build", str(hostile_input(tmp_path)), "-o", str(out), "-q", "--neo4j", "--extractors", "rules"], env=env
    )
    assert result.exit_code == 0, result.output

    names = graph_names(out / "graph.json")
    assert {"DETACH DELETE", "MATCH'DB", "CALL`Bench", "X}Y"} <= set(names.values())
    stored = {r["id"]: r["name"] for r in neo4j.rows("MATCH (n:KG) RETURN n.id AS id, n.name AS name")}
    assert stored == names  # every id and name, NUL and all, exactly as built
    papers = neo4j.rows("MATCH (p:Paper) RETURN p.paper_id AS id, p.authors AS authors, p.venue AS venue")
    assert sorted((p["id"], p["authors"], p["venue"]) for p in papers) == sorted((h, [h], h) for h in HOSTILE)
    assert neo4j.rows("MATCH (n:Other) RETURN n.name AS name") == [{"name": "survivor"}]
    with neo4j.driver.session(database="system") as system:
        assert [r["user"] for r in system.run("SHOW USERS YIELD user")] == ["neo4j"]

    # the same text as query parameters is only ever compared with, never run
    before = neo4j.counts()
    for name, (query_name, param) in zip(["DETACH DELETE", "X}Y", *HOSTILE], [
            ("evidence", "name"), ("method_profile", "method"), ("methods_on_dataset", "dataset"),
            ("leaderboard", "dataset"), ("outperforms", "method"), ("evidence", "name"), ("evidence", "name"),
            ("method_profile", "method")]):
        q = runner.invoke(main, ["query", query_name, "--param", f"{param}={name}", "--json"], env=env)
        assert q.exit_code == 0, q.output
    evidence = runner.invoke(main, ["query", "evidence", "--param", "name=X}Y", "--json"], env=env)
    assert {r["entity"] for r in json.loads(evidence.stdout)} == {"X}Y"}
    on_dataset = runner.invoke(main, ["query", "methods_on_dataset", "--param", "dataset=detach delete", "--json"], env=env)
    assert {r["method"] for r in json.loads(on_dataset.stdout)} == {"DDN"}
    assert neo4j.counts() == before
    assert neo4j.rows("MATCH (n:Other) RETURN n.name AS name") == [{"name": "survivor"}]


@pytest.mark.parametrize("text", [
    "call dbms.security.createUser('mallory', 'pw12345678', false)",
    "MATCH (n) CALL { WITH n DETACH DELETE n } RETURN 1",
    "// only a comment\nCREATE (:Evil)",
    "MATCH (n) /* harmless? */ SET n.evil = true",
    "RETURN 'it\\'s' AS s UNION MATCH (n) REMOVE n:KG RETURN 's' AS s",
    "UNWIND [1] AS x FOREACH (i IN [1] | CREATE (:Evil))",
    "mErGe (:Evil)",
    "MATCH (n:Method) WITH n LIMIT 1 DETACH DELETE n",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "DROP CONSTRAINT kg_method_id IF EXISTS",
])
def test_write_clauses_are_refused_without_write_and_nothing_changes(neo4j, runner, text):
    neo4j.rows("CREATE (:KG:Method {id: 'method:keep', name: 'keep'})")
    env = {"NEO4J_URI": neo4j.settings.uri, "NEO4J_PASSWORD": neo4j.settings.password}
    result = runner.invoke(main, ["query", "--cypher", text], env=env)
    assert result.exit_code == 1 and "refused: the query writes" in result.stderr and "--write" in result.stderr
    rows = neo4j.rows("MATCH (n) RETURN n.name AS name, labels(n) AS labels")
    assert [(r["name"], sorted(r["labels"])) for r in rows] == [("keep", ["KG", "Method"])]


def test_a_write_the_text_check_misses_is_refused_by_the_read_transaction(neo4j, runner, monkeypatch):
    """The second lock: even if the write_clause check were fooled, the server refuses to
    write inside the READ transaction `kg query` uses without --write."""
    monkeypatch.setattr(kg.neo4j.queries, "write_clause", lambda text: None)
    env = {"NEO4J_URI": neo4j.settings.uri, "NEO4J_PASSWORD": neo4j.settings.password}
    result = runner.invoke(main, ["query", "--cypher", "CREATE (:Evil {name: 'x'})"], env=env)
    assert result.exit_code == 1 and result.stderr.startswith("kg: error: Neo4j refused the query: ")
    assert result.stderr.count("\n") == 1
    assert neo4j.rows("MATCH (n:Evil) RETURN n") == []


@pytest.mark.parametrize("where, evil", [
    ("label", "Method`) DETACH DELETE (n"), ("type", "OUTPERFORMS]->() DETACH DELETE a //"), ("label", None)])
def test_a_graph_file_with_a_hostile_label_or_type_is_refused_before_anything_is_written(neo4j, runner, tmp_path, where, evil):
    """Labels and types are pasted into Cypher, so they come from a fixed list; a tampered
    graph.json is refused before anything changes, even with --replace."""
    graph = nx.MultiDiGraph()
    graph.add_node("method:a", name="a", aliases=[], **({"label": "Method" if where == "type" else evil} if evil else {}))
    graph.add_node("method:b", label="Method", name="b", aliases=[])
    graph.add_edge("method:a", "method:b", key=evil if where == "type" else "OUTPERFORMS", type="x", count=1)
    out = tmp_path / "tampered"
    out.mkdir()
    (out / "graph.json").write_text(json.dumps(nx.node_link_data(graph, edges="links")), encoding="utf-8")
    neo4j.rows("CREATE (:KG:Method {id: 'method:keep', name: 'keep'}), (:Other {name: 'survivor'})")
    env = {"NEO4J_URI": neo4j.settings.uri, "NEO4J_PASSWORD": neo4j.settings.password}

    result = runner.invoke(main, ["export", "neo4j", str(out), "--replace", "-q"], env=env)
    assert result.exit_code == 1 and result.stderr.startswith(f"kg: error: refusing to write {evil!r}: not one of ")
    assert sorted(r["name"] for r in neo4j.rows("MATCH (n) RETURN n.name AS name")) == ["keep", "survivor"]


def test_a_graph_file_value_neo4j_cannot_hold_is_one_line(neo4j, runner, tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("paper:p1", label="Paper", name="p1", title="p1", paper_id="p1", year=2**70)
    out = tmp_path / "huge-int"
    out.mkdir()
    (out / "graph.json").write_text(json.dumps(nx.node_link_data(graph, edges="links")), encoding="utf-8")
    env = {"NEO4J_URI": neo4j.settings.uri, "NEO4J_PASSWORD": neo4j.settings.password}
    result = runner.invoke(main, ["export", "neo4j", str(out), "-q"], env=env)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    # the driver's packing (Rust or Python) names the problem: "int too large" / "Integer out of range"
    assert result.stderr.startswith("kg: error: cannot send a batch of nodes to Neo4j: ")
    assert "int" in result.stderr.lower()


@pytest.mark.parametrize("param", ["n=1180591620717411303424", "n=\udcff"])
def test_a_parameter_neo4j_cannot_hold_is_one_line(neo4j, runner, param):
    env = {"NEO4J_URI": neo4j.settings.uri, "NEO4J_PASSWORD": neo4j.settings.password}
    result = runner.invoke(main, ["query", "--cypher", "RETURN $n AS n", "--param", param], env=env)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("kg: error: cannot send the parameters to Neo4j: ")
