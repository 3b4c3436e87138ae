"""Train the NER model that ships in ``extractors/model/``: one command, fixed seeds.

    pip install -e '.[train]'                           # floret, for the vectors
    python -m training.train                 # gold data only: about 40 minutes on one free core
    python -m training.train --silver FILE...  # + teacher-tagged abstracts (the shipped model)
    python -m training.train --help

Steps, each written under ``--work`` (default ``.cache/training``, git-ignored):

1. corpora: gold annotations -> ``.spacy`` files (:mod:`training.corpus`),
   plus the ``--silver`` files (:mod:`training.distill`) as they are;
2. vectors: floret vectors trained on the unlabeled conf_abstracts corpus
   (:mod:`training.vectors`); the table ships inside the model;
3. optionally ``spacy pretrain`` of the tok2vec layer on the abstracts, then
   ``spacy train`` with ``ner.cfg`` (this folder), seeded;
4. the best checkpoint (by exact-span F1 on the dev sets) keeps only the gold data's
   strings (:func:`keep_gold_strings`), is scored alone on each dev set, the figures
   kept in its ``meta.json``, and is copied to ``--out``.

Data sources and licenses are in the README ("Training the model"). Only train splits
are trained on; the dev sets choose the best checkpoint.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import srsly

CONFIG = Path(__file__).with_name("ner.cfg")
REPO = Path(__file__).resolve().parents[1]
#: Training files and how many times each is repeated: TDMSci and SciERC are small and
#: their conventions are what the dev sets score, SciREX is large and noisier (and the
#: silver abstracts, one copy, larger still).
TRAIN_PARTS = {"tdmsci-train": 6, "scierc-train": 4, "scirex-train": 1}
DEV_PARTS = ("scierc-dev", "tdmsci-dev")
NAME_AND_SOURCES = {
    "name": "kg_entities",
    "version": "0.1.0",
    "description": "kg's entity model: tok2vec (64 wide, depth 2, floret-derived static vectors) + BIO entity "
                   "tagger for Method, Dataset, Metric, Task. Trained by python -m training.train.",
    "sources": [
        {"name": "TDMSci train (first 1,323 sentences)", "license": "Apache-2.0"},
        {"name": "SciERC train", "license": "none stated; research use"},
        {"name": "SciREX train (20,000 sentences)", "license": "Apache-2.0"},
        {"name": "conference abstracts (unlabeled: vectors; 20,000 tagged by a fine-tuned all-MiniLM-L6-v2 "
                 "as silver training data)", "license": "none stated"},
    ],
}


def log(message: str) -> None:
    print(f"[train] {message}", file=sys.stderr, flush=True)


def make_corpora(
    data_dir: Path, work: Path, scirex_sentences: int, seed: int, silver: Sequence[Path] = ()
) -> tuple[Path, Path]:
    from kg.extractors import build_pipeline
    from training.corpus import build_corpora

    nlp = build_pipeline("rules")  # for its tokenizer: the model learns on the tokens it will see
    stats = build_corpora(nlp, data_dir, work / "corpus", scirex_sentences=scirex_sentences, seed=seed)
    for name, s in stats.items():
        log(f"{name}: {s.docs} docs, spans {dict(s.spans)}, dropped {s.misaligned} misaligned + {s.overlapping} overlapping")
    train, dev = work / "train", work / "dev"
    for folder, parts in ((train, TRAIN_PARTS), (dev, dict.fromkeys(DEV_PARTS, 1))):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for part, copies in parts.items():
            for copy in range(1, copies + 1):
                shutil.copy(work / "corpus" / f"{part}.spacy", folder / f"{part}-{copy}.spacy")
    for number, path in enumerate(silver, start=1):
        shutil.copy(path, train / f"silver-{number}.spacy")
    return train, dev


def make_vectors(data_dir: Path, work: Path, *, dim: int, bucket: int, epochs: int, max_abstracts: int, words: int) -> Path:
    from itertools import islice

    from kg.extractors import build_pipeline
    from training.vectors import (
        abstracts,
        init_spacy_vectors,
        plain_vectors,
        train_floret,
        write_tokenized,
    )

    text_file = work / "abstracts.txt"
    texts = islice(abstracts(data_dir / "conf_abstracts" / "paperlists_abstracts.jsonl.gz"), max_abstracts)
    log(f"tokenizing up to {max_abstracts} abstracts for the vectors")
    lines = write_tokenized(build_pipeline("rules"), texts, text_file)
    log(f"training floret vectors on {lines} abstracts (dim {dim}, {bucket} buckets, {epochs} epochs)")
    floret_file = train_floret(text_file, work / "vectors", dim=dim, bucket=bucket, epochs=epochs, threads=1)
    init_spacy_vectors(floret_file, work / "vectors-floret")
    out = work / "vectors-plain"
    rows = plain_vectors(work / "vectors-floret", text_file, words, out)
    log(f"plain vectors table: {rows} words x {dim}")
    return out


def pretrain(vectors: Path | None, work: Path, seed: int, n_abstracts: int) -> Path:
    """``spacy pretrain`` of the tok2vec layer (characters objective, ``[pretraining]`` in
    the config) for one pass over the first ``n_abstracts`` tokenized abstracts; returns
    the weights that ``spacy train`` starts from."""
    import json

    from spacy.training.pretrain import pretrain as spacy_pretrain
    from spacy.util import load_config

    if not (work / "abstracts.txt").is_file():
        raise SystemExit("pretraining reads the abstracts tokenized for the vectors: drop --no-vectors")
    raw = work / "pretrain.jsonl"
    with (work / "abstracts.txt").open(encoding="utf-8") as f, raw.open("w", encoding="utf-8") as out:
        for line in f:
            if line.strip():
                out.write(json.dumps({"text": line.strip()}) + "\n")
    config = load_config(CONFIG, overrides={
        "paths.raw_text": str(raw), "paths.vectors": str(vectors) if vectors else None, "system.seed": seed,
        "pretraining.max_epochs": 1, "corpora.pretrain.limit": n_abstracts,
    }, interpolate=False).interpolate()
    out = work / "pretrain"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    log(f"pretraining the tok2vec layer on {n_abstracts} abstracts")
    spacy_pretrain(config, out, silent=False)
    return out / "model0.bin"


def train(
    train_dir: Path, dev_dir: Path, vectors: Path | None, init_tok2vec: Path | None, work: Path, seed: int,
    max_steps: int,
) -> Path:
    from spacy.cli.train import train as spacy_train

    overrides = {
        "paths.init_tok2vec": str(init_tok2vec) if init_tok2vec else None,
        "paths.train": str(train_dir),
        "paths.dev": str(dev_dir),
        "paths.vectors": str(vectors) if vectors else None,
        "system.seed": seed,
        "training.max_steps": max_steps,
    }
    if vectors is None:
        overrides["components.tok2vec.model.embed.include_static_vectors"] = False
    out = work / "run"
    spacy_train(CONFIG, out, overrides=overrides)
    return out / "model-best"


def keep_gold_strings(model_dir: Path, gold_corpora: Iterable[Path], vectors: Path | None) -> int:
    """Drop from the model's string table every string but the gold corpora's, the vector
    table's and the labels; return how many are left.

    Training interns every word, prefix, suffix and shape it sees, so a model trained on
    silver abstracts would ship 70,000 strings from a corpus that must not be copied.
    spaCy needs none of them to run (features are hashes, strings are interned again as
    text is read).
    """
    from spacy.tokens import DocBin

    keep = set()
    for path in gold_corpora:
        keep.update(DocBin().from_disk(path).strings)
    if vectors is not None:
        keep.update(srsly.read_json(vectors / "vocab" / "strings.json"))
    keep.update(srsly.read_json(model_dir / "entity_tagger" / "cfg")["labels"])
    strings_file = model_dir / "vocab" / "strings.json"
    kept = [s for s in srsly.read_json(strings_file) if s in keep]
    srsly.write_json(strings_file, kept)  # as spaCy writes it: one string per line
    return len(kept)


def record_dev_scores(model_dir: Path, data_dir: Path) -> dict[str, float]:
    """Score the model alone on the dev sets and keep the figures in its ``meta.json``."""
    from kg.eval.datasets import load_dataset
    from kg.eval.score import score
    from kg.extract.pipeline import extract
    from kg.extractors import build_pipeline

    nlp = build_pipeline("model", model_dir)
    figures = {}
    for name in DEV_PARTS:
        gold = load_dataset(name, data_dir)
        report = score(gold.docs, lambda papers: extract(papers, nlp), gold.types, dataset=name, extractor="model")
        figures[name] = round(report.span_micro.f1, 4)
    meta_path = model_dir / "meta.json"
    meta = srsly.read_json(meta_path)
    meta["kg_dev_span_f1"] = figures
    meta.update(NAME_AND_SOURCES)
    srsly.write_json(meta_path, meta)
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=REPO.parent / "shared" / "data", help="folder with scierc/, tdmsci/, scirex/, conf_abstracts/")
    parser.add_argument("--work", type=Path, default=REPO / ".cache" / "training", help="scratch folder")
    parser.add_argument("--out", type=Path, default=REPO / "extractors" / "model", help="where the trained model goes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scirex-sentences", type=int, default=20000, help="SciREX sentences sampled for training (0: none)")
    parser.add_argument("--max-steps", type=int, default=12000)
    parser.add_argument("--no-vectors", action="store_true", help="train without static vectors")
    parser.add_argument("--vector-dim", type=int, default=100)
    parser.add_argument("--vector-buckets", type=int, default=20000)
    parser.add_argument("--vector-epochs", type=int, default=5)
    parser.add_argument("--vector-abstracts", type=int, default=33326, help="the first this many abstracts train the vectors")
    parser.add_argument("--vector-words", type=int, default=20000, help="rows of the shipped vectors table")
    parser.add_argument("--pretrain-abstracts", type=int, default=0,
                        help="pretrain the tok2vec layer on the first this many abstracts first (default 0: "
                             "no pretraining; 14,389 abstracts measured no gain, see the README)")
    parser.add_argument("--silver", type=Path, nargs="+", default=[], metavar="FILE",
                        help="also train on these .spacy files of teacher-tagged abstracts "
                        "(python -m training.distill)")
    args = parser.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    train_dir, dev_dir = make_corpora(args.data_dir, args.work, args.scirex_sentences, args.seed, args.silver)
    vectors = None
    if not args.no_vectors:
        vectors = make_vectors(
            args.data_dir, args.work, dim=args.vector_dim, bucket=args.vector_buckets, epochs=args.vector_epochs,
            max_abstracts=args.vector_abstracts, words=args.vector_words,
        )
    init_tok2vec = pretrain(vectors, args.work, args.seed, args.pretrain_abstracts) if args.pretrain_abstracts else None
    best = train(train_dir, dev_dir, vectors, init_tok2vec, args.work, args.seed, args.max_steps)
    gold = [args.work / "corpus" / f"{part}.spacy" for part in (*TRAIN_PARTS, *DEV_PARTS)]
    strings = keep_gold_strings(best, gold, vectors)
    log(f"string table: {strings} strings of the gold data, the vectors and the labels")
    log(f"dev exact-span F1 of the model alone: {record_dev_scores(best, args.data_dir)}")
    shutil.rmtree(args.out, ignore_errors=True)
    shutil.copytree(best, args.out)
    log(f"model written to {args.out}")


if __name__ == "__main__":
    main()
