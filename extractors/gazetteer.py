"""``kg_gazetteer``: known names from the shipped lists, matched case-insensitively on tokens.

The lists hold about 19,000 spellings. Tokenizing them for spaCy's PhraseMatcher took
about a second at every start (most of a cold ``kg build`` of the sample), so their
tokens are computed once, when the lists change, and shipped in
``data/name_tokens.json``, grouped by first token (``python -m training.name_tokens``
writes it; a test checks it matches the lists and the tokenizer). :class:`NameTable`
matches those token sequences on a doc's lower-case token ids, and finds exactly what the
PhraseMatcher (``attr="LOWER"``) found, in the same order. It builds a first token's
sequences when a doc first has that token: a start reads only the first tokens.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from functools import lru_cache

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from .extensions import Candidate, doc_list, doc_text, sentences
from .lexicon import DATA_DIR, LIST_FILES, LexiconEntry, is_proper_use, load_lexicon

NAME_TOKENS = DATA_DIR / "name_tokens.json"
NameTokens = list[tuple[str, tuple[str, ...]]]  # (lexicon key, lower-case tokens of one spelling)
NameGroups = dict[str, list[list]]  # first token -> [[lexicon key, [tokens]], ...], in list order


def lists_digest() -> str:
    """SHA-256 of the name lists the lexicon is read from: which lists name_tokens.json is of."""
    digest = hashlib.sha256()
    for name in LIST_FILES:
        digest.update(name.encode() + b"\0" + (DATA_DIR / name).read_bytes())
    return digest.hexdigest()


def name_tokens(nlp: Language, lexicon: dict[str, LexiconEntry]) -> NameTokens:
    """The lower-case tokens of every spelling in ``lexicon``, tokenized by ``nlp``."""
    spellings = [(key, s) for key, entry in lexicon.items() for s in entry.surfaces]
    docs = nlp.tokenizer.pipe(s for _, s in spellings)
    return [(key, tuple(t.lower_ for t in doc)) for (key, _), doc in zip(spellings, docs)]


def group_names(names: NameTokens) -> NameGroups:
    """``names`` by first token, in their order (as name_tokens.json holds them).

    >>> group_names([("bert", ("bert",)), ("gpt", ("gpt",)), ("bert large", ("bert", "large"))])
    {'bert': [['bert', ['bert']], ['bert large', ['bert', 'large']]], 'gpt': [['gpt', ['gpt']]]}
    """
    groups: NameGroups = {}
    for key, tokens in names:
        if tokens:
            groups.setdefault(tokens[0], []).append([key, list(tokens)])
    return groups


@lru_cache(maxsize=1)
def shipped_name_groups() -> NameGroups | None:
    """The names in name_tokens.json, or None when the file is missing or of other lists."""
    try:
        data = json.loads(NAME_TOKENS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("lists") != lists_digest() or not isinstance(data.get("by_first"), dict):
        return None
    return data["by_first"]


def write_name_tokens(nlp: Language) -> int:
    """Write name_tokens.json for the current lists; returns the number of spellings."""
    names = name_tokens(nlp, load_lexicon())
    data = {"lists": lists_digest(), "by_first": group_names(names)}
    NAME_TOKENS.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return len(names)


class NameTable:
    """Token sequences of the known names, by the id of their first lower-case token.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> table = NameTable(nlp, group_names([("bert", ("bert",)), ("bert large", ("bert", "large"))]))
    >>> list(table.matches(nlp("We tune BERT Large.")))
    [('bert', 2, 3), ('bert large', 2, 4)]
    """

    def __init__(self, nlp: Language, groups: NameGroups) -> None:
        self.strings = nlp.vocab.strings  # strings[s] is the id spaCy gives s (a symbol's, or its hash)
        self.groups = groups
        self.first_ids = {self.strings[first]: first for first in groups}
        # first token id -> [(length, {token ids: keys})], shortest first; made when first needed
        self.by_first: dict[int, list[tuple[int, dict[tuple[int, ...], list[str]]]]] = {}

    def _sequences(self, first: int) -> list[tuple[int, dict[tuple[int, ...], list[str]]]]:
        by_length: dict[int, dict[tuple[int, ...], list[str]]] = {}
        for key, tokens in self.groups[self.first_ids[first]]:
            keys = by_length.setdefault(len(tokens), {}).setdefault(tuple(self.strings[t] for t in tokens), [])
            if key not in keys:
                keys.append(key)
        made = self.by_first[first] = sorted(by_length.items())
        return made

    def matches(self, doc: Doc) -> Iterator[tuple[str, int, int]]:
        """(key, start token, end token) of every known name in ``doc``, overlapping ones
        too, by start then end."""
        lower = doc.to_array("LOWER").tolist()
        n = len(lower)
        for i, first in enumerate(lower):
            if first not in self.first_ids:
                continue
            for length, seqs in self.by_first.get(first) or self._sequences(first):
                end = i + length
                if end > n:
                    break
                keys = seqs.get(tuple(lower[i:end]))
                if keys:
                    for key in keys:
                        yield key, i, end


_VARIANT = re.compile(r"(?:[-/.][A-Za-z0-9]+)+")
_BARE_ACRONYM = re.compile(r"[A-Z]{2,4}s?")
_VARIANT_BEFORE = re.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z0-9]+-)+$")


class GazetteerMatcher:
    """Finds every known name, case-insensitively, then applies each name's case rule."""

    source = "kg_gazetteer"

    def __init__(self, nlp: Language, name: str) -> None:
        self.lexicon: dict[str, LexiconEntry] = load_lexicon()
        self.table = NameTable(nlp, shipped_name_groups() or group_names(name_tokens(nlp, self.lexicon)))

    def __call__(self, doc: Doc) -> Doc:
        candidates = doc_list(doc, "kg_candidates")
        text = doc_text(doc)
        matches = list(self.table.matches(doc))
        if not matches:
            return doc
        bounds = doc.to_array(["IDX", "LENGTH"])  # no Span objects: offsets of the matches only
        firsts, lasts = numpy.array([(m[1], m[2] - 1) for m in matches]).T
        start_chars = bounds[firsts, 0].tolist()
        end_chars = (bounds[lasts, 0] + bounds[lasts, 1]).tolist()
        found = []
        starts = {s for s, _ in sentences(doc)}
        for (key, _, _), start_char, end_char in zip(matches, start_chars, end_chars):
            entry = self.lexicon[key]
            surface = text[start_char:end_char]
            if entry.needs_case and surface not in entry.surfaces:
                continue
            if not is_proper_use(entry, surface, start_char in starts):
                continue
            # "ICVaR-VI" is not a kind of the listed "VI": a bare acronym has no variants before it
            start = start_char if _BARE_ACRONYM.fullmatch(surface) else self._variant_start(text, start_char)
            found.append((start, self._variant_end(text, end_char), start_char, end_char, entry))
        exact = {(start_char, end_char) for _, _, start_char, end_char, _ in found}
        for start, end, start_char, end_char, entry in found:
            variant = (start, end) != (start_char, end_char)
            if variant and (start, end) in exact:
                continue  # the variant is itself a listed name: keep that entry
            candidates.append(Candidate(start, end, entry.type, self.source, entry.score, None if variant else entry.canonical))
        return doc

    @staticmethod
    def _variant_start(text: str, start: int) -> int:
        """Extend "PaLM" to "U-PaLM" and "ImageNet" to "Tiny-ImageNet": the same rule leftwards."""
        m = _VARIANT_BEFORE.search(text, max(0, start - 40), start)
        return m.start() if m and any(c.isdigit() or c.isupper() for c in m.group()) else start

    @staticmethod
    def _variant_end(text: str, end: int) -> int:
        """Extend "ViT" to "ViT-B/16" and "GPT" to "GPT-3.5": a variant is a distinct thing.
        Suffixes in lower case ("-based", "-like") are not variants."""
        m = _VARIANT.match(text, end)
        return m.end() if m and any(c.isdigit() or c.isupper() for c in m.group()) else end


@Language.factory(
    "kg_gazetteer",
    assigns=["doc._.kg_candidates"],
)
def make_gazetteer(nlp: Language, name: str) -> GazetteerMatcher:
    """Writes ``doc._.kg_candidates``: the name-list matches."""
    return GazetteerMatcher(nlp, name)
