"""``kg_patterns``: names found by how abstracts talk about them, not by a list.

- the title prefix: "MatFormer: Nested Transformer for Elastic Inference"
- proposals: "we propose BCT", "which we call U-PaLM", "an approach named PED"
- dataset context: "on the X dataset", "benchmarks such as X, Y and Z"
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import Candidate, Proposal, doc_list, doc_text, occurrences, sentences
from .lexicon import is_denied, load_lexicon
from .names import NAME, is_coined_name

_TITLE_PREFIX = re.compile(rf"^\s*({NAME})\s*:\s+\S")
_PROPOSE_VERB = r"(?:propose|proposes|proposed|present|presents|introduce|introduces|develop|develops|design|designs|release|releases)"
_PROPOSE = re.compile(
    rf"\b{_PROPOSE_VERB}\s+(?:here\s+)?(?:a\s+|an\s+|the\s+|our\s+)?(?:novel\s+|new\s+)?({NAME})(?=[\s,;:.()]|$)"
)
_CALLED = re.compile(
    rf"\b(?:called|named|termed|dubbed|coined|(?:we|i)\s+(?:call|dub|term|name))\s+"
    rf"(?:it\s+|them\s+|this\s+(?:\w+\s+)?|our\s+(?:\w+\s+)?|as\s+)?[\"“']?({NAME})(?=[\"”']?[\s,;:.()]|$)",
    re.I,
)
# "we propose X and Y", "named X, Y and Z": the further names of the list
_MORE_NAMES = re.compile(rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+|a\s+|an\s+)?({NAME})(?=[\s,;:.()]|$)")
# "this work introduces a blueprint for ...: transform once (T1)": a method named after a colon
_PROPOSE_COLON = re.compile(
    rf"\b{_PROPOSE_VERB}\s+(?:a|an|the)\s+(?P<what>[^.;:]{{1,120}}):\s*(?:[a-z][\w\-]*\s+){{1,5}}\(({NAME})\)"
)
_NOT_A_METHOD = re.compile(r"\b(?:dataset|benchmark|corpus|corpora|task|metric|challenge|suite)s?\b", re.I)
_WHO_PROPOSES = re.compile(r"\b(?:we|our|this (?:paper|work|study|article)|here)\b", re.I)
_CAP_WORDS = r"(?:[A-Z0-9][\w\-.'’]*(?:\s+(?:[A-Z0-9][\w\-.'’]*|v\d[\w.]*)){0,3})"
_ON_DATASET = re.compile(rf"\b(?:on|of|from|using|the)\s+(?:the\s+)?({_CAP_WORDS})\s+(?:dataset|benchmark|corpus|data set|challenge)s?\b")
_DATASET_LIST = re.compile(
    r"\b(?:datasets|benchmarks|corpora)\s*,?\s*(?:such as|including|like|namely|e\.g\.,?|i\.e\.,?|:)\s+"
    r"([^.;()]{2,200}?)(?=[.;()]|,?\s+(?:and\s+)?(?:which|where|that|show|demonstrat|with|to)\b|$)"
)
_LIST_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,\s*or\s+|,\s*|\s+and\s+|\s+or\s+)\s*")


def list_items(text: str, base: int) -> list[tuple[int, int]]:
    """Character spans of the items of "X, Y, and Z" in ``text`` (offset by ``base``)."""
    spans, pos = [], 0
    for sep in _LIST_SPLIT.finditer(text):
        spans.append((pos, sep.start()))
        pos = sep.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        item = text[s:e]
        stripped = item.strip(" \"“”'")
        if stripped:
            s += item.index(stripped)
            out.append((base + s, base + s + len(stripped)))
    return out


def leading_name(item: str) -> str | None:
    """The name an item of a list starts with: its first words up to the first lower-case
    one ("CORE-50 while requiring much less memory" -> "CORE-50"), at most four words.

    >>> leading_name("CORE-50 while requiring less memory"), leading_name("Penn Treebank"), leading_name("many others")
    ('CORE-50', 'Penn Treebank', None)
    """
    words, end = [], 0
    for m in re.finditer(r"\S+", item):
        word = m.group()
        if not (word[0].isupper() or word[0].isdigit() or is_coined_name(word)):
            break
        words.append(word)
        end = m.end()
    if not words or len(words) > 4 or not any(ch.isalpha() for ch in words[0]):
        return None
    return item[:end]


_NAMED_METRIC = re.compile(r"\b(?:the|a|an|our)\s+((?:[a-z][a-z\-]{3,}(?:/|\s+and\s+))?[a-z][a-z\-]{3,})\s+(metric|measure)s?\b")
_METRIC_WORD = re.compile(r"[a-z][a-z\-]{3,}")
_NOUN_ENDING = re.compile(r"(?:ion|ing|ness|ity|ance|ence|ment|age|ure)$")  # "deletion", not "universal"
#: Words before "metric" that say which kind of metric, not which metric.
_METRIC_KINDS = frozenset(
    "evaluation new novel proposed standard common different several various quantitative qualitative existing "
    "popular same other single simple automatic automated human performance accuracy quality similarity distance "
    "error loss objective".split()
)


def named_metrics(stext: str, base: int, candidates: list) -> None:
    """"the deletion metric", "a pointing measure": a plain noun that the text calls a
    metric names one (Metric candidates "deletion metric", "pointing measure"; "the
    deletion/insertion metric" names two, the first by the word alone, named
    "deletion metric"). Words that
    say which kind ("evaluation metric", "a new metric") name none; a listed name before
    "metric" ("the BLEU metric") is the gazetteer's."""
    for m in _NAMED_METRIC.finditer(stext):
        words = [w for w in _METRIC_WORD.finditer(m.group(1)) if w.group() != "and"]
        for w in words:  # "the deletion/insertion metric": two metrics
            word = w.group()
            entry = load_lexicon().get(word)
            listed = entry is not None and (not entry.needs_case or word in entry.surfaces)
            if not _NOUN_ENDING.search(word) or word in _METRIC_KINDS or is_denied(word) or listed:
                continue
            start = base + m.start(1) + w.start()
            end = base + m.end(2) if w is words[-1] else start + len(word)
            name = None if w is words[-1] else f"{word} {m.group(2)}"
            candidates.append(Candidate(start, end, "Metric", "kg_metric_context", 0.8, name))


