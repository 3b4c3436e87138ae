"""Write extractors/data/name_tokens.json: the tokens of every spelling in the name lists.

    python -m training.name_tokens

Run it after changing any list in extractors/data/ (build_gazetteer.py and mine_corpus.py
do not): kg_gazetteer then loads the tokens instead of tokenizing 19,000 spellings at
every start. With a stale file kg still works, only slower to start, and
tests/extractors/test_gazetteer.py fails until the file is written again.
"""

from __future__ import annotations

from kg.extractors import build_pipeline
from kg.extractors.gazetteer import NAME_TOKENS, write_name_tokens


def main() -> None:
    count = write_name_tokens(build_pipeline("rules"))
    print(f"wrote {NAME_TOKENS} ({count:,} spellings)")


if __name__ == "__main__":
    main()
