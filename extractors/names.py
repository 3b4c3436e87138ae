"""What a coined name looks like: "MatFormer", "U-PaLM", "BCT", "UL2R", "ViT-B/16"."""

from __future__ import annotations

import re

NAME = r"[A-Za-z0-9][A-Za-z0-9]*(?:['’\-/.+][A-Za-z0-9]+)*"
_SHAPE = re.compile(r"^[A-Z]{2,}|.[A-Z]|[A-Za-z][0-9]|[0-9][A-Za-z]")
_NOT_NAMES = {"AI", "ML", "NLP", "CV", "GPU", "GPUs", "CPU", "CPUs", "TPU", "TPUs", "API", "IoT", "RGB", "RGB-D", "3D", "2D", "1D", "US", "UK", "II", "III", "IV", "OK"}


def is_coined_name(token: str) -> bool:
    """True for names that English would not produce by itself: inner capitals, acronyms,
    letters mixed with digits. Hardware and field acronyms (GPU, NLP) are not methods."""
    return bool(_SHAPE.search(token)) and token not in _NOT_NAMES and not token.isdigit() and len(token) <= 40