class PatternFinder:
    def __call__(self, doc: Doc) -> Doc:
        candidates = doc_list(doc, "kg_candidates")
        proposals = doc_list(doc, "kg_proposals")
        title_name = self._title_name(doc._.kg_title)
        if title_name:
            proposals.append(Proposal(title_name, None, None, "kg_title"))
            for start, end in occurrences(doc_text(doc), title_name):
                candidates.append(Candidate(start, end, "Method", "kg_title", 0.95))
        for s_start, s_end in sentences(doc):
            stext = doc_text(doc)[s_start:s_end]
            self._proposals(stext, s_start, s_end, candidates, proposals)
            self._datasets(stext, s_start, candidates)
            named_metrics(stext, s_start, candidates)
        return doc

    @staticmethod
    def _title_name(title: str) -> str | None:
        m = _TITLE_PREFIX.match(title or "")
        return m.group(1) if m and is_coined_name(m.group(1)) else None

    @staticmethod
    def _proposals(stext: str, base: int, end: int, candidates: list, proposals: list) -> None:
        if not _WHO_PROPOSES.search(stext):
            return
        for pattern, source in ((_PROPOSE, "kg_propose"), (_CALLED, "kg_called"), (_PROPOSE_COLON, "kg_propose")):
            for m in pattern.finditer(stext):
                if pattern is _PROPOSE_COLON and _NOT_A_METHOD.search(m.group("what")):
                    continue
                for s, name in PatternFinder._listed_names(stext, m.start(m.lastindex), m.group(m.lastindex)):
                    candidates.append(Candidate(base + s, base + s + len(name), "Method", source, 0.9))
                    proposals.append(Proposal(name, base, end, source))

    @staticmethod
    def _listed_names(stext: str, start: int, first: str) -> list[tuple[int, str]]:
        """The coined names proposed together, "we propose X and Y" ("Sparse X and Batch X"
        come from the relations' variants): the first, then each one joined by "," or "and"."""
        names, pos, name = [], start, first
        while True:
            name = name.rstrip(".")
            if not is_coined_name(name):
                break
            names.append((pos, name))
            more = _MORE_NAMES.match(stext, pos + len(name))
            if not more:
                break
            pos, name = more.start(1), more.group(1)
            if re.search(r"-[a-z]+$", name):  # "and BERT-based baselines" names no new method
                break
        return names

    @staticmethod
    def _datasets(stext: str, base: int, candidates: list) -> None:
        for m in _ON_DATASET.finditer(stext):
            name = m.group(1)
            if any(c.isalpha() for c in name) and not name.isdigit():
                candidates.append(Candidate(base + m.start(1), base + m.end(1), "Dataset", "kg_dataset_context", 0.8))
        for m in _DATASET_LIST.finditer(stext):
            for s, e in list_items(m.group(1), base + m.start(1)):
                name = leading_name(stext[s - base : e - base])
                if name:
                    candidates.append(Candidate(s, s + len(name), "Dataset", "kg_dataset_list", 0.75))


@Language.factory(
    "kg_patterns",
    assigns=["doc._.kg_candidates", "doc._.kg_proposals"],
)
def make_patterns(nlp: Language, name: str) -> PatternFinder:
    """Reads ``doc._.kg_title`` (set by the caller); adds to ``doc._.kg_candidates`` and writes ``doc._.kg_proposals``."""
    return PatternFinder()
