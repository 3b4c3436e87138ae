"""spaCy components that find methods, datasets, metrics, tasks, results and code links.

Importing this package registers the ``kg_*`` factories (they are also exposed through
the ``spacy_factories`` entry point, so ``spacy.blank("en").add_pipe("kg_gazetteer")``
works once kg is installed). :func:`build_pipeline` assembles them in order.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from . import acronyms, code_links, entities, gazetteer, patterns, relations, results  # noqa: F401  (registers factories)
from .extensions import SPANS_KEY, register_extensions

RULE_COMPONENTS = ("kg_gazetteer", "kg_acronyms", "kg_patterns", "kg_entities", "kg_relations", "kg_results", "kg_code")

__all__ = ["RULE_COMPONENTS", "SPANS_KEY", "build_pipeline"]


def build_pipeline() -> Language:
    """A blank English pipeline with a sentencizer and the kg components: nothing to download."""
    register_extensions()
    nlp = spacy.blank("en")
    # spaCy keeps the period on "ViT." and "ImageNet-1K." (a capital after a lower-case
    # letter or digit), which hides the name from the matcher and joins two sentences.
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[a-z0-9][A-Z])\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.add_pipe("sentencizer")
    for name in RULE_COMPONENTS:
        nlp.add_pipe(name)
    return nlp
