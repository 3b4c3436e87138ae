"""Semantic Scholar Graph API papers: a search page (``data``), a batch response (a JSON
array, with ``null`` for each id it does not know), or bulk JSON Lines, all read by
:mod:`kg.read.jsonl`; this module turns one paper into a Paper.

The id is ``s2:<paperId>``; authors' ids are kept, in author order, in
``extra["author_ids"]`` (``s2:<authorId>``, None where unknown), and ``externalIds`` in
``extra["external_ids"]`` (its DOI is the paper's DOI). A paper without an abstract
(Semantic Scholar leaves many out, for licensing) is reported and skipped.
"""

from __future__ import annotations

from typing import Any

from kg.model import ReadProblem
from kg.read.decode import Record
from kg.read.fields import FieldMap, _source_record, _type_name, lookup


def paper_record(value: Any, name: str, line: int, field_map: FieldMap | None, index: int | None) -> Record:
    """A Paper from one Semantic Scholar paper."""
    element = f"element {index}" if index is not None else None
    where = f" ({element})" if element else ""
    if value is None:
        return ReadProblem(name, line, f"null where a paper should be (an id the batch API does not know); skipped{where}")
    if not isinstance(value, dict):
        return ReadProblem(name, line, f"expected a Semantic Scholar paper (a JSON object), got {_type_name(value)}{where}")
    paper_id = lookup(value, "paperId")
    paper_id = paper_id.strip() if isinstance(paper_id, str) else None
    label = f"s2:{paper_id}" if paper_id else None
    try:
        authors, author_ids = _authors(value.get("authors"))
    except ValueError as error:
        which = label or element
        return ReadProblem(name, line, f"{error} ({which})" if which else str(error))
    external = lookup(value, "externalIds")
    venue = value.get("venue")
    if not venue and isinstance(value.get("publicationVenue"), dict):
        venue = value["publicationVenue"].get("name")
    kg = {
        "id": label,
        "title": value.get("title"),
        "abstract": value.get("abstract"),
        "authors": authors,
        "year": value.get("year"),
        "venue": venue or None,
        "url": value.get("url"),
        "doi": (external.get("DOI") or external.get("doi")) if isinstance(external, dict) else None,
    }
    extra: dict[str, Any] = {}
    if any(author_ids):
        extra["author_ids"] = author_ids
    if isinstance(external, dict) and external:
        extra["external_ids"] = external
    return _source_record(kg, extra, value, field_map, name, line, label or element)


def _authors(value: Any) -> tuple[list[str], list[str | None]]:
    """Names and ``s2:`` author ids, in order (an id may be None: S2 has not matched the
    author to a profile)."""
    if value is None:
        return [], []
    if not isinstance(value, list) or not all(isinstance(author, dict) for author in value):
        raise ValueError("'authors' must be an array of objects with a 'name'")
    names, ids = [], []
    for author in value:
        name = author.get("name")
        if isinstance(name, str) and name.strip():
            author_id = lookup(author, "authorId")
            names.append(name.strip())
            ids.append(f"s2:{author_id}" if isinstance(author_id, (str, int)) and str(author_id).strip() else None)
    return names, ids
