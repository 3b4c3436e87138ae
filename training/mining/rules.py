"""The mining rules: acronym definitions, dataset, method and metric phrases, each a
function of one abstract's text.
"""

from __future__ import annotations

import re

from training.mining.words import (
    _NUMBER,
    _PAREN,
    _SHORT_FORM,
    _VERSION,
    ACRONYM_HEADS,
    CONCEPT,
    DATASET_HEADS,
    GENERIC,
    METHOD_APPOSITIVE_HEADS,
    METRIC_PHRASE_HEADS,
    METRIC_RATE_MODIFIERS,
    NON_MODEL_NETWORKS,
    PLURAL_DATASET_HEADS,
    QUANTIFIERS,
    RARE_CAP_ZIPF,
    TOKEN,
    is_cap,
    is_common_word,
    is_strong,
    zipf,
)


def long_form_start(short: str, words: list[str]) -> int | None:
    """Index of the word in ``words`` where the long form of ``short`` starts (Schwartz & Hearst:
    the short form's letters, right to left, found in order in the words; the first letter must
    start a word), or None."""
    letters = [c.lower() for c in short if c.isalnum()]
    if not letters:
        return None
    text = " ".join(words).lower()
    pos = len(text) - 1
    for i in range(len(letters) - 1, -1, -1):
        c = letters[i]
        while pos >= 0 and (text[pos] != c or (i == 0 and pos > 0 and text[pos - 1].isalnum())):
            pos -= 1
        if pos < 0:
            return None
        pos -= 1
    start_char = pos + 1
    return text[:start_char].count(" ") if start_char > 0 else 0


def acronym_type(long_form_words: list[str]) -> str | None:
    """The type given by the long form's head noun; CONCEPT for an untyped lowercase long form
    ("machine reading comprehension", "knowledge graph"); else None."""
    if not long_form_words:
        return None
    head = long_form_words[-1].lower().strip(".,;:")
    first = long_form_words[0].lower()
    if first in {"proposed", "our", "this", "novel", "new", "the", "a", "an"}:
        return None
    if head == "estimation" and {"likelihood", "kernel", "contrastive", "posteriori", "moments"} & {
        w.lower() for w in long_form_words
    }:
        return "Method"  # "maximum likelihood estimation", "noise contrastive estimation"
    if head == "rate" and len(long_form_words) >= 2 and long_form_words[-2].lower() in METRIC_RATE_MODIFIERS:
        return "Metric"
    if head == "resolution" and len(long_form_words) > 1 and long_form_words[-2].lower() not in {"coreference", "co-reference", "anaphora", "entity"}:
        return None  # "high resolution (HR)" is a property
    if head == "ratio" and len(long_form_words) >= 2 and long_form_words[-2].lower() == "noise":
        return "Metric"
    if head in {"network", "networks"} and len(long_form_words) > 1 and long_form_words[-2].lower() in NON_MODEL_NETWORKS:
        return CONCEPT  # "social network (SN)", "heterogeneous information network (HIN)"
    for type_, heads in ACRONYM_HEADS.items():
        if head in heads:
            return type_
    if all(w.islower() or not w[:1].isalpha() for w in long_form_words):
        return CONCEPT
    return None


def clean_short_form(short: str) -> str | None:
    short = short.strip()
    if not _SHORT_FORM.match(short) or not any(c.isupper() for c in short) or _NUMBER.match(short):
        return None
    if re.fullmatch(r"[A-Z]{2,}s", short):  # "CNNs" -> "CNN"
        short = short[:-1]
    if len(short) < 3 or (len(short) == 3 and short.endswith("s") and short[:2].isupper()):
        return None  # two-letter acronyms ("SR", "DA") mean many things
    if short.casefold() in GENERIC or not sum(c.isupper() for c in short) >= 2:
        return None
    return short


def rule_acronym(text: str) -> list[tuple[str, str, str]]:
    """(acronym, type, long form) for each "long form (ACR)" with a type-giving head noun
    (type CONCEPT for an untyped lowercase long form)."""
    out = []
    for m in _PAREN.finditer(text):
        short = clean_short_form(m.group(1))
        if short is None:
            continue
        before = text[max(0, m.start() - 200) : m.start()]
        before = re.split(r"[.;:()\[\]]\s", before)[-1]
        words = before.split()[-min(len(short) + 5, 2 * len(short)) :]
        if not words:
            continue
        start = long_form_start(short, words)
        if start is None:
            continue
        lf = [w.strip(",\"“”'") for w in words[start:]]
        if (len(lf) < 2 and "-" not in lf[0]) or any(w[:1] == "," for w in lf):  # "re-identification (ReID)"
            continue
        type_ = acronym_type(lf)
        if type_:
            out.append((short, type_, " ".join(lf)))
    return out


