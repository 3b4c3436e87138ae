"""Static word vectors for the entity model, trained on unlabeled abstracts with floret.

floret (fastText with hashed subwords) learns good vectors for rare words from their
pieces. Looking a vector up in floret mode hashes every token's character n-grams at
run time, though, which made the whole model a third slower; so the table that ships is
a plain one: the floret vectors of the corpus's most frequent words (20,000 by
default). Other words get no static vector and rely on the hashed prefix, suffix, shape
and norm features of the tok2vec layer.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language


def abstracts(path: Path) -> Iterator[str]:
    """Title and abstract of every record of the conf_abstracts JSONL (gzip)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            text = f"{record.get('title') or ''}. {record.get('abstract') or ''}".strip()
            if len(text) > 2:
                yield text


def write_tokenized(nlp: Language, texts: Iterable[str], out: Path) -> int:
    """One text per line, tokens separated by spaces, tokenized as extraction does."""
    lines = 0
    with out.open("w", encoding="utf-8") as f:
        for doc in nlp.tokenizer.pipe(texts, batch_size=1000):
            f.write(" ".join(t.text for t in doc if not t.is_space) + "\n")
            lines += 1
    return lines


def train_floret(text_file: Path, out_prefix: Path, *, dim: int, bucket: int, epochs: int, threads: int) -> Path:
    """Train floret vectors; returns the ``.floret`` file ``spacy init vectors`` reads.

    floret's Python API takes no seed: like fastText it seeds its generator per thread,
    so one thread gives the same vectors on every run.
    """
    import floret

    model = floret.train_unsupervised(
        str(text_file), model="cbow", mode="floret", hashCount=2, bucket=bucket,
        minn=3, maxn=5, minCount=3, dim=dim, epoch=epochs, thread=threads,
    )
    model.save_floret_vectors(str(out_prefix) + ".floret")
    return Path(str(out_prefix) + ".floret")


def init_spacy_vectors(floret_file: Path, out_dir: Path) -> None:
    """Turn the floret table into a spaCy pipeline holding only the vectors."""
    subprocess.run(
        [sys.executable, "-m", "spacy", "init", "vectors", "en", str(floret_file), str(out_dir), "--mode", "floret"],
        check=True,
    )


def plain_vectors(floret_spacy_dir: Path, text_file: Path, n_words: int, out_dir: Path) -> int:
    """A plain vectors table of the ``n_words`` most frequent tokens of ``text_file``,
    each with its floret vector, as a spaCy pipeline in ``out_dir``. Returns the rows."""
    import numpy
    import spacy

    counts: Counter[str] = Counter()
    with text_file.open(encoding="utf-8") as f:
        for line in f:
            counts.update(line.split())
    words = [w for w, _ in counts.most_common(n_words)]
    table = numpy.asarray(spacy.load(floret_spacy_dir).vocab.vectors.get_batch(words))
    vec_file = out_dir.with_suffix(".vec")
    with vec_file.open("w", encoding="utf-8") as out:
        out.write(f"{len(words)} {table.shape[1]}\n")
        for word, row in zip(words, table):
            out.write(word + " " + " ".join(f"{x:.4f}" for x in row) + "\n")
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "en", str(vec_file), str(out_dir)], check=True)
    return len(words)
