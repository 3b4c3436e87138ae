"""Words and names: the vocabulary the mining rules share (head nouns, generic words,
everyday-English frequency) and the shape tests of a name.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from wordfreq import zipf_frequency

HERE = Path(__file__).resolve().parents[2] / "extractors" / "data"  # the lists it reads and writes
DEFAULT_CORPUS = HERE.parents[2] / "shared" / "data" / "conf_abstracts" / "paperlists_abstracts.jsonl.gz"
ROBOTICS_VENUES = {"iros", "icra", "rss", "corl"}
TYPES = ("Method", "Dataset", "Metric", "Task")
MIN_PAPERS = {"Method": 3, "Dataset": 2, "Metric": 2, "Task": 2}
MIN_AGREEMENT = 0.8
COMMON_WORD_ZIPF = 3.5  # a single lowercase word at or above this is everyday English
RARE_CAP_ZIPF = 3.0
CONCEPT = "-"  # vote of an acronym defined by an untyped lowercase long form: a concept, not a data set
MIN_LONG_FORM_SHARE = 0.5  # an acronym's commonest long form covers at least this share of its definitions  # a Capitalized word below this is rare enough to be a name ("Cityscapes")

# ---------------------------------------------------------------------------------------------
# Head nouns: the last word of a long form / the noun after a name says what the name is.
# Kept strict on purpose: "learning", "inference", "similarity", "system", "approach" are left
# out because they name methods and tasks alike ("multi-task learning", "natural language
# inference", "semantic textual similarity").
ACRONYM_HEADS = {
    "Method": {
        "network", "networks", "net", "nets", "model", "models", "algorithm", "algorithms", "framework",
        "architecture", "transformer", "transformers", "autoencoder", "autoencoders", "optimizer",
        "module", "block", "machine", "machines", "descent", "gan", "gans",
    },
    "Dataset": {"dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "treebank", "challenge"},
    "Metric": {
        "score", "error", "distance", "accuracy", "precision", "recall", "coefficient", "index", "gain",
        "auc", "curve",
    },
    "Task": {
        "detection", "segmentation", "recognition", "classification", "translation", "estimation", "retrieval",
        "summarization", "answering", "captioning", "parsing", "tracking", "localization", "registration",
        "labeling", "labelling", "tagging", "extraction", "linking", "resolution", "disambiguation",
        "re-identification", "reidentification", "super-resolution", "identification", "verification", "comprehension", "understanding",
    },
}
NON_MODEL_NETWORKS = {"social", "information", "sensor", "road", "transportation", "communication", "wireless",
                      "computer", "power", "gene", "regulatory", "citation", "traffic", "mobile", "hoc", "area",
                      "body", "delay", "tolerant", "defined", "content", "delivery", "peer"}
METRIC_RATE_MODIFIERS = {"error", "positive", "negative", "success", "hit", "acceptance", "miss", "match"}
DATASET_HEADS = {"dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "treebank", "treebanks"}
PLURAL_DATASET_HEADS = {"datasets", "benchmarks", "corpora", "treebanks", "sets"}
METHOD_APPOSITIVE_HEADS = ACRONYM_HEADS["Method"] | {"method", "approach", "system", "technique", "scheme"}
METRIC_PHRASE_HEADS = ACRONYM_HEADS["Metric"] - {"index", "curve", "auc", "gain"} | {"rate", "ratio"}
QUANTIFIERS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "multiple",
               "many", "various", "different", "public", "publicly", "standard", "popular", "benchmark", "real",
               "challenging", "large", "existing", "common", "commonly", "widely", "diverse", "numerous", "other"}

# Type-fix evidence: the noun after a listed name.
FIX_HEADS = {
    "Method": {"algorithm", "algorithms", "optimizer", "optimizers", "optimiser", "network", "networks",
               "architecture", "architectures", "solver", "solvers"},
    "Dataset": {"dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "treebank"},
    "Metric": {"metric", "metrics", "score", "scores"},
}

# Name-shaped tokens that are descriptions, not names.
GENERIC = {
    s.casefold()
    for s in """
    our this these that those their its his her new novel large-scale small-scale large small extensive several
    many various public real real-world synthetic standard popular benchmark benchmarks both all such existing
    other three two four five six seven eight nine ten multiple different numerous challenging most some each
    first second third proposed recent available open-source widely-used well-known commonly-used widely
    rgb rgb-d rgbd 3d 2d 4d 6d 6-dof 3-d 2-d sota cnn cnns dnn dnns rnn rnns gnn gnns ann mlp llm llms ml ai
    dl rl nlp cv mri fmri ct eeg ecg emg meg pet ehr icu dna rna gps imu lidar uav uavs sar hd 4k hdr vr ar
    gpu gpus cpu cpus fpga io api apis url id ood iid i.i.d covid covid-19 sars-cov-2 us uk eu usa english
    chinese german french spanish japanese arabic hindi korean russian wikipedia twitter reddit web
    imagenet-pretrained pre-trained state-of-the-art sota-level non-iid ii iii iv
    the a an we it in on of and or for with to by from as at is are was be via using based
    gaussian toy u.s u.s. e.g i.e
    """.split()
}
UNITS = {u.casefold() for u in "dB GB MB KB TB ms fps Hz kHz MHz GHz GPU-hours GPU-days hours bits bpp W mW x km km2 m2 cm mm".split()}
LANGUAGES = {
    s.casefold()
    for s in """english chinese german french spanish japanese arabic hindi korean russian italian portuguese
    dutch turkish vietnamese czech romanian finnish estonian latvian lithuanian polish swedish danish greek
    hebrew persian urdu bengali thai indonesian malay swahili tamil telugu multilingual bilingual
    en de fr zh ro ja es it ru cs fi et lv lt tr ar ko vi pt nl to""".split()
}
FUNCTION_WORDS = {
    "the", "a", "an", "and", "or", "of", "in", "on", "for", "with", "to", "by", "from", "as", "at", "is",
    "are", "was", "were", "be", "been", "which", "that", "this", "these", "than", "over", "into", "via",
    "using", "under", "while", "when", "where", "but", "not", "also", "can", "its", "their", "it", "we",
    "has", "have", "had", "both", "all", "only", "such", "then", "thus", "i.e", "e.g", "etc", "respectively",
    "without", "across", "between", "after", "before", "during", "through", "show", "shows", "demonstrate",
    "achieves", "achieve", "obtains", "outperforms", "test", "val", "validation", "training", "train",
    "split", "splits", "set", "sets", "subset", "subsets", "leaderboard", "challenge", "version", "images",
    "dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "treebank",
}
_METHOD_SUFFIXES = ("-based", "-like", "-style", "-free", "-aware", "-level", "-wise", "-specific", "-driven",
                    "-guided", "-type", "-only", "-pretrained", "-trained", "-inspired", "-related", "-scale")

TOKEN = re.compile(r"[A-Za-z0-9][\w\-./+'']*[A-Za-z0-9+]|[A-Za-z0-9]|[^\w\s]")
_INNER_CAP = re.compile(r".[A-Z]")
_DIGIT = re.compile(r"[0-9]")
_LETTER = re.compile(r"[A-Za-z]")
_ALLCAPS = re.compile(r"^[A-Z][A-Z0-9\-]+$")
_CAPWORD = re.compile(r"^[A-Z][a-z]+(?:-[A-Za-z][a-z]*)*$")
_VERSION = re.compile(r"^(?:[vV]?\d+(?:\.\d+)*[a-z]?|[IVX]+)$")  # "2.0", "v2", "2012", "II"
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*%?$")
_SHORT_FORM = re.compile(r"^[A-Za-z0-9][\w\-./+]{0,11}$")
_PAREN = re.compile(r"\(([^()]{1,20})\)")


@cache
def zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def is_strong(tok: str) -> bool:
    """A coined, name-shaped token: an inner capital, a digit or all caps ("ResNet", "KITTI",
    "CIFAR-10", "wav2vec"); not a number, not a generic word ("RGB-D", "3D"), not a modifier
    ("GAN-based")."""
    if len(tok) < 2 or not _LETTER.search(tok) or tok.casefold() in GENERIC:
        return False
    if tok.lower().endswith(_METHOD_SUFFIXES):
        return False
    if re.fullmatch(r"\d+(?:\.\d+)?[a-zA-Z]{0,2}", tok):  # "10k", "3B", "2x", "1st"
        return False
    if _INNER_CAP.search(tok) or _ALLCAPS.match(tok):
        return not (tok[:1].isupper() and tok[1:].islower())
    return bool(_DIGIT.search(tok)) and len(tok) >= 3 and not tok.lower().startswith(("0", "1", "2"))


def is_cap(tok: str) -> bool:
    return bool(_CAPWORD.match(tok)) and tok.casefold() not in GENERIC


def is_common_word(name: str) -> bool:
    return " " not in name and name.islower() and zipf(name) >= COMMON_WORD_ZIPF


def normalize(name: str) -> str:
    """Loose key (the scorer's): lowercase, letters and digits only, no final plural "s"."""
    key = re.sub(r"[^a-z0-9]", "", name.lower())
    return key[:-1] if len(key) > 4 and key.endswith("s") and not key.endswith("ss") else key


def acceptable_name(name: str) -> bool:
    """The final filter on every mined name."""
    if len(name) < 2 or len(name) > 60 or not _LETTER.search(name) or _NUMBER.match(name):
        return False
    if name.casefold() in GENERIC or is_common_word(name) or name.casefold() in UNITS:
        return False
    if re.fullmatch(r"[A-Z]{2}", name):
        return False  # two-letter acronyms ("SR", "KG", "MT") mean many things
    if name.count("-") + name.count("/") >= 1 and all(part.casefold() in LANGUAGES for part in re.split(r"[\s\-/]+", name)):
        return False  # "English-French": a language pair, not a data set
    if " " not in name and name[:1].isupper() and name[1:].islower() and zipf(name.lower()) >= COMMON_WORD_ZIPF:
        return False  # "Amazon", "Yelp"-like words that are also English
    return True


# ---------------------------------------------------------------------------------------------
# Rule 1: acronym definitions
