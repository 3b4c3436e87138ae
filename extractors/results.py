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

from kg.model import CHANGE_PERCENT, CHANGE_UNITS, Result

from .extensions import Candidate, doc_list, doc_text, sentences
from .relations import name_of

_NUMBER = re.compile(
    r"(?:(?<=[\d%][\-–])(?=\d)|(?<![\w.\-/^%]))[+±]?([\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![\d^])\s?"
    r"(%\s?(?:points?|pp)\b|%|\s?percent(?:age points?)?\b|×|x(?![A-Za-z])|-fold|\s?times\b"
    r"|\s?(?:percentage\s)?points?\b|\s?pp\b)?"
)
_SPEED = re.compile(r"\b(?:faster|speed[\s\-]?ups?|accelerat\w*|quicker)\b", re.I)
_METRIC_LINK = re.compile(
    r"^\s*(?:score\s+|value\s+|rate\s+)?(?:of|is|are|was|were|=|:|reaches|reached|achieves|achieved|at|to|from|by)?"
    r"\s*(?:about|around|up to|only|just|nearly|approximately|roughly|over|at least|~)?\s*$",
    re.I,
)
_LIST_GAP = re.compile(r"^(?:\s*\([^()]{1,30}\))?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*|to\s+|vs\.?\s+|[-–]\s*)[+±]?$")
_FROM_BEFORE = re.compile(r"(?<!ranging )(?<!range )\bfrom\s+(?:about\s+|around\s+)?$", re.I)
WINDOW = 60  # characters between a number and its metric
_NOUN_OF = re.compile(r"\b([A-Za-z][\w\-]*)\s+(?:of|=)\s*(?:about|around|up to|only|just|over|nearly)?\s*[+\-−]?$")
_VALUE_NOUNS = frozenset("score scores value values average mean total result results performance".split())
_OWN_VALUE = re.compile(r"\s*(?:score\s+)?(?:of|=|:)\s*[+\-−]?\d")
DATASET_WINDOW = 100  # characters between a number and its dataset


