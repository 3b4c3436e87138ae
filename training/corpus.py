"""Gold annotations -> spaCy ``DocBin`` files with the kg entity types as labels.

The text of each training doc is tokenized by kg's own tokenizer (the one extraction
uses), so the model learns on exactly the tokens it will see. Gold spans are given in
characters and snapped to tokens; a span whose edges fall inside a token is dropped
and counted, never silently stretched.

Labels: SciERC Method/Task/Metric/Material and SciREX Method/Task/Metric/Material,
Material becoming Dataset; TDMSci TASK/DATASET/METRIC.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

from kg.eval.datasets import GoldDoc, GoldSpan, load_scierc, load_tdmsci, tdmsci_split
from kg.extractors.learned import bio_tags, tidy_spans

SCIREX_LABELS = {"Method": "Method", "Task": "Task", "Metric": "Metric", "Material": "Dataset"}


@dataclass
class ConversionStats:
    """What a conversion kept and dropped, printed by the training script."""

    docs: int = 0
    spans: Counter[str] = field(default_factory=Counter)
    misaligned: int = 0
    overlapping: int = 0


def to_docs(nlp: Language, gold_docs: Iterable[GoldDoc], stats: ConversionStats, *, tidy: bool = False) -> Iterator[Doc]:
    """One annotated ``Doc`` per gold doc; every token outside a span is marked O.

    ``tidy`` mends the spans as the tagger's own are mended (:func:`tidy_spans`): for
    silver data, whose teacher makes the same slips; gold spans are kept as annotated.
    """
    for gold in gold_docs:
        doc = nlp.make_doc(gold.text)
        spans = []
        for s in gold.spans:
            span = doc.char_span(s.start, s.end, label=s.type)
            if span is None:
                stats.misaligned += 1
            else:
                spans.append(span)
        kept = filter_spans(spans)
        stats.overlapping += len(spans) - len(kept)
        if tidy:
            words = [t.text for t in doc]
            kept = [Span(doc, a, b, label=t) for a, b, t in tidy_spans(words, [(e.start, e.end, e.label_) for e in kept])]
        doc.set_ents(kept, default="outside")
        for token, tag in zip(doc, bio_tags(doc)):
            token.tag_ = tag  # the entity tagger learns these
        stats.docs += 1
        stats.spans.update(span.label_ for span in kept)
        yield doc


def load_scirex_sentences(
    path: Path, *, max_sentences: int, empty_fraction: float, seed: int
) -> list[GoldDoc]:
    """SciREX full papers -> sentence-level gold docs (words joined by spaces).

    Every sentence holding a mention is kept, plus ``empty_fraction`` of the others (so
    the model also sees text without entities); then a seeded sample of at most
    ``max_sentences``.
    """
    rng = random.Random(seed)
    docs: list[GoldDoc] = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            record = json.loads(line)
            words: list[str] = record["words"]
            mentions = sorted((s, e, t) for s, e, t in record["ner"] if t in SCIREX_LABELS)
            m = 0
            for sent_no, (first, last) in enumerate(record["sentences"]):
                while m < len(mentions) and mentions[m][0] < first:
                    m += 1
                inside = []
                j = m
                while j < len(mentions) and mentions[j][0] < last:
                    if mentions[j][1] <= last:
                        inside.append(mentions[j])
                    j += 1
                if not inside and rng.random() >= empty_fraction:
                    continue
                starts, text = [], ""
                for word in words[first:last]:
                    if text:
                        text += " "
                    starts.append(len(text))
                    text += word
                spans = []
                for s, e, t in inside:
                    start, end = starts[s - first], starts[e - 1 - first] + len(words[e - 1])
                    spans.append(GoldSpan(SCIREX_LABELS[t], start, end, text[start:end]))
                docs.append(GoldDoc(f"scirex:{record['doc_id']}:{sent_no}", text, spans, f"{path}:{lineno}"))
    rng.shuffle(docs)
    return docs[:max_sentences]


def write(nlp: Language, gold_docs: Iterable[GoldDoc], out: Path, *, tidy: bool = False) -> ConversionStats:
    stats = ConversionStats()
    DocBin(docs=to_docs(nlp, gold_docs, stats, tidy=tidy), store_user_data=False).to_disk(out)
    return stats


def build_corpora(nlp: Language, data_dir: Path, out_dir: Path, *, scirex_sentences: int, seed: int) -> dict[str, ConversionStats]:
    """Write the training and dev ``.spacy`` files into ``out_dir``; return their stats.

    Train: SciERC train, TDMSci train without its last 200 sentences, SciREX sentences.
    Dev: SciERC dev and the TDMSci dev split (the last 200 sentences), as ``kg eval`` scores.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    tdm_train, tdm_dev = tdmsci_split(load_tdmsci(data_dir / "tdmsci" / "train_1500_v2.conll"))
    parts = {
        "scierc-train": load_scierc(data_dir / "scierc" / "train.jsonl"),
        "tdmsci-train": tdm_train,
        "scirex-train": load_scirex_sentences(
            data_dir / "scirex" / "train_docs.jsonl.gz", max_sentences=scirex_sentences, empty_fraction=0.1, seed=seed
        ),
        "scierc-dev": load_scierc(data_dir / "scierc" / "dev.jsonl"),
        "tdmsci-dev": tdm_dev,
    }
    return {name: write(nlp, docs, out_dir / f"{name}.spacy") for name, docs in parts.items()}
