"""Fragments: listed names the corpus uses mostly inside a longer name, dropped.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from training.mining.words import normalize

# ---------------------------------------------------------------------------------------------
# FRAGMENT rule: mined Dataset names that are pieces of longer names ("CIFAR" of "CIFAR-10")

_VERSION_AFTER = re.compile(r"[ \-_]?(?:[vV]\d+(?:\.\d+)*|\d+(?:\.\d+)*|['’]\d\d)(?![A-Za-z])")  # " 2012", "-v2", "’14"
_COLLECTION_AFTER = re.compile(r"\s+(?:datasets|benchmarks|corpora|data\s+sets|(?:machine\s+learning\s+)?repository|archive)\b",
                               re.IGNORECASE)
_TRAILING_HEAD = re.compile(r"(?:\s+(?:dataset|datasets|benchmark|benchmarks|corpus|challenge|data\s+set))+$", re.IGNORECASE)
MIN_FRAGMENT_USES = 3
MIN_COLLECTION_USES = 10


def name_key(name: str) -> str:
    """The scorer's key without a trailing head noun: "Waymo Open Dataset" = "Waymo Open"."""
    return normalize(_TRAILING_HEAD.sub("", name))


def contains_name(longer: str, name: str) -> bool:
    """``name`` occurs in ``longer`` as whole words (a version may be glued on: "HMDB" in "HMDB51")."""
    for m in re.finditer(re.escape(name), longer):
        i, j = m.start(), m.end()
        if (i == 0 or not longer[i - 1].isalnum()) and (j == len(longer) or not longer[j].isalpha()):
            return True
    return False


def occurrences(text: str, name: str) -> list[int]:
    """Start offsets of ``name`` in ``text`` as whole words (a digit may follow: "VOC2007")."""
    out, k = [], text.find(name)
    while k >= 0:
        j = k + len(name)
        if (k == 0 or not text[k - 1].isalnum()) and (j == len(text) or not text[j].isalpha()):
            out.append(k)
        k = text.find(name, k + 1)
    return out


def classify_uses(text: str, name: str, longer: list[str]) -> Counter:
    """How ``name`` is used in ``text``, per occurrence: "inner" inside a longer listed name that
    does not start with it ("VOC" in "PASCAL VOC"), "prefix" at the start of a longer listed name
    or followed by a version ("CIFAR-10", "VOC 2007", "ILSVRC2012"), else "alone"; "collection"
    counts the alone uses followed by "datasets"/"repository" ("UCI datasets")."""
    spans = [(k, k + len(other)) for other in longer for k in occurrences(text, other)]
    uses = Counter()
    for k in occurrences(text, name):
        j = k + len(name)
        covering = [a for a, b in spans if a <= k and j <= b]
        if covering and all(a < k for a in covering):
            uses["inner"] += 1
        elif covering or _VERSION_AFTER.match(text, j):
            uses["prefix"] += 1
        else:
            uses["alone"] += 1
            listed_before = re.search(r"(?:\band|\bor|,|&)\s*$", text[max(0, k - 6) : k])
            if _COLLECTION_AFTER.match(text, j) and not listed_before:
                uses["collection"] += 1  # "on A and B datasets": the plural is the list's, not B's
    return uses


class FragmentCounter:
    """Corpus uses of candidate Dataset names, against the longer Dataset names containing them."""

    def __init__(self, candidates: list[str], dataset_names: set[str]):
        self.longer = {
            name: [other for other in dataset_names
                   if len(other) > len(name) and name_key(other) != name_key(name) and contains_name(other, name)]
            for name in candidates
        }
        self.uses: dict[str, Counter] = defaultdict(Counter)
        self.examples: dict[str, Counter] = defaultdict(Counter)  # name -> longer name -> uses

    def add(self, text: str) -> None:
        for name, longer in self.longer.items():
            if name in text:
                present = [other for other in longer if other in text]
                self.uses[name].update(classify_uses(text, name, present))
                for other in present:
                    self.examples[name][other] += len(occurrences(text, other))

    def verdict(self, name: str) -> str | None:
        """Why ``name`` is no data set of its own, or None: "fragment" when most of its uses that
        start a name go on into a longer name or a version (CIFAR: CIFAR-10, CIFAR-100), or it is
        only ever seen inside longer names; "collection" when most of its own uses (>= 10) are
        "X datasets"/"X repository" (UCI: a source of data sets)."""
        u = self.uses.get(name, Counter())
        if u["prefix"] > u["alone"] or (u["alone"] == 0 and u["inner"] >= MIN_FRAGMENT_USES):
            return "fragment"
        if u["alone"] >= MIN_COLLECTION_USES and u["collection"] / u["alone"] > 0.5:
            return "collection"
        return None


def find_fragments(papers, candidates: list[str], dataset_names: set[str]) -> dict[str, tuple[str, str]]:
    """Candidate name -> (verdict, evidence) for the FRAGMENT rule, from one pass over ``papers``."""
    counter = FragmentCounter(candidates, dataset_names)
    for _, text in papers:
        counter.add(text)
    out = {}
    for name in candidates:
        verdict = counter.verdict(name)
        if verdict:
            u = counter.uses[name]
            top = ",".join(o for o, _ in counter.examples[name].most_common(2))  # the longer names it is part of
            out[name] = (verdict, f"prefix={u['prefix']} inner={u['inner']} alone={u['alone']} "
                                  f"collection={u['collection']}" + (f" longer={top}" if top else ""))
    return out


# ---------------------------------------------------------------------------------------------
