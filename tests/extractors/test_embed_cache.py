"""The embedding cache gives the model's own token vectors, bit for bit."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
import spacy

from kg.extractors import build_pipeline
from kg.extractors.embed_cache import EmbeddingCache, cache_embeddings
from kg.extractors.learned import MODEL_DIR
from kg.extractors.matmul import use_blas_matmul
from kg.read import read_papers

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "hf_daily_papers.txt"


@pytest.fixture(scope="module")
def docs_and_plain_vectors():
    """The sample abstracts as docs, and the vectors the loaded model gives them."""
    nlp = spacy.load(MODEL_DIR)
    use_blas_matmul(nlp)
    papers, _ = read_papers([str(SAMPLE)])
    texts = [p.abstract for p in papers] + ["", "x", "Tokens never seen before: qwzxv-17b ZZtop9."]
    docs = [nlp.make_doc(t) for t in texts]
    tok2vec = nlp.get_pipe("tok2vec").model
    return nlp, docs, tok2vec.predict(docs)


def _cached_tok2vec(nlp, max_types=None):
    assert cache_embeddings(nlp)
    tok2vec = nlp.get_pipe("tok2vec").model
    if max_types is not None:
        tok2vec.layers[0].attrs["cache"].max_types = max_types
    return tok2vec


def test_cached_vectors_equal_the_models_cold_and_warm(docs_and_plain_vectors):
    plain_nlp, docs, plain = docs_and_plain_vectors
    nlp = spacy.load(MODEL_DIR)
    use_blas_matmul(nlp)
    tok2vec = _cached_tok2vec(nlp)
    first = tok2vec.predict(docs)  # fills the cache
    again = tok2vec.predict(docs)  # every type from the cache
    for a, b, c in zip(plain, first, again, strict=True):
        assert a.shape == b.shape == c.shape
        assert numpy.array_equal(a, b) and numpy.array_equal(a, c)
    plain_tok2vec = plain_nlp.get_pipe("tok2vec").model
    for doc in docs[:3]:  # a batch of one, from vectors computed in the batch of all
        assert numpy.array_equal(plain_tok2vec.predict([doc])[0], tok2vec.predict([doc])[0])
    cache: EmbeddingCache = tok2vec.layers[0].attrs["cache"]
    assert 0 < cache.size == len(cache.index) <= sum(len(d) for d in docs)


def test_a_full_cache_still_gives_the_same_vectors(docs_and_plain_vectors):
    _, docs, plain = docs_and_plain_vectors
    nlp = spacy.load(MODEL_DIR)
    use_blas_matmul(nlp)
    tok2vec = _cached_tok2vec(nlp, max_types=50)
    for _ in range(2):
        out = tok2vec.predict(docs)
        assert all(numpy.array_equal(a, b) for a, b in zip(plain, out, strict=True))
    assert tok2vec.layers[0].attrs["cache"].size == 50


def test_the_default_pipeline_uses_the_cache_and_rules_have_none():
    assert build_pipeline("model").get_pipe("tok2vec").model.layers[0].name == "kg_cached_embed"
    assert not cache_embeddings(build_pipeline("rules"))


def test_the_cache_refuses_training():
    nlp = spacy.load(MODEL_DIR)
    tok2vec = _cached_tok2vec(nlp)
    with pytest.raises(ValueError, match="prediction only"):
        tok2vec.begin_update([nlp.make_doc("BERT on GLUE")])