# ---------------------------------------------------------------------------------------------
# Rule 2: datasets from "X dataset(s)/benchmark(s)/corpus"


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def name_run_before(toks: list[str], end: int, max_len: int = 5) -> tuple[int, list[str]]:
    """The run of name tokens ending just before ``end``: name-shaped, Capitalized, or a version
    ("2.0", "v2") after one. Returns (start index, tokens)."""
    j = end
    while j > 0 and end - j < max_len:
        t = toks[j - 1]
        if is_strong(t) or is_cap(t) or (t == "New" and j < end and toks[j] in {"York", "Zealand"}) or (_VERSION.match(t) and j - 2 >= 0 and (is_strong(toks[j - 2]) or is_cap(toks[j - 2]))):
            j -= 1
            continue
        break
    return j, toks[j:end]


def validate_run(run: list[str], at_sentence_start: bool) -> str | None:
    """A name from a run of name tokens, or None when it is a description."""
    if run and at_sentence_start and not is_strong(run[0]):
        run = run[1:]  # "Extensive KITTI ..." at the start of a sentence: drop the capital
    if len(run) > 1 and run[0] == "New" and run[1] in {"York", "Zealand", "Delhi", "Orleans"}:
        return " ".join(run)
    stems = [re.match(r"[A-Za-z]*", t).group() for t in run]
    if any(a == b and len(a) >= 3 for a, b in zip(stems, stems[1:])):
        return None  # "CIFAR-10 CIFAR-100": two names, a comma missing
    while run and (run[0].casefold() in GENERIC or (_VERSION.match(run[0]) and not (len(run) > 1 and is_cap(run[1])))):
        run = run[1:]  # "20 Newsgroups" keeps its number, "3 UCI" does not
    if not run:
        return None
    if any(is_strong(t) for t in run):
        return " ".join(run)
    if len(run) == 1:
        return run[0] if zipf(run[0].lower()) < RARE_CAP_ZIPF else None
    return " ".join(run)


def rule_dataset(toks: list[str]) -> list[str]:
    """Names before a dataset head noun: "the X dataset", "on X, Y and Z datasets", "X benchmark"."""
    out = []
    for i, t in enumerate(toks):
        low = t.lower()
        head_end = i
        if low in DATASET_HEADS:
            plural = low in PLURAL_DATASET_HEADS
        elif low in {"set", "sets"} and i > 0 and toks[i - 1].lower() == "data":
            head_end, plural = i - 1, low == "sets"
        else:
            continue
        start, run = name_run_before(toks, head_end)
        if not run:
            continue
        sentence_start = start == 0 or toks[start - 1] in {".", "!", "?", ":"}
        if start > 0 and toks[start - 1].lower() in {"a", "an"}:
            continue  # "a KITTI-like dataset", "an RGB dataset": a description
        prev = toks[start - 1].lower() if start > 0 else "."
        if plural and len(run) == 1 and (prev in QUANTIFIERS or prev.isdigit()):
            continue  # "on three NLI datasets": a kind of data set, not a name
        capital_head = t[:1].isupper() and (t.lower().startswith("treebank") or not any(is_strong(x) for x in run))
        if capital_head and head_end == i:  # "Waymo Open Dataset", "Penn Treebank"
            base = validate_run(run, sentence_start)
            single_ok = len(run) == 1 and not sentence_start and zipf(run[0].lower()) < 4.0
            name = validate_run(run + [t], sentence_start) if base or single_ok else None
        else:
            name = validate_run(run, sentence_start)
        if name:
            out.append(name)
        if not plural:
            continue
        k = start  # "X, Y, and Z datasets"
        while k >= 2 and toks[k - 1].lower() in {"and", ",", "or", "&"}:
            k -= 1
            if toks[k - 1] == "," or toks[k - 1].lower() == "and":
                k -= 1
            s2, run2 = name_run_before(toks, k)
            if not run2:
                break
            name2 = validate_run(run2, s2 == 0 or toks[s2 - 1] in {".", "!", "?", ":"})
            if name2:
                out.append(name2)
            k = s2
    return out


# ---------------------------------------------------------------------------------------------
# Rule 3: methods from verbs of proposing and comparing

_NAME = r"([A-Za-z0-9][\w\-./+]*[A-Za-z0-9+])"
_SUBJECT_VERB = re.compile(
    _NAME + r"\s+(?:\w+ly\s+)?(?:achieves|outperforms|surpasses|beats|significantly outperforms|consistently outperforms)\b"
)
_PROPOSE = re.compile(r"\bwe\s+(?:propose|present|introduce|develop)\s+" + _NAME + r"(?=\s*(?:,|\(|:|\.|\s(?:which|that|to|for|as|,)\b))")
_CALLED = re.compile(r"\b(?:called|named|dubbed|termed|coined)\s+(?:as\s+)?[\"“']?" + _NAME)
_APPOSITIVE = re.compile(
    _NAME + r"\s*(?:\(|,)\s*(?:a|an)\s+((?:[\w\-]+\s+){0,4}?)(" + "|".join(sorted(METHOD_APPOSITIVE_HEADS | DATASET_HEADS)) + r")\b"
)
_PREPOSITIONS = {"on", "in", "of", "with", "from", "over", "to", "by", "than", "and", "or", "across", "for", "using", "under"}


