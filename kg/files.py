"""Files replaced whole: written to a temporary file beside them, then renamed over them,
so a reader (or a build killed half-way) sees the old file or the new one, never half."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def replaced_whole(path: Path, mode: int = 0o666) -> Iterator[TextIO]:
    """A text file to write ``path``'s new content into; ``path`` is replaced when the
    block ends without an error. ``mode`` (less the umask) is that of a new file: 0o600
    keeps a file with a password in it to its owner."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        yield fh
    tmp.replace(path)
