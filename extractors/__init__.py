"""spaCy components that find methods, datasets, metrics, tasks, results and code links.

Importing this package registers the ``kg_*`` factories (they are also exposed through
the ``spacy_factories`` entry point, so ``spacy.blank("en").add_pipe("kg_gazetteer")``
works once kg is installed). :func:`build_pipeline` assembles them in order.
"""

from __future__ import annotations

# isort: off
from . import spacy_import  # noqa: F401  (first: it imports spaCy without spaCy's CLI)
# isort: on

from pathlib import Path
from typing import Literal

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from kg.gc_pause import collector_paused
from kg.model import DEFAULT_EXTRACTORS, EXTRACTOR_CHOICES

from . import acronyms, code_links, entities, gazetteer, learned, patterns, relations, results, sentencizer  # noqa: F401  (registers factories)
from .embed_cache import cache_embeddings
from .extensions import SPANS_KEY, register_extensions
from .matmul import use_blas_matmul

RULE_COMPONENTS = ("kg_gazetteer", "kg_acronyms", "kg_patterns", "kg_entities", "kg_relations", "kg_results", "kg_code")

Extractors = Literal["rules", "model", "all"]

__all__ = ["DEFAULT_EXTRACTORS", "EXTRACTOR_CHOICES", "RULE_COMPONENTS", "SPANS_KEY", "build_pipeline"]


def build_pipeline(extractors: Extractors = DEFAULT_EXTRACTORS, model_dir: Path | None = None) -> Language:
    """The kg pipeline: nothing to download.

    ``rules``: a blank English pipeline with the rule components (name lists, acronyms,
    patterns). ``model``: the shipped trained NER (:data:`extractors.learned.MODEL_DIR`)
    finds the entities; acronym pairs, proposals, results and code links still come from
    the rules. ``all``: both kinds of entity candidates, settled by ``kg_entities``.
    ``model_dir`` replaces the shipped model (one you trained yourself).
    """
    if extractors not in EXTRACTOR_CHOICES:
        raise ValueError(f"extractors must be one of {', '.join(EXTRACTOR_CHOICES)}, got {extractors!r}")
    with collector_paused():  # the model and the name lists: long-lived objects, no cycles
        return _build_pipeline(extractors, model_dir)


@spacy.registry.tokenizers("kg.tokenizer_from_disk.v1")
def tokenizer_from_disk():
    """A tokenizer without rules for a pipeline that then reads its tokenizer from disk.

    ``spacy.load`` first builds the tokenizer the config names (English, with its 2,694
    special cases: a quarter of a second) and then replaces all of it with the model's.
    """

    def create(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return create


def _build_pipeline(extractors: Extractors, model_dir: Path | None) -> Language:
    register_extensions()
    if extractors == "rules":
        nlp = spacy.blank("en")
    else:
        model_dir = model_dir or learned.MODEL_DIR
        nlp = spacy.load(model_dir, config={"nlp": {"tokenizer": {"@tokenizers": "kg.tokenizer_from_disk.v1"}}})
        use_blas_matmul(nlp)
        cache_embeddings(nlp)
    # spaCy keeps the period on "ViT." and "ImageNet-1K." (a capital after a lower-case
    # letter or digit), which hides the name from the matcher and joins two sentences.
    # The shipped model's tokenizer already has the rule: setting it again costs 0.1 s.
    suffixes = spacy.util.compile_suffix_regex([*nlp.Defaults.suffixes, r"(?<=[a-z0-9][A-Z])\."])
    current = getattr(nlp.tokenizer.suffix_search, "__self__", None)  # the compiled pattern, if any
    if getattr(current, "pattern", None) != suffixes.pattern:
        nlp.tokenizer.suffix_search = suffixes.search
    nlp.add_pipe("kg_sentencizer", first=True)
    for name in RULE_COMPONENTS:
        if name == "kg_entities":
            if extractors != "rules":
                nlp.add_pipe("kg_learned")
            nlp.add_pipe(name, config={"sources": extractors})
        else:
            nlp.add_pipe(name)
    return nlp
