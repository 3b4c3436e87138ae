"""Score an extractor against gold entity annotations (SciERC, TDMSci).

Loading and scoring know nothing about how extraction works: every scoring function takes
an ``extract`` callable (papers in, :class:`~kg.model.PaperExtraction` out, in input
order), so any extractor, or a hand-made fake in a test, can be scored the same way.
Nothing here prints; :func:`format_report` returns the text the CLI prints.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import EvalDataError
from kg.model import Paper, PaperExtraction

__all__ = [
    "DATASETS",
    "EvalReport",
    "Extract",
    "GoldDoc",
    "GoldSet",
    "GoldSpan",
    "PRF",
    "default_data_dir",
    "format_report",
    "load_dataset",
    "load_scierc",
    "load_tdmsci",
    "normalize_name",
    "score",
    "tdmsci_split",
]

Extract = Callable[[Iterable[Paper]], Iterator[PaperExtraction]]
"""What is scored: papers in, one extraction per paper out, in input order."""


# --------------------------------------------------------------------------- gold records


@dataclass(frozen=True)
class GoldSpan:
    """One gold mention; ``start``/``end`` are character offsets into its doc's ``text``."""

    type: str
    start: int
    end: int
    text: str


@dataclass
class GoldDoc:
    """One gold-annotated text (a SciERC abstract or a TDMSci sentence).

    ``origin`` is ``file:line`` of where it was read, for error messages.
    """

    id: str
    text: str
    spans: list[GoldSpan] = field(default_factory=list)
    origin: str = ""


# ---------------------------------------------------------------------------------- SciERC

#: SciERC label -> kg entity type; labels not listed (Generic, OtherScientificTerm) are dropped.
SCIERC_LABELS = {"Method": "Method", "Task": "Task", "Metric": "Metric", "Material": "Dataset"}
_SCIERC_ALL_LABELS = {*SCIERC_LABELS, "Generic", "OtherScientificTerm"}

# Penn Treebank escapes used in SciERC tokens, mapped back to what the abstract said.
_PTB_UNESCAPE = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "``": '"',
    "''": '"',
}


def _unescape_token(token: str) -> str:
    return _PTB_UNESCAPE.get(token, token)


