"""Tests for extractors.code_links (``kg_code``) and for the factories' entry point."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from kg.extractors import RULE_COMPONENTS
from kg.extractors.code_links import find_urls


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("Code is available at https://github.com/foo/bar.", ["https://github.com/foo/bar"]),
        ("See https://github.com/foo/bar, or https://foo.org/x?y=1; thanks!", ["https://github.com/foo/bar", "https://foo.org/x?y=1"]),
        ("Code (https://github.com/foo/bar) and data: http://data.org/set!", ["https://github.com/foo/bar", "http://data.org/set"]),
        ("Models: https://github.com/a/b/blob/main/m.py.", ["https://github.com/a/b/blob/main/m.py"]),
        ("No links here, just http and www words.", []),
    ],
)
def test_urls_without_trailing_punctuation(text, urls):
    assert find_urls(text) == urls


def test_urls_are_deduplicated_in_order():
    text = "Code: https://github.com/b/two. Data: https://github.com/a/one. Code again: https://github.com/b/two."
    assert find_urls(text) == ["https://github.com/b/two", "https://github.com/a/one"]


def test_pipeline_reports_code_links(extract_one):
    ex = extract_one(
        "We propose PED. The code is available at https://github.com/lixiaotong97/PED. "
        "See https://github.com/lixiaotong97/PED for details."
    )
    assert ex.code == ["https://github.com/lixiaotong97/PED"]


def test_every_component_is_an_entry_point():
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert set(RULE_COMPONENTS) <= names


def test_factory_works_without_importing_extractors():
    script = (
        "import sys, spacy\n"
        "assert 'extractors' not in sys.modules\n"  # spaCy finds the factory through the entry point
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('kg_code')\n"
        "doc = nlp('Code: https://github.com/foo/bar.')\n"
        "print(doc._.kg_code)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['https://github.com/foo/bar']"
