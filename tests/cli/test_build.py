"""kg build, extract and stats as a user runs them: exit codes, messages, outputs."""

import json

from kg.cli import main

from repo_paths import SAMPLE as SAMPLE_PATH

SAMPLE = str(SAMPLE_PATH)


def test_build_prints_a_summary_and_writes_files(runner, tmp_path):
    result = runner.invoke(main, ["build", SAMPLE, "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Paper 23" in result.output and "PROPOSES" in result.output
    assert "abstracts/s" in result.output
    assert (tmp_path / "out" / "graph.json").is_file()
    stats = runner.invoke(main, ["stats", str(tmp_path / "out"), "--json"])
    assert stats.exit_code == 0
    assert json.loads(stats.output)["nodes"]["Paper"] == 23


FEW = [
    {"id": "a", "title": "Fast BERT", "abstract": "We evaluate BERT on GLUE and SQuAD. BERT reaches 90.1% accuracy on GLUE."},
    {"id": "b", "title": "Robust BERT", "abstract": "We fine-tune BERT on GLUE for question answering. It improves accuracy."},
    {"id": "c", "title": "Tiny models", "abstract": "We compare BERT and RoBERTa on GLUE, with accuracy and F1, for question answering."},
    {"id": "d", "title": "XLNet study", "abstract": "We evaluate XLNet, ALBERT, ELECTRA and DeBERTa on RACE, SWAG, CoQA "
                                                  "and DROP with F1 for reading comprehension."},
]


def test_summary_tops_are_entities_in_the_most_papers(runner, tmp_path):
    src = tmp_path / "few.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in FEW))
    result = runner.invoke(main, ["build", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    tops = {line.split(":")[0]: line.split(":", 1)[1].strip() for line in result.output.splitlines()
            if line.startswith("top ")}
    assert set(tops) == {"top methods", "top datasets", "top metrics", "top tasks"}
    assert tops["top methods"].startswith("BERT (3)") and tops["top datasets"].startswith("GLUE (3)")
    assert tops["top metrics"].startswith("accuracy (3)")
    assert not any("(1)" in line for line in tops.values())  # RoBERTa, SQuAD, DROP, ... are in one paper each
    assert "in fewer than 2 papers, so not listed" in result.output
    stats = json.loads(runner.invoke(main, ["stats", str(tmp_path / "out"), "--json"]).output)
    assert stats["top"]["Method"][0] == ["BERT", 3] and stats["min_papers"] == 2 and stats["left_out"]["Dataset"] >= 4
    assert all(n >= 2 for rows in stats["top"].values() for _, n in rows)
    loose = json.loads(runner.invoke(main, ["stats", str(tmp_path / "out"), "--json", "--min-papers", "1"]).output)
    assert ["SQuAD", 1] in loose["top"]["Dataset"]


def test_bad_records_are_reported_with_file_and_line_and_the_rest_built(runner, tmp_path):
    src = tmp_path / "papers.jsonl"
    good = {"id": "a", "title": "BERT", "abstract": "We evaluate BERT on GLUE and SQuAD 2.0."}
    src.write_text(json.dumps(good) + "\n{broken\n" + json.dumps({"id": "c", "title": "x"}) + "\n")
    result = runner.invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0
    assert f"{src}:2: invalid JSON" in result.stderr
    assert f"{src}:3: " in result.stderr and "abstract" in result.stderr
    strict = runner.invoke(main, ["build", str(src), "-o", str(tmp_path / "strict"), "--strict"])
    assert strict.exit_code == 3
    assert not (tmp_path / "strict" / "graph.json").exists()


def test_missing_input_is_one_clear_line(runner, tmp_path):
    result = runner.invoke(main, ["build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "nope.txt" in result.stderr and "Traceback" not in result.stderr


def test_stats_without_a_graph_fails_cleanly(runner, tmp_path):
    result = runner.invoke(main, ["stats", str(tmp_path)])
    assert result.exit_code == 1 and "no graph here" in result.stderr


def test_extract_prints_one_object_per_paper_in_order_with_exact_offsets(runner, tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "x1", "title": "TLEG: t", "abstract": "We present Transformer as Linear Expansion of learnGene (TLEG). TLEG works on ImageNet-1K."},
        {"id": "x2", "title": "Other", "abstract": "We evaluate BERT on GLUE."},
    ]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = runner.invoke(main, ["extract", str(src)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["x1", "x2"]
    for o, row in zip(out, rows):
        for e in o["entities"]:
            assert row["abstract"][e["start"]:e["end"]] == e["text"]
            assert set(e) >= {"type", "name", "text", "start", "end", "sentence", "source", "score"}
    assert {e["name"] for e in out[0]["entities"] if e["type"] == "Method"} == {"TLEG"}


def test_stdin_is_read_with_dash(runner, tmp_path):
    line = json.dumps({"title": "T", "abstract": "We evaluate BERT on GLUE."})
    result = runner.invoke(main, ["extract", "-", "--format", "jsonl"], input=line + "\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["entities"]


def test_extract_with_each_extractor_choice(runner, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "title": "T", "abstract": "We evaluate BERT on GLUE and SQuAD 2.0."}) + "\n")
    sources = {}
    for choice in ("rules", "model", "all"):
        result = runner.invoke(main, ["extract", str(src), "--extractors", choice])
        assert result.exit_code == 0, result.output
        sources[choice] = {e["source"] for e in json.loads(result.stdout)["entities"]}
    assert "kg_model" not in sources["rules"] and sources["rules"]
    assert sources["model"] == {"kg_model"}
    bad = runner.invoke(main, ["extract", str(src), "--extractors", "neural"])
    assert bad.exit_code == 2 and "rules" in bad.output


def test_a_bibtex_export_builds_a_graph_with_authors_and_venues(runner, tmp_path):
    from repo_paths import ROOT

    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(ROOT / "tests" / "data" / "read" / "zotero.bib"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "no abstract" in result.stderr  # the position paper without one is reported, the rest built
    authors = runner.invoke(main, ["analyze", "authors", str(out), "--json"])
    names = {a["name"] for a in json.loads(authors.stdout)}
    assert {"Jörg Müller", "María García", "John Smith"} <= names
    venues = json.loads(runner.invoke(main, ["analyze", "venues", str(out), "--json"]).stdout)
    assert "Journal of Machine Learning Research" in {v["name"] for v in venues}


def test_field_maps_another_column_to_the_abstract(runner, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"title": "T", "paperAbstract": "We evaluate BERT on GLUE and SQuAD 2.0."}) + "\n")
    plain = runner.invoke(main, ["extract", str(src)])
    assert plain.exit_code == 1 and "missing 'abstract'" in plain.stderr
    mapped = runner.invoke(main, ["extract", str(src), "--field", "abstract=paperAbstract"])
    assert mapped.exit_code == 0, mapped.output
    assert "BERT" in {e["name"] for e in json.loads(mapped.stdout)["entities"]}
    bad = runner.invoke(main, ["extract", str(src), "--field", "abstract"])
    assert bad.exit_code == 2 and "expected KG_FIELD=INPUT_FIELD" in bad.output


def test_a_reused_id_with_other_content_is_kept_skipped_or_an_error(runner, tmp_path):
    src = tmp_path / "in.jsonl"
    rows = [{"id": "x", "title": "First", "abstract": "We evaluate BERT on GLUE."},
            {"id": "x", "title": "First", "abstract": "We evaluate BERT on GLUE."},  # the same paper again
            {"id": "x", "title": "Second", "abstract": "We train ResNet on ImageNet."}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    kept = runner.invoke(main, ["extract", str(src)])
    assert kept.exit_code == 0
    ids = [json.loads(line)["id"] for line in kept.stdout.splitlines()]
    assert ids[0] == "x" and ids[1].startswith("x~") and len(ids) == 2
    assert f"{src}:3: duplicate id 'x' with other content (first at {src}:1); kept as '{ids[1]}'" in kept.stderr
    assert "could not be read" not in kept.stderr
    skipped = runner.invoke(main, ["extract", str(src), "--on-duplicate", "skip"])
    assert [json.loads(line)["id"] for line in skipped.stdout.splitlines()] == ["x"] and "; skipped" in skipped.stderr
    error = runner.invoke(main, ["extract", str(src), "--on-duplicate", "error"])
    assert error.exit_code == 1 and f"{src}:3: duplicate id 'x' with other content" in error.stderr


def test_a_file_of_unknown_format_is_one_line(runner, tmp_path):
    src = tmp_path / "notes.dat"
    src.write_text("just some words\nand more words\n")
    result = runner.invoke(main, ["build", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"kg: error: cannot tell the format of {src}")
    assert result.stderr.strip().endswith("; use --format") and result.stderr.count("\n") == 1


def test_profile_prints_the_seconds_of_every_stage(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", SAMPLE, "-o", str(out), "--no-cache", "-q", "--profile"])
    assert result.exit_code == 0, result.output
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("profile: ")
    stages, _, rest = line.removeprefix("profile: ").partition("; total ")
    seconds = dict((name, float(value)) for name, value, _ in (part.split(" ", 2) for part in stages.split(", ")))
    assert list(seconds) == ["read", "load", "extract", "resolve", "graph", "write"]
    total = float(rest.split(" ")[0])
    assert 0 < sum(seconds.values()) <= total + 0.01
    assert "abstracts/s" in stages and "peak memory" in rest
    # with the cache: the first build fills it, a rebuild of the same input extracts nothing
    first = runner.invoke(main, ["build", SAMPLE, "-o", str(out), "-q", "--profile"])
    assert first.exit_code == 0 and "cache " in first.stderr and "extract " in first.stderr
    again = runner.invoke(main, ["build", SAMPLE, "-o", str(out), "-q", "--profile"])
    assert again.exit_code == 0 and "extract" not in again.stderr