def load_scierc(path: str | os.PathLike[str]) -> list[GoldDoc]:
    """Read SciERC JSON lines into one :class:`GoldDoc` per abstract.

    The text is rebuilt as tokens joined by single spaces (sentences too), with PTB
    brackets and quotes un-escaped, so extractors see ordinary prose. Token spans
    (document-level, end inclusive) become character spans into that text.
    Raises :class:`EvalDataError` if the file is missing or any line is malformed.
    """
    path = Path(path)
    docs: list[GoldDoc] = []
    for lineno, line in enumerate(_read_lines(path), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise EvalDataError(f"{where}: not valid JSON ({e.msg})") from None
        docs.append(_scierc_doc(record, where))
    if not docs:
        raise EvalDataError(f"{path}: no SciERC documents in the file")
    return docs


def _scierc_doc(record: Any, where: str) -> GoldDoc:
    if not isinstance(record, dict):
        raise EvalDataError(f"{where}: expected a JSON object, got {type(record).__name__}")
    doc_key, sentences, ner = record.get("doc_key"), record.get("sentences"), record.get("ner")
    if not isinstance(doc_key, str) or not doc_key:
        raise EvalDataError(f"{where}: missing or empty 'doc_key'")
    if not isinstance(sentences, list) or not all(
        isinstance(s, list) and all(isinstance(t, str) for t in s) for s in sentences
    ):
        raise EvalDataError(f"{where}: 'sentences' must be a list of lists of token strings")
    if not isinstance(ner, list) or len(ner) != len(sentences):
        raise EvalDataError(f"{where}: 'ner' must be a list with one entry per sentence")

    # Character offsets of every token in the rebuilt text.
    starts: list[int] = []
    ends: list[int] = []
    pieces: list[str] = []
    pos = 0
    for token in (_unescape_token(t) for sentence in sentences for t in sentence):
        if pieces:
            pos += 1  # the single joining space
        starts.append(pos)
        pos += len(token)
        ends.append(pos)
        pieces.append(token)
    text = " ".join(pieces)

    spans: list[GoldSpan] = []
    for sentence_ner in ner:
        if not isinstance(sentence_ner, list):
            raise EvalDataError(f"{where}: each 'ner' entry must be a list of [start, end, label]")
        for item in sentence_ner:
            if (
                not isinstance(item, list)
                or len(item) != 3
                or not all(isinstance(i, int) and not isinstance(i, bool) for i in item[:2])
                or not isinstance(item[2], str)
            ):
                raise EvalDataError(f"{where}: bad ner item {item!r}, expected [start, end, label]")
            first, last, label = item
            if not 0 <= first <= last < len(starts):
                raise EvalDataError(
                    f"{where}: ner span [{first}, {last}] outside the {len(starts)} tokens"
                )
            if label not in _SCIERC_ALL_LABELS:
                raise EvalDataError(f"{where}: unknown SciERC label {label!r}")
            if label not in SCIERC_LABELS:
                continue
            start, end = starts[first], ends[last]
            spans.append(GoldSpan(SCIERC_LABELS[label], start, end, text[start:end]))
    spans.sort(key=lambda s: (s.start, s.end, s.type))
    return GoldDoc(id=doc_key, text=text, spans=spans, origin=where)


# ---------------------------------------------------------------------------------- TDMSci

#: TDMSci tag type -> kg entity type.
TDMSCI_LABELS = {"TASK": "Task", "DATASET": "Dataset", "METRIC": "Metric"}


def load_tdmsci(path: str | os.PathLike[str]) -> list[GoldDoc]:
    """Read the TDMSci CoNLL file into one :class:`GoldDoc` per sentence, ids ``tdmsci:<n>``.

    Text is rebuilt from the token offsets (padded with spaces), so spacing such as
    ``(EnZh)`` matches the original sentence. The released file's offsets actually run on
    across sentences, so they are taken relative to each sentence's first token; the rare
    token whose offset overlaps the previous token (a flaw in the release) is placed one
    space after it, and the rest of the sentence shifted to match. BIO tags: an ``I-``
    that does not continue a span of the same type starts a new one.
    """
    path = Path(path)
    docs: list[GoldDoc] = []
    block: list[tuple[int, str, int, str]] = []  # (line number, token, offset, tag)
    for lineno, line in enumerate(_read_lines(path), start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            if block:
                docs.append(_tdmsci_doc(block, f"tdmsci:{len(docs)}", path))
                block = []
            continue
        columns = line.split("\t")
        if len(columns) != 3:
            raise EvalDataError(
                f"{path}:{lineno}: expected 3 tab-separated columns (token, offset, tag), "
                f"got {len(columns)}"
            )
        token, offset, tag = columns
        if not offset.isdigit():
            raise EvalDataError(f"{path}:{lineno}: offset {offset!r} is not a whole number")
        if tag != "O" and not (tag[:2] in ("B-", "I-") and tag[2:] in TDMSCI_LABELS):
            raise EvalDataError(f"{path}:{lineno}: unknown tag {tag!r}")
        if not token:
            raise EvalDataError(f"{path}:{lineno}: empty token")
        block.append((lineno, token, int(offset), tag))
    if block:
        docs.append(_tdmsci_doc(block, f"tdmsci:{len(docs)}", path))
    if not docs:
        raise EvalDataError(f"{path}: no TDMSci sentences in the file")
    return docs


def _tdmsci_doc(block: list[tuple[int, str, int, str]], doc_id: str, path: Path) -> GoldDoc:
    base = block[0][2]
    shift = 0
    text = ""
    bounds: list[tuple[int, int]] = []
    for _, token, offset, _ in block:
        pos = offset - base + shift
        if pos < len(text):  # overlaps the previous token: keep the tokens apart
            wanted = len(text) + 1
            shift += wanted - pos
            pos = wanted
        text += " " * (pos - len(text)) + token
        bounds.append((pos, len(text)))

    spans: list[GoldSpan] = []
    open_type: str | None = None
    open_start = open_end = 0

    def close() -> None:
        if open_type is not None:
            spans.append(GoldSpan(open_type, open_start, open_end, text[open_start:open_end]))

    for (_, _, _, tag), (start, end) in zip(block, bounds):
        kind = TDMSCI_LABELS.get(tag[2:]) if tag != "O" else None
        if kind is not None and tag.startswith("I-") and kind == open_type:
            open_end = end
            continue
        close()
        open_type, open_start, open_end = kind, start, end
    close()
    return GoldDoc(id=doc_id, text=text, spans=spans, origin=f"{path}:{block[0][0]}")


def tdmsci_split(
    docs: Sequence[GoldDoc], dev_size: int = 200
) -> tuple[list[GoldDoc], list[GoldDoc]]:
    """Split TDMSci train into (train, dev): dev is the last ``dev_size`` sentences.

    The team's fixed carve-out ("trained on the first 1,300, evaluated on the last 200"),
    so everyone's dev numbers are comparable; the official test split stays held out.
    """
    if dev_size < 1:
        raise ValueError(f"dev_size must be at least 1, got {dev_size}")
    if len(docs) <= dev_size:
        raise EvalDataError(
            f"only {len(docs)} TDMSci sentences; need more than {dev_size} to carve out a dev set"
        )
    return list(docs[:-dev_size]), list(docs[-dev_size:])


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise EvalDataError(f"gold data file not found: {path}") from None
    except IsADirectoryError:
        raise EvalDataError(f"gold data path is a directory, not a file: {path}") from None
    except UnicodeDecodeError as e:
        raise EvalDataError(f"{path}: not UTF-8 text ({e.reason})") from None


# ----------------------------------------------------------------------- data directories


def default_data_dir() -> Path:
    """Find the shared gold data folder: ``$KG_DATA_DIR``, else ``../shared/data`` from the
    working directory, else ``../shared/data`` next to the repository.

    Raises :class:`EvalDataError` naming what was tried, so the user knows what to set.
    """
    env = os.environ.get("KG_DATA_DIR")
    if env:
        path = Path(env).expanduser()
        if not path.is_dir():
            raise EvalDataError(
                f"KG_DATA_DIR points to {path}, which is not a directory; "
                "set KG_DATA_DIR to the folder holding scierc/ and tdmsci/"
            )
        return path
    repo_root = Path(__file__).resolve().parent.parent
    candidates = [Path.cwd() / ".." / "shared" / "data", repo_root / ".." / "shared" / "data"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate.resolve()
    tried = " or ".join(str(c.resolve()) for c in candidates)
    raise EvalDataError(
        f"gold data folder not found (tried {tried}); "
        "set KG_DATA_DIR to the folder holding scierc/ and tdmsci/"
    )


@dataclass
class GoldSet:
    """A named gold set ready to score: its docs and the entity types it annotates."""

    name: str
    docs: list[GoldDoc]
    types: tuple[str, ...]


#: Gold sets ``kg eval`` knows by name -> (file under the data dir, types annotated).
DATASETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "scierc-dev": ("scierc/dev.jsonl", ("Method", "Dataset", "Metric", "Task")),
    "tdmsci-dev": ("tdmsci/train_1500_v2.conll", ("Dataset", "Metric", "Task")),
}


def load_dataset(name: str, data_dir: str | os.PathLike[str] | None = None) -> GoldSet:
    """Load a gold set by name (see :data:`DATASETS`) from ``data_dir`` or
    :func:`default_data_dir`, so the CLI needs only a name."""
    if name not in DATASETS:
        raise EvalDataError(f"unknown gold set {name!r}; choose from {', '.join(DATASETS)}")
    relative, types = DATASETS[name]
    path = (Path(data_dir) if data_dir is not None else default_data_dir()) / relative
    if name == "scierc-dev":
        docs = load_scierc(path)
    else:
        docs = tdmsci_split(load_tdmsci(path))[1]
    return GoldSet(name=name, docs=docs, types=types)


# --------------------------------------------------------------------------------- scoring


@dataclass
class PRF:
    """Counts for one type and mode; precision/recall/F1 derive from them (0 if undefined).

    >>> PRF(tp=2, fp=2, fn=0).f1
    0.6666666666666666
    >>> PRF().precision
    0.0
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        """Accumulate another count (used for micro-averaging)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class EvalReport:
    """Scores of one extractor on one gold set, in two modes.

    ``span``: exact (type, start, end) matches. ``names``: per doc, the set of distinct
    (type, normalized name): what a graph built from the abstract would contain.
    """

    dataset: str
    extractor: str
    types: tuple[str, ...]
    span: dict[str, PRF]
    span_micro: PRF
    names: dict[str, PRF]
    names_micro: PRF
    docs: int
    seconds: float

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, for ``kg eval --json``."""
        return {
            "dataset": self.dataset,
            "extractor": self.extractor,
            "types": list(self.types),
            "docs": self.docs,
            "seconds": self.seconds,
            "docs_per_second": self.docs_per_second,
            "span": {
                "per_type": {t: prf.to_dict() for t, prf in self.span.items()},
                "micro": self.span_micro.to_dict(),
            },
            "names": {
                "per_type": {t: prf.to_dict() for t, prf in self.names.items()},
                "micro": self.names_micro.to_dict(),
            },
        }


# Punctuation stripped from the ends of a name; deliberately not + # % etc., so that
# "C++" and "C" or "F1" and "F1%" stay distinct.
_EDGE_PUNCT = " \t\n\r.,;:!?\"'`()[]{}“”‘’"
_WHITESPACE = re.compile(r"\s+")


def normalize_name(text: str) -> str:
    """Fold a surface form for the names mode: casefold, collapse whitespace, strip
    surrounding punctuation. Nothing more, so distinct names stay distinct.

    >>> normalize_name("  (BERT-Large  model). ")
    'bert-large model'
    """
    return _WHITESPACE.sub(" ", text.casefold()).strip(_EDGE_PUNCT)


def score(
    gold_docs: Sequence[GoldDoc],
    extract: Extract,
    types: Sequence[str],
    *,
    title: str = "",
    dataset: str = "",
    extractor: str = "",
) -> EvalReport:
    """Run ``extract`` once over all gold docs and score it per type and micro-averaged.

    Each doc becomes ``Paper(id=doc.id, title=title, abstract=doc.text)``. Predicted
    entities whose type is not in ``types`` are ignored, as are gold spans of other types.
    Duplicates count once in both modes (sets per doc). ``seconds`` covers the whole
    extract call, including consuming its iterator.
    """
    types = tuple(types)
    papers = [Paper(id=doc.id, title=title or "", abstract=doc.text) for doc in gold_docs]
    started = time.perf_counter()
    extractions = list(extract(papers))
    seconds = time.perf_counter() - started
    if len(extractions) != len(papers):
        raise ValueError(
            f"extract yielded {len(extractions)} extractions for {len(papers)} papers; "
            "it must yield exactly one per paper, in input order"
        )

    span = {t: PRF() for t in types}
    names = {t: PRF() for t in types}
    wanted = set(types)
    for doc, extraction in zip(gold_docs, extractions):
        if extraction.paper.id != doc.id:
            raise ValueError(
                f"extract yielded paper {extraction.paper.id!r} where {doc.id!r} was expected; "
                "it must yield in input order"
            )
        gold_spans = {(s.type, s.start, s.end) for s in doc.spans if s.type in wanted}
        pred_spans = {(e.type, e.start, e.end) for e in extraction.entities if e.type in wanted}
        gold_names = {(s.type, normalize_name(s.text)) for s in doc.spans if s.type in wanted}
        pred_names = {
            (e.type, normalize_name(e.text)) for e in extraction.entities if e.type in wanted
        }
        _count(span, gold_spans, pred_spans)
        # A name that is all punctuation normalizes to "" and is not a name.
        _count(names, {g for g in gold_names if g[1]}, {p for p in pred_names if p[1]})

    return EvalReport(
        dataset=dataset,
        extractor=extractor,
        types=types,
        span=span,
        span_micro=_micro(span),
        names=names,
        names_micro=_micro(names),
        docs=len(papers),
        seconds=seconds,
    )


def _count(table: dict[str, PRF], gold: set[tuple[Any, ...]], pred: set[tuple[Any, ...]]) -> None:
    """Add one doc's matches to ``table``; the first tuple element is the type."""
    for item in pred & gold:
        table[item[0]].tp += 1
    for item in pred - gold:
        table[item[0]].fp += 1
    for item in gold - pred:
        table[item[0]].fn += 1


def _micro(table: dict[str, PRF]) -> PRF:
    total = PRF()
    for prf in table.values():
        total.add(prf)
    return total


# ------------------------------------------------------------------------------ formatting


def format_report(report: EvalReport) -> str:
    """Render a report as a fixed-width table (percentages), for the CLI to print."""
    header = (
        f"{report.dataset or 'gold'}: {report.extractor or 'extractor'} "
        f"({report.docs} docs, {report.seconds:.2f} s, {report.docs_per_second:.1f} docs/s)"
    )
    columns = f"{'mode':<6} {'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}"
    lines = [header, "", columns, "-" * len(columns)]
    for mode, table, micro in (
        ("span", report.span, report.span_micro),
        ("names", report.names, report.names_micro),
    ):
        for label, prf in [*table.items(), ("micro", micro)]:
            lines.append(
                f"{mode:<6} {label:<8} {100 * prf.precision:>6.1f} {100 * prf.recall:>6.1f} "
                f"{100 * prf.f1:>6.1f} {prf.tp:>6} {prf.fp:>6} {prf.fn:>6}"
            )
    return "\n".join(lines)
