"""Run a checkout of kg, all of it, in a child process.

An editable install (``pip install -e .``) maps ``kg.extractors`` and ``kg.cypher`` to
this checkout's ``extractors/`` and ``cypher/`` (pyproject's ``package-dir``). With only
``PYTHONPATH=OTHER_CHECKOUT`` a child imports the other checkout's ``kg`` but still this
checkout's extractors and Cypher files, so a comparison would time a mix. The overlay
below is a ``kg`` package made of symlinks into one checkout, the two mapped folders
included; put it first on ``PYTHONPATH``.
"""

from __future__ import annotations

from pathlib import Path

MAPPED = {"extractors": "extractors", "cypher": "cypher"}  # kg.<name> -> <checkout>/<folder>


def overlay(checkout: Path, into: Path) -> Path:
    """Make ``into/kg`` the package of ``checkout``; returns ``into``, for PYTHONPATH."""
    package = into / "kg"
    package.mkdir(parents=True)
    for entry in (checkout / "kg").iterdir():
        if entry.name != "__pycache__":
            (package / entry.name).symlink_to(entry.resolve())
    for name, folder in MAPPED.items():
        if not (package / name).exists() and (checkout / folder).is_dir():
            (package / name).symlink_to((checkout / folder).resolve())
    return into
