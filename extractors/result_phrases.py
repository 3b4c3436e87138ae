"""How a sentence states a result, as plain text functions the ``kg_results`` component
(:mod:`kg.extractors.results`) puts together: numbers and their units, gains read as
changes, the clause and subject a number belongs to, and the dataset in scope.
"""

from __future__ import annotations

import re

from kg.model import CHANGE_PERCENT, CHANGE_UNITS

from .extensions import Candidate
from .relations import name_of

NUMBER = re.compile(
    r"(?:(?<=[\d%][\-–])(?=\d)|(?<![\w.\-/^%]))[+±]?([\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![\d^])\s?"
    r"(%\s?(?:points?|pp)\b|%|\s?percent(?:age points?)?\b|×|x(?![A-Za-z])|-fold|\s?times\b"
    r"|\s?(?:percentage\s)?points?\b|\s?pp\b)?"
)
SPEED = re.compile(r"\b(?:faster|speed[\s\-]?ups?|accelerat\w*|quicker)\b", re.I)
METRIC_LINK = re.compile(
    r"^\s*(?:score\s+|value\s+|rate\s+)?(?:of|is|are|was|were|=|:|reaches|reached|achieves|achieved|at|to|from|by)?"
    r"\s*(?:about|around|up to|only|just|nearly|approximately|roughly|over|at least|~)?\s*$",
    re.I,
)
LIST_GAP = re.compile(r"^(?:\s*\([^()]{1,30}\))?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*|to\s+|vs\.?\s+|[-–]\s*)[+±]?$")
FROM_BEFORE = re.compile(r"(?<!ranging )(?<!range )\bfrom\s+(?:about\s+|around\s+)?$", re.I)
WINDOW = 60  # characters between a number and its metric
NOUN_OF = re.compile(r"\b([A-Za-z][\w\-]*)\s+(?:of|=)\s*(?:about|around|up to|only|just|over|nearly)?\s*[+\-−]?$")
VALUE_NOUNS = frozenset("score scores value values average mean total result results performance".split())
OWN_VALUE = re.compile(r"\s*(?:score\s+)?(?:of|=|:)\s*[+\-−]?\d")
DATASET_WINDOW = 100  # characters between a number and its dataset


