"""Record fields to a :class:`~kg.model.Paper`: which fields are required, what types
they may have, and the id a record gets. Every format ends here, so a title, a year or an
author list is checked the same way whichever file it came from.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from typing import Any

from kg.errors import InputError
from kg.model import Paper, ReadProblem

MAX_ABSTRACT_CHARS = 100_000  # a long abstract has 3,000; spaCy's own limit is 1,000,000
MAX_ID_CHARS = 1_000  # Neo4j cannot index an id of more than about 8 KB
#: The fields kg reads from a record; any other field of a plain record goes to ``extra``.
KG_FIELDS = ("id", "title", "abstract", "url", "year", "authors", "venue", "doi")

Record = Paper | ReadProblem
FieldMap = Mapping[str, str]  # kg field -> the source field it is read from

_KNOWN_FIELDS = frozenset(KG_FIELDS)
_AUTHOR_SEPARATOR = re.compile(r"\s*,\s*|\s+and\s+")
_WHITESPACE = re.compile(r"\s+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_LABEL_CHARS = 60


class _FieldError(ValueError):
    """A field of one record has the wrong type or value; the message is the reason shown."""


def stable_paper_id(title: str, abstract: str) -> str:
    """Id for a record that has none, the same in every run and every input format, so
    re-runs merge papers instead of duplicating them. Case and runs of whitespace in the
    title, and runs of whitespace in the abstract, do not change it.

    >>> stable_paper_id("A  Title", "Some text.") == stable_paper_id("a title", "Some\\ntext.")
    True
    >>> len(stable_paper_id("A Title", "Some text."))
    16
    """
    key = _squash(title).casefold() + "\n" + _squash(abstract)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def check_field_map(field_map: FieldMap | None) -> dict[str, str]:
    """``field_map`` checked before anything is read: kg fields only, each read from a
    named source field (``a.b`` reads field ``b`` of object ``a``).

    >>> check_field_map({"abstract": "paperAbstract"})
    {'abstract': 'paperAbstract'}
    >>> check_field_map({"summary": "x"})
    Traceback (most recent call last):
    ...
    kg.errors.InputError: field map: unknown kg field 'summary' (kg fields: id, title, abstract, url, year, authors, venue, doi)
    """
    checked: dict[str, str] = {}
    for kg_field, source in (field_map or {}).items():
        if kg_field not in _KNOWN_FIELDS:
            raise InputError(f"field map: unknown kg field {kg_field!r} (kg fields: {', '.join(KG_FIELDS)})")
        if not isinstance(source, str) or not source.strip() or "" in source.strip().split("."):
            raise InputError(f"field map: {kg_field!r} needs the name of the field to read it from, not {source!r}")
        checked[kg_field] = source.strip()
    return checked


def lookup(raw: Mapping[str, Any], source: str) -> Any:
    """The value of ``source`` in ``raw`` (``a.b``: field ``b`` of object ``a``), matching
    names exactly or else ignoring case (CSV headers are lower-cased); None if absent.

    >>> lookup({"Meta": {"paperAbstract": "x"}}, "meta.paperabstract")
    'x'
    """
    value: Any = raw
    for part in source.split("."):
        if not isinstance(value, Mapping):
            return None
        if part not in value:
            part = next((key for key in value if isinstance(key, str) and key.casefold() == part.casefold()), part)
        value = value.get(part)
    return value


# --- plain records (JSON Lines, JSON arrays, CSV, TSV) -----------------------------------


def _record(fields: dict[str, Any], name: str, line: int, field_map: FieldMap | None = None) -> Record:
    """A Paper from a record's fields, or the first reason it cannot be one."""
    if field_map:
        fields = _remapped(fields, field_map)
    try:
        return _paper(fields, f"{name}:{line}")
    except _FieldError as error:
        return ReadProblem(name, line, _in_source_terms(str(error), field_map))


def _remapped(fields: dict[str, Any], field_map: FieldMap) -> dict[str, Any]:
    """The record with each mapped kg field read from its source field, which then no
    longer shows up in ``extra``."""
    remapped = dict(fields)
    for kg_field, source in field_map.items():
        top = next((key for key in fields if key.casefold() == source.casefold()), None)
        if top is not None and top not in _KNOWN_FIELDS:
            remapped.pop(top, None)
        remapped[kg_field] = lookup(fields, source)
    return remapped


def _in_source_terms(why: str, field_map: FieldMap | None) -> str:
    """A reason that names the field of the file ("missing 'paperAbstract'"), not kg's."""
    for kg_field, source in (field_map or {}).items():
        why = why.replace(f"'{kg_field}'", f"'{source}'")
    return why