_CHANGE_WORDS = (
    r"improv\w*|gains?|boost\w*|increas\w*|decreas\w*|reduc\w*|drops?|lower\w*|rais\w*|degrad\w*"
    r"|outperform\w*|surpass\w*|beat\w*|margin|advantage|higher|more|less|better|worse|fewer|faster|slower"
    r"|smaller|larger|relative|absolute|speed-?ups?|sav(?:e|es|ed|ing|ings)|lifts?|damag\w*|declin\w*"
)
_CHANGE_BEFORE = re.compile(
    rf"(?:\bby|\b(?:{_CHANGE_WORDS})(?:\s+in\s+(?:[\w\-@]+\s+){{1,3}}?of)?)\s+(?:(?:of|about|around|up|to|at|least|nearly|over|almost|approximately|an?|average|the|large|significant|margin|ranging|from|less|more|than|under|below|only|just|roughly|~)\s+){{0,4}}\(?\s*$",
    re.I,
)
_CHANGE_AFTER = re.compile(
    rf"^\s*(?:(?!and\b|or\b|with\b|while\b|on\b|in\b|at\b|for\b)[\w\-/@]+\s+){{0,3}}?(?:{_CHANGE_WORDS})\b", re.I
)
_OVER_BASELINE = re.compile(
    r"^[^.;:()]{0,70}?\b(?:over|than|compared (?:to|with)|relative to|against)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|strong\s+)?(?:[\w\-]+\s+){0,2}baselines?\b",
    re.I,
)
_BASELINE_BEFORE = re.compile(
    r"\b(?:over|than|vs\.?|versus|against|compared\s+(?:to|with)|relative\s+to|outperform\w*|surpass\w*|beat\w*|improv\w*|boost\w*)"
    r"\s+(?:(?:the|a|an|strong|previous|prior|best|existing|original|vanilla|state-of-the-art|sota|baseline|model|method)\s+)*$",
    re.I,
)
_PREPOSITION_BEFORE = re.compile(r"\b(?:on|in|for|over|across|at|of|with)\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
_OURS = re.compile(r"\b(?:[Oo]ur|[Ww]e)\b")
_PARALLEL_GAP = re.compile(
    r"^\s*(?:(?:on|for|in|at)\s+(?:the\s+)?(?:[\w\-]+\s*){0,3}?)?\s*(?:,\s*(?:and\s+)?|and\s+)[+±]?$", re.I
)
_BASELINE_AFTER = re.compile(r"^[\s\-]*(?:baselines?|counterparts?)\b", re.I)
# words a number may be followed by and still be measured by a metric around it
_LINK_WORDS = frozenset(
    "on in at for and or with without while when where than to from over across by under the a an as which that "
    "compared vs versus respectively using among against is are was were average mean overall absolute relative "
    "improvement improvements gain gains increase decrease reduction drop boost higher lower more less better worse "
    "fewer faster slower smaller larger top margin respectively".split()
)
_WORD = re.compile(r"[^\W\d_][\w\-']*", re.U)
_UNIT_BRACKET = re.compile(r"\s*[(\[]\s*(?:in\s+)?(%|‰|↑|↓|dB|ms|pp)\s*[)\]]\s*$")


@dataclass(eq=False)
class _Found:
    """A number kept as a result, with what the sentence ties to it."""

    match: re.Match
    group: int  # index of its list ("52.3 and 60.3") in the sentence
    metric: str | None
    unit: str
    change: bool = False
    sibling: bool = False  # "CTB (92.31)": a bracketed score of a dataset


# ---- pure helpers ----------------------------------------------------------------------


def metric_name(name: str) -> tuple[str, str]:
    """A metric written with its unit ("mIoU (%)") is the metric ("mIoU"): one name per
    meaning. Returns the name and the unit the bracket gave ("%" or "")."""
    m = _UNIT_BRACKET.search(name)
    if not m or not name[: m.start()].strip():
        return name, ""
    return name[: m.start()].strip(), "%" if m.group(1) in ("%", "pp") else ""


def _leaves_bracket(between: str) -> bool:
    """Does ``between`` close a bracket it did not open? Then the metric before it sat in a
    bracket of its own: "(+2.83% classification accuracy), data efficiency (+12.69% ...)"
    does not measure 12.69 in accuracy."""
    depth = 0
    for ch in between:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return True
    return False


def _crosses_bracket(between: str) -> bool:
    """Does ``between`` leave a bracket or enter one it does not close? Then the two ends
    are in different brackets: "PTB (95.92 F1) and ... CTB" keeps CTB from 95.92."""
    depth = 0
    for ch in between:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return True
    return depth != 0


def _unit(raw: str | None) -> str:
    if not raw:
        return ""
    raw = raw.strip()
    if raw in ("×", "x", "-fold", "times"):
        return "x"
    if "point" in raw or raw.endswith("pp"):
        return "points"
    if raw.startswith("percent"):
        return "%"
    return raw


def _value(n: re.Match) -> float:
    return float(n.group(1).replace("−", "-"))


def _groups(text: str, numbers: list[re.Match]) -> list[int]:
    """The list each number belongs to: "2.04%, 3.69% and 4.52%", "from 85.19% to 87.59%"
    and "3x to 10x" are one list each, read as a whole."""
    out: list[int] = []
    for i, n in enumerate(numbers):
        joined = i and _LIST_GAP.match(text[numbers[i - 1].end() : n.start()])
        out.append(out[-1] if joined else (out[-1] + 1 if out else 0))
    return out


def _next_word(text: str, at: int, end: int) -> tuple[str, int] | None:
    """The word right after position ``at`` (a letter glued to the number counts: "28.3M")."""
    m = _WORD.search(text, at, end)
    if m is None or text[at : m.start()].strip(" \t-"):
        return None
    return m.group(), m.start()


def _is_change(text: str, s: int, first: re.Match, last: re.Match, unit: str) -> bool:
    """Does the list ``first``..``last`` read as a change against a baseline? Ratios and
    points always do; so do signed numbers ("+2.0%"), numbers after "by" or a word of
    change ("improves F1 by 3%", "an improvement of 4.2%"), before one ("2.3% F1 gains",
    "19% higher") or before "over the baseline". "from 85.19% to 87.59%" are values."""
    if unit in ("x", "points"):
        return True
    if first.group()[0] in "+±":
        return True
    before = text[max(s, first.start() - 60) : first.start()]
    if _FROM_BEFORE.search(before):
        return False
    to = re.search(r"(\w+\s+)?\bto\s+(?:about\s+|around\s+)?$", before, re.I)
    if to and (to.group(1) or "").strip().casefold() != "up":
        return False
    after = _without_asides(text[last.end() : last.end() + 150])[:90]
    return bool(
        _CHANGE_BEFORE.search(before) or _CHANGE_AFTER.match(after) or _OVER_BASELINE.match(after)
        or _margin_bracket(text, s, first)
    )


def _change_unit(unit: str) -> str:
    """The unit that marks a change: "%" becomes "% change", a bare number "points" (a
    change in the metric's own units: "improves BLEU by 1.8")."""
    if unit in CHANGE_UNITS:
        return unit
    return CHANGE_PERCENT if unit == "%" else "points"


_ASIDE = re.compile(r"\s*\([^()]{0,60}\)")
_MARGIN_VERB = re.compile(r"\b(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|improv\w*|gains?|boost\w*)\b", re.I)
_VALUE_PAIR = re.compile(r"\d\S*\s*(?:to|→|->|vs\.?|versus)\s|\bfrom\b|(?:\bof|=|:)\s*[+±]?\d", re.I)


def _without_asides(after: str) -> str:
    """``after`` less its short bracketed asides, so that a change word after a gloss still
    counts: "76% BD-Rate (Bjontegaard Delta Rate) gains"."""
    return _ASIDE.sub("", after)


def _margin_bracket(text: str, s: int, first: re.Match) -> bool:
    """Is ``first`` inside a bracket that follows a verb or noun of gain in its clause?
    "outperforms prior methods (up to 8.6%, 2.7% and 2.5% mAP)", "F1 improvement (above
    0.5%)": the numbers are margins. Not when the bracket holds values ("77% to 93%",
    "mAP of 45.2", "IS=8.81")."""
    opened = text.rfind("(", s, first.start())
    if opened < 0 or ")" in text[opened : first.start()]:
        return False
    closed = text.find(")", first.end())
    inside = text[opened + 1 : closed if closed > 0 else first.end() + 40]
    if _VALUE_PAIR.search(inside):
        return False
    clause = re.split(r"[;:]|,\s+(?:while|whereas|but|and)\b", text[s:opened])[-1]
    return _MARGIN_VERB.search(clause[-100:]) is not None and not re.search(r"(?<![\w.\-])\d", clause[-100:])


def _points_after_metric(text: str, metric: Candidate | None, unit: str) -> str:
    """"3.4 accuracy points", "1.82 BLEU points": a change in points, written after the metric."""
    if metric is None or unit:
        return unit
    return "points" if re.match(r"^\s*(?:points?|pp)\b", text[metric.end : metric.end + 10]) else unit


_CLAUSE_BREAK = re.compile(r"[;:,]|\b(?:while|whereas|but|which|although|though)\b", re.I)
_ACHIEVE = re.compile(
    r"\b(?:achiev\w*|obtain\w*|reach\w*|attain\w*|gets?|getting|got|scor(?:es?|ing|ed)|has|have|had|yield\w*"
    r"|records?|recorded|hits?|deliver\w*|gives?|giving)\b",
    re.I,
)
_OTHERS = re.compile(
    r"\b(?:best[\s\-]published|previous(?:ly)?[\s\-]best|best[\s\-](?:previous|prior|earlier|existing|known|reported)"
    r"|prior|previous|earlier|existing|baselines?|human(?:s|[\s\-](?:performance|level|accuracy|experts?|annotators?))"
    r"|random(?=\s*\(|\s+(?:guess\w*|chance|baseline|classifier|performance|level|selection)\b)|chance(?:[\s\-]level)?"
    r"|state[\s\-]of[\s\-]the[\s\-]art\s+(?:methods?|models?|approach\w*|techniques?|systems?)"
    r"|unprotected|undefended|vanilla|naive)\b",
    re.I,
)
_COMPARED = re.compile(
    r"\b(?:than|short\s+of|compared\s+(?:to|with)|vs\.?|versus)\s+(?P<gap>[^\d;]{0,70})$", re.I
)
_QUANTIFIER_THAN = re.compile(r"\b(?:more|less|fewer|greater|higher|lower|larger|smaller|over|above|below|under)\s+than\s+$", re.I)
_OTHERS_AFTER = re.compile(
    r"^[^,;()]{0,40}?\b(?:for|of|by|from)\s+(?:the\s+|a\s+|an\s+)?(?:best\s+)?(?:baselines?|prior|previous|existing|competing|human|random)\b",
    re.I,
)


def _clause_start(text: str, s: int, at: int) -> int:
    """Where the clause holding position ``at`` begins: after the last comma, semicolon,
    colon or "while"/"but"/"which" before it in the sentence."""
    last = s
    for m in _CLAUSE_BREAK.finditer(text, s, at):
        last = m.end()
    return last


def _subject(text: str, clause: int, at: int, methods: list[Candidate]) -> Candidate | None:
    """The method that its clause says achieves the number at ``at``: the first method
    before a verb of achieving ("with GPT-4 only achieving 62%", "the PRN using only
    pairwise relations achieved 99.65%")."""
    verbs = list(_ACHIEVE.finditer(text, clause, at))
    if not verbs or len(text[verbs[-1].end() : at]) > 80:
        return None
    verb = verbs[-1]
    return next((m for m in methods if clause <= m.start and m.end <= verb.start()), None)


def _after_ours(text: str, clause: int, at: int, methods: list[Candidate], proposed: list[str]) -> int:
    """Where the clause, read back from ``at``, last named the paper's own method ("our",
    "we", a proposal): a baseline cue counts only after it ("our model is better than
    random (11%)", not "our model reaches human-level accuracy of 95%")."""
    ends = [m.end() for m in _OURS.finditer(text, clause, at)]
    ends += [m.end for m in methods if clause <= m.start and m.end <= at and name_of(text, m) in proposed]
    return max(ends, default=clause)


def _credited_to_other(text: str, clause: int, n: re.Match) -> bool:
    """Does the clause give the number to someone other than the paper's method? "the best
    published F1 score of 81.8", "better than random (11%)", "falls short of the 87%", "86%
    for the baseline"; not "more than 90%", which is a bound on one's own score."""
    before = text[clause : n.start()]
    compared = _COMPARED.search(before)
    if compared and not (_QUANTIFIER_THAN.search(before) and not compared.group("gap").strip("( ")):
        return True
    return _OTHERS.search(before) is not None or _OTHERS_AFTER.match(text[n.end() : n.end() + 60]) is not None



_DATA_TITLE = re.compile(
    r"^\s*(?:(?:a|an|the)\s+)?(?:[\w\-]+\s+){0,4}(?:dataset|benchmark|corpus|corpora|database|test\s?bed)s?\b"
    r"|^\s*[\d.,]+\s*(?:million|billion|thousand|[MKk])?\b[^:]{0,40}\b(?:images|videos|faces|photos|clips|scenes)\b",
    re.I,
)


def _proposed_methods(text: str, title: str | None, relations: list, mentions: list[Candidate]) -> list[str]:
    """The paper's proposals that are methods: a proposal the text names only as a dataset
    or another type, or a title's name whose title says it is data ("X: A New Dataset for
    ...", "X: 1 Million Digital Face Images ..."), achieves no score itself."""
    types: dict[str, set[str]] = {}
    for m in mentions:
        types.setdefault(name_of(text, m), set()).add(m.type)
    rest = (title or "").partition(":")[2]
    data_title = _DATA_TITLE.match(rest) is not None
    tails = [r.tail for r in relations if r.type == "PROPOSES" and not (data_title and r.source == "kg_title")]
    return [t for t in tails if "Method" in types.get(t, {"Method"})]


_DATASET_AFTER_BRACKET = re.compile(r"^\s*(?:on|in|for)\s+(?:the\s+)?$", re.I)
_SCOPE_BEFORE = re.compile(
    r"^\W*(?:\w+,\s*)?(?:(?:our|the|extensive|experimental|empirical|comprehensive)\s+)*"
    r"(?:(?:experiments?|results?|evaluations?|tests?|studies|analys[ie]s)\s+)?(?:on|in|over)\s+(?:the\s+)?"
    r"(?:[\w\-]+\s+){0,3}?(?:[\w\-]+,\s+)?$",
    re.I,
)
_SCOPE_AFTER = re.compile(
    r"^\s*(?:(?:dataset|benchmark|corpus|test\s+set|validation\s+set|challenge)s?\s*)?(?:,|\s(?:show|demonstrate|indicate|reveal|verify|confirm)\w*\b)",
    re.I,
)


def _enclosing_bracket(text: str, s: int, n: re.Match) -> tuple[int, int] | None:
    """The bracket ``n`` sits in, as (the "(" position, the position after ")"), or None."""
    opened = text.rfind("(", s, n.start())
    if opened < 0 or ")" in text[opened : n.start()]:
        return None
    closed = text.find(")", n.end())
    return (opened, closed + 1) if closed >= 0 else None


def _scope_dataset(text: str, s: int, first: int, datasets: list[Candidate]) -> str | None:
    """The one dataset the sentence opens with, before its first number: "Experimental
    results on the LFW show that ...", "On the SYSU-MM01 dataset, our approach ..."."""
    opening = [
        d for d in datasets
        if d.end <= first and _SCOPE_BEFORE.match(text[s : d.start]) and _SCOPE_AFTER.match(text[d.end : d.end + 40])
    ]
    return name_of(text, opening[0]) if len(opening) == 1 else None


# ---- the component ---------------------------------------------------------------------


class ResultFinder:
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        mentions: list[Candidate] = self._named_metrics(text, doc._.kg_mentions or [])
        if doc._.kg_mentions is not None:
            doc._.kg_mentions = mentions
        results = doc_list(doc, "kg_results")
        relations = doc_list(doc, "kg_relations")
        proposed = _proposed_methods(text, doc._.kg_title, relations, mentions)
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
        metrics = [m for m in in_sent if m.type == "Metric"]
        numbers = [n for n in _NUMBER.finditer(text, s, e) if not self._inside_entity(n, in_sent)]
        numbers = [n for n in numbers if "," not in n.group(1)]  # "20,000 images": counts, not scores
        groups = _groups(text, numbers)
        found = self._found(text, s, e, numbers, groups, metrics, in_sent)
        datasets = self._datasets(text, s, e, found, [m for m in in_sent if m.type == "Dataset"], in_sent)
        out = []
        for f, dataset in zip(found, datasets):
            name, bracket_unit = metric_name(f.metric or "")
            unit = f.unit or bracket_unit
            method = self._method(text, s, f, found, in_sent, proposed, beaten)
            n = f.match
            out.append(
                Result(name, _value(n), _change_unit(unit) if f.change else unit, text[s:e],
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
            unit = _unit(n.group(2))
            members = [k for k, g in enumerate(groups) if g == groups[i]]
            first, last = numbers[members[0]], numbers[members[-1]]
            mention, attached = paired.get(i), i in paired
            if mention is None:
                mention, attached = self._metric(text, s, e, n, last, numbers, metrics, in_sent)
            metric = name_of(text, mention) if mention else None
            if mention and not unit:  # "an accuracy (%) of 81.2" is 81.2%
                unit = metric_name(text[mention.start : mention.end])[1]
            if unit == "x" and _SPEED.search(text, max(s, n.start() - 40), min(e, n.end() + 40)) and not attached:
                metric, attached = "speedup", True
            sibling = False
            if metric is None and found and self._bracket_sibling(text, n, in_sent):
                metric, sibling = found[-1].metric, True
            listed = any(f.group == groups[i] for f in found)
            if metric is None or not (unit or attached or listed or sibling):
                continue
            unit = _points_after_metric(text, mention, unit) if attached else unit
            change = _is_change(text, s, first, last, unit) or self._parallel_change(text, found, first, in_sent)
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
        return _PARALLEL_GAP.match(gap) is not None

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
            if _LIST_GAP.match(text[a.end : b.start]) or re.match(r"^\s*,?\s*and\s+$", text[a.end : b.start]):
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
            if 0 <= n.start() - m.end <= WINDOW and not _leaves_bracket(text[m.end : n.start()])
            and ";" not in text[m.end : n.start()]
        ]
        if before:
            m = before[-1]
            linked = _METRIC_LINK.match(text[m.end : n.start()] or " ") is not None
            if linked or not any(m.end <= x.start() < n.start() and not _LIST_GAP.match(text[x.end() : n.start()]) for x in numbers):
                return m, linked
        if after and "(" not in text[last.end() : after[0].start]:
            return after[0], False
        return None, False

    @staticmethod
    def _of_another_noun(text: str, s: int, n: re.Match, metrics: list[Candidate]) -> bool:
        """Is the number the value of a noun that is no metric ("a true positive rate of
        95%, a false positive rate of 1.4%": 95 is not the false positive rate's)?"""
        m = _NOUN_OF.search(text, s, n.start())
        if m is None or m.group(1).casefold() in _VALUE_NOUNS or re.fullmatch(_CHANGE_WORDS, m.group(1), re.I):
            return False
        return not any(c.end == m.end(1) for c in metrics)

    @staticmethod
    def _glued_after(text: str, at: int, metric: Candidate, in_sent: list[Candidate]) -> bool:
        """Is ``metric`` the noun the number at ``at`` measures: right after it, or after at
        most two plain words or names ("81.5% mean accuracy", "+2.83% ImageNet accuracy")?"""
        between = text[at : metric.start]
        if re.search(r"[,;:()\d]", between) or _OWN_VALUE.match(text, metric.end):
            return False  # "a recall of 83 and a precision of 92": precision has its own number
        for m in in_sent:
            if at <= m.start and m.end <= metric.start:
                between = between.replace(text[m.start : m.end], " ")
        return len(_WORD.findall(between)) <= 2

    @staticmethod
    def _measures_other_word(text: str, at: int, end: int, metrics: list[Candidate], in_sent: list[Candidate]) -> bool:
        """Is the number followed by a word that is what it counts ("19.8 fps", "28.3M
        parameters", "10% ImageNet training data") rather than a link ("on", "and")?"""
        word = _next_word(text, at, end)
        if word is None:
            return False
        w, start = word
        if any(m.start == start for m in metrics):
            return False
        return w.casefold() not in _LINK_WORDS or any(m.start == start and m.type != "Metric" for m in in_sent)

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
                if 0 <= g_start - d.end <= WINDOW and not _crosses_bracket(text[d.end : g_start]) and ";" not in text[d.end : g_start]
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
        scope = _scope_dataset(text, s, found[0].match.start(), datasets)
        for k, f in enumerate(found):
            if out[k] is not None:
                continue
            bracket = _enclosing_bracket(text, s, f.match)
            if bracket is not None:
                follows = next((d for d in datasets if d.start >= bracket[1]), None)
                if follows is not None and _DATASET_AFTER_BRACKET.match(text[bracket[1] : follows.start]):
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
        return _LIST_GAP.match(" " + between.strip() + " ") is not None

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
            if _crosses_bracket(between) or ";" in between or (start < d.end and d.start < end):
                continue
            if d.start >= end and (prev is None or end > spans[prev][1]):
                prev = g
            if start >= d.end and (nxt is None or start < spans[nxt][0]):
                nxt = g
        if nxt is not None and re.match(r"^\s*[(:=]?\s*$", text[d.end : spans[nxt][0]]):
            return nxt
        if prev is not None and _PREPOSITION_BEFORE.search(text[spans[prev][1] : d.start]):
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
            clause = _clause_start(text, s, f.match.start())
            subject = _subject(text, clause, f.match.start(), [m for m in methods if m not in baselines])
            if subject is not None:
                return name_of(text, subject)
            if _credited_to_other(text, _after_ours(text, clause, f.match.start(), methods, proposed), f.match):
                return None
        named = [m for m in methods if m not in baselines and name_of(text, m) in proposed]
        if named:
            before = [m for m in named if m.end <= f.match.start()]
            return name_of(text, before[-1] if before else named[0])
        if proposed and (len(set(proposed)) == 1 or _OURS.search(text, s, f.match.start())):
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
            or _BASELINE_BEFORE.search(text[start : m.start]) is not None
            or _BASELINE_AFTER.match(text[m.end : m.end + 20]) is not None
        )

    @staticmethod
    def _starts_from(text: str, f: _Found, found: list[_Found]) -> bool:
        """Is ``f`` the "85.19%" of "from 85.19% to 87.59%": the baseline's value?"""
        members = [x for x in found if x.group == f.group]
        return (
            len(members) == 2 and members[0] is f
            and _FROM_BEFORE.search(text[max(0, f.match.start() - 20) : f.match.start()]) is not None
        )


@Language.factory(
    "kg_results",
    requires=["doc._.kg_mentions", "doc._.kg_relations"],
    assigns=["doc._.kg_results", "doc._.kg_mentions"],
)
def make_results(nlp: Language, name: str) -> ResultFinder:
    """Reads ``doc._.kg_mentions``, ``doc._.kg_relations`` and ``doc._.kg_title`` (set by the caller); writes ``doc._.kg_results`` and renames metric mentions in ``doc._.kg_mentions``."""
    return ResultFinder()
