"""Gold entity annotations to score against: SciERC (JSON Lines) and TDMSci (CoNLL),
read into :class:`GoldDoc` records, and the folder they are found in."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import EvalDataError

__all__ = ["DATASETS", "GoldDoc", "GoldSet", "GoldSpan", "default_data_dir", "load_dataset", "load_scierc",
           "load_tdmsci", "tdmsci_split"]


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
    repo_root = Path(__file__).resolve().parents[2]
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
