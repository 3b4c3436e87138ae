"""The build directory: what it was built from (its manifest) and the lock that keeps a
second build out while one runs. Its files are replaced whole (:mod:`kg.files`), so an
interrupted or killed build leaves each output old or new, never half."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kg.errors import BuildDirError, BuildLockedError
from kg.files import replaced_whole

MANIFEST_FILE = "manifest.json"  # what the outputs in a build directory were built from
LOCK_FILE = ".kg-build.lock"
STDIN = "-"


def read_manifest(directory: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_manifest(directory: Path, manifest: dict[str, Any]) -> None:
    with replaced_whole(directory / MANIFEST_FILE) as fh:
        fh.write(json.dumps(manifest))


def input_names(paths: list[str]) -> list[str]:
    """Input files as the manifest records them: absolute paths, ``-`` for stdin."""
    return [p if p == STDIN else str(Path(p).resolve()) for p in paths]


def files_to_build(directory: Path | None, paths: list[str], add: bool = False, force: bool = False) -> list[str]:
    """The input files of this build of ``directory``.

    A folder holding the graph of other files is refused unless ``force`` (build these
    instead) or ``add`` (its files plus these, in that order, so the graph equals one
    build of them all). The same files again are a rebuild: what changed is re-extracted.
    """
    names = input_names(paths)
    manifest = read_manifest(directory) if directory is not None else None
    before = list(manifest.get("files") or []) if manifest else []
    if add:
        if STDIN in before:
            raise BuildDirError(f"{directory}: its graph was built from standard input, which cannot be read again")
        return before + [n for n in names if n not in before]
    if before and set(before) != set(names) and not force:
        shown = ", ".join(Path(b).name for b in before[:3]) + (", ..." if len(before) > 3 else "")
        raise BuildDirError(f"{directory} holds the graph of other input ({shown})")
    return names


@contextmanager
def build_lock(directory: Path) -> Iterator[None]:
    """Hold the build lock of ``directory`` (an OS file lock, freed when the process
    ends, however it ends), or raise :class:`BuildLockedError` when another build has it."""
    directory.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; builds are not guarded
        yield
        return
    fd = os.open(directory / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLockedError(f"{directory} is being built by another kg build") from None
        yield
    finally:
        os.close(fd)
