"""Import spaCy without first importing its command line.

``import spacy`` runs ``from .cli.info import info``, and ``spacy.cli`` imports every
command of spaCy's CLI with typer, weasel, requests, httpx and jinja2: about a quarter of
a second of every cold ``kg build`` (an eighth of it), for a function kg never calls.
While spaCy is imported, stand-ins for ``spacy.cli`` and ``spacy.cli.info`` are in
``sys.modules``; they are taken out as soon as the import ends, so a later ``import
spacy.cli`` imports the real one, and ``spacy.info()`` imports it when called. If spaCy
is imported already, or its import needs more of ``spacy.cli`` than ``info``, spaCy is
imported as usual. Importing this module does it (``kg.extractors`` imports it first).
"""

from __future__ import annotations

import sys
from types import ModuleType

_STAND_INS = ("spacy.cli", "spacy.cli.info")


def _info(*args, **kwargs):
    """``spacy.info``, importing spaCy's command line when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> ModuleType:
    """``import spacy``, without spaCy's command line unless spaCy needs it."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli, info = ModuleType("spacy.cli"), ModuleType("spacy.cli.info")
    cli.__path__ = []  # a package with no submodules but this one
    info.info = _info
    cli.info = info
    sys.modules.update(zip(_STAND_INS, (cli, info)))
    try:
        import spacy
    except ImportError:  # a spaCy that needs more of its CLI at import: the usual way
        _take_out(cli, info)
        import spacy
    finally:
        _take_out(cli, info)
    return spacy


def _take_out(*stand_ins: ModuleType) -> None:
    for name, module in zip(_STAND_INS, stand_ins):
        if sys.modules.get(name) is module:
            del sys.modules[name]
    spacy = sys.modules.get("spacy")
    if spacy is not None and getattr(spacy, "cli", None) is stand_ins[0]:
        delattr(spacy, "cli")


import_spacy()
