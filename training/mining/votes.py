"""Counting over the corpus: each paper's votes, type fixes by noun use and by context,
and the selection of names that pass the thresholds.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from training.mining.rules import rule_acronym, rule_dataset, rule_method, rule_metric
from training.mining.words import (
    CONCEPT,
    FIX_HEADS,
    FUNCTION_WORDS,
    HERE,
    MIN_AGREEMENT,
    MIN_LONG_FORM_SHARE,
    MIN_PAPERS,
    ROBOTICS_VENUES,
    acceptable_name,
    is_strong,
)

# Corpus pass


def long_form_key(long_form: str) -> str:
    """"Convolutional Neural Networks" -> "convolutional neural network"."""
    words = long_form.lower().replace("-", " ").split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith(("ss", "us", "is")):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def paper_votes(text: str, toks: list[str], long_forms: dict[str, Counter] | None = None) -> set[tuple[str, str, str]]:
    """Every (name, type, rule) a paper's abstract votes for (a set: one vote per paper).
    ``long_forms`` collects, per acronym, the long forms it is defined with."""
    votes = set()
    for name, type_, long_form in rule_acronym(text):
        votes.add((name, type_, "acronym"))
        if long_forms is not None:
            long_forms.setdefault(name, Counter())[long_form_key(long_form)] += 1
    for name in rule_dataset(toks):
        votes.add((name, "Dataset", "dataset_head"))
    for name, type_ in rule_method(text):
        votes.add((name, type_, "method_verb"))
    for name in rule_metric(text):
        votes.add((name, "Metric", "metric_context"))
    return votes


def noun_use(toks: list[str], counts: dict[str, list[int]]) -> None:
    """Per name-shaped token: [occurrences, occurrences followed by another content word,
    occurrences followed by "task(s)"/"problem(s)"]."""
    for i, t in enumerate(toks):
        if not is_strong(t):
            continue
        c = counts.setdefault(t, [0, 0, 0])
        c[0] += 1
        nxt = toks[i + 1] if i + 1 < len(toks) else "."
        if nxt.isalpha() and nxt.islower() and nxt not in FUNCTION_WORDS:
            c[1] += 1
            if nxt in {"task", "tasks", "problem", "problems"}:
                c[2] += 1


FIX_LEFT = {"the", "a", "an", "and", "or", "of", "on", "in", "with", "by", "using", "use", "uses", "used", "via",
            "for", "from", "to", "as", "than", "our", "their", "its", "standard", "popular", "classical", "classic",
            "original", "vanilla", "plain", "modified", "proposed", "existing", "well-known", "famous", "public",
            "challenging", "large-scale", "new", "recent", "both", "is", "are", "that", "which", "over", "apply",
            "applying", "train", "trained", "run", "running", "employ", "adopt", "versus", "vs", "like", "e.g", "i.e"}


class TypeFixCounter:
    """Counts, per gazetteer name, the papers where a head noun of each type follows it."""

    def __init__(self, lexicon: dict[str, tuple[str, str]]):
        self.exact: set[str] = set()
        self.folded: set[str] = set()
        for key, (name, _) in lexicon.items():
            (self.exact.add(name) if re.search(r"[A-Z]", name) and is_strong(name.split()[0]) else self.folded.add(key))
        self.max_words = 6
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.heads = {h: t for t, hs in FIX_HEADS.items() for h in hs}

    def add(self, toks: list[str]) -> None:
        seen = set()
        for i, t in enumerate(toks):
            type_ = self.heads.get(t.lower())
            if type_ is None:
                continue
            for k in range(1, min(self.max_words, i) + 1):
                span = toks[i - k : i]
                if any(s in {".", ",", ";", "(", ")", ":"} for s in span):
                    break
                before = toks[i - k - 1] if i - k - 1 >= 0 else "."
                if before.isalnum() and before.lower() not in FIX_LEFT:
                    continue  # "generative adversarial network": "adversarial" is not the name here
                name = " ".join(span)
                if name in self.exact:
                    seen.add((name.casefold(), type_))
                elif name.casefold() in self.folded:
                    seen.add((name.casefold(), type_))
        for key, type_ in seen:
            self.counts[key][type_] += 1


# Technique vs problem contexts (TYPE-FIX between Method and Task). A cue word before the name
# ("using X") or after it ("X task"); "with X" is a problem after "deal/cope with".
TECHNIQUE_CUES_BEFORE = {"using", "use", "uses", "via", "with", "apply", "applies", "applying", "employ", "employs",
                         "employing", "adopt", "adopts", "adopting", "leverage", "leverages", "leveraging"}
PROBLEM_CUES_BEFORE = {"address", "addresses", "addressing", "tackle", "tackles", "tackling", "solve", "solves",
                       "solving"}
# "for X" is left out: it gives the purpose of problems and techniques alike ("a method for image
# classification", "a theory of and an algorithm for variational inference").
PROBLEM_CUES_AFTER = {"task", "tasks", "problem", "problems", "benchmark", "benchmarks"}
USED_VERBS = {"used", "applied", "employed", "adopted", "utilized", "leveraged"}
PROBLEM_WITH = {"deal", "deals", "dealing", "cope", "copes", "coping", "struggle", "struggles"}


def context_cues(toks: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, cue) for the token spans that a technique or a problem cue points at: the
    span starts right after a cue word ("using X", "applied to X") or ends right before one
    ("X task", "X is used", "X-based"); end is open-ended (None) for spans after a cue. The
    cue is "technique:<word>" or "problem:<word>"."""
    out = []
    for i, t in enumerate(toks):
        low = t.lower()
        prev = toks[i - 1].lower() if i > 0 else "."
        nxt = toks[i + 1].lower() if i + 1 < len(toks) else "."
        if low == "with" and prev in PROBLEM_WITH:
            out.append((i + 1, None, "problem:" + prev + " with"))
        elif low == "to" and prev in {"applied", "apply", "applies", "applying"}:
            out.append((i + 1, None, "problem:applied to"))
        elif low == "on" and prev == "based":
            out.append((i + 1, None, "technique:based on"))
        elif low in TECHNIQUE_CUES_BEFORE and not (low == "use" and prev in {"the", "a", "its", "their"}):
            if not (low in {"apply", "applies", "applying"} and nxt == "to"):
                out.append((i + 1, None, "technique:" + low))
        elif low in PROBLEM_CUES_BEFORE:
            out.append((i + 1, None, "problem:" + low))

        if low in PROBLEM_CUES_AFTER:
            out.append((None, i, "problem:" + low))
        elif low in {"is", "are", "was", "were"} and nxt in USED_VERBS:
            out.append((None, i, "technique:is used"))
        elif low.endswith("-based") and len(low) > 6:
            out.append((None, i, "technique:-based"))  # the name's last word is glued to "-based"
    return out


