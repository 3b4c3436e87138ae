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

#: At most this many word types are kept (64 floats each, about 40 MB with the index);
#: past it, new types are computed every time they occur, as without the cache.
MAX_TYPES = 200_000


class EmbeddingCache:
    """The vectors of ``MultiHashEmbed`` by word type, filled as types are first seen.

    ``hash_embeds`` maps the (n, 4) feature ids to the concatenated hash embeddings,
    ``static_w`` projects the static vectors, ``mix`` is the maxout + layer norm that
    follows; they are the loaded model's own layers, so the vectors are the model's.
    """

    def __init__(self, columns: list, hash_embeds: Model, static_vectors: Model, mix: Model,
                 max_types: int = MAX_TYPES) -> None:
        self.columns = list(columns)
        self.hash_embeds = hash_embeds
        self.static_vectors = static_vectors
        self.mix = mix
        self.max_types = max_types
        self.index: dict[bytes, int] = {}
        self._store = numpy.zeros((1024, mix.get_dim("nO")), dtype="float32")  # grows by doubling
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
        types, inverse = numpy.unique(keys, axis=0, return_inverse=True)
        known = numpy.zeros(len(types), dtype=bool)
        rows = numpy.zeros(len(types), dtype="int64")
        for i, row in enumerate(types):
            at = self.index.get(row.tobytes())
            if at is not None:
                known[i], rows[i] = True, at
        by_type = numpy.empty((len(types), self.vectors.shape[1]), dtype="float32")
        by_type[known] = self.vectors[rows[known]]
        if not known.all():
            new = types[~known]
            by_type[~known] = computed = self._compute(new, docs[0])
            self._keep(new, computed)
        vectors = by_type[inverse.reshape(-1)]
        return numpy.split(vectors, numpy.cumsum(lengths)[:-1])

    def _keep(self, types: numpy.ndarray, vectors: numpy.ndarray) -> None:
        """Remember the vectors of new ``types`` while there is room."""
        room = max(0, min(len(types), self.max_types - self.size))
        if not room:
            return
        start, self.size = self.size, self.size + room
        if self.size > len(self._store):
            grown = numpy.zeros((max(self.size, 2 * len(self._store)), self._store.shape[1]), dtype="float32")
            grown[:start] = self._store[:start]
            self._store = grown
        self._store[start : self.size] = vectors[:room]
        for k, row in enumerate(types[:room]):
            self.index[row.tobytes()] = start + k

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
