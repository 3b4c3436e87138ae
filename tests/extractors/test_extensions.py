"""Tests for extractors.extensions: the helpers every component shares."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from kg.extractors.extensions import occurrences

TEXT = st.text(alphabet="ab-_ .é1(", max_size=40)
NAME = st.text(alphabet="ab-_ .é1(", min_size=1, max_size=5)


@given(TEXT, NAME, st.booleans())
def test_occurrences_are_what_the_whole_word_pattern_finds(text, name, hyphen_after):
    """occurrences() replaced a regex compiled per name and doc: it must find the same."""
    pattern = rf"(?<![\w-]){re.escape(name)}(?![\w{'' if hyphen_after else '-'}])"
    expected = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    assert list(occurrences(text, name, hyphen_after)) == expected


def test_a_name_inside_a_longer_word_or_hyphenated_name_is_not_an_occurrence():
    text = "RoBERTa and BERT-large beat BERT, and mBERT lost to BERT."
    assert [text[s:e] for s, e in occurrences(text, "BERT")] == ["BERT", "BERT"]
    assert [s for s, _ in occurrences(text, "BERT")] == [28, 52]
