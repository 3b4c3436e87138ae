"""``kg_code``: links to code ("The code is available at https://github.com/...")."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import doc_list, doc_text

_URL = re.compile(r"\bhttps?://[^\s<>\"'()\[\]{}]+", re.I)


def find_urls(text: str) -> list[str]:
    """URLs in order of appearance, without trailing punctuation, each once."""
    urls = (m.group().rstrip(".,;:!?") for m in _URL.finditer(text))
    return list(dict.fromkeys(u for u in urls if "." in u.split("//", 1)[1]))


class CodeLinkFinder:
    def __call__(self, doc: Doc) -> Doc:
        doc_list(doc, "kg_code").extend(find_urls(doc_text(doc)))
        return doc


@Language.factory(
    "kg_code",
    assigns=["doc._.kg_code"],
)
def make_code(nlp: Language, name: str) -> CodeLinkFinder:
    """Writes ``doc._.kg_code``: code links (GitHub and the like) in the abstract."""
    return CodeLinkFinder()
