"""Resolution: one canonical entity per real thing, with a stable id.

Names are compared by a normalized key (case, hyphens, spaces and a plural "s" do not
count, digits and versions do: "ImageNet-1K" == "imagenet 1k" but != "ImageNet-100").
Keys are joined into one entity when a curated list says one is an alias of the other
("ViT" -> "Vision Transformer") or when an abstract defines an acronym ("Transformer as
Linear Expansion of learnGene (TLEG)"). An acronym defined with different long forms in
different papers means, where used bare, the long form most papers define; a paper that
defines another keeps that one to itself.

The entity's type is the weighted vote of its mentions (a mention typed by the abstract's
own acronym definition weighs :data:`DEFINITION_WEIGHT` times more); its name is the curated canonical
name if there is one, else its most frequent spelling; its id is ``type:key`` of its
shortest key, so ids stay the same across runs and exports.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from kg.model import ENTITY_TYPES, CanonicalEntity, PaperExtraction

_DASHES = re.compile(r"[\u2010-\u2015\u2212\-_]")
_PLURAL_ACRONYM = re.compile(r"(?<=[A-Z0-9])s$")  # LLMs, ViTs, GANs
_PLURAL_WORD = re.compile(r"(?<=[a-z]{3})(?:(?<=ss|sh|ch)es|(?<=x)es|(?<![su])s)$")  # transformers, processes; not "corpus", "loss"
_SPACES = re.compile(r"\s+")
_CAMEL = re.compile(r"[a-z][A-Z]")

_Record = TypeVar("_Record")
DEFINITION_WEIGHT = 5.0  # a mention typed by the abstract's acronym definition outvotes five list matches


def normalize_key(name: str) -> str:
    """The identity key of a name.

    >>> normalize_key("ImageNet-1K") == normalize_key("imagenet 1k")
    True
    >>> normalize_key("Transformers"), normalize_key("LLMs"), normalize_key("SQuAD 2.0")
    ('transformer', 'llm', 'squad2.0')
    >>> normalize_key("Gaussian processes") == normalize_key("Gaussian process"), normalize_key("loss")
    (True, 'loss')
    """
    text = unicodedata.normalize("NFKC", name).strip()
    words = text.split()
    if words:
        last = words[-1]
        last = _PLURAL_ACRONYM.sub("", last) if last[:-1].isupper() or _CAMEL.search(last) else _PLURAL_WORD.sub("", last)
        words[-1] = last
    text = " ".join(words).casefold()
    text = _DASHES.sub("", text)
    return _SPACES.sub("", text)


class _Keys(dict):
    """:func:`normalize_key` remembered: a build asks for the same names over and over
    (every mention, relation end and lookup), and normalizing is the costly part."""

    def __missing__(self, name: str) -> str:
        key = self[name] = normalize_key(name)
        return key


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller key becomes the root, so the result does not depend on input order
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


@dataclass
class Resolution:
    """The canonical entities, and how to find the one a paper's name refers to."""

    entities: dict[str, CanonicalEntity]
    _cluster_of_key: dict[str, str]
    _local: dict[tuple[str, str], str]  # (paper id, key) -> cluster, for ambiguous acronyms
    _entity_of_cluster: dict[str, str]
    _keys: _Keys = field(default_factory=_Keys)

    def lookup(self, paper_id: str, name: str) -> CanonicalEntity | None:
        key = self._keys[name]
        cluster = self._local.get((paper_id, key)) or self._cluster_of_key.get(key)
        entity_id = self._entity_of_cluster.get(cluster) if cluster else None
        return self.entities.get(entity_id) if entity_id else None