def is_coined(tok: str) -> bool:
    """A coined name: name-shaped, and not a Title-Case compound of words ("Low-Rank")."""
    if re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+", tok):
        return False
    return is_strong(tok) and not is_common_word(tok)


def rule_method(text: str) -> list[tuple[str, str]]:
    """(name, type) from "X outperforms", "we propose X,", "called X", "X, a novel network"."""
    out = []
    for m in _SUBJECT_VERB.finditer(text):
        prev = text[max(0, m.start() - 20) : m.start()].split()
        if prev and prev[-1].lower() in _PREPOSITIONS:
            continue  # "trained on ImageNet achieves": the object of a preposition, not the subject
        if is_coined(m.group(1)):
            out.append((m.group(1), "Method"))
    for rx in (_PROPOSE, _CALLED):
        for m in rx.finditer(text):
            if is_coined(m.group(1)):
                out.append((m.group(1), "Method"))
    for m in _APPOSITIVE.finditer(text):
        name, head = m.group(1), m.group(3).lower()
        if is_coined(name):
            out.append((name, "Dataset" if head in DATASET_HEADS else "Method"))
    return out


# ---------------------------------------------------------------------------------------------
# Rule 4: metrics

_NUM = r"\d+(?:\.\d+)?"
_IN_TERMS_OF = re.compile(r"\bin terms of\s+((?:[\w\-@]+(?:\s*,\s*|\s+and\s+|\s+or\s+|\s+)?){1,8})")
_SCORE_OF = re.compile(_NAME + r"(?:\s+score)?\s+(?:of|=|:)\s+" + _NUM + r"(?:\s*%)?(?![\w.])")
_NUM_METRIC = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d\b)" + _NUM + r"\s*%?\s+" + _NAME + r"(?=\s*(?:[,.;)]|\s(?:on|in|and|at|with|score|points|improvement|gain)\b))")
_PHRASE_OF = re.compile(r"(?<![\w\-@])((?:[a-z0-9\-@]+\s+){1,3}?(?:" + "|".join(sorted(METRIC_PHRASE_HEADS)) + r"))\s+(?:of|=)\s+" + _NUM + r"\s*%?(?![\w.])")
_EVALUATIVE = {"high", "higher", "highest", "best", "better", "competitive", "comparable", "state-of-the-art",
               "good", "low", "lower", "lowest", "improved", "superior", "significant", "overall", "new", "an",
               "the", "a", "our", "final", "same", "similar", "small", "smaller", "large", "larger",
               "remarkable", "strong", "excellent", "impressive", "average", "mean", "its", "their", "with", "both",
               "either", "terms", "model", "models", "set", "achieves", "achieve", "achieved", "achieving",
               "reported", "data", "system", "method", "poor", "worse", "reduced", "increased", "higher-", "much", "more",
               "and", "of", "in", "at", "to", "for", "training", "test", "testing", "validation", "baseline",
               "learning", "convergence", "sampling", "relative", "absolute", "approximation", "generalization",
               "estimation", "prediction", "classification", "reconstruction", "recognition", "detection"}


def metric_phrase(words: list[str]) -> str | None:
    """A lowercase metric phrase ending in a metric head ("word error rate", "top-1 accuracy")."""
    while words and words[0] in _EVALUATIVE - {"mean", "average"}:
        words = words[1:]
    if len(words) < 2 or any(w in _EVALUATIVE - {"mean", "average", "absolute", "relative"} for w in words[:-1]):
        return None
    if len(words) == 2 and words[0] in {"mean", "average"}:
        return None  # "average error": which error?
    if words[-1] not in METRIC_PHRASE_HEADS:
        return None
    if words[-1] == "rate" and words[-2] not in METRIC_RATE_MODIFIERS:
        return None
    return " ".join(words)


def rule_metric(text: str) -> list[str]:
    """Metric names: "in terms of X", "X score of 85.1", "85.1% X", "word error rate of 5.2"."""
    out = []
    for m in _IN_TERMS_OF.finditer(text):
        for part in re.split(r"\s*,\s*|\s+and\s+|\s+or\s+", m.group(1)):
            ws = part.split()
            if not ws:
                continue
            if len(ws) == 1 and is_coined(ws[0]):
                out.append(ws[0])
            elif all(w.islower() for w in ws):
                phrase = metric_phrase(ws)
                if phrase:
                    out.append(phrase)
            if len(ws) > 1 and not all(w.islower() for w in ws):
                break  # "in terms of BLEU on WMT": stop at the end of the list
    for rx in (_SCORE_OF, _NUM_METRIC):
        for m in rx.finditer(text):
            name = m.group(1)
            if is_coined(name) and not re.search(r"\d", name[:1]):
                out.append(name)
    for m in _PHRASE_OF.finditer(text):
        phrase = metric_phrase(m.group(1).split())
        if phrase:
            out.append(phrase)
    return out


# ---------------------------------------------------------------------------------------------
