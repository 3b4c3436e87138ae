"""OpenAlex works (api.openalex.org/works, or the snapshot's JSON Lines): one work, a
``results`` page, or one work per line, all read by :mod:`kg.read.jsonl`; this module
turns one work into a Paper.

The abstract is rebuilt from ``abstract_inverted_index`` (OpenAlex ships no plain
abstract); a work without one is reported and skipped. The id is ``openalex:W...``;
authors' OpenAlex ids and ORCIDs are kept, in author order, in ``extra["author_ids"]``
and ``extra["author_orcids"]`` (None where unknown), for Author nodes later.
"""

from __future__ import annotations

from typing import Any

from kg.model import ReadProblem
from kg.read.decode import Record
from kg.read.fields import MAX_ABSTRACT_CHARS, FieldMap, _source_record, _type_name

_OPENALEX_URL = "https://openalex.org/"
_ORCID_URL = "https://orcid.org/"


def work_record(value: Any, name: str, line: int, field_map: FieldMap | None, index: int | None) -> Record:
    """A Paper from one OpenAlex work."""
    element = f"element {index}" if index is not None else None
    if not isinstance(value, dict):
        return ReadProblem(name, line, f"expected an OpenAlex work (a JSON object), got {_type_name(value)}"
                           + (f" ({element})" if element else ""))
    work_id = _short_id(value.get("id"))
    label = f"openalex:{work_id}" if work_id else None
    try:
        abstract = abstract_text(value.get("abstract_inverted_index"))
        authors, author_ids, orcids = _authorships(value.get("authorships"))
    except ValueError as error:
        where = label or value.get("display_name") or element
        return ReadProblem(name, line, str(error) + (f" ({where})" if where else ""))
    location = value.get("primary_location")
    source = location.get("source") if isinstance(location, dict) else None
    kg = {
        "id": label,
        "title": value.get("title") or value.get("display_name"),
        "abstract": abstract,
        "authors": authors,
        "year": value.get("publication_year"),
        "doi": value.get("doi"),
        "venue": source.get("display_name") if isinstance(source, dict) else None,
        "url": (location.get("landing_page_url") if isinstance(location, dict) else None)
        or (value.get("doi") if isinstance(value.get("doi"), str) else None) or value.get("id"),
    }
    extra: dict[str, Any] = {}
    if any(author_ids):
        extra["author_ids"] = author_ids
    if any(orcids):
        extra["author_orcids"] = orcids
    if isinstance(value.get("type"), str):
        extra["openalex_type"] = value["type"]
    return _source_record(kg, extra, value, field_map, name, line, label or element)


def abstract_text(index: Any) -> str | None:
    """The abstract an inverted index stands for: each word at each of its positions.

    >>> abstract_text({"We": [0], "propose": [1], "it.": [3], "FooNet;": [2]})
    'We propose FooNet; it.'
    >>> abstract_text(None) is None
    True
    """
    if index is None:
        return None
    if not isinstance(index, dict):
        raise ValueError(f"'abstract_inverted_index' must be an object, not {_type_name(index)}")
    placed: list[tuple[int, str]] = []
    for word, positions in index.items():
        if not isinstance(positions, list) or not all(
            isinstance(p, int) and not isinstance(p, bool) and p >= 0 for p in positions
        ):
            raise ValueError(f"'abstract_inverted_index' must map words to positions, not {word!r} to {positions!r}"[:200])
        placed.extend((position, word) for position in positions)
        if len(placed) > MAX_ABSTRACT_CHARS:
            raise ValueError(f"'abstract_inverted_index' is too long (more than {MAX_ABSTRACT_CHARS:,} words)")
    placed.sort()
    return " ".join(word for _, word in placed)


def _authorships(value: Any) -> tuple[list[str], list[str | None], list[str | None]]:
    """Names, OpenAlex ids and ORCIDs of the authors, in order (ids and ORCIDs may be None)."""
    if value is None:
        return [], [], []
    if not isinstance(value, list):
        raise ValueError(f"'authorships' must be an array, not {_type_name(value)}")
    names, ids, orcids = [], [], []
    for authorship in value:
        author = authorship.get("author") if isinstance(authorship, dict) else None
        if not isinstance(author, dict):
            raise ValueError("'authorships' must hold objects with an 'author' object")
        name = author.get("display_name") or authorship.get("raw_author_name")
        if not isinstance(name, str) or not name.strip():
            continue  # an authorship OpenAlex could not name
        author_id = _short_id(author.get("id"))
        orcid = author.get("orcid")
        names.append(name.strip())
        ids.append(f"openalex:{author_id}" if author_id else None)
        orcids.append(orcid.removeprefix(_ORCID_URL) if isinstance(orcid, str) and orcid else None)
    return names, ids, orcids


def _short_id(value: Any) -> str | None:
    """``W2741809807`` of ``https://openalex.org/W2741809807`` (or of itself)."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().removeprefix(_OPENALEX_URL).strip("/") or None
