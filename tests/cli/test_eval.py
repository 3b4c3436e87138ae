"""kg eval as a user runs it, and the tables it prints."""

import json

from kg.cli import main

from repo_paths import SAMPLE as SAMPLE_PATH

SAMPLE = str(SAMPLE_PATH)


def test_eval_prints_figures_for_gold_data(runner, tmp_path):
    scierc = tmp_path / "scierc"
    scierc.mkdir()
    doc = {
        "doc_key": "d1",
        "sentences": [["We", "evaluate", "BERT", "on", "GLUE", "with", "accuracy", "."]],
        "ner": [[[2, 2, "Method"], [4, 4, "Material"], [6, 6, "Metric"]]],
        "relations": [[]],
        "clusters": [],
    }
    (scierc / "dev.jsonl").write_text(json.dumps(doc) + "\n")
    result = runner.invoke(
        main, ["eval", "--gold", "scierc-dev", "--data-dir", str(tmp_path), "--extractors", "rules", "--json"]
    )
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)
    assert report["docs"] == 1
    assert report["span"]["micro"]["tp"] + report["span"]["micro"]["fn"] == 3


def test_eval_scores_each_extractor_choice(runner, tmp_path):
    tdmsci = tmp_path / "tdmsci"
    tdmsci.mkdir()
    sentence = "We\t0\tO\nreport\t3\tO\nBLEU\t10\tB-METRIC\non\t15\tO\nWMT14\t18\tB-DATASET\n.\t23\tO\n\n"
    (tdmsci / "train_1500_v2.conll").write_text(sentence * 201)  # the dev split is the last 200
    result = runner.invoke(main, ["eval", "--gold", "tdmsci-dev", "--data-dir", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)
    assert [r["extractor"] for r in reports] == ["rules", "model", "all"]
    assert all(r["docs"] == 200 and r["span"]["micro"]["tp"] + r["span"]["micro"]["fn"] == 400 for r in reports)
    only = runner.invoke(main, ["eval", "--gold", "tdmsci-dev", "--data-dir", str(tmp_path), "--extractors", "model"])
    assert only.exit_code == 0 and "tdmsci-dev: model" in only.output


def test_eval_without_gold_data_says_where_it_looked(runner, tmp_path):
    result = runner.invoke(main, ["eval", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert str(tmp_path) in result.stderr and "Traceback" not in result.stderr


def test_eval_scores_a_kg_gold_file_and_lists_errors(runner, tmp_path):
    gold = [{"title": "T", "abstract": "We evaluate BERT on GLUE and report accuracy.",
             "gold": {"Method": ["BERT"], "Dataset": ["GLUE"], "Metric": ["accuracy"], "evaluated_on": [["BERT", "GLUE"]]}}]
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(gold))
    result = runner.invoke(main, ["eval", "--gold", str(path), "--extractors", "rules", "--json"])
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)
    assert report["dataset"] == "mine.json" and report["headline"]["tp"] + report["headline"]["fn"] == 3
    errors = runner.invoke(main, ["eval", "--gold", str(path), "--extractors", "rules", "--errors"])
    assert errors.exit_code == 0 and "headline micro F1" in errors.output and "errors per paper" in errors.output
    missing = runner.invoke(main, ["eval", "--gold", str(tmp_path / "nope.json")])
    assert missing.exit_code == 1 and "gold file not found" in missing.output

