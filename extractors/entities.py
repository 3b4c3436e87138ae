"""``kg_entities``: choose one entity per stretch of text from the overlapping candidates.

Names first found by a pattern (a proposal, an acronym, a dataset context) are then
looked up everywhere else in the abstract, so "TLEG" is tagged each time it occurs.
Overlaps are settled longest first ("top-1 accuracy" over "accuracy"), then by score.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from kg.model import EXTRACTOR_CHOICES

from .acronyms import AcronymFinder
from .confidence import calibrated
from .evidence import has_value, is_measured, learned_name, retype_by_context
from .extensions import SPANS_KEY, Candidate, doc_list, doc_text, occurrences
from .gazetteer import GazetteerMatcher
from .learned import SOURCE as LEARNED_SOURCE
from .lexicon import load_lexicon
from .names import is_name_like

LISTED_SOURCE = GazetteerMatcher.source
ACRONYM_SOURCE = AcronymFinder.source

MAX_NAME_CHARS = 200  # the longest listed name has 89; a longer match is a run of text (and too big to index)
_NAMING_PATTERNS = {"kg_metric_context"}  # the text itself calls it a metric: "the deletion metric"
_PROPAGATED_SOURCES = {"kg_propose", "kg_called", "kg_title", "kg_acronyms", "kg_dataset_context", "kg_dataset_list"}


def propagate(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Every other occurrence of a pattern-found name, as a candidate of the same type."""
    seen = {(c.start, c.end) for c in candidates}
    found: dict[str, Candidate] = {}
    for c in candidates:
        if c.source in _PROPAGATED_SOURCES:
            found.setdefault(text[c.start : c.end], c)
    extra = []
    for name, origin in found.items():
        for start, end in occurrences(text, name):
            if (start, end) not in seen:
                extra.append(Candidate(start, end, origin.type, origin.source, round(origin.score * 0.98, 3), origin.canonical))
    return extra


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first, then highest score; in text order."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, -c.score, c.start, c.type)):
        if all(c.end <= s or c.start >= e for s, e in taken):
            chosen.append(c)
            taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def is_bare_acronym(text: str) -> bool:
    """Up to four capitals (and digits): "POS", "NIST", "L1", "AS". From a name list alone
    such a name is ambiguous: "POS" is listed as a metric, "AS" as a dataset."""
    return len(text) <= 4 and text.isupper() and text.isalnum()


def _known_name(c: Candidate, text: str) -> bool:
    """Does the rule candidate ``c`` name a known thing that overrules the model?"""
    name = text[c.start : c.end]
    if c.canonical or c.source in _NAMING_PATTERNS:
        return True
    return is_name_like(name) and not (c.source == LISTED_SOURCE and is_bare_acronym(name))


def choose(candidates: list[Candidate], sources: str, text: str) -> list[Candidate]:
    """The entities of one doc from its candidates, in text order.

    ``rules``: the rule candidates (plus propagated names); ``model``: the learned ones
    only; ``all``: first the known names that look like names (:func:`~extractors.names.is_name_like`:
    "ImageNet-1K", "BERT") or are curated aliases ("classification accuracy" is top-1
    accuracy), whose type, extent and canonical name the lists know best;
    then the learned entities wherever they do not overlap those, or where they are a
    mention of a known name (:func:`mention_of_known`) or a longer name that holds one
    (:func:`longer_than_known`). Where a learned span is
    exactly a known name it takes the list's type and canonical name; the rules'
    common-word terms ("accuracy") and listed bare acronyms ("POS", :func:`is_bare_acronym`)
    count only that way (adding them where the model found nothing lowered F1 on both
    dev sets).
    """
    rules = [c for c in candidates if c.source != LEARNED_SOURCE]
    learned = [c for c in candidates if c.source == LEARNED_SOURCE]
    if sources == "model":
        return select(_fits(learned))
    by_rules = [c for c in select(_fits([*rules, *propagate(text, rules)])) if is_measured(c, text)]
    if sources == "rules":
        return by_rules
    known = {(c.start, c.end): c for c in by_rules}
    names = [c for c in by_rules if _known_name(c, text) or (c.type == "Metric" and has_value(c, text))]
    chosen = list(names)
    for c in select(_fits(learned)):
        if all(c.end <= k.start or c.start >= k.end for k in names):
            if (c.start, c.end) in known:  # the lists agree: their type and name
                chosen.append(known[(c.start, c.end)])
            elif named := listed_plural(c, text) or mention_of_known(c, by_rules, by_rules, text) or learned_name(c, text):
                chosen.append(named)  # a mention of a listed bare acronym ("the BLEU metric") is BLEU
        elif mention := mention_of_known(c, by_rules, names, text) or longer_than_known(c, names, text):
            chosen = [k for k in chosen if not (mention.start <= k.start and k.end <= mention.end)]
            chosen.append(mention)
    return retype_by_context(sorted(chosen, key=lambda c: c.start), text)


