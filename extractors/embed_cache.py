"""The model's token embedding computed once per word type instead of once per token.

The first half of the shipped ``tok2vec`` (spaCy's ``MultiHashEmbed``) turns each token
into a 64-wide vector from its NORM, PREFIX, SUFFIX and SHAPE hashes and its static
vector, through a maxout layer and a layer norm. None of that looks at the token's
neighbours: two tokens with the same ORTH and the same attributes get the same vector.
An abstract has about 200 tokens but far fewer new word types once a few hundred
abstracts have been read, so :class:`EmbeddingCache` keeps each type's vector and
computes only the types it has not seen, with the model's own layers and weights.
That was about 60% of the ``tok2vec`` time (README, *Benchmarks*); the context-dependent
encoder after it runs as before.

:func:`cache_embeddings` swaps the cache in for the embedding layer of a loaded pipeline.
A model whose ``tok2vec`` is not built like the shipped one is left as it is.
"""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Model

#: At most this many word types are kept (64 floats and 5 ids each, about 60 MB with the index);
#: past it, new types are computed every time they occur, as without the cache.
MAX_TYPES = 200_000


class EmbeddingCache:
    """The vectors of ``MultiHashEmbed`` by word type, filled as types are first seen.

    ``hash_embeds`` maps the (n, 4) feature ids to the concatenated hash embeddings,
    ``static_vectors`` projects the static vectors, ``mix`` is the maxout + layer norm
    that follows; they are the loaded model's own layers, so the vectors are the model's.

    A type is a token's feature ids and its vector key (ORTH). Types are found by ORTH
    alone (a one-column ``numpy.unique`` and one dict lookup per distinct word); a kept
    row serves a token only if all of its features are the token's, so a token whose
    NORM differs from its word's usual one (a tokenizer exception) is computed apart.
    """

    def __init__(
        self, columns: list, hash_embeds: Model, static_vectors: Model, mix: Model, max_types: int = MAX_TYPES
    ) -> None:
        self.columns = list(columns)
        self.hash_embeds = hash_embeds
        self.static_vectors = static_vectors
        self.mix = mix
        self.max_types = max_types
        self.index: dict[int, int] = {}  # vector key (ORTH) -> row
        self._store = numpy.zeros((1024, mix.get_dim("nO")), dtype="float32")  # grows by doubling
        self._types = numpy.zeros((1024, len(self.columns) + 1), dtype="uint64")  # each row's features
        self.size = 0

    @property
    def vectors(self) -> numpy.ndarray:
        """The kept vectors, one row per type in :attr:`index`."""
        return self._store[: self.size]

    def __call__(self, docs: list[Doc]) -> list[numpy.ndarray]:
        """One (tokens, width) array per doc, as the embedding layer gives."""
        lengths = [len(doc) for doc in docs]
        if not sum(lengths):
            return [self.vectors[:0] for _ in docs]
        key_attr = getattr(docs[0].vocab.vectors, "attr", "ORTH")
        keys = numpy.concatenate([doc.to_array([*self.columns, key_attr]) for doc in docs]).astype("uint64")
        words, word_of = numpy.unique(keys[:, -1], return_inverse=True)
        index = self.index
        rows = numpy.array([index.get(w, -1) for w in words.tolist()], dtype="int64")[word_of.reshape(-1)]
        kept = rows >= 0
        kept[kept] = (self._types[rows[kept]] == keys[kept]).all(axis=1)
        vectors = numpy.empty((len(keys), self._store.shape[1]), dtype="float32")
        vectors[kept] = self._store[rows[kept]]
        if not kept.all():
            new, new_of = numpy.unique(keys[~kept], axis=0, return_inverse=True)
            computed = self._compute(new, docs[0])
            vectors[~kept] = computed[new_of.reshape(-1)]
            self._keep(new, computed)
        return numpy.split(vectors, numpy.cumsum(lengths)[:-1])

    def _keep(self, types: numpy.ndarray, vectors: numpy.ndarray) -> None:
        """Remember the vectors of new ``types`` whose word has none kept, while there is room."""
        fresh = [i for i, word in enumerate(types[:, -1].tolist()) if word not in self.index]
        fresh = fresh[: max(0, self.max_types - self.size)]
        if not fresh:
            return
        start, self.size = self.size, self.size + len(fresh)
        if self.size > len(self._store):
            rows = max(self.size, 2 * len(self._store))
            self._store, self._types = _grown(self._store, start, rows), _grown(self._types, start, rows)
        self._store[start : self.size] = vectors[fresh]
        self._types[start : self.size] = types[fresh]
        for row, word in enumerate(types[fresh, -1].tolist(), start):
            self.index[word] = row

    def _compute(self, types: numpy.ndarray, doc: Doc) -> numpy.ndarray:
        """What ``MultiHashEmbed`` gives tokens with these features: the hash embeddings and
        the projected static vector (zero for a word with none), mixed."""
        hashed = self.hash_embeds.predict(numpy.ascontiguousarray(types[:, : len(self.columns)]))
        table = doc.vocab.vectors
        found = table.find(keys=numpy.ascontiguousarray(types[:, -1]))
        weights = self.static_vectors.get_param("W")
        static = self.static_vectors.ops.gemm(numpy.ascontiguousarray(table.data[found]), weights, trans2=True)
        static[found < 0] = 0
        return self.mix.predict(numpy.hstack([hashed, static]))


def _grown(array: numpy.ndarray, used: int, rows: int) -> numpy.ndarray:
    """``array`` with room for ``rows`` rows, its first ``used`` kept."""
    grown = numpy.zeros((rows, array.shape[1]), dtype=array.dtype)
    grown[:used] = array[:used]
    return grown


def cache_embeddings(nlp: Language) -> bool:
    """Put an :class:`EmbeddingCache` in place of the ``tok2vec`` embedding layer of
    ``nlp``; answer whether the model was built so that it could be."""
    if "tok2vec" not in nlp.pipe_names:
        return False
    tok2vec = nlp.get_pipe("tok2vec").model
    parts = _embedding_parts(tok2vec)
    if parts is None:
        return False
    cache = EmbeddingCache(*parts)
    tok2vec.layers[0] = Model("kg_cached_embed", _cached_forward, attrs={"cache": cache},
                              dims={"nO": parts[3].get_dim("nO")})
    return True


def _cached_forward(model: Model, docs: list[Doc], is_train: bool):
    if is_train:
        raise ValueError("the embedding cache is for prediction only: train the model as it was loaded")
    return model.attrs["cache"](docs), lambda d_vectors: []


def _embedding_parts(tok2vec: Model) -> tuple | None:
    """(feature columns, hash embeddings, static vectors, maxout + layer norm) of a
    ``Tok2Vec.v2`` over ``MultiHashEmbed.v2`` with static vectors, else None."""
    try:
        embed = tok2vec.layers[0]
        features_and_vectors, mix, to_list = embed.layers
        features, static = features_and_vectors.layers
        extract, to_ragged, hash_embeds = features.layers
    except (ValueError, IndexError):
        return None
    names = [extract.name, to_ragged.name, static.name, to_list.name, mix.name]
    if names != ["extract_features", "list2ragged", "static_vectors", "ragged2list", "with_array(maxout>>layernorm>>dropout)"]:
        return None
    if not hash_embeds.name.startswith("with_array(") or "hashembed" not in hash_embeds.name:
        return None
    return extract.attrs["columns"], hash_embeds.layers[0], static, mix.layers[0]
