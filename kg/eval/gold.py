"""Score extractions against gold files in the kg_gold format: named things per paper.

The format and the scoring rule are those of ``shared/data/kg_gold/GUIDELINES.md``: each
paper lists its Methods, Datasets, Metrics and Tasks (``"canonical|alias|..."``), names
that are acceptable but never required (``ok``), relations and results. A gold entity is
found when a predicted entity of its type has a name or surface text equal to one of its
aliases after :func:`normalize_gold_name`; each distinct predicted name that matches no
alias of its type and no ``ok`` entry is a false positive. This is how a graph user reads
the graph: one node per real thing, and every node that is not one costs them.

Nothing here runs an extractor or prints: :func:`score_gold` takes the gold papers and
one extraction per paper (matched by title); :mod:`kg.cli.eval` formats the report.
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import EvalDataError
from kg.eval.datasets import default_data_dir
from kg.eval.score import PRF
from kg.model import CHANGE_UNITS, ENTITY_TYPES, Paper, PaperExtraction

__all__ = [
    "GOLD_FILES",
    "GoldEntity",
    "GoldPaper",
    "GoldReport",
    "GoldResult",
    "PaperErrors",
    "load_gold",
    "load_gold_set",
    "normalize_gold_name",
    "score_gold",
]

#: kg_gold files ``kg eval`` knows by name -> path under the data folder.
GOLD_FILES = {
    "kg-dev-daily": "kg_gold/dev_daily_papers.json",
    "kg-dev-conf": "kg_gold/dev_conf.json",
}
#: The headline is micro F1 over these; Task is reported beside it.
HEADLINE_TYPES = ("Method", "Dataset", "Metric")
#: Relation kinds in the gold file -> kg relation type.
RELATION_KINDS = {
    "proposes": "PROPOSES",
    "evaluated_on": "EVALUATED_ON",
    "outperforms": "OUTPERFORMS",
    "part_of": "PART_OF",
}

# ---------------------------------------------------------------------------- normalising

_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2043\uFE58\uFE63\uFF0D-]")
_TRAILING_WORD = re.compile(r"(?:^|[\s-])(?:datasets?|benchmarks?|challenge|corpus|models?|score)$")


def normalize_gold_name(name: str) -> str:
    """The guidelines' name key: lowercase, unified dashes, a trailing "dataset(s)",
    "benchmark(s)", "challenge", "corpus", "model(s)" or "score" dropped, letters and digits
    only, and a final "s" dropped from keys longer than 4 characters not ending in "ss".

    >>> normalize_gold_name("The MCTest dataset"), normalize_gold_name("SQuAD 2.0")
    ('themctest', 'squad20')
    >>> normalize_gold_name("Transformers"), normalize_gold_name("loss"), normalize_gold_name("GANs")
    ('transformer', 'loss', 'gans')
    """
    text = unicodedata.normalize("NFKC", name).lower().strip()
    text = _DASHES.sub("-", text)
    stripped = _TRAILING_WORD.sub("", text).strip()
    if stripped:  # "Dataset" alone stays itself
        text = stripped
    key = "".join(ch for ch in text if ch.isalnum())
    if len(key) > 4 and key.endswith("s") and not key.endswith("ss"):
        key = key[:-1]
    return key


# ---------------------------------------------------------------------------------- records


@dataclass(frozen=True)
class GoldEntity:
    """One annotated thing: its type and every name it goes by (first is canonical)."""

    type: str
    aliases: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.aliases[0]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(k for k in map(normalize_gold_name, self.aliases) if k)


@dataclass(frozen=True)
class GoldResult:
    """``[method or ?, dataset or ?, metric, value]`` of the gold file; ``None`` for ``?``."""

    method: str | None
    dataset: str | None
    metric: str
    value: float


@dataclass
class GoldPaper:
    """One annotated abstract. ``origin`` is ``file:index`` for messages."""

    id: str
    title: str
    abstract: str
    entities: list[GoldEntity]
    ok: frozenset[str]
    relations: dict[str, set[tuple[str, ...]]]  # kind -> pairs (proposes: 1-tuples) of names
    results: list[GoldResult]
    code: list[str] = field(default_factory=list)
    origin: str = ""

    def to_paper(self) -> Paper:
        return Paper(id=self.id, title=self.title, abstract=self.abstract, origin=self.origin)

    def entity_named(self, name: str) -> GoldEntity | None:
        """The annotated entity (of any type) that ``name`` is an alias of."""
        key = normalize_gold_name(name)
        return next((e for e in self.entities if key in e.keys), None)


# ---------------------------------------------------------------------------------- loading


def load_gold(path: str | os.PathLike[str]) -> list[GoldPaper]:
    """Read a kg_gold JSON file (a list of papers). Raises :class:`EvalDataError` naming
    the file and the paper when it is missing or malformed."""
    path = Path(path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvalDataError(f"{path}: gold file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise EvalDataError(f"{path}: cannot read the gold file ({e})") from None
    except json.JSONDecodeError as e:
        raise EvalDataError(f"{path}:{e.lineno}: not valid JSON ({e.msg})") from None
    if not isinstance(records, list):
        raise EvalDataError(f"{path}: expected a JSON list of papers, got {type(records).__name__}")
    papers = [_gold_paper(record, f"{path}:paper {i + 1}") for i, record in enumerate(records)]
    if not papers:
        raise EvalDataError(f"{path}: no papers in the gold file")
    return papers


def _gold_paper(record: Any, where: str) -> GoldPaper:
    if not isinstance(record, dict):
        raise EvalDataError(f"{where}: expected a JSON object, got {type(record).__name__}")
    for key in ("title", "abstract", "gold"):
        if key not in record:
            raise EvalDataError(f"{where}: missing {key!r}")
    gold = record["gold"]
    if not isinstance(gold, dict):
        raise EvalDataError(f"{where}: 'gold' must be an object")
    entities = [
        GoldEntity(type_, tuple(a.strip() for a in str(entry).split("|") if a.strip()))
        for type_ in ENTITY_TYPES
        for entry in _strings(gold.get(type_, []), f"{where}: gold.{type_}")
    ]
    relations: dict[str, set[tuple[str, ...]]] = {}
    for kind in RELATION_KINDS:
        pairs = gold.get(kind, [])
        if kind == "proposes":
            relations[kind] = {(name,) for name in _strings(pairs, f"{where}: gold.proposes")}
            continue
        if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
            raise EvalDataError(f"{where}: gold.{kind} must be a list of [head, tail] pairs")
        relations[kind] = {(str(h), str(t)) for h, t in pairs}
    results = []
    for row in gold.get("results", []):
        if not isinstance(row, list) or len(row) != 4 or not isinstance(row[3], (int, float)):
            raise EvalDataError(f"{where}: each gold result must be [method, dataset, metric, number], got {row!r}")
        method, dataset, metric, value = row
        results.append(GoldResult(_known(method), _known(dataset), str(metric), float(value)))
    title = str(record["title"])
    return GoldPaper(
        id=str(record.get("id") or title),
        title=title,
        abstract=str(record["abstract"]),
        entities=[e for e in entities if e.aliases],
        ok=frozenset(k for k in map(normalize_gold_name, _strings(gold.get("ok", []), f"{where}: gold.ok")) if k),
        relations=relations,
        results=results,
        code=_strings(gold.get("code", []), f"{where}: gold.code"),
        origin=where,
    )


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EvalDataError(f"{where} must be a list of strings")
    return value


def _known(name: Any) -> str | None:
    return None if name in (None, "", "?") else str(name)


# ---------------------------------------------------------------------------------- scoring


@dataclass
class PaperErrors:
    """What one paper got wrong: predicted names that are not entities of their type, and
    gold entities (canonical name) that were missed, per type; wrong relations and results."""

    title: str
    false_positives: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    wrong_relations: list[str] = field(default_factory=list)
    missed_relations: list[str] = field(default_factory=list)
    wrong_results: list[str] = field(default_factory=list)
    missed_results: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not any((*self.false_positives.values(), *self.misses.values(), self.wrong_relations,
                        self.missed_relations, self.wrong_results, self.missed_results))

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "false_positives": dict(self.false_positives), "misses": dict(self.misses),
                "wrong_relations": self.wrong_relations, "missed_relations": self.missed_relations,
                "wrong_results": self.wrong_results, "missed_results": self.missed_results}


@dataclass
class GoldReport:
    """Scores of one extractor on one kg_gold file."""

    dataset: str
    extractor: str
    papers: int
    entities: dict[str, PRF]
    relations: dict[str, PRF]
    results: PRF
    errors: list[PaperErrors]
    seconds: float = 0.0

    @property
    def headline(self) -> PRF:
        """Micro-averaged over Method, Dataset and Metric."""
        total = PRF()
        for t in HEADLINE_TYPES:
            total.add(self.entities[t])
        return total

    @property
    def relations_micro(self) -> PRF:
        total = PRF()
        for counts in self.relations.values():
            total.add(counts)
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "extractor": self.extractor,
            "papers": self.papers,
            "seconds": self.seconds,
            "entities": {t: c.to_dict() for t, c in self.entities.items()},
            "headline": self.headline.to_dict(),
            "relations": {k: c.to_dict() for k, c in self.relations.items()},
            "relations_micro": self.relations_micro.to_dict(),
            "results": self.results.to_dict(),
        }


def score_gold(
    gold: Sequence[GoldPaper], extractions: Iterable[PaperExtraction], *, dataset: str = "", extractor: str = ""
) -> GoldReport:
    """Score one extraction per gold paper, matched by title (a paper with no extraction
    scores as one with nothing found)."""
    by_title = {_title_key(ex.paper.title): ex for ex in extractions}
    entities = {t: PRF() for t in ENTITY_TYPES}
    relations = {kind: PRF() for kind in RELATION_KINDS}
    results = PRF()
    errors = []
    for paper in gold:
        extraction = by_title.get(_title_key(paper.title)) or PaperExtraction(paper.to_paper())
        mistakes = PaperErrors(paper.title)
        predicted = _predicted_names(extraction)
        for type_ in ENTITY_TYPES:
            _score_entities(paper, type_, predicted.get(type_, {}), entities[type_], mistakes)
        _score_relations(paper, extraction, predicted, relations, mistakes)
        _score_results(paper, extraction, results, mistakes)
        errors.append(mistakes)
    return GoldReport(dataset, extractor, len(gold), entities, relations, results, errors)


def _title_key(title: str) -> str:
    return " ".join(title.casefold().split())


def _predicted_names(ex: PaperExtraction) -> dict[str, dict[str, set[str]]]:
    """type -> predicted name (as written) -> the keys it matches by: its name and texts."""
    names: dict[str, dict[str, set[str]]] = defaultdict(dict)
    by_key: dict[tuple[str, str], str] = {}
    for e in ex.entities:
        key = normalize_gold_name(e.name)
        if not key:
            continue
        name = by_key.setdefault((e.type, key), e.name)  # distinct by normalised name
        names[e.type].setdefault(name, set()).add(key)
        if text_key := normalize_gold_name(e.text):
            names[e.type][name].add(text_key)
    return names


def _score_entities(
    paper: GoldPaper, type_: str, predicted: dict[str, set[str]], counts: PRF, mistakes: PaperErrors
) -> None:
    gold = [e for e in paper.entities if e.type == type_]
    predicted_keys = set().union(*predicted.values()) if predicted else set()
    for entity in gold:
        if entity.keys & predicted_keys:
            counts.tp += 1
        else:
            counts.fn += 1
            mistakes.misses[type_].append(entity.name)
    gold_keys = set().union(*(e.keys for e in gold)) if gold else set()
    for name, keys in predicted.items():
        if not keys & (gold_keys | paper.ok):
            counts.fp += 1
            mistakes.false_positives[type_].append(name)


def _score_relations(
    paper: GoldPaper,
    ex: PaperExtraction,
    predicted: dict[str, dict[str, set[str]]],
    counts: dict[str, PRF],
    mistakes: PaperErrors,
) -> None:
    """Recall over the gold pairs; precision over the predicted pairs whose ends are
    annotated entities of the paper (a pair about an unannotated name is not judged)."""

    def entity_of(name: str) -> GoldEntity | None:
        keys = {normalize_gold_name(name)}
        for by_name in predicted.values():  # the surface forms of that predicted name count too
            keys |= by_name.get(name, set())
        return next((e for e in paper.entities if e.keys & keys), None)

    for kind, rel_type in RELATION_KINDS.items():
        gold_pairs = {tuple(paper.entity_named(n) for n in pair) for pair in paper.relations.get(kind, set())}
        gold_pairs = {p for p in gold_pairs if all(p)}
        found = set()
        for r in ex.relations:
            if r.type != rel_type:
                continue
            pair = (entity_of(r.tail),) if kind == "proposes" else (entity_of(r.head), entity_of(r.tail))
            if not all(pair) or pair in found:
                continue
            found.add(pair)
            if pair in gold_pairs:
                counts[kind].tp += 1
            else:
                counts[kind].fp += 1
                mistakes.wrong_relations.append(f"{kind} " + " -> ".join(e.name for e in pair))
        for pair in gold_pairs - found:
            counts[kind].fn += 1
            mistakes.missed_relations.append(f"{kind} " + " -> ".join(e.name for e in pair))


def _score_results(paper: GoldPaper, ex: PaperExtraction, counts: PRF, mistakes: PaperErrors) -> None:
    """A predicted result is right when its metric and value match a gold result (and its
    dataset, where the gold gives one); each gold result is found at most once. Changes
    (gains and ratios, :data:`CHANGE_UNITS`) are not values and are not scored."""
    unmatched = list(paper.results)
    for r in ex.results:
        if r.unit in CHANGE_UNITS:  # a gain or ratio ("+2.0%", "3x faster") is not a reported value
            continue
        match = next((g for g in unmatched if _result_matches(paper, g, r.metric, r.value, r.dataset)), None)
        if match is None:
            counts.fp += 1
            mistakes.wrong_results.append(f"{r.metric} = {r.value:g} ({r.dataset or '?'}, {r.method or '?'})")
        else:
            counts.tp += 1
            unmatched.remove(match)
    for g in unmatched:
        counts.fn += 1
        mistakes.missed_results.append(f"{g.metric} = {g.value:g} ({g.dataset or '?'}, {g.method or '?'})")


def _result_matches(paper: GoldPaper, gold: GoldResult, metric: str, value: float, dataset: str | None) -> bool:
    if not math.isclose(gold.value, value, rel_tol=1e-9, abs_tol=1e-9):
        return False
    if not _same_thing(paper, gold.metric, metric):
        return False
    return gold.dataset is None or (dataset is not None and _same_thing(paper, gold.dataset, dataset))


def _same_thing(paper: GoldPaper, gold_name: str, predicted: str) -> bool:
    key = normalize_gold_name(predicted)
    entity = paper.entity_named(gold_name)
    return key in entity.keys if entity else key == normalize_gold_name(gold_name)


def load_gold_set(name_or_path: str, data_dir: str | os.PathLike[str] | None = None) -> tuple[str, list[GoldPaper]]:
    """A kg_gold file by name (:data:`GOLD_FILES`, under ``data_dir`` or the default data
    folder) or by path; returns the name to report it under and its papers."""
    if name_or_path in GOLD_FILES:
        base = Path(data_dir) if data_dir is not None else default_data_dir()
        return name_or_path, load_gold(base / GOLD_FILES[name_or_path])
    path = Path(name_or_path)
    if not path.suffix == ".json" and not path.exists():
        known = ", ".join([*GOLD_FILES, "scierc-dev", "tdmsci-dev"])
        raise EvalDataError(f"unknown gold set {name_or_path!r}; choose from {known} or give a kg_gold .json file")
    return path.name, load_gold(path)
