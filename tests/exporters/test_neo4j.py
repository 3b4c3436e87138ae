"""The Neo4j exporter against the real server: counts, the CREATE and MERGE paths,
evidence, idempotence, increments, safety."""

import csv
from collections import Counter

import pytest

from kg.build import build
from kg.errors import Neo4jConnectionError
from kg.exporters.neo4j import EVIDENCE_FIELDS, export_graph
from kg.exporters.neo4j_import import write_import_files
from kg.graph import build_graph
from kg.model import Entity, Paper, PaperExtraction, Relation
from kg.neo4j.connection import Neo4jSettings, connect
from kg.read import read_papers
from kg.resolve import resolve

from repo_paths import SAMPLE


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory):
    return build([str(SAMPLE)], tmp_path_factory.mktemp("g")).graph


def local_counts(graph):
    labels = Counter(d["label"] for _, d in graph.nodes(data=True))
    types = Counter(k for _, _, k in graph.edges(keys=True))
    return dict(labels), dict(types)


def dump(neo4j) -> tuple[list, list]:
    """Every kg node and relationship with its labels and properties, in a stable order."""
    nodes = neo4j.rows("MATCH (n:KG) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id")
    for n in nodes:
        n["labels"] = sorted(n["labels"])
    rels = neo4j.rows(
        "MATCH (a:KG)-[r]->(b:KG) RETURN a.id AS head, type(r) AS type, b.id AS tail, properties(r) AS props "
        "ORDER BY head, type, tail"
    )
    return nodes, rels


def stored_evidence(neo4j) -> dict[tuple[str, str, str], list[tuple]]:
    """Each relationship's evidence, rebuilt from evidence_refs and the Paper nodes' sentences."""
    sentences = {r["id"]: r["s"] for r in neo4j.rows("MATCH (p:Paper) RETURN p.id AS id, p.sentences AS s")}
    found = {}
    for r in dump(neo4j)[1]:
        refs, props = r["props"].get("evidence_refs", []), r["props"]
        items = []
        for i in range(0, len(refs), len(EVIDENCE_FIELDS)):
            paper, sentence, start, end, source = refs[i : i + len(EVIDENCE_FIELDS)]
            pid = props["papers"][paper]
            items.append((pid, sentences[f"paper:{pid}"][sentence], None if start < 0 else start,
                          None if end < 0 else end, props["sources"][source]))
        found[(r["head"], r["type"], r["tail"])] = items
    return found


def graph_evidence(graph) -> dict[tuple[str, str, str], list[tuple]]:
    return {
        (h, k, t): [(e["paper"], e["sentence"], e["start"], e["end"], e["source"]) for e in d.get("evidence", [])]
        for h, t, k, d in graph.edges(keys=True, data=True)
    }


def test_counts_in_neo4j_equal_the_graph(neo4j, sample_graph):
    stats = export_graph(sample_graph, neo4j.settings, batch_size=50)
    assert stats.created  # an empty database: the CREATE path
    assert neo4j.counts() == local_counts(sample_graph)
    assert sum(stats.relationships.values()) == sample_graph.number_of_edges()


def test_exporting_twice_changes_nothing(neo4j, sample_graph):
    first_stats = export_graph(sample_graph, neo4j.settings, batch_size=1000)
    first = dump(neo4j)
    again = export_graph(sample_graph, neo4j.settings, batch_size=7)
    assert first_stats.created and not again.created  # the second one MERGEs
    assert dump(neo4j) == first
    assert sum(again.relationships.values()) == sample_graph.number_of_edges()


def test_create_and_merge_paths_write_the_same_graph(neo4j, sample_graph):
    assert export_graph(sample_graph, neo4j.settings, batch_size=13).created
    created = dump(neo4j)
    neo4j.rows("MATCH (n) DETACH DELETE n")
    assert not export_graph(sample_graph, neo4j.settings, batch_size=13, create=False).created
    assert dump(neo4j) == created
    nodes, rels = created
    assert len(nodes) == sample_graph.number_of_nodes() and len(rels) == sample_graph.number_of_edges()
    tleg = next(n for n in nodes if n["id"] == "method:tleg")
    assert tleg["labels"] == ["KG", "Method"]
    assert tleg["props"]["aliases"] == ["Transformer as Linear Expansion of learnGene"]


def test_evidence_is_stored_once_and_rebuilds_every_sentence(neo4j, sample_graph):
    export_graph(sample_graph, neo4j.settings)
    assert stored_evidence(neo4j) == graph_evidence(sample_graph)
    _, rels = dump(neo4j)
    assert all("evidence" not in r["props"] and "evidence_json" not in r["props"] for r in rels)
    # each Paper holds each sentence it cites once
    for row in neo4j.rows("MATCH (p:Paper) WHERE p.sentences IS NOT NULL RETURN p.sentences AS s"):
        assert len(row["s"]) == len(set(row["s"]))


def test_a_merge_export_leaves_no_evidence_of_the_old_format(neo4j, sample_graph):
    export_graph(sample_graph, neo4j.settings)
    neo4j.rows("MATCH ()-[r]->() SET r.evidence = ['old'], r.evidence_json = '[]'")
    export_graph(sample_graph, neo4j.settings)
    assert neo4j.rows("MATCH ()-[r]->() WHERE r.evidence IS NOT NULL OR r.evidence_json IS NOT NULL "
                      "RETURN count(r) AS n") == [{"n": 0}]


