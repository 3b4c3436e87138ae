"""The learned entity extractor: a trained BIO tagger and its entities as candidates.

``kg_entity_tagger`` tags every token ``B-Type``, ``I-Type`` or ``O`` with a softmax over
the ``tok2vec`` output and writes the decoded, tidied spans to ``doc.ents``. It is a spaCy
``Tagger`` trained on entity tags rather than a transition-based ``ner``: about twice as
fast for the same token vectors (see the README), and its per-token probabilities give
each entity a confidence: the lowest probability among its tokens.

``kg_learned`` then turns ``doc.ents`` into :class:`Candidate` records next to the
rule-based ones, so :mod:`extractors.entities` chooses among both.

The model (``extractors/model/``) is trained by ``python -m training.train``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.language import Language
from spacy.pipeline import Tagger
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry
from thinc.api import Config, Model

from .extensions import Candidate, doc_list, doc_text

MODEL_DIR = Path(__file__).parent / "model"
SOURCE = "kg_model"
OUTSIDE = "O"

if not Doc.has_extension("kg_ent_scores"):
    Doc.set_extension("kg_ent_scores", default=None)  # one confidence per doc.ents span


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token spans ``(start, end, type)`` of a BIO tag sequence; an ``I-`` that does not
    continue an entity of its type starts one.

    >>> bio_spans(["B-Task", "I-Task", "O", "I-Metric", "B-Metric"])
    [(0, 2, 'Task'), (3, 4, 'Metric'), (4, 5, 'Metric')]
    """
    return _spans((i, tag) for i, tag in enumerate(tags) if tag != OUTSIDE and len(tag) >= 3)


