"""kg imports spaCy without spaCy's command line, which still works when asked for."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
import kg.extractors
before = {name: name in sys.modules for name in ("spacy.cli", "typer", "weasel")}
import spacy
info = spacy.info(silent=True)
import spacy.cli
from spacy.cli.train import train
print(json.dumps({"before": before, "version": info["spacy_version"] == spacy.__version__,
                  "real_cli": hasattr(spacy.cli, "app") and callable(train)}))
"""


def test_spacys_cli_is_not_imported_with_kg_and_still_works_later():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"before": {"spacy.cli": False, "typer": False, "weasel": False}, "version": True, "real_cli": True}
