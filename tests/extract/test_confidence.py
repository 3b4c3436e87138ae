"""kg.extract.confidence: the --min-score cut leaves no edge or result pointing at a dropped name."""

from __future__ import annotations

import json

from kg.cli import main
from kg.extract.confidence import keep_confident
from kg.model import Entity, Paper, PaperExtraction, Relation, Result


def entity(type_, name, score):
    return Entity(type_, name, name, 0, len(name), "", "test", score)


def test_the_cut_drops_entities_and_what_hangs_on_them():
    ex = PaperExtraction(
        Paper("p", "t", "a"),
        [entity("Method", "ZorbNet", 0.9), entity("Dataset", "murky data", 0.3), entity("Metric", "vibes", 0.2)],
        [Relation("EVALUATED_ON", "ZorbNet", "murky data", "Method", "Dataset", "", 0, 0, "test")],
        [Result("vibes", 3.0, "", "", 0, 0), Result("accuracy", 81.5, "%", "", 0, 0, method="ZorbNet", dataset="murky data")],
    )
    kept = keep_confident(ex, 0.5)
    assert [e.name for e in kept.entities] == ["ZorbNet"]
    assert kept.relations == []
    assert [(r.metric, r.method, r.dataset) for r in kept.results] == [("accuracy", "ZorbNet", None)]
    assert keep_confident(ex, 0.0) is ex


def test_min_score_on_the_command_line(runner, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "title": "T", "abstract": "We evaluate BERT on GLUE and report accuracy."}) + "\n")
    every = runner.invoke(main, ["extract", str(src), "--min-score", "0"])
    none = runner.invoke(main, ["extract", str(src), "--min-score", "1"])
    assert every.exit_code == none.exit_code == 0
    assert json.loads(every.stdout)["entities"] and json.loads(none.stdout)["entities"] == []
    bad = runner.invoke(main, ["extract", str(src), "--min-score", "2"])
    assert bad.exit_code == 2 and "--min-score" in bad.output