CHANGE_WORDS = (
    r"improv\w*|gains?|boost\w*|increas\w*|decreas\w*|reduc\w*|drops?|lower\w*|rais\w*|degrad\w*"
    r"|outperform\w*|surpass\w*|beat\w*|margin|advantage|higher|more|less|better|worse|fewer|faster|slower"
    r"|smaller|larger|relative|absolute|speed-?ups?|sav(?:e|es|ed|ing|ings)|lifts?|damag\w*|declin\w*"
)
_CHANGE_BEFORE = re.compile(
    rf"(?:\bby|\b(?:{CHANGE_WORDS})(?:\s+in\s+(?:[\w\-@]+\s+){{1,3}}?of)?)\s+(?:(?:of|about|around|up|to|at|least|nearly|over|almost|approximately|an?|average|the|large|significant|margin|ranging|from|less|more|than|under|below|only|just|roughly|~)\s+){{0,4}}\(?\s*$",
    re.I,
)
_CHANGE_AFTER = re.compile(
    rf"^\s*(?:(?!and\b|or\b|with\b|while\b|on\b|in\b|at\b|for\b)[\w\-/@]+\s+){{0,3}}?(?:{CHANGE_WORDS})\b", re.I
)
_OVER_BASELINE = re.compile(
    r"^[^.;:()]{0,70}?\b(?:over|than|compared (?:to|with)|relative to|against)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+|strong\s+)?(?:[\w\-]+\s+){0,2}baselines?\b",
    re.I,
)
BASELINE_BEFORE = re.compile(
    r"\b(?:over|than|vs\.?|versus|against|compared\s+(?:to|with)|relative\s+to|outperform\w*|surpass\w*|beat\w*|improv\w*|boost\w*)"
    r"\s+(?:(?:the|a|an|strong|previous|prior|best|existing|original|vanilla|state-of-the-art|sota|baseline|model|method)\s+)*$",
    re.I,
)
PREPOSITION_BEFORE = re.compile(r"\b(?:on|in|for|over|across|at|of|with)\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
OURS = re.compile(r"\b(?:[Oo]ur|[Ww]e)\b")
PARALLEL_GAP = re.compile(
    r"^\s*(?:(?:on|for|in|at)\s+(?:the\s+)?(?:[\w\-]+\s*){0,3}?)?\s*(?:,\s*(?:and\s+)?|and\s+)[+±]?$", re.I
)
BASELINE_AFTER = re.compile(r"^[\s\-]*(?:baselines?|counterparts?)\b", re.I)
# words a number may be followed by and still be measured by a metric around it
LINK_WORDS = frozenset(
    "on in at for and or with without while when where than to from over across by under the a an as which that "
    "compared vs versus respectively using among against is are was were average mean overall absolute relative "
    "improvement improvements gain gains increase decrease reduction drop boost higher lower more less better worse "
    "fewer faster slower smaller larger top margin respectively".split()
)
WORD = re.compile(r"[^\W\d_][\w\-']*", re.U)
_UNIT_BRACKET = re.compile(r"\s*[(\[]\s*(?:in\s+)?(%|‰|↑|↓|dB|ms|pp)\s*[)\]]\s*$")


# ---- pure helpers ----------------------------------------------------------------------


def metric_name(name: str) -> tuple[str, str]:
    """A metric written with its unit ("mIoU (%)") is the metric ("mIoU"): one name per
    meaning. Returns the name and the unit the bracket gave ("%" or "")."""
    m = _UNIT_BRACKET.search(name)
    if not m or not name[: m.start()].strip():
        return name, ""
    return name[: m.start()].strip(), "%" if m.group(1) in ("%", "pp") else ""


def leaves_bracket(between: str) -> bool:
    """Does ``between`` close a bracket it did not open? Then the metric before it sat in a
    bracket of its own: "(+2.83% classification accuracy), data efficiency (+12.69% ...)"
    does not measure 12.69 in accuracy."""
    depth = 0
    for ch in between:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return True
    return False


def crosses_bracket(between: str) -> bool:
    """Does ``between`` leave a bracket or enter one it does not close? Then the two ends
    are in different brackets: "PTB (95.92 F1) and ... CTB" keeps CTB from 95.92."""
    depth = 0
    for ch in between:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return True
    return depth != 0


def unit_of(raw: str | None) -> str:
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


def value(n: re.Match) -> float:
    return float(n.group(1).replace("−", "-"))


def number_groups(text: str, numbers: list[re.Match]) -> list[int]:
    """The list each number belongs to: "2.04%, 3.69% and 4.52%", "from 85.19% to 87.59%"
    and "3x to 10x" are one list each, read as a whole."""
    out: list[int] = []
    for i, n in enumerate(numbers):
        joined = i and LIST_GAP.match(text[numbers[i - 1].end() : n.start()])
        out.append(out[-1] if joined else (out[-1] + 1 if out else 0))
    return out


def next_word(text: str, at: int, end: int) -> tuple[str, int] | None:
    """The word right after position ``at`` (a letter glued to the number counts: "28.3M")."""
    m = WORD.search(text, at, end)
    if m is None or text[at : m.start()].strip(" \t-"):
        return None
    return m.group(), m.start()


def is_change(text: str, s: int, first: re.Match, last: re.Match, unit: str) -> bool:
    """Does the list ``first``..``last`` read as a change against a baseline? Ratios and
    points always do; so do signed numbers ("+2.0%"), numbers after "by" or a word of
    change ("improves F1 by 3%", "an improvement of 4.2%"), before one ("2.3% F1 gains",
    "19% higher") or before "over the baseline". "from 85.19% to 87.59%" are values."""
    if unit in ("x", "points"):
        return True
    if first.group()[0] in "+±":
        return True
    before = text[max(s, first.start() - 60) : first.start()]
    if FROM_BEFORE.search(before):
        return False
    to = re.search(r"(\w+\s+)?\bto\s+(?:about\s+|around\s+)?$", before, re.I)
    if to and (to.group(1) or "").strip().casefold() != "up":
        return False
    after = _without_asides(text[last.end() : last.end() + 150])[:90]
    return bool(
        _CHANGE_BEFORE.search(before) or _CHANGE_AFTER.match(after) or _OVER_BASELINE.match(after)
        or _margin_bracket(text, s, first)
    )


def change_unit(unit: str) -> str:
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


def points_after_metric(text: str, metric: Candidate | None, unit: str) -> str:
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


def clause_start(text: str, s: int, at: int) -> int:
    """Where the clause holding position ``at`` begins: after the last comma, semicolon,
    colon or "while"/"but"/"which" before it in the sentence."""
    last = s
    for m in _CLAUSE_BREAK.finditer(text, s, at):
        last = m.end()
    return last


def subject_of(text: str, clause: int, at: int, methods: list[Candidate]) -> Candidate | None:
    """The method that its clause says achieves the number at ``at``: the first method
    before a verb of achieving ("with GPT-4 only achieving 62%", "the PRN using only
    pairwise relations achieved 99.65%")."""
    verbs = list(_ACHIEVE.finditer(text, clause, at))
    if not verbs or len(text[verbs[-1].end() : at]) > 80:
        return None
    verb = verbs[-1]
    return next((m for m in methods if clause <= m.start and m.end <= verb.start()), None)


def after_ours(text: str, clause: int, at: int, methods: list[Candidate], proposed: list[str]) -> int:
    """Where the clause, read back from ``at``, last named the paper's own method ("our",
    "we", a proposal): a baseline cue counts only after it ("our model is better than
    random (11%)", not "our model reaches human-level accuracy of 95%")."""
    ends = [m.end() for m in OURS.finditer(text, clause, at)]
    ends += [m.end for m in methods if clause <= m.start and m.end <= at and name_of(text, m) in proposed]
    return max(ends, default=clause)


def credited_to_other(text: str, clause: int, n: re.Match) -> bool:
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


def proposed_methods(text: str, title: str | None, relations: list, mentions: list[Candidate]) -> list[str]:
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


DATASET_AFTER_BRACKET = re.compile(r"^\s*(?:on|in|for)\s+(?:the\s+)?$", re.I)
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


def enclosing_bracket(text: str, s: int, n: re.Match) -> tuple[int, int] | None:
    """The bracket ``n`` sits in, as (the "(" position, the position after ")"), or None."""
    opened = text.rfind("(", s, n.start())
    if opened < 0 or ")" in text[opened : n.start()]:
        return None
    closed = text.find(")", n.end())
    return (opened, closed + 1) if closed >= 0 else None


def scope_dataset(text: str, s: int, first: int, datasets: list[Candidate]) -> str | None:
    """The one dataset the sentence opens with, before its first number: "Experimental
    results on the LFW show that ...", "On the SYSU-MM01 dataset, our approach ..."."""
    opening = [
        d for d in datasets
        if d.end <= first and _SCOPE_BEFORE.match(text[s : d.start]) and _SCOPE_AFTER.match(text[d.end : d.end + 40])
    ]
    return name_of(text, opening[0]) if len(opening) == 1 else None