class ContextCounter:
    """Counts, per listed Method or Task name, the papers where it stands in a technique context
    ("using X", "with X", "via X", "X-based", "X is used", "we apply X") and in a problem
    context ("for X", "address/tackle/solve X", "X task(s)", "the X problem", "X benchmark")."""

    def __init__(self, lexicon: dict[str, tuple[str, str]], max_words: int = 6):
        self.exact: dict[str, str] = {}  # acronyms and coined names match with their case ("USE" is not "use")
        self.folded: dict[str, str] = {}
        for key, (name, _) in lexicon.items():
            if re.search(r"[A-Z]", name) and is_strong(name.split()[0]):
                self.exact[name] = key
            else:
                self.folded[key] = key
        self.max_words = max_words
        self.counts: dict[str, Counter] = defaultdict(Counter)  # key -> "Method"/"Task" -> papers
        self.cues: dict[str, Counter] = defaultdict(Counter)  # key -> cue -> papers

    def lookup(self, text: str) -> str | None:
        return self.exact.get(text) or self.folded.get(text.casefold())

    def _after(self, toks: list[str], start: int) -> str | None:
        """The longest listed name starting at ``start``."""
        for k in range(min(self.max_words, len(toks) - start), 0, -1):
            key = self.lookup(" ".join(toks[start : start + k]))
            if key:
                return key
        return None

    def _before(self, toks: list[str], end: int, glued: bool) -> str | None:
        """The longest listed name ending at ``end`` (with its last word glued to "-based" when
        ``glued``) that is not the tail of a longer phrase ("generative adversarial network")."""
        last = [toks[end][: -len("-based")]] if glued else []
        stop = end + 1 if glued else end
        found = None
        for k in range(1, self.max_words + 1):
            start = stop - k
            if start < 0:
                break
            span = toks[start:end] + last
            if any(s in {".", ",", ";", "(", ")", ":"} for s in span):
                break
            before = toks[start - 1] if start > 0 else "."
            if before.isalnum() and before.lower() not in FIX_LEFT:
                continue
            found = self.lookup(" ".join(span)) or found
        return found

    def add(self, toks: list[str]) -> None:
        seen: set[tuple[str, str]] = set()
        for start, end, cue in context_cues(toks):
            if start is not None:
                key = self._after(toks, start) if start < len(toks) else None
            else:
                key = self._before(toks, end, glued=cue == "technique:-based")
            if key:
                seen.add((key, cue))
        for key, cue in seen:
            self.cues[key][cue] += 1
        for key, type_ in {(k, "Method" if c.startswith("technique") else "Task") for k, c in seen}:
            self.counts[key][type_] += 1


