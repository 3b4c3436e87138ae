"""``kg_relations``: links between the entities of one abstract, each with its sentence.

PROPOSES (paper -> method), EVALUATED_ON (method -> dataset), ADDRESSES (method -> task),
OUTPERFORMS (method -> method) and PART_OF (component -> method). A sentence's subject
method is the nearest method before the verb (with the methods coordinated with it, "both
A and B outperform"), or the paper's proposed method when the sentence speaks of "our
method", "the proposed approach", "it", "we".

Relations are read off the chosen mentions only: a rule here never makes a new entity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import Relation

from .extensions import Candidate, Proposal, doc_list, doc_text, occurrences, sentence_at, sentences
from .names import is_coined_name

Head = Candidate | str

_PROPOSE_BEFORE = re.compile(r"\b(?:propose|present|introduce|develop|design|call|term|dub|name)[a-z]*\s+(?:\S+\s+){0,6}$", re.I)
# "the recently developed GANs", "was proposed by": someone else's method
_NOT_OURS_BEFORE = re.compile(r"\b(?:recently|previously|widely|originally|been|was|were|by)\s+(?:propos|present|introduc|develop|design)\w*\s+(?:\S+\s+){0,6}$", re.I)
_PROPOSER = re.compile(r"\b(?:we|our|this (?:paper|work|study|article)|here)\b", re.I)
_PROPOSE_VERB = r"(?:propose|present|introduce|develop|design|describe)[a-z]*"
# "we propose a simple method, FooNet," / "this work introduces a blueprint ...: transform once (T1)"
_APPOSITIVE_PROPOSAL = re.compile(
    rf"\b(?:we|this (?:paper|work|study|article))\s+(?:\w+\s+)?{_PROPOSE_VERB}\s+"
    r"(?:(?:an?|the)\s+[a-z][\w\-\s]{0,80},\s*(?:the\s+|namely\s+|i\.e\.,?\s+)?|[^.;:]{0,120}:\s*(?:[a-z][\w\-]*\s+){0,5}\(\s*)$",
    re.I,
)
# "we first prove that a value iteration-based algorithm, ICVaR-VI, achieves": an unlisted name
_OUR_KIND_APPOSITION = re.compile(
    r"\bwe\b[^.;]*\b(?:an?)\s+(?:[\w-]+\s+){0,4}(?:algorithm|method|model|framework|approach|network|architecture|scheme|technique|variant),\s*$",
    re.I,
)
_NOVEL_APPOSITION = re.compile(r"^\s*(?:\)\s*)?,\s*(?:a|an)\s+(?:novel|new)\b", re.I)
_PASSIVE_PROPOSAL = re.compile(
    r"^\s*\)?\s*(?:(?:model|method|framework|approach|algorithm|network|architecture|system)\s+)?"
    r"(?:is|are)\s+(?:here\s+|first\s+)?(?:proposed|presented|introduced|developed)\b",
    re.I,
)

_EVAL_CUE = re.compile(
    r"\b(?:experiment|evaluat|result|achiev|outperform|surpass|benchmark|test|accura|state-of-the-art|on|"
    r"show|demonstrat|validat|verif|conduct|perform|report)\w*",
    re.I,
)
# a dataset named as a baseline's starting point, not as the test bed: "ImageNet initializations"
_SOURCE_AFTER = re.compile(r"^[\s-]*(?:initiali[sz]\w*|pre-?train\w*|weights|checkpoints?)\b", re.I)
# a method named as the thing beaten ("over MoCo", "than BERT"): not the one evaluated
_BASELINE_BEFORE = re.compile(
    r"\b(?:over|than|compared (?:with|to)|against|outperform\w*|surpass\w*|beat\w*)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I
)
_LISTED_WITH = re.compile(r"^\s*(?:\([^()]{1,30}\)\s*)?(?:,\s*|,?\s*(?:and|or)\s+)$", re.I)

_OUTPERFORM = re.compile(
    r"\b(?:outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beat(?:s|ing)?|better than|superior to|exceed(?:s|ed|ing)?|"
    r"improv(?:es|ed|ing) (?:on|over|upon)|(?:improvements?|gains?|advantages?) over)\b",
    re.I,
)
# "improving ViT-B/16 by +2.83%": the method right after the verb, then a number
_IMPROVE_BY = re.compile(r"\bimprov(?:es|ed|ing)\s+(?:the\s+)?(?=\S)(?P<obj>[^,;()]{1,60}?)\s+by\s+\+?\d", re.I)
_COMPARED = re.compile(r"\b(?:compared (?:with|to)|in comparison (?:with|to)|relative to)\s+", re.I)
_OVER_BASELINE = re.compile(r"\bover\s+(?:the\s+)?(?:(?:strong|previous|prior|existing|competitive|state-of-the-art)\s+)*", re.I)
_BASELINE_AFTER = re.compile(r"^\s+baselines?\b", re.I)
_GAIN = re.compile(
    r"\b(?:better|improv\w*|outperform\w*|higher|faster|superior|gains?|boost\w*|reduc\w*|favorabl\w*|speed-?ups?|state-of-the-art)\b",
    re.I,
)
_PART_OF = re.compile(r"\b(?:(?:is |are )?composed of|consist(?:s|ing)? of|compris(?:es|ing)|made up of)\b", re.I)
# not "including": "five LLMs including Vicuna and MPT" lists examples, not parts
_CONTAINS = re.compile(r"\b(?:contains|includes)\b", re.I)
_PARTS_LEAD = re.compile(r"^\s*(?:(?:two|three|four|five|several)\s+(?:main\s+|key\s+)?(?:components|modules|parts|blocks)\s*:?\s*)?$", re.I)
_USES = re.compile(r"\b(?:us(?:e|es|ing)|with|via|through|leverag\w*|employ\w*|adopt\w*|incorporat\w*)\b", re.I)
# "X contains", "X, which includes": the verb right after the whole
_RIGHT_AFTER_WHOLE = re.compile(r"^\s*(?:\)\s*)?(?:,\s*)?(?:(?:which|that)\s+)?(?:also\s+|mainly\s+)?$", re.I)
_PART_NOUN_OF = r"^\s+(?:module|component|block|layer|branch|head|encoder|decoder|unit|loss|mechanism|regularizer)s?\s+(?:of|in)\s+"
_MODULE_OF = re.compile(_PART_NOUN_OF + r"(?:the\s+|our\s+|an?\s+)?$", re.I)
_OUR_AFTER_MODULE = re.compile(
    _PART_NOUN_OF + r"(?:our|the proposed)\s+(?:\w+\s+)?(?:method|approach|model|framework|system|architecture|algorithm|network)\b",
    re.I,
)
_WITH_PARTS = re.compile(r"^\s*(?:\)\s*)?,?\s*(?:with|including|consisting of|comprising)\s+", re.I)
_NOVEL_BEFORE = re.compile(r"\b(?:an?|the)\s+(?:novel|new|proposed)\s+(?:[a-z][\w-]*\s+){0,2}$", re.I)
_CLAUSE_END = re.compile(r"[;]|,\s*(?:while|which|whereas|but|and\s+(?:achiev|reduc|improv|show))|\b(?:on|in terms of|by|across|while|with)\b", re.I)
_WE = re.compile(r"\b(?:we|our|this (?:paper|work|study))\b", re.I)
_WE_RIGHT_BEFORE = re.compile(r"\bwe\s+(?:\w+\s+)?$", re.I)
_OUR = re.compile(r"\b(?:our|the proposed|this)\s+(?:\w+\s+)?(?:method|approach|model|framework|system|architecture|algorithm|network)s?\b|\bit\b", re.I)
_OUR_NOUN = re.compile(_OUR.pattern.removesuffix(r"|\bit\b"), re.I)
_COORDINATED = re.compile(r"^\s*(?:,|,?\s*(?:and|or|&))\s*(?:both\s+)?$", re.I)
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|&)\s+)(?:the\s+)?$", re.I)
_LEAD_GAP = re.compile(r"^\s*(?:the\s+|both\s+|all\s+|several\s+|prior\s+|previous\s+|existing\s+|strong\s+)*$", re.I)


def name_of(text: str, c: Candidate) -> str:
    return c.canonical or text[c.start : c.end]


def listed_after(text: str, pos: int, methods: list[Candidate], end: int) -> list[Candidate]:
    """The methods listed right at ``pos`` ("MVSNet and CasMVSNet, our ..."): the first one
    after at most an article, the others joined to it by commas or "and"."""
    out: list[Candidate] = []
    for m in sorted((m for m in methods if pos <= m.start and m.end <= end), key=lambda m: m.start):
        gap = text[out[-1].end if out else pos : m.start]
        if not (_LIST_GAP if out else _LEAD_GAP).match(gap):
            break
        out.append(m)
    return out


def coordinated(text: str, last: Candidate, methods: list[Candidate]) -> list[Candidate]:
    """``last`` and the methods joined to it before ("both DistillNearest and DistillWeighted")."""
    group = [last]
    for m in sorted((m for m in methods if m.end <= last.start), key=lambda m: m.start, reverse=True):
        if not _COORDINATED.match(text[m.end : group[0].start]):
            break
        group.insert(0, m)
    return group


class RelationFinder:
    source = "kg_relations"

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        mentions: list[Candidate] = doc._.kg_mentions or []
        relations: list[Relation] = doc_list(doc, "kg_relations")
        proposed = self._proposed(doc, mentions)
        proposed_names = list(dict.fromkeys(p.name for p in proposed))
        title = doc._.kg_title or ""
        for p in proposed:
            evidence, start, end = (text[p.start : p.end], p.start, p.end) if p.start is not None else (title, None, None)
            relations.append(
                Relation("PROPOSES", doc._.kg_paper_id, p.name, "Paper", "Method", evidence, start, end, p.source)
            )
        for start, end in sentences(doc):
            in_sent = [m for m in mentions if start <= m.start < end]
            if in_sent:
                relations.extend(self._sentence(text, start, end, in_sent, proposed_names))
        return doc

    # --- PROPOSES -------------------------------------------------------------------

    def _proposed(self, doc: Doc, mentions: list[Candidate]) -> list[Proposal]:
        """Proposals from the patterns, from acronym definitions and from how the text
        introduces a named method; then the variants of those ("Sparse WaveRNN")."""
        found: list[Proposal] = list(doc_list(doc, "kg_proposals"))
        found += self._acronym_proposals(doc)
        methods = [m for m in mentions if m.type == "Method"]
        found += self._mention_proposals(doc, methods)
        found += self._title_proposals(doc, methods)
        found += self._variants(doc, methods, {p.name for p in found})
        unique: dict[str, Proposal] = {}
        for p in found:
            if p.name.strip() and p.name == p.name.strip():
                unique.setdefault(p.name, p)
        return list(unique.values())

    @staticmethod
    def _acronym_proposals(doc: Doc) -> list[Proposal]:
        """Method acronyms defined right after "we present", or followed by "is proposed"."""
        text, out = doc_text(doc), []
        for pair in doc_list(doc, "kg_acronyms"):
            if pair.type != "Method":
                continue
            s_start, s_end = sentence_at(doc, pair.long_start)
            first, last = min(pair.long_start, pair.short_start), max(pair.long_end, pair.short_end)
            before, after = text[s_start:first], text[last:s_end]
            active = _PROPOSE_BEFORE.search(before) and not _NOT_OURS_BEFORE.search(before)
            passive = _PASSIVE_PROPOSAL.match(after) and _PROPOSER.search(before)
            if active or passive:
                out.append(Proposal(text[pair.short_start : pair.short_end], s_start, s_end, "kg_acronyms"))
        return out

    @staticmethod
    def _mention_proposals(doc: Doc, methods: list[Candidate]) -> list[Proposal]:
        """A coined method name the paper introduces: "we propose a simple method, FooNet",
        "we introduce ...: long form (FN)", "FooNet, a novel ...", "In this work, FooNet is proposed"."""
        text, out = doc_text(doc), []
        for m in methods:
            surface = text[m.start : m.end]
            if not is_coined_name(surface):
                continue
            s_start, s_end = sentence_at(doc, m.start)
            before, after = text[s_start : m.start], text[m.end : s_end]
            appositive = _APPOSITIVE_PROPOSAL.search(before)
            novel = _NOVEL_APPOSITION.match(after)
            passive = _PASSIVE_PROPOSAL.match(after) and _PROPOSER.search(before)
            unlisted = m.source != "kg_gazetteer" and _OUR_KIND_APPOSITION.search(before) and after.lstrip().startswith(",")
            if appositive or novel or passive or unlisted:
                out.append(Proposal(surface, s_start, s_end, "kg_relations"))
        return out

    @staticmethod
    def _title_proposals(doc: Doc, methods: list[Candidate]) -> list[Proposal]:
        """The method the title is named after: "Adaptive Neural Trees" -> "adaptive neural
        trees (ANTs)" in the abstract; the title prefix rule only sees coined names."""
        text, title = doc_text(doc), (doc._.kg_title or "")
        heads = {re.sub(r"\s+", " ", t).strip().lower() for t in (title, title.split(":")[0]) if t.strip()}
        out = []
        for pair in doc_list(doc, "kg_acronyms"):
            if text[pair.long_start : pair.long_end].lower() in heads:
                short = (pair.short_start, pair.short_end)
                if any((m.start, m.end) == short for m in methods):
                    out.append(Proposal(text[short[0] : short[1]], None, None, "kg_title"))
        for m in methods:
            if text[m.start : m.end].lower() in heads and len(text[m.start : m.end].split()) > 1:
                out.append(Proposal(text[m.start : m.end], None, None, "kg_title"))
        return out

    @staticmethod
    def _variants(doc: Doc, methods: list[Candidate], proposed: set[str]) -> list[Proposal]:
        """Variants of a proposed method are proposed too: "Sparse WaveRNN", "Batch WaveRNN",
        acronyms of "MatFormer-based ViT (MatViT)"."""
        text, out = doc_text(doc), []
        coined = [p for p in proposed if is_coined_name(p)]
        if not coined:
            return out

        def contains_proposal(name: str) -> bool:
            return any(next(occurrences(name, p, hyphen_after=True), None) for p in coined)

        for pair in doc_list(doc, "kg_acronyms"):
            long_form = text[pair.long_start : pair.long_end]
            if pair.type == "Method" and long_form not in proposed and contains_proposal(long_form):
                s_start, s_end = sentence_at(doc, pair.short_start)
                out.append(Proposal(text[pair.short_start : pair.short_end], s_start, s_end, "kg_relations"))
        for m in methods:
            surface = text[m.start : m.end]
            if re.fullmatch(r"[A-Z][a-z]+ \S+", surface) and surface.split()[1] in coined:
                s_start, s_end = sentence_at(doc, m.start)
                out.append(Proposal(surface, s_start, s_end, "kg_relations"))
        return out

    # --- one sentence -----------------------------------------------------------------

    def _sentence(self, text: str, start: int, end: int, mentions: list[Candidate], proposed: list[str]) -> list[Relation]:
        sentence = text[start:end]
        out: list[Relation] = []

        def rel(type_: str, head: Head, tail: Head, head_type: str, tail_type: str | None = None) -> None:
            head_name = head if isinstance(head, str) else name_of(text, head)
            tail_name = tail if isinstance(tail, str) else name_of(text, tail)
            type_of_tail = tail_type or (tail.type if isinstance(tail, Candidate) else "Method")
            if head_name != tail_name and not any((r.type, r.head, r.tail) == (type_, head_name, tail_name) for r in out):
                out.append(Relation(type_, head_name, tail_name, head_type, type_of_tail, sentence, start, end, self.source))

        methods = [m for m in mentions if m.type == "Method"]
        ours = [m for m in methods if name_of(text, m) in proposed]
        cue = bool(_EVAL_CUE.search(sentence))
        for dataset in (m for m in mentions if m.type == "Dataset"):
            for subject in self._subjects_for(text, start, dataset, ours, methods, proposed, cue):
                rel("EVALUATED_ON", subject, dataset, "Method")
        for task in (m for m in mentions if m.type == "Task"):
            for subject in ours or (proposed if _WE.search(sentence) else []):
                rel("ADDRESSES", subject, task, "Method")
        for head, tail in self._outperforms(text, start, end, methods, ours, proposed):
            rel("OUTPERFORMS", head, tail, "Method")
        for part, whole in self._parts(text, start, end, methods, ours, proposed):
            rel("PART_OF", part, whole, "Method", "Method")
        return out

    # --- EVALUATED_ON -----------------------------------------------------------------

    @staticmethod
    def _subjects_for(
        text: str, start: int, dataset: Candidate, ours: list[Candidate], methods: list[Candidate], proposed: list[str], cue: bool
    ) -> list[Head]:
        """Who is evaluated on ``dataset``: the paper's own methods when the sentence names
        them; else a method named before the dataset (not one named as the baseline beaten,
        nor one listed with the datasets); else the proposal when the sentence reports an
        evaluation. A dataset named as a starting point ("ImageNet initializations") is none."""
        if _SOURCE_AFTER.match(text[dataset.end : dataset.end + 30]):
            return []
        if ours:
            return list(ours)
        before = [
            m for m in methods
            if m.end <= dataset.start
            and not _BASELINE_BEFORE.search(text[start : m.start])
            and not _LISTED_WITH.match(text[m.end : dataset.start])
        ]
        if proposed and _OUR.search(text[start : dataset.start]):
            return list(proposed)
        if before:
            return before[-1:]
        if proposed and cue:
            return list(proposed)
        return []

    # --- OUTPERFORMS ------------------------------------------------------------------

    def _outperforms(
        self, text: str, start: int, end: int, methods: list[Candidate], ours: list[Candidate], proposed: list[str]
    ) -> Iterable[tuple[Head, Candidate]]:
        """(winner, loser) pairs: "X outperforms Y and Z", "improving Y by 2%", "compared
        with Y, our X achieves ... improvements", "... over the Y baseline"."""
        if not methods:  # every loser is a method mention of the sentence
            return
        sentence = text[start:end]
        for verb in _OUTPERFORM.finditer(sentence):
            heads = self._subject(text, start, start + verb.start(), methods, proposed)
            for tail in self._objects(text, start + verb.end(), end, methods):
                yield from ((h, tail) for h in heads)
        for m in _IMPROVE_BY.finditer(sentence):
            obj_start = start + m.start("obj")
            tails = listed_after(text, obj_start, methods, start + m.end("obj"))
            heads = self._subject(text, start, start + m.start(), methods, proposed) if tails else []
            yield from ((h, t) for h in heads for t in tails)
        if not _GAIN.search(sentence):
            return
        for m in _COMPARED.finditer(sentence):
            tails = listed_after(text, start + m.end(), methods, end)
            yield from ((h, t) for h in self._winner(text, start, end, m.start(), tails, methods, ours, proposed) for t in tails)
        for m in _OVER_BASELINE.finditer(sentence):
            tails = listed_after(text, start + m.end(), methods, end)
            if tails and _BASELINE_AFTER.match(text[tails[-1].end : end]):
                yield from ((h, t) for h in self._subject(text, start, start + m.start(), methods, proposed) for t in tails)

    def _winner(
        self, text: str, start: int, end: int, at: int, tails: list[Candidate], methods: list[Candidate],
        ours: list[Candidate], proposed: list[str],
    ) -> list[Head]:
        """Who beats the methods "compared with": the paper's method named in the sentence,
        else "our method"/"we", else the method named before the comparison."""
        if not tails:
            return []
        mine = [m for m in ours if m not in tails]
        if mine:
            return mine[:1]
        if proposed and (_OUR.search(text[start:end]) or re.search(r"\bwe\b", text[start:end], re.I)):
            return [proposed[0]]
        return self._subject(text, start, start + at, [m for m in methods if m not in tails], proposed)

    @staticmethod
    def _subject(text: str, start: int, verb_start: int, methods: list[Candidate], proposed: list[str]) -> list[Head]:
        """The methods before the verb ("A and B outperform"), or the proposal when the
        subject is "our method", "it" or "we" (also "Compared with A, our model outperforms")."""
        earlier = [m for m in methods if m.end <= verb_start and not _BASELINE_BEFORE.search(text[start : m.start])]
        before = text[start:verb_start]
        if earlier:
            between = text[earlier[-1].end : verb_start]  # "it" here is the method just named
            if proposed and (_OUR_NOUN.search(between) or _WE_RIGHT_BEFORE.search(between)):
                return [proposed[0]]
            return list(coordinated(text, earlier[-1], methods))
        if proposed and (_OUR.search(before) or _WE_RIGHT_BEFORE.search(before)):
            return [proposed[0]]
        return []

    @staticmethod
    def _objects(text: str, after: int, end: int, methods: list[Candidate]) -> list[Candidate]:
        stop = _CLAUSE_END.search(text, after, end)
        limit = stop.start() if stop else end
        return [m for m in methods if after <= m.start and m.end <= limit]

    # --- PART_OF ----------------------------------------------------------------------

    def _parts(
        self, text: str, start: int, end: int, methods: list[Candidate], ours: list[Candidate], proposed: list[str]
    ) -> Iterable[tuple[Candidate, Head]]:
        """(component, whole) pairs: "X consists of A, B and C", "X, which includes A",
        "the A module of X", "we propose X with A and B", "X ... using a novel A"."""
        if not methods:  # every part is a method mention of the sentence
            return
        sentence = text[start:end]
        for verb in _PART_OF.finditer(sentence):
            wholes = self._subject(text, start, start + verb.start(), methods, proposed)[-1:]
            yield from ((p, w) for w in wholes for p in self._objects(text, start + verb.end(), end, methods))
        for verb in _CONTAINS.finditer(sentence):
            wholes = self._adjacent_whole(text, start, start + verb.start(), methods, proposed)
            yield from ((p, w) for w in wholes for p in self._listed_parts(text, start + verb.end(), end, methods))
        for part in methods:
            whole = self._module_of(text, part, methods, proposed, end)
            if whole is not None:
                yield part, whole
        for whole in ours:
            yield from ((p, whole) for p in self._named_components(text, whole, methods, proposed, end))

    @staticmethod
    def _listed_parts(text: str, after: int, end: int, methods: list[Candidate]) -> list[Candidate]:
        """The parts listed right after "contains": "two components: A and B", "A, B and C"."""
        later = sorted((m for m in methods if m.start >= after and m.end <= end), key=lambda m: m.start)
        if not later or not _PARTS_LEAD.match(re.sub(r"^\s*(?:the|an?)\s+", " ", text[after : later[0].start])):
            return []
        return listed_after(text, later[0].start, methods, end)

    @staticmethod
    def _adjacent_whole(text: str, start: int, verb_start: int, methods: list[Candidate], proposed: list[str]) -> list[Head]:
        """The whole of "X contains" / "X, which includes": named right before the verb, since
        "we compare with baselines including A" lists no parts."""
        earlier = [m for m in methods if m.end <= verb_start]
        if earlier and _RIGHT_AFTER_WHOLE.match(text[earlier[-1].end : verb_start]):
            whole = earlier[-1]
            return [whole] if is_coined_name(text[whole.start : whole.end]) or name_of(text, whole) in proposed else []
        if proposed and re.search(r"\b(?:our|the proposed)\s+(?:\w+\s+)?(?:method|approach|model|framework|system|architecture|network)\s*(?:,\s*which\s+|which\s+)?$", text[start:verb_start], re.I):
            return [proposed[0]]
        return []

    @staticmethod
    def _module_of(text: str, part: Candidate, methods: list[Candidate], proposed: list[str], end: int) -> Head | None:
        """The whole of "the A module of X" / "the A loss in our model"."""
        after = [m for m in methods if m.start >= part.end and m.end <= end]
        if after and _MODULE_OF.match(text[part.end : after[0].start]):
            return after[0]
        if proposed and _OUR_AFTER_MODULE.match(text[part.end : end]):
            return proposed[0]
        return None

    @staticmethod
    def _named_components(text: str, whole: Candidate, methods: list[Candidate], proposed: list[str], end: int) -> list[Candidate]:
        """Components named with the paper's method: "we propose X with A and B" (A, B coined
        names the lists don't know) and "X ... using a novel A"."""
        later = [m for m in methods if m.start >= whole.end and m.end <= end and text[m.start : m.end] not in proposed]
        parts = []
        if _WITH_PARTS.match(text[whole.end : whole.end + 40]):
            stop = re.compile(r"[;]|\b(?:to|for|that|which|and\s+(?:show|achiev|demonstrat|evaluat))\b", re.I).search(text, whole.end, end)
            limit = stop.start() if stop else end
            parts += [m for m in later if m.end <= limit and is_coined_name(text[m.start : m.end]) and m.source != "kg_gazetteer"]
        # "X, a novel sparse Transformer" describes X itself; "X ... using a novel A" names a part
        parts += [m for m in later if _NOVEL_BEFORE.search(gap := text[whole.end : m.start]) and _USES.search(gap)]
        return list(dict.fromkeys(parts))


@Language.factory(
    "kg_relations",
    requires=["doc._.kg_mentions", "doc._.kg_proposals", "doc._.kg_acronyms"],
    assigns=["doc._.kg_relations"],
)
def make_relations(nlp: Language, name: str) -> RelationFinder:
    """Reads ``doc._.kg_mentions``, ``doc._.kg_proposals``, ``doc._.kg_acronyms`` and, set by the caller, ``doc._.kg_title`` and ``doc._.kg_paper_id``; writes ``doc._.kg_relations``."""
    return RelationFinder()
