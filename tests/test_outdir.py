"""Builds that never lose work, as a user meets them: Ctrl-C keeps what was extracted and
a rerun continues; a killed build leaves the old graph loadable; a second build into the
same folder waits its turn; other input is not built over a graph without --add/--force."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build
from kg.errors import BuildDirError, BuildLockedError
from kg.extract.cache import CACHE_FILE
from kg.graph import load_graph
from kg.outdir import build_lock

from repo_paths import SAMPLE

PAPERS = 2000


def _abstracts(path: Path, n: int, offset: int = 0) -> Path:
    """``n`` distinct abstracts made from the sample page's sentences: real text, no two alike."""
    from kg.read import read_records

    sample = [p for p in read_records(str(SAMPLE)) if hasattr(p, "abstract")]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(offset, offset + n):
            base = sample[i % len(sample)]
            record = {"id": f"p{i}", "title": f"{base.title} ({i})",
                      "abstract": f"{base.abstract} We release {i} checkpoints for study {i // 7}."}
            fh.write(json.dumps(record) + "\n")
    return path


def _kg(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _cached(out: Path) -> int:
    try:
        with sqlite3.connect(out / CACHE_FILE, timeout=5) as db:
            return db.execute("SELECT count(*) FROM extraction").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _wait_for_cache(out: Path, at_least: int, proc: subprocess.Popen, limit: float = 300) -> int:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        if (n := _cached(out)) >= at_least:
            return n
        time.sleep(0.2)
    raise AssertionError(f"the build never cached {at_least} papers (exit {proc.poll()})")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _abstracts(tmp_path_factory.mktemp("corpus") / "papers.jsonl", PAPERS)


def test_ctrl_c_keeps_the_extractions_and_the_rerun_only_extracts_the_rest(corpus, tmp_path):
    out = tmp_path / "out"
    proc = _kg("build", str(corpus), "-o", str(out), "--extractors", "rules")
    _wait_for_cache(out, PAPERS // 3, proc)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "interrupted after" in stderr and f"of {PAPERS} papers; rerun to continue" in stderr
    assert "Traceback" not in stderr
    kept = _cached(out)
    assert kept >= PAPERS // 3

    rerun = _kg("build", str(corpus), "-o", str(out), "--extractors", "rules")
    stdout, stderr = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, stderr
    assert f"extracted {PAPERS - kept} at" in stdout and f"{kept} from the cache" in stdout
    assert PAPERS - kept <= 2 * PAPERS // 3

    whole = tmp_path / "whole"
    build([str(corpus)], whole, extractors="rules", use_cache=False)
    assert (out / "graph.json").read_bytes() == (whole / "graph.json").read_bytes()


def test_a_killed_build_leaves_the_previous_graph_loadable(corpus, tmp_path):
    out = tmp_path / "out"
    small = _abstracts(tmp_path / "small.jsonl", 30)
    build([str(small)], out, extractors="rules")
    before = (out / "graph.json").read_bytes()
    proc = _kg("build", str(corpus), "-o", str(out), "--extractors", "rules", "--force")
    _wait_for_cache(out, 100, proc)
    proc.kill()
    proc.communicate(timeout=60)
    assert (out / "graph.json").read_bytes() == before
    assert load_graph(out).number_of_nodes() > 0


def test_a_second_build_into_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    with build_lock(out):
        with pytest.raises(BuildLockedError, match="being built by another kg build"):
            build([str(SAMPLE)], out)
        proc = _kg("build", str(SAMPLE), "-o", str(out), "-q")
        _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "being built by another kg build; wait for it to finish" in stderr
    build([str(SAMPLE)], out)  # free again once the first is done
    assert load_graph(out).number_of_nodes() > 0


def test_other_input_is_refused_without_add_or_force(tmp_path):
    out = tmp_path / "out"
    first, second = _abstracts(tmp_path / "a.jsonl", 23), _abstracts(tmp_path / "b.jsonl", 12, offset=23)
    build([str(first)], out, extractors="rules")
    with pytest.raises(BuildDirError, match=r"holds the graph of other input \(a.jsonl\)"):
        build([str(second)], out, extractors="rules")
    proc = _kg("build", str(second), "-o", str(out), "-q", "--extractors", "rules")
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "use --add to add these papers to it, or --force to replace it" in stderr
    build([str(second)], out, extractors="rules", force=True)
    assert load_graph(out).number_of_nodes() > 0 and json.loads((out / "manifest.json").read_text())["files"] == [
        str(second.resolve())]


def test_add_12_papers_to_23_equals_a_build_of_all_35(tmp_path):
    first, second = _abstracts(tmp_path / "a.jsonl", 23), _abstracts(tmp_path / "b.jsonl", 12, offset=23)
    together = tmp_path / "all.jsonl"
    together.write_text(first.read_text() + second.read_text())
    out, whole = tmp_path / "out", tmp_path / "whole"
    build([str(first)], out, extractors="rules")
    result = build([str(second)], out, extractors="rules", add=True)
    assert result.papers == 35 and result.cached == 23
    build([str(together)], whole, extractors="rules", use_cache=False)
    assert (out / "graph.json").read_bytes() == (whole / "graph.json").read_bytes()