def read_papers(path: Path, limit: int | None, include_robotics: bool):
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if not include_robotics and rec.get("venue", "").lower() in ROBOTICS_VENUES:
                continue
            text = " ".join((rec.get("abstract") or "").split())
            if not text:
                continue
            yield rec.get("id") or str(n), text
            n += 1
            if limit and n >= limit:
                return


def load_lists(files=("gazetteer.tsv", "curated.tsv")) -> dict[str, tuple[str, str]]:
    """Casefolded name -> (name, type) from gazetteer.tsv then curated.tsv ("-" = denied)."""
    lexicon: dict[str, tuple[str, str]] = {}
    for file in files:
        with open(HERE / file, encoding="utf-8", newline="") as fh:
            lines = [line for line in fh if not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            lexicon[row["name"].casefold()] = (row["name"], row["type"])
    return lexicon


def singular(name: str) -> str:
    """"ConvNets" -> "ConvNet", "3DMMs" -> "3DMM"; "Cityscapes" stays."""
    stem = name[:-1]
    if name.endswith(("FLOPs", "MACs")):
        return name
    if name.endswith("s") and sum(c.isupper() for c in stem) >= 2 and (stem[-1].isupper() or stem.endswith(("Net", "net"))):
        return stem
    return name


def merge_plurals(votes, rules, long_forms):
    """Fold plural acronyms into their singular; returns new (votes, rules, long_forms)."""
    v2: dict[str, Counter] = defaultdict(Counter)
    r2: dict[tuple[str, str], set[str]] = defaultdict(set)
    l2: dict[str, Counter] = defaultdict(Counter)
    for name, c in votes.items():
        v2[singular(name)].update(c)
    for (name, type_), rs in rules.items():
        r2[(singular(name), type_)] |= rs
    for name, c in long_forms.items():
        l2[singular(name)].update(c)
    return v2, r2, l2


def select(votes: dict[str, Counter], rules: dict[tuple[str, str], set[str]],
           noun_counts: dict[str, list[int]], long_forms: dict[str, Counter] | None = None
           ) -> list[tuple[str, str, int, str, int, int, str]]:
    """(name, type, n_papers, rules, agreeing votes, all votes, long form) for names that pass
    the filters. CONCEPT votes count against Dataset and Metric names only (an acronym that is
    also defined as "machine reading comprehension" is a task, not a data set)."""
    long_forms = long_forms or {}
    kept = []
    for name, c in votes.items():
        typed = Counter({t: n for t, n in c.items() if t != CONCEPT})
        if not typed:
            continue
        type_, n = typed.most_common(1)[0]
        total = sum(c.values()) if type_ in {"Dataset", "Metric"} else sum(typed.values())
        if n < MIN_PAPERS[type_] or n / total < MIN_AGREEMENT or not acceptable_name(name):
            continue
        long_form = ""
        lf = long_forms.get(name)
        if lf and "acronym" in rules[(name, type_)]:
            long_form, n_lf = lf.most_common(1)[0]
            if n_lf / sum(lf.values()) < MIN_LONG_FORM_SHARE and rules[(name, type_)] == {"acronym"}:
                continue  # "PDM" = three different things: no single named entity
        if type_ == "Dataset" and " " not in name and name in noun_counts:
            occ, modifier, task = noun_counts[name]
            if occ >= 5 and modifier / occ > 0.5:
                continue  # "EEG signals", "MRI scans": a modality, not a data set
            if task >= 3 and task / occ >= 0.1:
                continue  # "ReID task", "MRC problems": a task's acronym before "datasets"
        kept.append((name, type_, n, ",".join(sorted(rules[(name, type_)])), n, total, long_form))
    return kept