def test_bulk_files_carry_the_same_evidence(sample_graph, tmp_path):
    files = write_import_files(sample_graph, tmp_path)
    header = next(csv.reader(open(files.relationships["MENTIONS"][0], encoding="utf-8")))
    assert "evidence_refs:long[]" in header and "papers:string[]" in header
    header = next(csv.reader(open(files.nodes["Paper"][0], encoding="utf-8")))
    assert "sentences:string[]" in header


def test_a_bigger_graph_adds_only_what_is_new(neo4j, tmp_path):
    papers, _ = read_papers([str(SAMPLE)])
    part = tmp_path / "part.jsonl"
    import json

    part.write_text("".join(json.dumps({"id": p.id, "title": p.title, "abstract": p.abstract}) + "\n" for p in papers[:12]))
    small = build([str(part)], tmp_path / "small").graph
    full = build([str(SAMPLE)], tmp_path / "full").graph
    export_graph(small, neo4j.settings)
    assert neo4j.counts() == local_counts(small)
    export_graph(full, neo4j.settings)
    # a later export only appends to a Paper's sentences: what the relationships the bigger
    # graph left alone point at stays right, as does what it rewrote
    evidence, old, new = stored_evidence(neo4j), graph_evidence(small), graph_evidence(full)
    assert evidence == {key: new.get(key, old.get(key)) for key in evidence}
    # the export only adds: a node whose type the bigger graph resolved differently (with
    # more papers voting) stays until --replace; nothing else is left over or duplicated
    stored = {r["id"] for r in neo4j.rows("MATCH (n:KG) RETURN n.id AS id")}
    assert stored == set(full.nodes) | set(small.nodes)
    export_graph(full, neo4j.settings, replace=True)
    assert neo4j.counts() == local_counts(full)
    # counts on an existing node's edges follow the bigger graph
    transformer = neo4j.rows(
        "MATCH (:Paper)-[r:MENTIONS]->(m:Method {id: 'method:transformer'}) RETURN count(r) AS papers"
    )[0]["papers"]
    assert transformer == sum(1 for _ in full.in_edges("method:transformer", keys=True) if _[2] == "MENTIONS")


def test_replace_removes_only_kg_nodes(neo4j, sample_graph):
    neo4j.rows("CREATE (:Other {name: 'not kg'})")
    export_graph(sample_graph, neo4j.settings)
    neo4j.rows("CREATE (:KG:Method {id: 'method:stale', name: 'stale'})")
    stats = export_graph(sample_graph, neo4j.settings, replace=True)
    assert stats.removed == sample_graph.number_of_nodes() + 1
    assert neo4j.rows("MATCH (n:Other) RETURN n.name AS name") == [{"name": "not kg"}]
    assert neo4j.rows("MATCH (n {id: 'method:stale'}) RETURN n") == []
    assert neo4j.counts() == local_counts(sample_graph)


HOSTILE = [
    "x'}) DETACH DELETE n //",
    'quote " and `backtick`',
    "{braces} $param CALL dbms.shutdown()",
    "MATCH (n) DETACH DELETE n",
    "null\x00byte",
]


def test_names_with_cypher_syntax_round_trip_as_plain_data(neo4j):
    abstract = " ".join(HOSTILE)
    entities, pos = [], 0
    for name in HOSTILE:
        start = abstract.index(name, pos)
        entities.append(Entity("Method", name, name, start, start + len(name), abstract, "test", 0.9))
        pos = start + len(name)
    rel = Relation("OUTPERFORMS", HOSTILE[0], HOSTILE[3], "Method", "Method", abstract, 0, len(abstract), "test")
    ex = PaperExtraction(Paper("p'1`}", "T'itle `}{", abstract), entities, [rel])
    graph, _ = build_graph(*resolve([ex]))
    neo4j.rows("CREATE (:Other {name: 'survivor'})")
    export_graph(graph, neo4j.settings)
    names = {r["name"] for r in neo4j.rows("MATCH (m:Method) RETURN m.name AS name")}
    assert names == set(HOSTILE)
    assert neo4j.rows("MATCH (n:Other) RETURN n.name AS name") == [{"name": "survivor"}]
    assert neo4j.rows("MATCH (p:Paper) RETURN p.paper_id AS id") == [{"id": "p'1`}"}]
    assert len(neo4j.rows("MATCH ()-[r:OUTPERFORMS]->() RETURN r")) == 1


def test_wrong_password_is_a_clear_error_without_the_password(neo4j_server):
    wrong = Neo4jSettings(neo4j_server.uri, neo4j_server.user, "not-the-password-42", neo4j_server.database)
    with pytest.raises(Neo4jConnectionError) as err:
        connect(wrong)
    assert "wrong user or password" in str(err.value)
    assert "not-the-password-42" not in str(err.value) and "not-the-password-42" not in repr(wrong)


def test_server_down_is_a_clear_error(neo4j_server):
    down = Neo4jSettings("bolt://127.0.0.1:1", neo4j_server.user, neo4j_server.password)
    with pytest.raises(Neo4jConnectionError, match="cannot reach Neo4j at bolt://127.0.0.1:1"):
        connect(down)


def test_unknown_database_is_a_clear_error(neo4j_server):
    missing = Neo4jSettings(neo4j_server.uri, neo4j_server.user, neo4j_server.password, "nosuchdb")
    with pytest.raises(Neo4jConnectionError, match="nosuchdb"):
        connect(missing)
