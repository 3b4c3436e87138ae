"""What a coined name looks like: "MatFormer", "U-PaLM", "BCT", "UL2R", "ViT-B/16"."""

from __future__ import annotations

import re

NAME = r"[A-Za-z0-9][A-Za-z0-9]*(?:['’\-/.+][A-Za-z0-9]+)*"
# an acronym, an inner capital (not just after a hyphen: "South-East" is two words), letters
# and digits, "Llama-2"
_SHAPE = re.compile(r"[A-Z]{2,}|[^\s\-][A-Z]|[A-Za-z][0-9]|[0-9][A-Za-z]|^[A-Z][a-z]+-[0-9]")
_NOT_NAMES = {"AI", "ML", "NLP", "CV", "GPU", "GPUs", "CPU", "CPUs", "TPU", "TPUs", "API", "IoT", "RGB", "RGB-D", "3D", "2D", "1D", "US", "UK", "II", "III", "IV", "OK"}


def is_coined_name(token: str) -> bool:
    """True for names that English would not produce by itself: inner capitals, acronyms,
    letters mixed with digits. Hardware and field acronyms (GPU, NLP) are not methods."""
    return bool(_SHAPE.search(token)) and token not in _NOT_NAMES and not token.isdigit() and len(token) <= 40


def is_name_like(text: str) -> bool:
    """A capital after the first letter, or a digit: "ImageNet-1K", "BERT", "iNat 2019";
    not "accuracy", "machine translation", "Parsing"."""
    return any(ch.isdigit() for ch in text) or any(ch.isupper() for ch in text[1:])


# Words that make a phrase name a measure ("top-1 accuracy", "word error rate", "Exact Match").
MEASURE_WORD = re.compile(
    r"accura|error|score|rate|loss|precision|recall|f1|f-measure|measure|distance|time|latency|speed|ratio|"
    r"coefficient|index|auc|iou|similarity|likelihood|perplexity|entropy|divergence|correlation|reward|return|"
    r"success|cost|size|count|fps|throughput|gain|bleu|rouge|meteor|cider|spice|ndcg|mrr|hits|regret|agreement|"
    r"kappa|dice|jaccard|sensitivity|specificity|bits|efficiency|quality|value|norm|variance|deviation|mean|"
    r"average|median|percent|%|@|penalty|length|memory|flops|param|match|rank|tau|rho|pearson|spearman|kendall|"
    r"top-?\d|chamfer|rel\b|completion|distinct|smatch|levenshtein|extrema|modularity|\^2|\bacc\b",
    re.I,
)


def names_a_measure(name: str) -> bool:
    """Does ``name`` name a measure: a measure word (:data:`MEASURE_WORD`) or a coined
    token? The merged lists' Metric column headings that don't ("Natural Images", "Train
    set", "Python", "Group 3") are left out of the lists, and an acronym listed as a metric
    ("EM") is not one where its long form isn't ("Expectation-Maximization (EM)").

    >>> names_a_measure("top-1 accuracy"), names_a_measure("BLEU"), names_a_measure("Natural Images")
    (True, True, False)
    >>> names_a_measure("Expectation-Maximization"), names_a_measure("ROUGE-L")
    (False, True)
    """
    return bool(MEASURE_WORD.search(name)) or any(is_coined_name(w.strip("().,")) for w in re.split(r"[\s\-]+", name))