#: Head nouns a mention may add to a name without naming something else, and the type
#: each implies: "MCTest dataset" and "the ACGMRF model" mention MCTest and ACGMRF; but a
#: "Question Answering system" is a method, not the task Question Answering.
HEAD_TYPES = {
    **dict.fromkeys("model models method methods system systems algorithm algorithms network networks "
                    "framework architecture technique techniques approach approaches".split(), "Method"),
    **dict.fromkeys("dataset datasets corpus corpora benchmark benchmarks data".split(), "Dataset"),
    **dict.fromkeys("task tasks problem problems".split(), "Task"),
    **dict.fromkeys("metric metrics measure score scores".split(), "Metric"),
}
_WORDS = re.compile(r"\w+")


def _within(k: Candidate, span: Candidate) -> bool:
    return span.start <= k.start and k.end <= span.end


def _crosses_edge(span: Candidate, names: list[Candidate]) -> bool:
    """Does a known name overlap ``span`` without lying within it?"""
    return any(k.start < span.end and span.start < k.end and not _within(k, span) for k in names)


def _one_acronym_pair(inside: list[Candidate]) -> bool:
    return len(inside) == 2 and all(k.source == ACRONYM_SOURCE for k in inside) and inside[0].type == inside[1].type


def mention_of_known(learned: Candidate, rules: list[Candidate], names: list[Candidate], text: str) -> Candidate | None:
    """The learned span as one mention of the known name inside it, or None.

    The model marks mentions as the gold sets do: "MCTest dataset", "word error rate
    (WER)". When such a span holds one known name, or an acronym and its long form (and
    no name crosses its edges), and adds nothing but head nouns (:data:`HEAD_TYPES`) and
    brackets, it is kept whole with the type and name of the first rule candidate inside
    it: the graph still gets the node MCTest, and one node for WER and its long form.
    Where a head noun implies another type than the name's ("Expectation-Maximization
    (EM) algorithm", EM being listed as a metric), the span names something else and
    stays the model's own entity, if it passes :func:`~extractors.evidence.learned_name`.
    """
    inside = [k for k in rules if _within(k, learned)]
    if not any(k in names for k in inside) or not (len(inside) == 1 or _one_acronym_pair(inside)):
        return None
    if _crosses_edge(learned, names):
        return None
    rest = text[learned.start : learned.end]
    for k in sorted(inside, key=lambda k: -k.start):
        rest = rest[: k.start - learned.start] + " " + rest[k.end - learned.start :]
    heads = [word.lower() for word in _WORDS.findall(rest)]
    if any(word not in HEAD_TYPES for word in heads):
        return None
    anchor = min(inside, key=lambda k: k.start)  # the long form of a pair
    if any(HEAD_TYPES[word] != anchor.type for word in heads):
        return learned_name(learned, text)  # "BIG-Bench tasks" names no task
    name = anchor.canonical or text[anchor.start : anchor.end]
    return Candidate(learned.start, learned.end, anchor.type, anchor.source, anchor.score, name)


