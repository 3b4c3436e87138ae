"""``kg_results``: reported numbers tied to a metric, and where stated a dataset and method.

"81.5% top-1 accuracy on ImageNet", "an FID of 52.3 and 60.3 on COCO and Visual Genome,
respectively", "PTB (95.92 F1) and CTB (92.31)". A number counts when it carries a unit
(%, x, points) or sits right next to a metric ("FID of 52.3", "28.4 BLEU"); bare counts
are ignored, and so is a number that measures another word ("19.8 fps", "28.3M params").

Gains and ratios ("+2.0% over X", "improves F1 by 3%", "by 1.8 points", "3x faster") are
*changes*, not values: their unit says so (:data:`CHANGE_UNITS`: "% change", "points",
"x"), so that leaderboards can leave them out, and they are credited to the paper's
method, never to the baseline they are measured against ("over the MoCo baseline").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import Result

from .extensions import Candidate, doc_list, doc_text, sentences
from .relations import name_of
from .result_phrases import (
    BASELINE_AFTER,
    BASELINE_BEFORE,
    CHANGE_WORDS,
    DATASET_AFTER_BRACKET,
    DATASET_WINDOW,
    FROM_BEFORE,
    LINK_WORDS,
    LIST_GAP,
    METRIC_LINK,
    NOUN_OF,
    NUMBER,
    OURS,
    OWN_VALUE,
    PARALLEL_GAP,
    PREPOSITION_BEFORE,
    SPEED,
    VALUE_NOUNS,
    WINDOW,
    WORD,
    after_ours,
    change_unit,
    clause_start,
    credited_to_other,
    crosses_bracket,
    enclosing_bracket,
    is_change,
    leaves_bracket,
    metric_name,
    next_word,
    number_groups,
    points_after_metric,
    proposed_methods,
    scope_dataset,
    subject_of,
    unit_of,
    value,
)

_DIGIT = re.compile(r"\d")


@dataclass(eq=False)
class _Found:
    """A number kept as a result, with what the sentence ties to it."""

    match: re.Match
    group: int  # index of its list ("52.3 and 60.3") in the sentence
    metric: str | None
    unit: str
    change: bool = False
    sibling: bool = False  # "CTB (92.31)": a bracketed score of a dataset


# ---- the component ---------------------------------------------------------------------


class ResultFinder:
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        mentions: list[Candidate] = self._named_metrics(text, doc._.kg_mentions or [])
        if doc._.kg_mentions is not None:
            doc._.kg_mentions = mentions
        results = doc_list(doc, "kg_results")
        relations = doc_list(doc, "kg_relations")
        proposed = proposed_methods(text, doc._.kg_title, relations, mentions)
        for s, e in sentences(doc):
            in_sent = [m for m in mentions if s <= m.start < e]
            beaten = {r.tail for r in relations if r.type == "OUTPERFORMS" and r.start == s}
            results.extend(self._sentence(text, s, e, in_sent, proposed, beaten))
        return doc

    @staticmethod
    def _named_metrics(text: str, mentions: list[Candidate]) -> list[Candidate]:
        """Metric mentions written with a unit ("accuracy (%)") named as the metric, so that
        the entity, its node and its results agree on one name."""
        out = []
        for m in mentions:
            name = name_of(text, m)
            base, _ = metric_name(name) if m.type == "Metric" else (name, "")
            out.append(replace(m, canonical=base) if base != name else m)
        return out

    def _sentence(
        self, text: str, s: int, e: int, in_sent: list[Candidate], proposed: list[str], beaten: set[str]
    ) -> list[Result]:
        if not _DIGIT.search(text, s, e):  # most sentences: no number, no result
            return []
        metrics = [m for m in in_sent if m.type == "Metric"]
        numbers = [n for n in NUMBER.finditer(text, s, e) if not self._inside_entity(n, in_sent)]
        numbers = [n for n in numbers if "," not in n.group(1)]  # "20,000 images": counts, not scores
        groups = number_groups(text, numbers)
        found = self._found(text, s, e, numbers, groups, metrics, in_sent)
        datasets = self._datasets(text, s, e, found, [m for m in in_sent if m.type == "Dataset"], in_sent)
        out = []
        for f, dataset in zip(found, datasets):
            name, bracket_unit = metric_name(f.metric or "")
            unit = f.unit or bracket_unit
            method = self._method(text, s, f, found, in_sent, proposed, beaten)
            n = f.match
            out.append(
                Result(name, value(n), change_unit(unit) if f.change else unit, text[s:e],
                       n.start(1), n.end(1), method=method, dataset=dataset)
            )
        return out

    def _found(
        self, text: str, s: int, e: int, numbers: list[re.Match], groups: list[int],
        metrics: list[Candidate], in_sent: list[Candidate],
    ) -> list[_Found]:
        """The numbers that are results, each with its metric and unit."""
        paired = self._respective_metrics(text, s, e, numbers, groups, metrics)
        found: list[_Found] = []
        for i, n in enumerate(numbers):
            unit = unit_of(n.group(2))
            members = [k for k, g in enumerate(groups) if g == groups[i]]
            first, last = numbers[members[0]], numbers[members[-1]]
            mention, attached = paired.get(i), i in paired
            if mention is None:
                mention, attached = self._metric(text, s, e, n, last, numbers, metrics, in_sent)
            metric = name_of(text, mention) if mention else None
            if mention and not unit:  # "an accuracy (%) of 81.2" is 81.2%
                unit = metric_name(text[mention.start : mention.end])[1]
            if unit == "x" and SPEED.search(text, max(s, n.start() - 40), min(e, n.end() + 40)) and not attached:
                metric, attached = "speedup", True
            sibling = False
            if metric is None and found and self._bracket_sibling(text, n, in_sent):
                metric, sibling = found[-1].metric, True
            listed = any(f.group == groups[i] for f in found)
            if metric is None or not (unit or attached or listed or sibling):
                continue
            unit = points_after_metric(text, mention, unit) if attached else unit
            change = is_change(text, s, first, last, unit) or self._parallel_change(text, found, first, in_sent)
            found.append(_Found(n, groups[i], metric, unit, change, sibling))
        return found

    @staticmethod
    def _parallel_change(text: str, found: list[_Found], first: re.Match, in_sent: list[Candidate]) -> bool:
        """Does the list starting at ``first`` repeat the shape of a change before it? "a gain
        of 5.5% Pass@1 on HumanEval and 3.5% Pass@1 on RepoEval", "by 5.5 mIoU for A and 4.9
        mIoU for B": the second number is a gain too."""
        prev = found[-1] if found else None
        if prev is None or not prev.change or prev.match.end() > first.start():
            return False
        gap = text[prev.match.end() : first.start()]
        for m in in_sent:
            if prev.match.end() <= m.start and m.end <= first.start() and m.type in ("Metric", "Dataset"):
                gap = gap.replace(text[m.start : m.end], " ", 1)
        return PARALLEL_GAP.match(gap) is not None

    @staticmethod
    def _inside_entity(n: re.Match, mentions: list[Candidate]) -> bool:
        return any(m.start <= n.start(1) < m.end for m in mentions)

    @staticmethod
    def _respective_metrics(
        text: str, s: int, e: int, numbers: list[re.Match], groups: list[int], metrics: list[Candidate]
    ) -> dict[int, Candidate]:
        """"16.1%, 11.9% and 12.0% on precision, recall and F1, respectively": a list of
        metrics as long as the list of numbers pairs with it in order."""
        if "respectively" not in text[s:e] or len(metrics) < 2:
            return {}
        lists: list[list[Candidate]] = [[metrics[0]]]
        for a, b in zip(metrics, metrics[1:]):
            if LIST_GAP.match(text[a.end : b.start]) or re.match(r"^\s*,?\s*and\s+$", text[a.end : b.start]):
                lists[-1].append(b)
            else:
                lists.append([b])
        out: dict[int, str] = {}
        for g in set(groups):
            members = [k for k, x in enumerate(groups) if x == g]
            fits = [ms for ms in lists if len(ms) == len(members) > 1]
            if fits:
                for k, m in zip(members, fits[0]):
                    out[k] = m
        return out

    @staticmethod
    def _metric(
        text: str, s: int, e: int, n: re.Match, last: re.Match, numbers: list[re.Match],
        metrics: list[Candidate], in_sent: list[Candidate],
    ) -> tuple[Candidate | None, bool]:
        """The metric of number ``n`` (``last`` ends its list) and whether it is glued to it.

        The metric right after the list ("81.5% top-1 accuracy", "25% and 30% AP"), else
        the one the number is linked to before it ("FID of 52.3"), else the nearest before
        within :data:`WINDOW`. None when the number measures another word ("19.8 fps",
        "10% ImageNet training data")."""
        own = next((m for m in metrics if m.start >= n.end()), None)
        if own is not None and ResultFinder._glued_after(text, n.end(), own, in_sent):
            return own, True  # "80.3 MOTA, 77.3 IDF1": each its own
        after = [m for m in metrics if 0 <= m.start - last.end() <= WINDOW and ";" not in text[last.end() : m.start]]
        after = [m for m in after if not any(last.end() <= x.start() < m.start for x in numbers)]
        if after and ResultFinder._glued_after(text, last.end(), after[0], in_sent):
            return after[0], True
        if ResultFinder._measures_other_word(text, n.end(), e, metrics, in_sent):
            return None, False
        if ResultFinder._of_another_noun(text, s, n, metrics):
            return None, False
        before = [
            m for m in metrics
            if 0 <= n.start() - m.end <= WINDOW and not leaves_bracket(text[m.end : n.start()])
            and ";" not in text[m.end : n.start()]
        ]
        if before:
            m = before[-1]
            linked = METRIC_LINK.match(text[m.end : n.start()] or " ") is not None
            if linked or not any(m.end <= x.start() < n.start() and not LIST_GAP.match(text[x.end() : n.start()]) for x in numbers):
                return m, linked
        if after and "(" not in text[last.end() : after[0].start]:
            return after[0], False
        return None, False

    @staticmethod
    def _of_another_noun(text: str, s: int, n: re.Match, metrics: list[Candidate]) -> bool:
        """Is the number the value of a noun that is no metric ("a true positive rate of
        95%, a false positive rate of 1.4%": 95 is not the false positive rate's)?"""
        m = NOUN_OF.search(text, s, n.start())
        if m is None or m.group(1).casefold() in VALUE_NOUNS or re.fullmatch(CHANGE_WORDS, m.group(1), re.I):
            return False
        return not any(c.end == m.end(1) for c in metrics)

    @staticmethod
    def _glued_after(text: str, at: int, metric: Candidate, in_sent: list[Candidate]) -> bool:
        """Is ``metric`` the noun the number at ``at`` measures: right after it, or after at
        most two plain words or names ("81.5% mean accuracy", "+2.83% ImageNet accuracy")?"""
        between = text[at : metric.start]
        if re.search(r"[,;:()\d]", between) or OWN_VALUE.match(text, metric.end):
            return False  # "a recall of 83 and a precision of 92": precision has its own number
        for m in in_sent:
            if at <= m.start and m.end <= metric.start:
                between = between.replace(text[m.start : m.end], " ")
        return len(WORD.findall(between)) <= 2

    @staticmethod
    def _measures_other_word(text: str, at: int, end: int, metrics: list[Candidate], in_sent: list[Candidate]) -> bool:
        """Is the number followed by a word that is what it counts ("19.8 fps", "28.3M
        parameters", "10% ImageNet training data") rather than a link ("on", "and")?"""
        word = next_word(text, at, end)
        if word is None:
            return False
        w, start = word
        if any(m.start == start for m in metrics):
            return False
        return w.casefold() not in LINK_WORDS or any(m.start == start and m.type != "Metric" for m in in_sent)

    @staticmethod
    def _bracket_sibling(text: str, n: re.Match, in_sent: list[Candidate]) -> bool:
        """Is the number alone in a bracket right after a dataset ("CTB (92.31)")? Then it
        is that dataset's score, in the metric the sentence gave the previous one."""
        before = re.search(r"\(\s*$", text[: n.start()])
        if not before or not re.match(r"^\s*\)", text[n.end() :]):
            return False
        return any(m.type == "Dataset" and not text[m.end : before.start()].strip() for m in in_sent)

    @staticmethod
    def _datasets(
        text: str, s: int, e: int, found: list[_Found], datasets: list[Candidate], in_sent: list[Candidate]
    ) -> list[str | None]:
        """One dataset per number: paired in order with "respectively"; else the dataset
        right before the bracket the number sits in ("PTB (95.92 F1)"); else a dataset that
        belongs to the number's list (:meth:`_owner`), after it first; else the nearest
        dataset before it ("On ImageNet, A gets 81.5% and B 80.1%")."""
        if not found:
            return []
        names = [name_of(text, d) for d in datasets]
        if "respectively" in text[s:e] and len(datasets) == len(found) > 1:
            return names
        respective = ResultFinder._respective_datasets(text, found, datasets)
        groups = ResultFinder._dataset_groups(text, found, in_sent)
        spans = ResultFinder._group_spans(found, groups)
        owner = [ResultFinder._owner(text, d, spans) for d in datasets]
        out: list[str | None] = []
        for k, f in enumerate(found):
            lead = ResultFinder._bracket_owner(text, s, f.match, datasets)
            g_start, g_end = spans[groups[k]]
            mine = [i for i in range(len(datasets)) if owner[i] == groups[k]]
            after = [i for i in mine if 0 <= datasets[i].start - g_end <= DATASET_WINDOW]
            before = [i for i in mine if 0 <= g_start - datasets[i].end <= DATASET_WINDOW]
            near = [
                i for i, d in enumerate(datasets)
                if 0 <= g_start - d.end <= WINDOW and not crosses_bracket(text[d.end : g_start]) and ";" not in text[d.end : g_start]
                and (owner[i] is None or spans[owner[i]][0] >= d.end)  # a dataset stated before its numbers
            ]
            if f in respective:
                out.append(respective[f])
            elif lead is not None:
                out.append(name_of(text, lead))
            else:
                pick = after[0] if after else (before[-1] if before else (near[-1] if near else None))
                out.append(names[pick] if pick is not None else None)
        return ResultFinder._fill_datasets(text, s, found, datasets, out)

    @staticmethod
    def _fill_datasets(
        text: str, s: int, found: list[_Found], datasets: list[Candidate], out: list[str | None]
    ) -> list[str | None]:
        """Datasets the sentence gives numbers from further away: the one right after their
        bracket ("(57.2% mAP and 64.5% NDS) on the nuScenes test set"), the one of the
        number their bracket glosses ("on LFW by 52.5% (accuracy from 91.93% to 96.17%)"),
        and the one the sentence opens with ("Experimental results on the LFW show that
        ...", "On the SYSU-MM01 dataset, ...")."""
        scope = scope_dataset(text, s, found[0].match.start(), datasets)
        for k, f in enumerate(found):
            if out[k] is not None:
                continue
            bracket = enclosing_bracket(text, s, f.match)
            if bracket is not None:
                follows = next((d for d in datasets if d.start >= bracket[1]), None)
                if follows is not None and DATASET_AFTER_BRACKET.match(text[bracket[1] : follows.start]):
                    out[k] = name_of(text, follows)
                    continue
                glossed = [j for j in range(k) if found[j].match.end() <= bracket[0]]
                if glossed and out[glossed[-1]] and re.match(r"^\s*$", text[found[glossed[-1]].match.end() : bracket[0]]):
                    out[k] = out[glossed[-1]]
                    continue
            out[k] = scope
        return out

    @staticmethod
    def _dataset_groups(text: str, found: list[_Found], in_sent: list[Candidate]) -> list[int]:
        """Numbers that share a dataset: a list of numbers, or of scores with their metrics
        ("80.3 MOTA, 77.3 IDF1 and 63.1 HOTA on MOT17")."""
        out: list[int] = []
        for k, f in enumerate(found):
            if k and (f.group == found[k - 1].group or ResultFinder._metric_list_gap(text, found[k - 1].match.end(), f.match.start(), in_sent)):
                out.append(out[-1])
            else:
                out.append(out[-1] + 1 if out else 0)
        return out

    @staticmethod
    def _metric_list_gap(text: str, a: int, b: int, in_sent: list[Candidate]) -> bool:
        between = text[a:b]
        for m in in_sent:
            if a <= m.start and m.end <= b and m.type == "Metric":
                between = between.replace(text[m.start : m.end], "", 1)
        return LIST_GAP.match(" " + between.strip() + " ") is not None

    @staticmethod
    def _respective_datasets(text: str, found: list[_Found], datasets: list[Candidate]) -> dict:
        """A list of numbers followed by a list of datasets as long, with "respectively"."""
        out: dict = {}
        for g in {f.group for f in found}:
            members = [f for f in found if f.group == g]
            if len(members) < 2:
                continue
            after = [d for d in datasets if d.start >= members[-1].match.end()]
            run: list[Candidate] = []
            for d in after:
                if run and not re.match(r"^\s*(?:,\s*(?:and\s+)?|and\s+)$", text[run[-1].end : d.start]):
                    break
                run.append(d)
            tail = text[run[-1].end : run[-1].end + 20] if run else ""
            if len(run) == len(members) and "respectively" in tail:
                out.update({f: name_of(text, d) for f, d in zip(members, run)})
        return out

    @staticmethod
    def _group_spans(found: list[_Found], groups: list[int]) -> dict[int, tuple[int, int]]:
        spans: dict[int, tuple[int, int]] = {}
        for f, g in zip(found, groups):
            start, end = spans.get(g, (f.match.start(), f.match.end()))
            spans[g] = (min(start, f.match.start()), max(end, f.match.end()))
        return spans

    @staticmethod
    def _owner(text: str, d: Candidate, spans: dict[int, tuple[int, int]]) -> int | None:
        """The list of numbers a dataset belongs to, among those it shares a bracket and a
        clause with: the next one when it is written right before it ("on LVIS 30.2",
        "MOT17: 80.3"), the previous one when it follows it with a preposition ("84.9% on
        FMD and 86.3% on UIUC"), else the nearest."""
        prev = nxt = None
        for g, (start, end) in spans.items():
            between = text[end : d.start] if d.start >= end else text[d.end : start]
            if crosses_bracket(between) or ";" in between or (start < d.end and d.start < end):
                continue
            if d.start >= end and (prev is None or end > spans[prev][1]):
                prev = g
            if start >= d.end and (nxt is None or start < spans[nxt][0]):
                nxt = g
        if nxt is not None and re.match(r"^\s*[(:=]?\s*$", text[d.end : spans[nxt][0]]):
            return nxt
        if prev is not None and PREPOSITION_BEFORE.search(text[spans[prev][1] : d.start]):
            return prev
        if prev is None or nxt is None:
            return prev if nxt is None else nxt
        return prev if d.start - spans[prev][1] <= spans[nxt][0] - d.end else nxt

    @staticmethod
    def _bracket_owner(text: str, s: int, n: re.Match, datasets: list[Candidate]) -> Candidate | None:
        """The dataset right before the bracket the number opens: "PTB (95.92 F1)"."""
        opened = text.rfind("(", s, n.start())
        if opened < 0 or ")" in text[opened : n.start()]:
            return None
        return next((d for d in datasets if d.end <= opened and not text[d.end : opened].strip()), None)

    @staticmethod
    def _method(
        text: str, s: int, f: _Found, found: list[_Found], mentions: list[Candidate], proposed: list[str],
        beaten: set[str],
    ) -> str | None:
        """Who achieves the number. Never a baseline (a method the sentence beats, or named
        after "over", "than", "compared to", "improving" or before "baseline"), except the
        first value of "from 85.19% to 87.59% over X", which is X's. A value goes to the
        method its clause says achieves it ("with GPT-4 only achieving 62%"), and to no
        method when the clause gives it to a baseline ("the best published F1 of 81.8",
        "random (11%)"). Else a proposed method named in the sentence, the last before the
        number; else the paper's proposal when it is the only one or the sentence says "our
        model"; else the nearest method before the number in its clause."""
        methods = [m for m in mentions if m.type == "Method"]
        baselines = [m for m in methods if ResultFinder._is_baseline(text, m, beaten)]
        if ResultFinder._starts_from(text, f, found):
            later = [m for m in baselines if m.start >= f.match.end()]
            earlier = [m for m in baselines if 0 <= f.match.start() - m.end <= WINDOW]
            pick = later[0] if later else (earlier[-1] if earlier else None)
            return name_of(text, pick) if pick else None
        if not f.change:
            clause = clause_start(text, s, f.match.start())
            subject = subject_of(text, clause, f.match.start(), [m for m in methods if m not in baselines])
            if subject is not None:
                return name_of(text, subject)
            if credited_to_other(text, after_ours(text, clause, f.match.start(), methods, proposed), f.match):
                return None
        named = [m for m in methods if m not in baselines and name_of(text, m) in proposed]
        if named:
            before = [m for m in named if m.end <= f.match.start()]
            return name_of(text, before[-1] if before else named[0])
        if proposed and (len(set(proposed)) == 1 or OURS.search(text, s, f.match.start())):
            return proposed[0]
        before = [
            name_of(text, m) for m in methods
            if m.end <= f.match.start() and m not in baselines and not re.search(r"[;:]", text[m.end : f.match.start()])
        ]
        return before[-1] if before else None

    @staticmethod
    def _is_baseline(text: str, m: Candidate, beaten: set[str]) -> bool:
        start = max(0, m.start - 60)
        return (
            name_of(text, m) in beaten
            or BASELINE_BEFORE.search(text[start : m.start]) is not None
            or BASELINE_AFTER.match(text[m.end : m.end + 20]) is not None
        )

    @staticmethod
    def _starts_from(text: str, f: _Found, found: list[_Found]) -> bool:
        """Is ``f`` the "85.19%" of "from 85.19% to 87.59%": the baseline's value?"""
        members = [x for x in found if x.group == f.group]
        return (
            len(members) == 2 and members[0] is f
            and FROM_BEFORE.search(text[max(0, f.match.start() - 20) : f.match.start()]) is not None
        )


@Language.factory(
    "kg_results",
    requires=["doc._.kg_mentions", "doc._.kg_relations"],
    assigns=["doc._.kg_results", "doc._.kg_mentions"],
)
def make_results(nlp: Language, name: str) -> ResultFinder:
    """Reads ``doc._.kg_mentions``, ``doc._.kg_relations`` and ``doc._.kg_title`` (set by the caller); writes ``doc._.kg_results`` and renames metric mentions in ``doc._.kg_mentions``."""
    return ResultFinder()