def path_spans(path: numpy.ndarray, labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """:func:`bio_spans` of a path of tag indices into ``labels``, reading only the tokens
    not tagged ``O`` (most are).

    >>> path_spans(numpy.array([2, 0, 1, 2]), ["B-Task", "I-Task", "O"])
    [(1, 3, 'Task')]
    """
    tagged = numpy.ones(len(path), dtype=bool)
    for i, tag in enumerate(labels):
        if tag == OUTSIDE or len(tag) < 3:
            tagged &= path != i
    tagged = numpy.flatnonzero(tagged)
    return _spans(zip(tagged.tolist(), [labels[i] for i in path[tagged].tolist()]))


def _spans(tagged: Iterable[tuple[int, str]]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for i, tag in tagged:
        kind = tag[2:]
        if tag.startswith("I-") and spans and spans[-1][1] == i and spans[-1][2] == kind:
            spans[-1] = (spans[-1][0], i + 1, kind)
        else:
            spans.append((i, i + 1, kind))
    return spans


def bio_tags(doc: Doc) -> list[str]:
    """The BIO tags of ``doc.ents``: what the tagger learns from a gold doc."""
    tags = [OUTSIDE] * len(doc)
    for ent in doc.ents:
        tags[ent.start] = f"B-{ent.label_}"
        for i in range(ent.start + 1, ent.end):
            tags[i] = f"I-{ent.label_}"
    return tags


#: Words a name never ends with: the tagger, and the teacher whose silver data it learned
#: from, sometimes run a span on into the next phrase ("emotion recognition in").
_NEVER_LAST = frozenset("and or & of in for on with to by from at via as the a an ( [ , ; : - /".split())
_NEVER_FIRST = frozenset("and or & of in for on with to by from at via as the a an , ; : ) ]".split())
_COORDINATORS = frozenset(("and", "or", "&"))
_OPENING, _CLOSING = frozenset("(["), frozenset(")]")


def tidy_spans(words: Sequence[str], spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Mend the tagger's broken spans over token texts ``words``.

    - "negation and" + "speculation identification" (same type, back to back, the second
      longer, so the first reads as a modifier of its head) is one coordinated name; "F1
      and" + "accuracy" stay two;
    - a span never starts or ends with a function word or punctuation ("classification of");
    - an opened bracket is closed when the next token closes it ("word error rate (WER");
      otherwise the span stops before it; a span starts after a bracket it doesn't open
      ("POS) tagging").

    >>> words = "on negation and speculation identification in Chinese".split()
    >>> tidy_spans(words, [(1, 3, "Task"), (3, 6, "Task")])
    [(1, 5, 'Task')]
    >>> tidy_spans("F1 and accuracy".split(), [(0, 2, "Metric"), (2, 3, "Metric")])
    [(0, 1, 'Metric'), (2, 3, 'Metric')]
    >>> tidy_spans("word error rate ( WER ) .".split(), [(0, 5, "Metric")])
    [(0, 6, 'Metric')]
    """
    merged: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        if merged:
            p_start, p_end, p_kind = merged[-1]
            shares_head = end - start > p_end - 1 - p_start  # "negation and | speculation identification"
            if p_end == start and p_kind == kind and words[p_end - 1].lower() in _COORDINATORS and shares_head:
                merged[-1] = (p_start, end, kind)
                continue
        merged.append((start, end, kind))
    tidy = []
    for start, end, kind in merged:
        depth = 0
        for i in range(start, end):  # a closing bracket opened before the span: start after it
            depth += (words[i] in _OPENING) - (words[i] in _CLOSING)
            if depth < 0:
                start, depth = i + 1, 0
        start, end = _trim(words, start, end)
        opened = [i for i in range(start, end) if words[i] in _OPENING]
        closed = sum(words[i] in _CLOSING for i in range(start, end))
        if len(opened) > closed:
            if end < len(words) and words[end] in _CLOSING and len(opened) == closed + 1:
                end += 1
            else:
                start, end = _trim(words, start, opened[closed])
        if start < end:
            tidy.append((start, end, kind))
    return tidy


def _trim(words: Sequence[str], start: int, end: int) -> tuple[int, int]:
    while start < end and words[start].lower() in _NEVER_FIRST:
        start += 1
    while end > start and words[end - 1].lower() in _NEVER_LAST:
        end -= 1
    return start, end


@dataclass(frozen=True)
class BioGrammar:
    """Which tag may follow which, as index arrays: an ``I-X`` tag only at a doc's start
    never, and otherwise only after ``B-X`` or ``I-X``; every other tag after any tag."""

    start: numpy.ndarray  # per tag: 0 if it may start a doc, -inf if not
    free: numpy.ndarray  # the tags any tag may precede (B-*, O)
    inside: numpy.ndarray  # the I-* tags ...
    opener: numpy.ndarray  # ... and the B-* tag that may precede each (itself if there is none)


def bio_grammar(labels: Sequence[str]) -> BioGrammar:
    """The grammar of ``labels``, in the tagger's label order.

    >>> bio_grammar(["B-Task", "I-Task", "O"]).opener.tolist()
    [0]
    """
    index = {tag: i for i, tag in enumerate(labels)}
    inside = [i for i, tag in enumerate(labels) if tag.startswith("I-")]
    start = numpy.zeros(len(labels), dtype="f")
    start[inside] = -numpy.inf
    return BioGrammar(
        start=start,
        free=numpy.array([i for i in range(len(labels)) if i not in inside], dtype="i"),
        inside=numpy.array(inside, dtype="i"),
        opener=numpy.array([index.get("B-" + labels[i][2:], i) for i in inside], dtype="i"),
    )


def best_paths(log_probs: Sequence[numpy.ndarray], grammar: BioGrammar) -> list[numpy.ndarray]:
    """The most probable tag sequence of each doc that obeys the BIO grammar (Viterbi).

    Runs on the whole batch at once: one numpy step per token position rather than per
    token of every doc. The grammar has only two kinds of tags, so each step is a max over
    all previous tags (for B-* and O) and a max of two (for I-X: B-X or I-X; a tie goes
    to B-X), never a tags x tags table. Shorter docs run on past their end; their best
    last tag is kept when they reach it, and their path is read back from there.
    """
    lengths = numpy.array([len(lp) for lp in log_probs])
    n_docs, n_tags, longest = len(log_probs), len(grammar.start), int(lengths.max(initial=0))
    if longest == 0:
        return [numpy.zeros(0, dtype="i") for _ in log_probs]
    emissions = numpy.zeros((longest, n_docs, n_tags), dtype="f")
    for i, lp in enumerate(log_probs):
        emissions[: len(lp), i] = lp
    ending_at = {t: numpy.flatnonzero(lengths == t + 1) for t in set((lengths - 1).tolist()) if t >= 0}
    last_tag = numpy.zeros(n_docs, dtype="i")  # of each doc's best path, found at its end
    back = numpy.empty((longest, n_docs, n_tags), dtype="i")
    score = emissions[0] + grammar.start
    stepped = numpy.empty_like(score)  # the best score of each tag from the previous position
    for t in range(longest):
        if t in ending_at:
            docs = ending_at[t]
            last_tag[docs] = score[docs].argmax(axis=1)
        if t + 1 == longest:
            break
        best = score.argmax(axis=1)
        stepped[:, grammar.free] = score.max(axis=1)[:, None]
        back[t + 1][:, grammar.free] = best[:, None]
        from_opener, from_inside = score[:, grammar.opener], score[:, grammar.inside]
        take_opener = from_opener >= from_inside
        stepped[:, grammar.inside] = numpy.where(take_opener, from_opener, from_inside)
        back[t + 1][:, grammar.inside] = numpy.where(take_opener, grammar.opener, grammar.inside)
        score = stepped + emissions[t + 1]
    # Read each path back from its own end; past a doc's end the values are unused.
    path = numpy.zeros((n_docs, longest), dtype="i")
    rows = numpy.arange(n_docs)
    for t in range(longest - 1, -1, -1):
        if t + 1 < longest:
            path[:, t] = back[t + 1, rows, path[:, t + 1]]
        if t in ending_at:
            path[ending_at[t], t] = last_tag[ending_at[t]]
    return [path[i, : lengths[i]] for i in range(n_docs)]


def span_texts(doc: Doc, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """The texts of the tokens :func:`tidy_spans` reads: those of each span and the one
    after it, cut from the doc's text by their offsets; the others are left empty.
    (``[t.text for t in doc]`` costs a Python Token object per token, and most tokens are
    in no span.)

    >>> import spacy
    >>> span_texts(spacy.blank("en")("one two three four"), [(1, 2, "Task")])
    ['', 'two', 'three', '']
    """
    words = [""] * len(doc)
    if spans:
        text, bounds = doc_text(doc), doc.to_array(["IDX", "LENGTH"])
        for start, end, _ in spans:
            for i, (idx, length) in enumerate(bounds[start : end + 1].tolist(), start):
                words[i] = text[idx : idx + length]
    return words


#: Docs decoded together. best_paths takes one numpy step per token position of the
#: batch's longest doc, whatever the number of docs: 256 at a time decoded 3 times
#: faster than the pipeline's batches of 64 (same paths).
DECODE_BATCH = 256


class EntityTagger(Tagger):
    """A spaCy ``Tagger`` over BIO entity tags that writes ``doc.ents`` (not ``token.tag_``).

    Tags are decoded jointly (:func:`best_paths`), so a span never starts with ``I-``.
    """

    _grammar: BioGrammar | None = None

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """As spaCy's, on batches of at least :data:`DECODE_BATCH` docs. (The tagger reads
        its token vectors from ``doc.tensor``, so it may batch other than ``tok2vec``.)"""
        yield from super().pipe(stream, batch_size=max(batch_size, DECODE_BATCH))

    def predict(self, docs: Iterable[Doc]):
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            return [self.model.ops.alloc2f(len(doc), len(self.labels)) for doc in docs]
        return self.model.predict(docs)

    def set_annotations(self, docs: Iterable[Doc], scores) -> None:
        docs = list(docs)
        labels = self.labels
        if self._grammar is None or len(self._grammar.start) != len(labels):
            self._grammar = bio_grammar(labels)
        probs = [numpy.asarray(self.model.ops.to_numpy(s)) for s in scores]
        paths = best_paths([numpy.log(p + 1e-9) for p in probs], self._grammar)
        for doc, doc_probs, path in zip(docs, probs, paths):
            spans = path_spans(path, labels)
            spans = tidy_spans(span_texts(doc, spans), spans)
            doc.set_ents([Span(doc, s, e, label=t) for s, e, t in spans], default="outside")
            chosen = doc_probs[numpy.arange(len(path)), path]
            doc._.kg_ent_scores = [round(float(chosen[s:e].min()), 3) for s, e, _ in spans]


def score_entities(examples: Iterable[Example], **kwargs) -> dict:
    """Exact-span precision/recall/F1 of ``doc.ents``, as spaCy scores its ``ner``."""
    return get_ner_prf(examples, **kwargs)


_DEFAULT_MODEL = Config().from_str("""
[model]
@architectures = "spacy.Tagger.v2"
normalize = true

[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 64
depth = 2
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
""")["model"]


@Language.factory(
    "kg_entity_tagger",
    assigns=["doc.ents", "doc._.kg_ent_scores"],
    default_config={"model": _DEFAULT_MODEL, "overwrite": True, "neg_prefix": "!", "label_smoothing": 0.0,
                    "scorer": {"@scorers": "kg.entity_scorer.v1"}},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0},
)
def make_entity_tagger(
    nlp: Language, name: str, model: Model, overwrite: bool, neg_prefix: str, label_smoothing: float,
    scorer: Callable | None,
) -> EntityTagger:
    """Writes ``doc.ents`` (Method, Dataset, Metric, Task) and ``doc._.kg_ent_scores``, one confidence per span."""
    return EntityTagger(
        nlp.vocab, model, name=name, overwrite=overwrite, scorer=scorer, neg_prefix=neg_prefix,
        label_smoothing=label_smoothing,
    )


@registry.scorers("kg.entity_scorer.v1")
def make_entity_scorer() -> Callable:
    return score_entities


def inside_a_word(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` begins or ends inside a hyphenated or plain word: "-shot"
    of "few-shot", "self" of "self-attention". Such a span names nothing.

    >>> inside_a_word("a few-shot setting", 5, 10), inside_a_word("a few-shot setting", 2, 10)
    (True, False)
    """
    def joined(i: int, step: int) -> bool:  # is there a word character across position i?
        j = i if step > 0 else i - 1
        if not 0 <= j < len(text):
            return False
        if text[j].isalnum():
            return True
        k = j + step
        return text[j] == "-" and 0 <= k < len(text) and text[k].isalnum()

    span = text[start:end]
    return not span or span[0] == "-" or span[-1] == "-" or joined(start, -1) or joined(end, +1)


#: Plural heads of phrases that name a class of things, not one thing: "parent models",
#: "few-shot methods", "well-optimized baselines". Lower-case learned entities ending in
#: one of these would become the graph's most central nodes while naming nothing.
GENERIC_PLURALS = frozenset(
    "methods models baselines approaches techniques algorithms systems frameworks architectures strategies "
    "solutions works tasks datasets benchmarks metrics measures schemes variants alternatives competitors "
    "counterparts networks".split()
)


def is_generic_class(text: str) -> bool:
    """ "parent models" yes; "Transformer models", "BERT", "transfer learning" no.

    >>> is_generic_class("well-optimized baselines"), is_generic_class("Transformer models")
    (True, False)
    """
    return text.islower() and text.rsplit(" ", 1)[-1] in GENERIC_PLURALS


class LearnedEntities:
    """``doc.ents`` of the tagger as candidates, each with its confidence; spans cut out of
    a word and generic classes (:func:`is_generic_class`) are left out. (A minimum
    confidence, measured at 0.3 to 0.5, lowered F1 in ``all`` on both dev sets.)"""

    source = SOURCE

    def __call__(self, doc: Doc) -> Doc:
        candidates = doc_list(doc, "kg_candidates")
        scores = doc._.kg_ent_scores or []
        text = doc_text(doc)
        for i, ent in enumerate(doc.ents):
            score = scores[i] if i < len(scores) else 0.5
            if inside_a_word(text, ent.start_char, ent.end_char) or is_generic_class(ent.text):
                continue
            candidates.append(Candidate(ent.start_char, ent.end_char, ent.label_, SOURCE, score))
        return doc


@Language.factory(
    "kg_learned",
    requires=["doc.ents"],
    assigns=["doc._.kg_candidates"],
)
def make_learned(nlp: Language, name: str) -> LearnedEntities:
    """Reads ``doc.ents`` and ``doc._.kg_ent_scores`` (from ``kg_entity_tagger``); adds to ``doc._.kg_candidates``."""
    return LearnedEntities()
