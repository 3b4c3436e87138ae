"""Rebuild ``gazetteer.tsv`` from the team's merged name lists (``shared/data/gazetteers``).

Run from the repo root:  python training/build_gazetteer.py ../shared/data/gazetteers

Why filter: the merged lists come from leaderboards and catalogues and carry noise that
would flood abstracts with false matches ("count", "Boston", "with normalization").
We keep a name when it is distinctive by its shape (an acronym, an inner capital, a
digit) or by its rarity in ordinary English (wordfreq), and when more than one source
lists it or it is a multi-word name from a cleaner source. When several lists claim a
name, the type with the most sources wins. ``curated.tsv`` (written by this project)
adds names the lists lack and overrides types; it is merged at load time, not here.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from wordfreq import zipf_frequency

from kg.extractors.names import names_a_measure

TYPES = {"methods.tsv": "Method", "datasets.tsv": "Dataset", "metrics.tsv": "Metric", "tasks.tsv": "Task"}
NOISY_SOURCE = "pwc_archive_tasks_csv"
COMMON_WORD_ZIPF = 4.0  # at or above: an everyday English word ("cars", "spider", "success")
EVERYDAY_ZIPF = 2.5  # a listed single word this common ("Binary", "Segmentation", "Yelp") is flagged
DISTINCT_SHAPE = re.compile(r"[0-9]|^[A-Z]{2,}|.[A-Z]")  # GLUE, ResNet, CIFAR-100
STOP = {"a", "an", "the", "of", "with", "and", "or", "for", "in", "on", "to", "by", "all", "other", "none", "test", "dev"}


def keep(name: str, n_sources: int, sources: str, type_: str = "") -> bool:
    words = name.split()
    if type_ == "Metric" and not names_a_measure(name):
        return False
    if not 2 <= len(name) <= 60 or not re.search(r"[A-Za-z]", name) or len(words) > 6:
        return False
    if words[0].lower() in STOP or words[-1].lower() in STOP:
        return False
    if len(words) == 1:
        if DISTINCT_SHAPE.search(name):
            return len(name) > 2 or n_sources >= 2  # two-letter acronyms are ambiguous
        return n_sources >= 2 and zipf_frequency(name, "en") < COMMON_WORD_ZIPF
    only_noisy = sources == NOISY_SOURCE
    return n_sources >= 2 or not only_noisy


def is_everyday(name: str) -> bool:
    """One everyday English word without a name's shape ("Binary", "Segmentation",
    "regression", "Yelp"). The lists carry such words as leaderboard column headings, and
    in an abstract they are mostly just words; the extractor counts one only where the text
    writes it as a proper noun (see ``extractors/lexicon.py``)."""
    return (
        " " not in name
        and name.isalpha()
        and not DISTINCT_SHAPE.search(name)
        and zipf_frequency(name.lower(), "en") >= EVERYDAY_ZIPF
    )


def main(src: Path, out: Path) -> None:
    best: dict[str, tuple[int, str, str]] = {}  # casefolded name -> (n_sources, type, name)
    for file, type_ in TYPES.items():
        with open(src / file, encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                name, n = row["name"].strip(), int(row["n_sources"])
                if not keep(name, n, row["sources"], type_):
                    continue
                key = name.casefold()
                if key not in best or n > best[key][0]:
                    best[key] = (n, type_, name)
    rows = sorted(best.values(), key=lambda r: (r[1], r[2].casefold()))
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write("name\ttype\tn_sources\teveryday\n")
        for n, type_, name in rows:
            fh.write(f"{name}\t{type_}\t{n}\t{int(is_everyday(name))}\n")
    print(f"wrote {len(rows)} names to {out}", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parents[1] / "extractors" / "data" / "gazetteer.tsv")