def resolve(extractions: Iterable[PaperExtraction]) -> tuple[list[PaperExtraction], Resolution]:
    """Resolve all names; return the extractions with canonical names, and the entities."""
    extractions = list(extractions)
    key_of = _Keys()
    uf = _UnionFind()
    long_forms: dict[str, Counter] = defaultdict(Counter)  # acronym -> long form -> papers defining it so
    for ex in extractions:
        for e in ex.entities:
            uf.union(key_of[e.text], key_of[e.name])
        for a in ex.acronyms:
            if a.type:
                long_forms[key_of[a.short]][key_of[a.long]] += 1
    # An acronym's usual meaning is the long form most papers define: the papers that use
    # it bare mean that one. A paper defining another long form keeps its own entity.
    usual = {short: min(counts, key=lambda k: (-counts[k], k)) for short, counts in long_forms.items()}
    for short, long in usual.items():
        uf.union(short, long)
    local: dict[tuple[str, str], str] = {}
    for ex in extractions:
        # where the lists name the acronym ("LLMs": large language models) it is that thing
        listed = {key_of[e.text] for e in ex.entities if key_of[e.name] != key_of[e.text]}
        for a in ex.acronyms:
            short, long = key_of[a.short], key_of[a.long]
            if a.type and long != usual[short] and short not in listed:
                local[(ex.paper.id, short)] = long

    # votes, surfaces and counts per cluster
    votes: dict[str, Counter] = defaultdict(Counter)
    surfaces: dict[str, Counter] = defaultdict(Counter)
    keys: dict[str, set[str]] = defaultdict(set)
    papers: dict[str, set[str]] = defaultdict(set)
    mentions: Counter = Counter()
    curated: dict[str, Counter] = defaultdict(Counter)  # names the curated list gives

    def cluster_of(paper_id: str, key: str) -> str:
        return uf.find(local.get((paper_id, key), key))

    for ex in extractions:
        pid = ex.paper.id
        for e in ex.entities:
            c = cluster_of(pid, key_of[e.text])
            # an abstract's own definition says what its acronym stands for ("stochastic
            # gradient descent (SGD)"), which a name list's entry for "SGD" cannot
            votes[c][e.type] += e.score * (DEFINITION_WEIGHT if e.source == "kg_acronyms" else 1.0)
            surfaces[c][e.text] += 1
            if e.name != e.text:
                curated[c][e.name] += 1
            keys[c].update((key_of[e.text], key_of[e.name]))
            if (pid, key_of[e.text]) in local:  # a rare meaning of an acronym: its long form names it
                keys[c].add(local[(pid, key_of[e.text])])
            papers[c].add(pid)
            mentions[c] += 1
        for name, type_ in _named_endpoints(ex):
            c = cluster_of(pid, key_of[name])
            votes[c][type_] += 0.5
            surfaces[c][name] += 0
            keys[c].add(key_of[name])
            papers[c].add(pid)

    entities: dict[str, CanonicalEntity] = {}
    entity_of_cluster: dict[str, str] = {}
    cluster_of_key: dict[str, str] = {}
    # an acronym with several long forms ("DCN") is a key of several clusters: the id and
    # name of its usual meaning's only
    ambiguous = {short for _, short in local}
    root_of_ambiguous = {k: uf.find(k) for k in ambiguous}
    for c in sorted(votes):
        # rounded: float sums depend on the order of papers (0.8+0.5+0.6 vs 0.5+0.6+0.8)
        type_ = max(ENTITY_TYPES, key=lambda t: (round(votes[c][t], 6), -ENTITY_TYPES.index(t)))
        names = curated[c] or surfaces[c]
        # another cluster's acronym among this one's keys and names; only those matter, and
        # looking at every ambiguous acronym for every cluster made resolution quadratic
        # (94 s of a 307 s whole-corpus build)
        borrowed = {k for k in (*keys[c], *(key_of[s] for s in names))
                    if k in root_of_ambiguous and root_of_ambiguous[k] != c}
        id_key = min(keys[c] - borrowed or keys[c], key=lambda k: (len(k), k))
        plain = [s for s in names if key_of[s] not in borrowed] or list(names)  # not "DCN" for two things
        name = min(plain, key=lambda s: (-names[s], -_capitals(s), s))
        aliases = sorted({s for s in (*surfaces[c], *curated[c]) if s != name}, key=lambda s: (s.casefold(), s))
        entity = CanonicalEntity(f"{type_.lower()}:{id_key}", type_, name, aliases, mentions[c], len(papers[c]))
        entities[entity.id] = entity
        entity_of_cluster[c] = entity.id
        for k in keys[c] - borrowed:
            cluster_of_key[k] = c
    resolution = Resolution(entities, cluster_of_key, {k: uf.find(v) for k, v in local.items()}, entity_of_cluster, key_of)
    return [_canonical(ex, resolution) for ex in extractions], resolution


def _capitals(text: str) -> int:
    return sum(map(str.isupper, text))


def _named_endpoints(ex: PaperExtraction) -> Iterable[tuple[str, str]]:
    """Names that relations and results point at, with the type they expect."""
    for r in ex.relations:
        if r.head_type in ENTITY_TYPES:
            yield r.head, r.head_type
        if r.tail_type in ENTITY_TYPES:
            yield r.tail, r.tail_type
    for res in ex.results:
        yield res.metric, "Metric"
        if res.method:
            yield res.method, "Method"
        if res.dataset:
            yield res.dataset, "Dataset"


def _canonical(ex: PaperExtraction, resolution: Resolution) -> PaperExtraction:
    """The same extraction with every name replaced by its entity's canonical name and type."""
    pid = ex.paper.id

    def canon(name: str | None) -> str | None:
        if name is None:
            return None
        entity = resolution.lookup(pid, name)
        return entity.name if entity else name

    entities = []
    for e in ex.entities:
        entity = resolution.lookup(pid, e.text)
        entities.append(_with(e, name=entity.name, type=entity.type) if entity else e)
    relations = [
        _with(r, head=canon(r.head) if r.head_type != "Paper" else r.head, tail=canon(r.tail)) for r in ex.relations
    ]
    results = [_with(r, metric=canon(r.metric), method=canon(r.method), dataset=canon(r.dataset)) for r in ex.results]
    return replace(ex, entities=entities, relations=relations, results=results)


def _with(record: _Record, **changes: Any) -> _Record:
    """``record`` with ``changes``, or ``record`` itself when they change nothing: most
    names are canonical already, and copying every record was a third of resolve's time."""
    if all(getattr(record, name) == value for name, value in changes.items()):
        return record
    return replace(record, **changes)
