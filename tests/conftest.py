"""Shared fixtures: the kg spaCy pipeline, built once per test session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from extractors import build_pipeline
from kg.model import Paper, PaperExtraction
from kg.pipeline import extract


@pytest.fixture(scope="session")
def nlp() -> Language:
    """``extractors.build_pipeline()``: building it loads the name lists, so do it once."""
    return build_pipeline()


@pytest.fixture(scope="session")
def extract_one(nlp: Language) -> Callable[..., PaperExtraction]:
    """Run one abstract (with a title) through ``kg.pipeline.extract``; paper id is ``paper-1``."""

    def run(abstract: str, title: str = "A Study of Things") -> PaperExtraction:
        (extraction,) = extract([Paper("paper-1", title, abstract)], nlp=nlp)
        return extraction

    return run
