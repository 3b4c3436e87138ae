"""The one table formatter of the CLI: aligned columns, cut cells marked with "…"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

ELLIPSIS = "…"


def cut(text: Any, width: int | None) -> str:
    """``text`` on one line, at most ``width`` characters; a cut one ends in "…".

    >>> cut("Vision  Transformer\\n(ViT)", 12)
    'Vision Tran…'
    >>> cut(None, 5), cut("ViT", None)
    ('', 'ViT')
    """
    text = "" if text is None else " ".join(str(text).split())
    if width is None or len(text) <= width:
        return text
    return text[: max(width - 1, 0)] + ELLIPSIS


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    right: Sequence[int] = (),
    max_width: int | None = None,
    rule: bool = False,
) -> str:
    """Aligned columns; the columns whose index is in ``right`` are right-aligned, cells
    longer than ``max_width`` are cut (see :func:`cut`), and ``rule`` draws a line of
    dashes under the headers.

    >>> print(table(["method", "F1"], [["BERT", 88.5], ["a very long name", 7]], right=[1], max_width=8, rule=True))
    method      F1
    --------  ----
    BERT      88.5
    a very …     7
    """
    cells = [[cut(h, max_width) for h in headers]] + [[cut(c, max_width) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(parts).rstrip())
    if rule:
        lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
