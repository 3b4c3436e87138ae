"""The records that flow between stages: readers -> extract -> resolve -> graph.

Every stage imports its inputs and outputs from here, so the contract between stages
is visible in one place. Records are plain dataclasses: cheap to create, picklable
(for worker processes) and convertible to JSON with :func:`dataclasses.asdict`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

# The fixed vocabularies. Anything written to Neo4j or a graph file must come from these.
#: Which extractors find entities: the rules (name lists, acronyms, patterns), the shipped
#: trained model, or both (the default).
EXTRACTOR_CHOICES = ("rules", "model", "all")
DEFAULT_EXTRACTORS = "all"
#: Entities below this calibrated confidence are left out (``--min-score``), chosen on the
#: kg_gold dev files with benchmarks/calibrate.py.
DEFAULT_MIN_SCORE = 0.5

ENTITY_TYPES = ("Method", "Dataset", "Metric", "Task")
#: Result units of a change against a baseline, not a value ("+2.0%", "by 1.8 points",
#: "3x faster"): kg_results writes them, leaderboards and kg eval leave them out.
CHANGE_PERCENT = "% change"
CHANGE_UNITS = ("x", "points", CHANGE_PERCENT)
#: Who wrote a paper and where it appeared, when the input says (BibTeX, OpenAlex, ...).
BIBLIOGRAPHIC_LABELS = ("Author", "Venue")
NODE_LABELS = ("Paper", *ENTITY_TYPES, "Result", *BIBLIOGRAPHIC_LABELS)
RELATION_TYPES = (
    "PROPOSES",  # Paper -> Method
    "MENTIONS",  # Paper -> Method|Dataset|Metric|Task
    "EVALUATED_ON",  # Method -> Dataset, Result -> Dataset
    "OUTPERFORMS",  # Method -> Method
    "PART_OF",  # Method -> Method
    "ADDRESSES",  # Method -> Task
    "REPORTS",  # Paper -> Result
    "MEASURED_BY",  # Result -> Metric
    "ACHIEVES",  # Method -> Result
    "AUTHORED",  # Author -> Paper
    "PUBLISHED_IN",  # Paper -> Venue
)


@dataclass(frozen=True)
class Paper:
    """One input record. ``origin`` is ``file:line`` of where it was read, for messages."""

    id: str
    title: str
    abstract: str
    url: str | None = None
    year: int | None = None
    authors: tuple[str, ...] = ()
    venue: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    origin: str = ""


@dataclass(frozen=True)
class ReadProblem:
    """A record a reader could not read; reported, never silently dropped. ``skipped``
    is False for a record read after all, with a warning (a duplicate id kept under a
    derived one)."""

    file: str
    line: int
    why: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.why}"


@dataclass
class Entity:
    """One mention of a Method, Dataset, Metric or Task in an abstract.

    ``text == abstract[start:end]`` always holds; ``name`` is the canonical name
    after resolution (the surface text until then).
    """

    type: str
    name: str
    text: str
    start: int
    end: int
    sentence: str
    source: str
    score: float


@dataclass
class Relation:
    """A typed link found in one abstract: between two entity names, or (PROPOSES)
    from the paper, whose id is then the ``head``."""

    type: str
    head: str
    tail: str
    head_type: str
    tail_type: str
    evidence: str
    start: int  # character offsets of the evidence sentence in the abstract
    end: int
    source: str
    score: float = 1.0


@dataclass
class Result:
    """A reported number: "81.5% top-1 accuracy on ImageNet"."""

    metric: str
    value: float
    unit: str
    evidence: str
    start: int  # character offsets of the number in the abstract
    end: int
    method: str | None = None
    dataset: str | None = None
    source: str = "kg_results"
    score: float = 0.8


@dataclass(frozen=True)
class Acronym:
    """A definition found in the abstract: ``short`` stands for ``long``."""

    short: str
    long: str
    type: str | None


@dataclass
class PaperExtraction:
    """Everything extracted from one paper; the unit ``kg extract`` prints."""

    paper: Paper
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    acronyms: list[Acronym] = field(default_factory=list)


@dataclass
class CanonicalEntity:
    """One real thing after resolution: the node the graph draws for every name of it."""

    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    papers: int = 0


@dataclass
class StageTimes:
    """Wall-clock seconds per stage of one build, in the order the stages first ran
    (``kg build --profile``): read, cache, load, extract, resolve, graph, write.

    >>> times = StageTimes()
    >>> with times.stage("read"):
    ...     pass
    >>> list(times.seconds)
    ['read']
    """

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