def _paper(fields: Mapping[str, Any], origin: str, extra: dict[str, Any] | None = None) -> Paper:
    """The Paper of a record's kg fields; ``extra`` defaults to the record's other fields."""
    title = _required_text(fields, "title")
    abstract = _checked_length(_required_text(fields, "abstract"))
    if extra is None:
        extra = {key: value for key, value in fields.items() if key not in _KNOWN_FIELDS}
    doi = _doi(fields.get("doi"))
    if doi:
        extra["doi"] = doi
    return Paper(
        id=_paper_id(fields.get("id")) or stable_paper_id(title, abstract),
        title=title,
        abstract=abstract,
        url=_optional_text(fields, "url"),
        year=_year(fields.get("year")),
        authors=_authors(fields.get("authors")),
        venue=_optional_text(fields, "venue"),
        extra=extra,
        origin=origin,
    )


# --- records of a known source (BibTeX, arXiv, OpenAlex, Semantic Scholar) ------------------


def _source_record(
    kg: dict[str, Any],
    extra: dict[str, Any],
    raw: Mapping[str, Any],
    field_map: FieldMap | None,
    name: str,
    line: int,
    label: str | None = None,
) -> Record:
    """A Paper from the kg fields a reader found in a source record (``raw``), with the
    field map's choices taking their place; a problem says which record it is about
    (``label``: its id or title), since a JSON array puts many on one line."""
    for kg_field, source in (field_map or {}).items():
        kg[kg_field] = lookup(raw, source)
    title = kg.get("title")
    label = label or (f'"{_squash(title)[:_LABEL_CHARS]}"' if isinstance(title, str) and title.strip() else None)
    where = f" ({label})" if label else ""
    abstract = kg.get("abstract")
    if abstract is None or (isinstance(abstract, str) and not abstract.strip()):
        return ReadProblem(name, line, f"no abstract; skipped{where}")
    try:
        return _paper(kg, f"{name}:{line}", extra)
    except _FieldError as error:
        return ReadProblem(name, line, _in_source_terms(str(error), field_map) + where)


# --- one field ----------------------------------------------------------------------------


def _required_text(fields: Mapping[str, Any], key: str) -> str:
    value = fields.get(key)
    if value is None:
        raise _FieldError(f"missing {key!r}")
    if not isinstance(value, str):
        raise _FieldError(f"{key!r} must be a string, not {_type_name(value)}")
    if not value.strip():
        raise _FieldError(f"empty {key!r}")
    return value.strip()


def _checked_length(abstract: str) -> str:
    if len(abstract) > MAX_ABSTRACT_CHARS:
        raise _FieldError(f"'abstract' is too long ({len(abstract):,} characters; at most {MAX_ABSTRACT_CHARS:,})")
    return abstract


def _optional_text(fields: Mapping[str, Any], key: str) -> str | None:
    value = fields.get(key)
    if value is not None and not isinstance(value, str):
        raise _FieldError(f"{key!r} must be a string, not {_type_name(value)}")
    return (value.strip() or None) if value else None


def _paper_id(value: Any) -> str | None:
    """The record's own id, if it has one. An id that is only a source prefix, such as
    ``cvpr2017:``, is no id: the paper gets its stable content id instead.

    >>> _paper_id(" 2301.00001 "), _paper_id(42), _paper_id("cvpr2017:"), _paper_id("")
    ('2301.00001', '42', None, None)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is not None and not isinstance(value, str):
        raise _FieldError(f"'id' must be a string or an integer, not {_type_name(value)}")
    value = (value or "").strip()
    if len(value) > MAX_ID_CHARS:
        raise _FieldError(f"'id' is too long ({len(value):,} characters; at most {MAX_ID_CHARS:,})")
    return None if not value or value.endswith(":") else value


def _year(value: Any) -> int | None:
    """Accepts 2023, "2023" and the 2023.0 that spreadsheet and pandas exports write; at
    most four digits (a bigger number is no year, and Neo4j cannot store it past 2**63)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    year = None
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif isinstance(value, (str, float)):
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if number.is_integer():
            year = int(number)
    if year is None:
        raise _FieldError(f"'year' must be a whole number, not {value!r}")
    if abs(year) > 9999:
        raise _FieldError("'year' out of range (at most 4 digits)")
    return year


def _authors(value: Any) -> tuple[str, ...]:
    """A list of names, or one string of names separated by commas and/or " and "."""
    if value is None:
        return ()
    if isinstance(value, str):
        names = _AUTHOR_SEPARATOR.split(value)
    elif isinstance(value, list) and all(isinstance(name, str) for name in value):
        names = value
    else:
        raise _FieldError("'authors' must be a list of strings or a string")
    return tuple(name.strip() for name in names if name.strip())


def _doi(value: Any) -> str | None:
    """A DOI the same way from every source: lower-cased (DOIs ignore case), without the
    resolver in front.

    >>> _doi(" https://doi.org/10.48550/arXiv.1706.03762 "), _doi("doi:10.1/X"), _doi("")
    ('10.48550/arxiv.1706.03762', '10.1/x', None)
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise _FieldError(f"'doi' must be a string, not {_type_name(value)}")
    return _DOI_PREFIX.sub("", value.strip()).strip().lower() or None


def _first_line(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0][:200]


def _type_name(value: Any) -> str:
    return {dict: "object", list: "array", bool: "boolean", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def _squash(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()
