"""``kg_relations``: links between the entities of one abstract, each with its sentence.

PROPOSES (paper -> method), EVALUATED_ON (method -> dataset), ADDRESSES (method -> task),
OUTPERFORMS (method -> method) and PART_OF (component -> method). A sentence's subject
method is the nearest method before the verb, or the paper's proposed method when the
sentence speaks of "our method", "the proposed approach", "it".
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import Relation

from .extensions import Candidate, Proposal, doc_list, doc_text, sentence_at, sentences

_PROPOSE_BEFORE = re.compile(r"\b(?:propose|present|introduce|develop|design|call|term|dub|name)[a-z]*\s+(?:\S+\s+){0,6}$", re.I)
_EVAL_CUE = re.compile(r"\b(?:experiment|evaluat|result|achiev|outperform|surpass|benchmark|test|accura|state-of-the-art|on)\w*", re.I)
_OUTPERFORM = re.compile(r"\b(?:outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|beat(?:s|ing)?|better than|superior to|improv(?:es|ed|ing) (?:on|over|upon))\b", re.I)
_PART_OF = re.compile(r"\b(?:(?:is |are )?composed of|consist(?:s|ing)? of|compris(?:es|ing)|made up of)\b", re.I)
_CLAUSE_END = re.compile(r"[;]|,\s*(?:while|which|whereas|but|and\s+(?:achiev|reduc|improv|show))|\b(?:on|in terms of|by|across|while|with)\b", re.I)
_WE = re.compile(r"\b(?:we|our|this (?:paper|work|study))\b", re.I)
_OUR = re.compile(r"\b(?:our|the proposed|this)\s+(?:\w+\s+)?(?:method|approach|model|framework|system|architecture|algorithm|network)s?\b|\bit\b", re.I)


def name_of(text: str, c: Candidate) -> str:
    return c.canonical or text[c.start : c.end]


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
            relations.append(Relation("PROPOSES", "", p.name, "Paper", "Method", evidence, start, end, p.source))
        for start, end in sentences(doc):
            in_sent = [m for m in mentions if start <= m.start < end]
            if in_sent:
                relations.extend(self._sentence(text, start, end, in_sent, proposed_names))
        return doc

    @staticmethod
    def _proposed(doc: Doc, mentions: list[Candidate]) -> list[Proposal]:
        """Proposals from the patterns, plus method acronyms defined right after "we present"."""
        found: list[Proposal] = list(doc_list(doc, "kg_proposals"))
        for pair in doc_list(doc, "kg_acronyms"):
            if pair.type != "Method":
                continue
            s_start, s_end = sentence_at(doc, pair.long_start)
            if _PROPOSE_BEFORE.search(doc_text(doc)[s_start : pair.long_start]):
                found.append(Proposal(doc_text(doc)[pair.short_start : pair.short_end], s_start, s_end, "kg_acronyms"))
        unique: dict[str, Proposal] = {}
        for p in found:
            unique.setdefault(p.name, p)
        return list(unique.values())

    def _sentence(self, text: str, start: int, end: int, mentions: list[Candidate], proposed: list[str]) -> list[Relation]:
        sentence = text[start:end]
        out: list[Relation] = []

        def rel(type_: str, head: Candidate | str, tail: Candidate, head_type: str) -> None:
            head_name = head if isinstance(head, str) else name_of(text, head)
            tail_name = name_of(text, tail)
            if head_name != tail_name:
                out.append(Relation(type_, head_name, tail_name, head_type, tail.type, sentence, start, end, self.source))

        methods = [m for m in mentions if m.type == "Method"]
        ours = [m for m in methods if name_of(text, m) in proposed]
        for dataset in (m for m in mentions if m.type == "Dataset"):
            for subject in self._subjects_for(dataset, ours, methods, proposed, bool(_EVAL_CUE.search(sentence))):
                rel("EVALUATED_ON", subject, dataset, "Method")
        for task in (m for m in mentions if m.type == "Task"):
            for subject in ours or (proposed if _WE.search(sentence) else []):
                rel("ADDRESSES", subject, task, "Method")
        for pattern, type_ in ((_OUTPERFORM, "OUTPERFORMS"), (_PART_OF, "PART_OF")):
            for verb in pattern.finditer(sentence):
                head = self._subject(text, start + verb.start(), methods, sentence[: verb.start()], proposed)
                if head is None:
                    continue
                for tail in self._objects(text, start + verb.end(), end, methods):
                    if type_ == "PART_OF":
                        out.append(Relation("PART_OF", name_of(text, tail), head if isinstance(head, str) else name_of(text, head), "Method", "Method", sentence, start, end, self.source))
                    else:
                        rel("OUTPERFORMS", head, tail, "Method")
        return out

    @staticmethod
    def _subjects_for(dataset: Candidate, ours: list[Candidate], methods: list[Candidate], proposed: list[str], cue: bool) -> list[Candidate | str]:
        """Who is evaluated on ``dataset``: the paper's own methods when the sentence names them
        or reports an evaluation; otherwise the nearest method named before the dataset."""
        if ours:
            return list(ours)
        if proposed and cue:
            return list(proposed)
        before = [m for m in methods if m.end <= dataset.start]
        return before[-1:]

    @staticmethod
    def _subject(text: str, verb_start: int, methods: list[Candidate], before: str, proposed: list[str]) -> Candidate | str | None:
        earlier = [m for m in methods if m.end <= verb_start]
        if earlier:
            return earlier[-1]
        if proposed and _OUR.search(before):
            return proposed[0]
        return None

    @staticmethod
    def _objects(text: str, after: int, end: int, methods: list[Candidate]) -> list[Candidate]:
        stop = _CLAUSE_END.search(text, after, end)
        limit = stop.start() if stop else end
        return [m for m in methods if after <= m.start and m.end <= limit]


@Language.factory("kg_relations")
def make_relations(nlp: Language, name: str) -> RelationFinder:
    return RelationFinder()
