"""``kg_acronyms``: acronym definitions, "Transformer iN Transformer (TNT)" or "TMI (long form)".

The long form is found with the Schwartz & Hearst (2003) algorithm: walk the short form's
characters from the end and find each one, in order, in the words before the parenthesis,
the first one at the start of a word. The pair's type comes from the name lists, else
from the long form's head noun ("... network" is a Method, "... classification" a Task).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import AcronymPair, Candidate, doc_list, doc_text, sentences
from .lexicon import is_denied, load_lexicon
from .names import names_a_measure

_PAREN = re.compile(r"\(([^()]{1,120})\)")
_WORD = re.compile(r"\S+")
_SHORT_FORM = re.compile(r"^[A-Za-z0-9][\w\-./+']{0,11}$")

HEAD_NOUNS = {
    "Method": {
        "network", "networks", "net", "model", "models", "transformer", "transformers", "algorithm", "method",
        "framework", "architecture", "mechanism", "module", "encoder", "decoder", "attention", "machine",
        "optimizer", "prompting", "distillation", "search", "embedding", "embeddings", "autoencoder",
        "regression", "forest", "tree", "pretraining", "pre-training", "descent", "sampling", "layer", "unit",
        "units", "gan", "system", "approach", "technique", "strategy", "policy",
    },
    "Dataset": {"dataset", "datasets", "benchmark", "corpus", "treebank", "bank", "collection", "suite"},
    "Metric": {
        "score", "error", "accuracy", "rate", "distance", "ratio", "precision", "recall", "coefficient",
        "similarity", "divergence", "perplexity", "gain", "latency", "throughput",
    },
    "Task": {
        "classification", "recognition", "detection", "segmentation", "translation", "retrieval", "generation",
        "answering", "estimation", "prediction", "parsing", "tracking", "summarization", "synthesis",
        "reconstruction", "registration", "understanding", "localization", "captioning", "labeling", "tagging",
        "extraction", "completion", "inference", "planning", "navigation", "grounding", "editing",
    },
}
_PROPOSE = re.compile(r"\b(?:we|this (?:paper|work)|our)\b[^.;]{0,80}?\b(?:propose|present|introduce|develop|design|call|term|dub|name)", re.I)


def best_long_form(short: str, words_before: str) -> int | None:
    """Index into ``words_before`` where the long form for ``short`` starts, or None."""
    s_idx = len(short) - 1
    l_idx = len(words_before) - 1
    letters = [c.lower() for c in short]
    while s_idx >= 0:
        c = letters[s_idx]
        if not c.isalnum():
            s_idx -= 1
            continue
        while l_idx >= 0 and (
            words_before[l_idx].lower() != c or (s_idx == 0 and l_idx > 0 and words_before[l_idx - 1].isalnum())
        ):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    start = words_before.rfind(" ", 0, l_idx + 1) + 1
    return start


def is_short_form(text: str) -> bool:
    return bool(_SHORT_FORM.match(text)) and any(c.isupper() for c in text) and 2 <= len(text) <= 12


def guess_type(long_form: str, short_form: str, proposing: bool) -> str | None:
    """The type of a defined acronym (see :func:`typed`)."""
    return typed(long_form, short_form, proposing)[0]


def typed(long_form: str, short_form: str, proposing: bool) -> tuple[str | None, bool]:
    """The type of a defined acronym and whether evidence gave it, from the most specific
    evidence first: the long form's list entry, then its head noun ("camouflaged object
    detection (COD)" is a task although the lists call some "COD" a dataset), then the
    acronym's own list entry (unless that says metric and the long form names no measure:
    "Expectation-Maximization (EM)"). Without evidence, a guess: a proposal or a long form
    of capitalised words is a method (``False``: the context may say otherwise)."""
    lexicon = load_lexicon()
    if is_denied(short_form) or is_denied(long_form):
        return None, False
    entry = lexicon.get(long_form.casefold())
    if entry is not None:
        return entry.type, True
    head = long_form.split()[-1].lower().strip(".,;:")
    for type_, heads in HEAD_NOUNS.items():
        if head in heads:
            return type_, True
    entry = lexicon.get(short_form.casefold())
    if entry is not None and not (entry.type == "Metric" and not names_a_measure(long_form)):
        return entry.type, True
    if proposing:
        return "Method", False
    capitalized = [w for w in re.split(r"[\s\-]+", long_form) if w[:1].isupper()]  # "Expectation-Maximization": 2
    if len(capitalized) >= 2:
        return "Method", False
    return None, False


#: Scores of acronym candidates: typed by evidence, or guessed (:func:`typed`).
TYPED_SCORE, GUESSED_SCORE = 0.92, 0.85


class AcronymFinder:
    source = "kg_acronyms"

    def __call__(self, doc: Doc) -> Doc:
        pairs = doc_list(doc, "kg_acronyms")
        candidates = doc_list(doc, "kg_candidates")
        for s_start, s_end in sentences(doc):
            stext, base = doc_text(doc)[s_start:s_end], s_start
            proposing = bool(_PROPOSE.search(stext))
            for m in _PAREN.finditer(stext):
                pair = self._pair(stext, m, proposing)
                if pair is None:
                    continue
                (ls, le), (ss, se), (type_, by_evidence) = pair
                pairs.append(AcronymPair(base + ls, base + le, base + ss, base + se, type_))
                if type_ is not None:
                    score = TYPED_SCORE if by_evidence else GUESSED_SCORE
                    for start, end in ((ls, le), (ss, se)):
                        candidates.append(Candidate(base + start, base + end, type_, self.source, score))
        return doc

    def _pair(self, stext: str, m: re.Match, proposing: bool):
        inside = m.group(1).strip()
        inner_start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        before = stext[: m.start()].rstrip()
        if is_short_form(inside):
            # "long form (SF)": look back at most min(|SF| + 5, 2|SF|) words
            n_words = min(len(inside) + 5, 2 * len(inside))
            words = list(_WORD.finditer(before))[-n_words:]
            if not words:
                return None
            window_start = words[0].start()
            offset = best_long_form(inside, before[window_start:])
            if offset is None:
                return None
            ls = window_start + offset
            long_form = before[ls:].strip(" ,;:")
            if len(long_form) <= len(inside) or not long_form[:1].isalnum():
                return None
            le = ls + len(long_form)
            ss, se = inner_start, inner_start + len(inside)
            return (ls, le), (ss, se), typed(long_form, inside, proposing)
        words = list(_WORD.finditer(before))
        if not words or len(inside.split()) < 2:
            return None
        short = words[-1]
        short_text = short.group().strip(",;:")
        if not is_short_form(short_text) or best_long_form(short_text, inside) is None:
            return None
        long_form = inside.split(",")[0].split(";")[0].strip()
        if best_long_form(short_text, long_form) != 0:
            return None
        ls, le = inner_start, inner_start + len(long_form)
        ss, se = short.start(), short.start() + len(short_text)
        return (ls, le), (ss, se), typed(long_form, short_text, proposing)


@Language.factory(
    "kg_acronyms",
    assigns=["doc._.kg_acronyms", "doc._.kg_candidates"],
)
def make_acronyms(nlp: Language, name: str) -> AcronymFinder:
    """Writes ``doc._.kg_acronyms`` (short/long form pairs) and adds to ``doc._.kg_candidates``."""
    return AcronymFinder()