def longer_than_known(learned: Candidate, names: list[Candidate], text: str) -> Candidate | None:
    """The learned span itself where it ends with one known name (or an acronym and its
    long form) and adds words before it, or None.

    "Deep Gaussian Processes", "Japanese morphological analysis (MA)": the words before
    the listed "Gaussian Processes" or the acronym's "morphological analysis" make a more
    specific name, and both dev sets mark it whole. Its name leaves out a closing
    "(ACRONYM)"; any other bracket after the name ("real-world data (WikiText)" gives an
    example) keeps the names. Words after the known name ("ResNet classifiers"), a type other than the
    known name's ("one-shot StreetLearn" as a method, StreetLearn being a dataset), a known
    name crossing the span's edge, or two known names inside it ("BLEU and METEOR") keep
    the names.
    """
    inside = [k for k in names if _within(k, learned)]
    if not inside or _crosses_edge(learned, names) or not (len(inside) == 1 or _one_acronym_pair(inside)):
        return None
    last = max(inside, key=lambda k: k.end)
    if last.type != learned.type:
        return None
    added = text[learned.start : min(k.start for k in inside)].split()
    if learned.type in ("Method", "Dataset") and any(w[0].islower() for w in added):
        return None  # "universal MatFormer-based ViT" describes a ViT; "Deep Gaussian Processes" names one
    tail = text[last.end : learned.end]
    if tail and last.source != ACRONYM_SOURCE:  # "data (WikiText)": an example, not a name
        return None
    if tail.strip(" )") or tail.count(")") != text[learned.start : last.end].count("(") - text[learned.start : last.end].count(")"):
        return None
    name = text[learned.start : learned.end]
    if name.endswith(")") and "(" in name:
        name = name[: name.rindex("(")].rstrip()
    return Candidate(learned.start, learned.end, learned.type, learned.source, learned.score, name)


def listed_plural(c: Candidate, text: str) -> Candidate | None:
    """A learned span that is the plural of a listed name ("Transformers", "GANs"), with
    the list's type and name; the lists hold the singular and match spellings exactly."""
    surface = text[c.start : c.end]
    if len(surface) < 4 or not surface.endswith("s"):
        return None
    entry = load_lexicon().get(surface[:-1].casefold())
    if entry is None or entry.everyday or (entry.needs_case and surface[:-1] not in entry.surfaces):
        return None
    return Candidate(c.start, c.end, entry.type, LISTED_SOURCE, entry.score, entry.canonical or entry.name)


def _fits(candidates: list[Candidate]) -> list[Candidate]:
    return [c for c in candidates if 0 < c.end - c.start <= MAX_NAME_CHARS]


class EntitySelector:
    def __init__(self, sources: str) -> None:
        self.sources = sources

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        chosen = choose(doc_list(doc, "kg_candidates"), self.sources, text)
        chosen = [replace(c, score=calibrated(c, text, self.sources)) for c in chosen]
        doc._.kg_mentions = chosen
        spans = []
        for c in chosen:
            span = doc.char_span(c.start, c.end, label=c.type, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[SPANS_KEY] = SpanGroup(doc, name=SPANS_KEY, spans=spans)
        return doc


@Language.factory(
    "kg_entities",
    default_config={"sources": "rules"},
    requires=["doc._.kg_candidates"],
    assigns=["doc._.kg_mentions", "doc.spans"],
)
def make_entities(nlp: Language, name: str, sources: str) -> EntitySelector:
    """``sources``: which entity candidates count: ``rules``, ``model`` or ``all``.
    Reads ``doc._.kg_candidates``; writes ``doc._.kg_mentions`` and ``doc.spans["kg"]``.
    """
    if sources not in EXTRACTOR_CHOICES:
        raise ValueError(f"kg_entities: sources must be one of {', '.join(EXTRACTOR_CHOICES)}, got {sources!r}")
    return EntitySelector(sources)
