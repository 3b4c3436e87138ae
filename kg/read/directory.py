"""A directory as input: every file under it, depth first in name order, so two runs
read the same papers in the same order. Each file is read in its own format; a file no
reader recognises, or one that cannot be opened, is reported once and the rest are read.

Hidden files and folders (``.git``, ``.DS_Store``) are left out, and links to folders
are not followed (a link back up would never end).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from kg.errors import InputError
from kg.model import ReadProblem
from kg.read.decode import Record
from kg.read.fields import FieldMap

FileReader = Callable[[str, "str | None", FieldMap], Iterator[Record]]


def read_directory(path: str, fmt: str | None, field_map: FieldMap, read_file: FileReader) -> Iterator[Record]:
    """Records of every file under ``path``, read with ``read_file``."""
    count = 0
    for item in _files(path):
        if isinstance(item, ReadProblem):
            yield item
            continue
        count += 1
        try:
            yield from read_file(item, fmt, field_map)
        except InputError as error:  # "file: why" of a file that would not open
            yield ReadProblem(item, 1, str(error).removeprefix(f"{item}: ") + "; skipped")
    if count == 0:
        yield ReadProblem(path, 1, "no files in this directory; nothing to read")


def _files(directory: str) -> Iterator[str | ReadProblem]:
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as error:
        yield ReadProblem(directory, 1, f"cannot list this directory ({error.strerror or error}); skipped")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = not is_dir and entry.is_file()
        except OSError:
            is_dir = is_file = False
        if is_dir:
            yield from _files(entry.path)
        elif is_file:
            yield entry.path
        elif entry.is_symlink():
            why = "a link to a folder, not followed" if _is_dir(entry.path) else "a link to nothing"
            yield ReadProblem(entry.path, 1, f"{why}; skipped")


def _is_dir(path: str) -> bool:
    try:
        return os.path.isdir(path)
    except OSError:
        return False
