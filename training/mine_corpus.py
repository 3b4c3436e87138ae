"""Mine entity NAMES and their TYPES from a corpus of paper abstracts (a dev tool).

Run from the repo root:

    python extractors/data/mine_corpus.py \
        --corpus ../shared/data/conf_abstracts/paperlists_abstracts.jsonl.gz --out extractors/data

It writes three files next to ``gazetteer.tsv`` (names, types, counts and rule names only:
never any abstract text):

- ``mined.tsv``           name, type, n_papers, rule: names the shipped lists lack;
- ``mined_conflicts.tsv`` name, mined_type, list_type, n_papers, votes, rule: mined names that
  ``gazetteer.tsv``/``curated.tsv`` list with another type (not overridden, for review);
- ``type_fixes.tsv``      name, old_type, new_type, evidence: list entries whose use in the
  corpus strongly contradicts their listed type (the TYPE-FIX rule below).

Evidence rules (each one function, each votes ``(name, type, rule)`` once per paper):

- ``rule_acronym``   "long form (ACR)" whose long form ends in a type-giving head noun
                     ("... network" -> Method, "... dataset" -> Dataset, "... error" -> Metric,
                     "... detection" -> Task); the ACRONYM is voted;
- ``rule_dataset``   "the X dataset", "on X and Y datasets", "X benchmark", "the X Corpus",
                     with X name-shaped -> Dataset;
- ``rule_method``    "X outperforms/achieves/surpasses", "we propose X,", "called/named/dubbed X"
                     and "X, a novel <head>" with X a coined name-shaped token -> Method (or the
                     type of the appositive's head noun);
- ``rule_metric``    "in terms of X", "X score of <number>", "<number>% X" with X name-shaped,
                     or a lowercase phrase ending in a metric head ("... error") -> Metric.

A name is kept when it has evidence in >= 2 distinct papers (>= 3 for Methods), >= 80 % of its
per-paper votes agree on one type, and it is not an everyday English word (wordfreq), a single
character, a number or a generic word ("Our", "Large-scale", "RGB-D"). Single-token Dataset
names must also be used mostly as nouns: a token usually followed by another noun ("EEG
signals", "MRI scans") is a modality or domain, not a named data set.

TYPE-FIX rule: every ``gazetteer.tsv`` name is counted in the corpus where a head noun of some
type follows it ("SGD optimizer", "3DMatch benchmark"); a name whose head-noun evidence (plus
the votes of the rules above) is >= 85 % another type, in >= 5 papers, is proposed for a fix.

TYPE-FIX by context (``ContextCounter``, ``context_fix``): every listed Method or Task name is
counted per paper in technique contexts ("using/with/via/apply/employ/adopt/leverage X", "based on
X", "X-based", "X is used/applied") and problem contexts ("address/tackle/solve X", "deal/cope
with X", "applied to X", "X task(s)/problem(s)/benchmark(s)"); "for X" is left out (it gives the
purpose of techniques and problems alike: "an algorithm for variational inference"). A name whose
contexts are >= 85 % the other type in >= 10 papers is proposed (Task -> Method: "Data
Augmentation", "Gaussian Processes"), never for a single ordinary word or a name whose head is a
kind of data ("knowledge graphs", "point clouds").

FRAGMENT rule (``find_fragments``, a second corpus pass): a mined Dataset name is dropped when,
among its uses that start a name, most go on into a longer listed or mined Dataset name or a
version ("CIFAR" -> "CIFAR-10", "VOC" -> "VOC 2007", "ILSVRC2012"; uses inside a longer name
that does not start with it, "PASCAL VOC", do not count as its own), or when it is only ever
seen inside longer names ("Newsgroups" of "20 Newsgroups"); and as a COLLECTION when most of
>= 10 own uses are "X datasets"/"X repository" not ending a list ("UCI datasets"). A longer name
equal to it but for a trailing "Dataset" ("Waymo Open Dataset") is the same name. Dropped names
go to ``mined_conflicts.tsv`` with list_type "-", the use counts and rule "fragment"/"collection".

Standard library + wordfreq only; plain regular expressions (no spaCy), one core: about 150 s
for the ~49k non-robotics abstracts of the 87k corpus (``--include-robotics`` adds IROS/ICRA/
RSS/CoRL). ``--limit N`` reads only the first N abstracts, for development.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

from wordfreq import zipf_frequency

HERE = Path(__file__).resolve().parents[1] / "extractors" / "data"  # the lists it reads and writes
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


def long_form_start(short: str, words: list[str]) -> int | None:
    """Index of the word in ``words`` where the long form of ``short`` starts (Schwartz & Hearst:
    the short form's letters, right to left, found in order in the words; the first letter must
    start a word), or None."""
    letters = [c.lower() for c in short if c.isalnum()]
    if not letters:
        return None
    text = " ".join(words).lower()
    pos = len(text) - 1
    for i in range(len(letters) - 1, -1, -1):
        c = letters[i]
        while pos >= 0 and (text[pos] != c or (i == 0 and pos > 0 and text[pos - 1].isalnum())):
            pos -= 1
        if pos < 0:
            return None
        pos -= 1
    start_char = pos + 1
    return text[:start_char].count(" ") if start_char > 0 else 0


def acronym_type(long_form_words: list[str]) -> str | None:
    """The type given by the long form's head noun; CONCEPT for an untyped lowercase long form
    ("machine reading comprehension", "knowledge graph"); else None."""
    if not long_form_words:
        return None
    head = long_form_words[-1].lower().strip(".,;:")
    first = long_form_words[0].lower()
    if first in {"proposed", "our", "this", "novel", "new", "the", "a", "an"}:
        return None
    if head == "estimation" and {"likelihood", "kernel", "contrastive", "posteriori", "moments"} & {
        w.lower() for w in long_form_words
    }:
        return "Method"  # "maximum likelihood estimation", "noise contrastive estimation"
    if head == "rate" and len(long_form_words) >= 2 and long_form_words[-2].lower() in METRIC_RATE_MODIFIERS:
        return "Metric"
    if head == "resolution" and len(long_form_words) > 1 and long_form_words[-2].lower() not in {"coreference", "co-reference", "anaphora", "entity"}:
        return None  # "high resolution (HR)" is a property
    if head == "ratio" and len(long_form_words) >= 2 and long_form_words[-2].lower() == "noise":
        return "Metric"
    if head in {"network", "networks"} and len(long_form_words) > 1 and long_form_words[-2].lower() in NON_MODEL_NETWORKS:
        return CONCEPT  # "social network (SN)", "heterogeneous information network (HIN)"
    for type_, heads in ACRONYM_HEADS.items():
        if head in heads:
            return type_
    if all(w.islower() or not w[:1].isalpha() for w in long_form_words):
        return CONCEPT
    return None


def clean_short_form(short: str) -> str | None:
    short = short.strip()
    if not _SHORT_FORM.match(short) or not any(c.isupper() for c in short) or _NUMBER.match(short):
        return None
    if re.fullmatch(r"[A-Z]{2,}s", short):  # "CNNs" -> "CNN"
        short = short[:-1]
    if len(short) < 3 or (len(short) == 3 and short.endswith("s") and short[:2].isupper()):
        return None  # two-letter acronyms ("SR", "DA") mean many things
    if short.casefold() in GENERIC or not sum(c.isupper() for c in short) >= 2:
        return None
    return short


def rule_acronym(text: str) -> list[tuple[str, str, str]]:
    """(acronym, type, long form) for each "long form (ACR)" with a type-giving head noun
    (type CONCEPT for an untyped lowercase long form)."""
    out = []
    for m in _PAREN.finditer(text):
        short = clean_short_form(m.group(1))
        if short is None:
            continue
        before = text[max(0, m.start() - 200) : m.start()]
        before = re.split(r"[.;:()\[\]]\s", before)[-1]
        words = before.split()[-min(len(short) + 5, 2 * len(short)) :]
        if not words:
            continue
        start = long_form_start(short, words)
        if start is None:
            continue
        lf = [w.strip(",\"“”'") for w in words[start:]]
        if (len(lf) < 2 and "-" not in lf[0]) or any(w[:1] == "," for w in lf):  # "re-identification (ReID)"
            continue
        type_ = acronym_type(lf)
        if type_:
            out.append((short, type_, " ".join(lf)))
    return out


# ---------------------------------------------------------------------------------------------
# Rule 2: datasets from "X dataset(s)/benchmark(s)/corpus"


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def name_run_before(toks: list[str], end: int, max_len: int = 5) -> tuple[int, list[str]]:
    """The run of name tokens ending just before ``end``: name-shaped, Capitalized, or a version
    ("2.0", "v2") after one. Returns (start index, tokens)."""
    j = end
    while j > 0 and end - j < max_len:
        t = toks[j - 1]
        if is_strong(t) or is_cap(t) or (t == "New" and j < end and toks[j] in {"York", "Zealand"}) or (_VERSION.match(t) and j - 2 >= 0 and (is_strong(toks[j - 2]) or is_cap(toks[j - 2]))):
            j -= 1
            continue
        break
    return j, toks[j:end]


def validate_run(run: list[str], at_sentence_start: bool) -> str | None:
    """A name from a run of name tokens, or None when it is a description."""
    if run and at_sentence_start and not is_strong(run[0]):
        run = run[1:]  # "Extensive KITTI ..." at the start of a sentence: drop the capital
    if len(run) > 1 and run[0] == "New" and run[1] in {"York", "Zealand", "Delhi", "Orleans"}:
        return " ".join(run)
    stems = [re.match(r"[A-Za-z]*", t).group() for t in run]
    if any(a == b and len(a) >= 3 for a, b in zip(stems, stems[1:])):
        return None  # "CIFAR-10 CIFAR-100": two names, a comma missing
    while run and (run[0].casefold() in GENERIC or (_VERSION.match(run[0]) and not (len(run) > 1 and is_cap(run[1])))):
        run = run[1:]  # "20 Newsgroups" keeps its number, "3 UCI" does not
    if not run:
        return None
    if any(is_strong(t) for t in run):
        return " ".join(run)
    if len(run) == 1:
        return run[0] if zipf(run[0].lower()) < RARE_CAP_ZIPF else None
    return " ".join(run)


def rule_dataset(toks: list[str]) -> list[str]:
    """Names before a dataset head noun: "the X dataset", "on X, Y and Z datasets", "X benchmark"."""
    out = []
    for i, t in enumerate(toks):
        low = t.lower()
        head_end = i
        if low in DATASET_HEADS:
            plural = low in PLURAL_DATASET_HEADS
        elif low in {"set", "sets"} and i > 0 and toks[i - 1].lower() == "data":
            head_end, plural = i - 1, low == "sets"
        else:
            continue
        start, run = name_run_before(toks, head_end)
        if not run:
            continue
        sentence_start = start == 0 or toks[start - 1] in {".", "!", "?", ":"}
        if start > 0 and toks[start - 1].lower() in {"a", "an"}:
            continue  # "a KITTI-like dataset", "an RGB dataset": a description
        prev = toks[start - 1].lower() if start > 0 else "."
        if plural and len(run) == 1 and (prev in QUANTIFIERS or prev.isdigit()):
            continue  # "on three NLI datasets": a kind of data set, not a name
        capital_head = t[:1].isupper() and (t.lower().startswith("treebank") or not any(is_strong(x) for x in run))
        if capital_head and head_end == i:  # "Waymo Open Dataset", "Penn Treebank"
            base = validate_run(run, sentence_start)
            single_ok = len(run) == 1 and not sentence_start and zipf(run[0].lower()) < 4.0
            name = validate_run(run + [t], sentence_start) if base or single_ok else None
        else:
            name = validate_run(run, sentence_start)
        if name:
            out.append(name)
        if not plural:
            continue
        k = start  # "X, Y, and Z datasets"
        while k >= 2 and toks[k - 1].lower() in {"and", ",", "or", "&"}:
            k -= 1
            if toks[k - 1] == "," or toks[k - 1].lower() == "and":
                k -= 1
            s2, run2 = name_run_before(toks, k)
            if not run2:
                break
            name2 = validate_run(run2, s2 == 0 or toks[s2 - 1] in {".", "!", "?", ":"})
            if name2:
                out.append(name2)
            k = s2
    return out


# ---------------------------------------------------------------------------------------------
# Rule 3: methods from verbs of proposing and comparing

_NAME = r"([A-Za-z0-9][\w\-./+]*[A-Za-z0-9+])"
_SUBJECT_VERB = re.compile(
    _NAME + r"\s+(?:\w+ly\s+)?(?:achieves|outperforms|surpasses|beats|significantly outperforms|consistently outperforms)\b"
)
_PROPOSE = re.compile(r"\bwe\s+(?:propose|present|introduce|develop)\s+" + _NAME + r"(?=\s*(?:,|\(|:|\.|\s(?:which|that|to|for|as|,)\b))")
_CALLED = re.compile(r"\b(?:called|named|dubbed|termed|coined)\s+(?:as\s+)?[\"“']?" + _NAME)
_APPOSITIVE = re.compile(
    _NAME + r"\s*(?:\(|,)\s*(?:a|an)\s+((?:[\w\-]+\s+){0,4}?)(" + "|".join(sorted(METHOD_APPOSITIVE_HEADS | DATASET_HEADS)) + r")\b"
)
_PREPOSITIONS = {"on", "in", "of", "with", "from", "over", "to", "by", "than", "and", "or", "across", "for", "using", "under"}


def is_coined(tok: str) -> bool:
    """A coined name: name-shaped, and not a Title-Case compound of words ("Low-Rank")."""
    if re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+", tok):
        return False
    return is_strong(tok) and not is_common_word(tok)


def rule_method(text: str) -> list[tuple[str, str]]:
    """(name, type) from "X outperforms", "we propose X,", "called X", "X, a novel network"."""
    out = []
    for m in _SUBJECT_VERB.finditer(text):
        prev = text[max(0, m.start() - 20) : m.start()].split()
        if prev and prev[-1].lower() in _PREPOSITIONS:
            continue  # "trained on ImageNet achieves": the object of a preposition, not the subject
        if is_coined(m.group(1)):
            out.append((m.group(1), "Method"))
    for rx in (_PROPOSE, _CALLED):
        for m in rx.finditer(text):
            if is_coined(m.group(1)):
                out.append((m.group(1), "Method"))
    for m in _APPOSITIVE.finditer(text):
        name, head = m.group(1), m.group(3).lower()
        if is_coined(name):
            out.append((name, "Dataset" if head in DATASET_HEADS else "Method"))
    return out


# ---------------------------------------------------------------------------------------------
# Rule 4: metrics

_NUM = r"\d+(?:\.\d+)?"
_IN_TERMS_OF = re.compile(r"\bin terms of\s+((?:[\w\-@]+(?:\s*,\s*|\s+and\s+|\s+or\s+|\s+)?){1,8})")
_SCORE_OF = re.compile(_NAME + r"(?:\s+score)?\s+(?:of|=|:)\s+" + _NUM + r"(?:\s*%)?(?![\w.])")
_NUM_METRIC = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d\b)" + _NUM + r"\s*%?\s+" + _NAME + r"(?=\s*(?:[,.;)]|\s(?:on|in|and|at|with|score|points|improvement|gain)\b))")
_PHRASE_OF = re.compile(r"(?<![\w\-@])((?:[a-z0-9\-@]+\s+){1,3}?(?:" + "|".join(sorted(METRIC_PHRASE_HEADS)) + r"))\s+(?:of|=)\s+" + _NUM + r"\s*%?(?![\w.])")
_EVALUATIVE = {"high", "higher", "highest", "best", "better", "competitive", "comparable", "state-of-the-art",
               "good", "low", "lower", "lowest", "improved", "superior", "significant", "overall", "new", "an",
               "the", "a", "our", "final", "same", "similar", "small", "smaller", "large", "larger",
               "remarkable", "strong", "excellent", "impressive", "average", "mean", "its", "their", "with", "both",
               "either", "terms", "model", "models", "set", "achieves", "achieve", "achieved", "achieving",
               "reported", "data", "system", "method", "poor", "worse", "reduced", "increased", "higher-", "much", "more",
               "and", "of", "in", "at", "to", "for", "training", "test", "testing", "validation", "baseline",
               "learning", "convergence", "sampling", "relative", "absolute", "approximation", "generalization",
               "estimation", "prediction", "classification", "reconstruction", "recognition", "detection"}


def metric_phrase(words: list[str]) -> str | None:
    """A lowercase metric phrase ending in a metric head ("word error rate", "top-1 accuracy")."""
    while words and words[0] in _EVALUATIVE - {"mean", "average"}:
        words = words[1:]
    if len(words) < 2 or any(w in _EVALUATIVE - {"mean", "average", "absolute", "relative"} for w in words[:-1]):
        return None
    if len(words) == 2 and words[0] in {"mean", "average"}:
        return None  # "average error": which error?
    if words[-1] not in METRIC_PHRASE_HEADS:
        return None
    if words[-1] == "rate" and words[-2] not in METRIC_RATE_MODIFIERS:
        return None
    return " ".join(words)


def rule_metric(text: str) -> list[str]:
    """Metric names: "in terms of X", "X score of 85.1", "85.1% X", "word error rate of 5.2"."""
    out = []
    for m in _IN_TERMS_OF.finditer(text):
        for part in re.split(r"\s*,\s*|\s+and\s+|\s+or\s+", m.group(1)):
            ws = part.split()
            if not ws:
                continue
            if len(ws) == 1 and is_coined(ws[0]):
                out.append(ws[0])
            elif all(w.islower() for w in ws):
                phrase = metric_phrase(ws)
                if phrase:
                    out.append(phrase)
            if len(ws) > 1 and not all(w.islower() for w in ws):
                break  # "in terms of BLEU on WMT": stop at the end of the list
    for rx in (_SCORE_OF, _NUM_METRIC):
        for m in rx.finditer(text):
            name = m.group(1)
            if is_coined(name) and not re.search(r"\d", name[:1]):
                out.append(name)
    for m in _PHRASE_OF.finditer(text):
        phrase = metric_phrase(m.group(1).split())
        if phrase:
            out.append(phrase)
    return out


# ---------------------------------------------------------------------------------------------
# Corpus pass


def long_form_key(long_form: str) -> str:
    """"Convolutional Neural Networks" -> "convolutional neural network"."""
    words = long_form.lower().replace("-", " ").split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith(("ss", "us", "is")):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def paper_votes(text: str, toks: list[str], long_forms: dict[str, Counter] | None = None) -> set[tuple[str, str, str]]:
    """Every (name, type, rule) a paper's abstract votes for (a set: one vote per paper).
    ``long_forms`` collects, per acronym, the long forms it is defined with."""
    votes = set()
    for name, type_, long_form in rule_acronym(text):
        votes.add((name, type_, "acronym"))
        if long_forms is not None:
            long_forms.setdefault(name, Counter())[long_form_key(long_form)] += 1
    for name in rule_dataset(toks):
        votes.add((name, "Dataset", "dataset_head"))
    for name, type_ in rule_method(text):
        votes.add((name, type_, "method_verb"))
    for name in rule_metric(text):
        votes.add((name, "Metric", "metric_context"))
    return votes


def noun_use(toks: list[str], counts: dict[str, list[int]]) -> None:
    """Per name-shaped token: [occurrences, occurrences followed by another content word,
    occurrences followed by "task(s)"/"problem(s)"]."""
    for i, t in enumerate(toks):
        if not is_strong(t):
            continue
        c = counts.setdefault(t, [0, 0, 0])
        c[0] += 1
        nxt = toks[i + 1] if i + 1 < len(toks) else "."
        if nxt.isalpha() and nxt.islower() and nxt not in FUNCTION_WORDS:
            c[1] += 1
            if nxt in {"task", "tasks", "problem", "problems"}:
                c[2] += 1


FIX_LEFT = {"the", "a", "an", "and", "or", "of", "on", "in", "with", "by", "using", "use", "uses", "used", "via",
            "for", "from", "to", "as", "than", "our", "their", "its", "standard", "popular", "classical", "classic",
            "original", "vanilla", "plain", "modified", "proposed", "existing", "well-known", "famous", "public",
            "challenging", "large-scale", "new", "recent", "both", "is", "are", "that", "which", "over", "apply",
            "applying", "train", "trained", "run", "running", "employ", "adopt", "versus", "vs", "like", "e.g", "i.e"}


class TypeFixCounter:
    """Counts, per gazetteer name, the papers where a head noun of each type follows it."""

    def __init__(self, lexicon: dict[str, tuple[str, str]]):
        self.exact: set[str] = set()
        self.folded: set[str] = set()
        for key, (name, _) in lexicon.items():
            (self.exact.add(name) if re.search(r"[A-Z]", name) and is_strong(name.split()[0]) else self.folded.add(key))
        self.max_words = 6
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.heads = {h: t for t, hs in FIX_HEADS.items() for h in hs}

    def add(self, toks: list[str]) -> None:
        seen = set()
        for i, t in enumerate(toks):
            type_ = self.heads.get(t.lower())
            if type_ is None:
                continue
            for k in range(1, min(self.max_words, i) + 1):
                span = toks[i - k : i]
                if any(s in {".", ",", ";", "(", ")", ":"} for s in span):
                    break
                before = toks[i - k - 1] if i - k - 1 >= 0 else "."
                if before.isalnum() and before.lower() not in FIX_LEFT:
                    continue  # "generative adversarial network": "adversarial" is not the name here
                name = " ".join(span)
                if name in self.exact:
                    seen.add((name.casefold(), type_))
                elif name.casefold() in self.folded:
                    seen.add((name.casefold(), type_))
        for key, type_ in seen:
            self.counts[key][type_] += 1


# Technique vs problem contexts (TYPE-FIX between Method and Task). A cue word before the name
# ("using X") or after it ("X task"); "with X" is a problem after "deal/cope with".
TECHNIQUE_CUES_BEFORE = {"using", "use", "uses", "via", "with", "apply", "applies", "applying", "employ", "employs",
                         "employing", "adopt", "adopts", "adopting", "leverage", "leverages", "leveraging"}
PROBLEM_CUES_BEFORE = {"address", "addresses", "addressing", "tackle", "tackles", "tackling", "solve", "solves",
                       "solving"}
# "for X" is left out: it gives the purpose of problems and techniques alike ("a method for image
# classification", "a theory of and an algorithm for variational inference").
PROBLEM_CUES_AFTER = {"task", "tasks", "problem", "problems", "benchmark", "benchmarks"}
USED_VERBS = {"used", "applied", "employed", "adopted", "utilized", "leveraged"}
PROBLEM_WITH = {"deal", "deals", "dealing", "cope", "copes", "coping", "struggle", "struggles"}


def context_cues(toks: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, cue) for the token spans that a technique or a problem cue points at: the
    span starts right after a cue word ("using X", "applied to X") or ends right before one
    ("X task", "X is used", "X-based"); end is open-ended (None) for spans after a cue. The
    cue is "technique:<word>" or "problem:<word>"."""
    out = []
    for i, t in enumerate(toks):
        low = t.lower()
        prev = toks[i - 1].lower() if i > 0 else "."
        nxt = toks[i + 1].lower() if i + 1 < len(toks) else "."
        if low == "with" and prev in PROBLEM_WITH:
            out.append((i + 1, None, "problem:" + prev + " with"))
        elif low == "to" and prev in {"applied", "apply", "applies", "applying"}:
            out.append((i + 1, None, "problem:applied to"))
        elif low == "on" and prev == "based":
            out.append((i + 1, None, "technique:based on"))
        elif low in TECHNIQUE_CUES_BEFORE and not (low == "use" and prev in {"the", "a", "its", "their"}):
            if not (low in {"apply", "applies", "applying"} and nxt == "to"):
                out.append((i + 1, None, "technique:" + low))
        elif low in PROBLEM_CUES_BEFORE:
            out.append((i + 1, None, "problem:" + low))

        if low in PROBLEM_CUES_AFTER:
            out.append((None, i, "problem:" + low))
        elif low in {"is", "are", "was", "were"} and nxt in USED_VERBS:
            out.append((None, i, "technique:is used"))
        elif low.endswith("-based") and len(low) > 6:
            out.append((None, i, "technique:-based"))  # the name's last word is glued to "-based"
    return out


class ContextCounter:
    """Counts, per listed Method or Task name, the papers where it stands in a technique context
    ("using X", "with X", "via X", "X-based", "X is used", "we apply X") and in a problem
    context ("for X", "address/tackle/solve X", "X task(s)", "the X problem", "X benchmark")."""

    def __init__(self, lexicon: dict[str, tuple[str, str]], max_words: int = 6):
        self.exact: dict[str, str] = {}  # acronyms and coined names match with their case ("USE" is not "use")
        self.folded: dict[str, str] = {}
        for key, (name, _) in lexicon.items():
            if re.search(r"[A-Z]", name) and is_strong(name.split()[0]):
                self.exact[name] = key
            else:
                self.folded[key] = key
        self.max_words = max_words
        self.counts: dict[str, Counter] = defaultdict(Counter)  # key -> "Method"/"Task" -> papers
        self.cues: dict[str, Counter] = defaultdict(Counter)  # key -> cue -> papers

    def lookup(self, text: str) -> str | None:
        return self.exact.get(text) or self.folded.get(text.casefold())

    def _after(self, toks: list[str], start: int) -> str | None:
        """The longest listed name starting at ``start``."""
        for k in range(min(self.max_words, len(toks) - start), 0, -1):
            key = self.lookup(" ".join(toks[start : start + k]))
            if key:
                return key
        return None

    def _before(self, toks: list[str], end: int, glued: bool) -> str | None:
        """The longest listed name ending at ``end`` (with its last word glued to "-based" when
        ``glued``) that is not the tail of a longer phrase ("generative adversarial network")."""
        last = [toks[end][: -len("-based")]] if glued else []
        stop = end + 1 if glued else end
        found = None
        for k in range(1, self.max_words + 1):
            start = stop - k
            if start < 0:
                break
            span = toks[start:end] + last
            if any(s in {".", ",", ";", "(", ")", ":"} for s in span):
                break
            before = toks[start - 1] if start > 0 else "."
            if before.isalnum() and before.lower() not in FIX_LEFT:
                continue
            found = self.lookup(" ".join(span)) or found
        return found

    def add(self, toks: list[str]) -> None:
        seen: set[tuple[str, str]] = set()
        for start, end, cue in context_cues(toks):
            if start is not None:
                key = self._after(toks, start) if start < len(toks) else None
            else:
                key = self._before(toks, end, glued=cue == "technique:-based")
            if key:
                seen.add((key, cue))
        for key, cue in seen:
            self.cues[key][cue] += 1
        for key, type_ in {(k, "Method" if c.startswith("technique") else "Task") for k, c in seen}:
            self.counts[key][type_] += 1


def read_papers(path: Path, limit: int | None, include_robotics: bool):
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if not include_robotics and rec.get("venue", "").lower() in ROBOTICS_VENUES:
                continue
            text = " ".join((rec.get("abstract") or "").split())
            if not text:
                continue
            yield rec.get("id") or str(n), text
            n += 1
            if limit and n >= limit:
                return


def load_lists(files=("gazetteer.tsv", "curated.tsv")) -> dict[str, tuple[str, str]]:
    """Casefolded name -> (name, type) from gazetteer.tsv then curated.tsv ("-" = denied)."""
    lexicon: dict[str, tuple[str, str]] = {}
    for file in files:
        with open(HERE / file, encoding="utf-8", newline="") as fh:
            lines = [line for line in fh if not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            lexicon[row["name"].casefold()] = (row["name"], row["type"])
    return lexicon


def singular(name: str) -> str:
    """"ConvNets" -> "ConvNet", "3DMMs" -> "3DMM"; "Cityscapes" stays."""
    stem = name[:-1]
    if name.endswith(("FLOPs", "MACs")):
        return name
    if name.endswith("s") and sum(c.isupper() for c in stem) >= 2 and (stem[-1].isupper() or stem.endswith(("Net", "net"))):
        return stem
    return name


def merge_plurals(votes, rules, long_forms):
    """Fold plural acronyms into their singular; returns new (votes, rules, long_forms)."""
    v2: dict[str, Counter] = defaultdict(Counter)
    r2: dict[tuple[str, str], set[str]] = defaultdict(set)
    l2: dict[str, Counter] = defaultdict(Counter)
    for name, c in votes.items():
        v2[singular(name)].update(c)
    for (name, type_), rs in rules.items():
        r2[(singular(name), type_)] |= rs
    for name, c in long_forms.items():
        l2[singular(name)].update(c)
    return v2, r2, l2


def select(votes: dict[str, Counter], rules: dict[tuple[str, str], set[str]],
           noun_counts: dict[str, list[int]], long_forms: dict[str, Counter] | None = None
           ) -> list[tuple[str, str, int, str, int, int, str]]:
    """(name, type, n_papers, rules, agreeing votes, all votes, long form) for names that pass
    the filters. CONCEPT votes count against Dataset and Metric names only (an acronym that is
    also defined as "machine reading comprehension" is a task, not a data set)."""
    long_forms = long_forms or {}
    kept = []
    for name, c in votes.items():
        typed = Counter({t: n for t, n in c.items() if t != CONCEPT})
        if not typed:
            continue
        type_, n = typed.most_common(1)[0]
        total = sum(c.values()) if type_ in {"Dataset", "Metric"} else sum(typed.values())
        if n < MIN_PAPERS[type_] or n / total < MIN_AGREEMENT or not acceptable_name(name):
            continue
        long_form = ""
        lf = long_forms.get(name)
        if lf and "acronym" in rules[(name, type_)]:
            long_form, n_lf = lf.most_common(1)[0]
            if n_lf / sum(lf.values()) < MIN_LONG_FORM_SHARE and rules[(name, type_)] == {"acronym"}:
                continue  # "PDM" = three different things: no single named entity
        if type_ == "Dataset" and " " not in name and name in noun_counts:
            occ, modifier, task = noun_counts[name]
            if occ >= 5 and modifier / occ > 0.5:
                continue  # "EEG signals", "MRI scans": a modality, not a data set
            if task >= 3 and task / occ >= 0.1:
                continue  # "ReID task", "MRC problems": a task's acronym before "datasets"
        kept.append((name, type_, n, ",".join(sorted(rules[(name, type_)])), n, total, long_form))
    return kept


# ---------------------------------------------------------------------------------------------
# FRAGMENT rule: mined Dataset names that are pieces of longer names ("CIFAR" of "CIFAR-10")

_VERSION_AFTER = re.compile(r"[ \-_]?(?:[vV]\d+(?:\.\d+)*|\d+(?:\.\d+)*|['’]\d\d)(?![A-Za-z])")  # " 2012", "-v2", "’14"
_COLLECTION_AFTER = re.compile(r"\s+(?:datasets|benchmarks|corpora|data\s+sets|(?:machine\s+learning\s+)?repository|archive)\b",
                               re.IGNORECASE)
_TRAILING_HEAD = re.compile(r"(?:\s+(?:dataset|datasets|benchmark|benchmarks|corpus|challenge|data\s+set))+$", re.IGNORECASE)
MIN_FRAGMENT_USES = 3
MIN_COLLECTION_USES = 10


def name_key(name: str) -> str:
    """The scorer's key without a trailing head noun: "Waymo Open Dataset" = "Waymo Open"."""
    return normalize(_TRAILING_HEAD.sub("", name))


def contains_name(longer: str, name: str) -> bool:
    """``name`` occurs in ``longer`` as whole words (a version may be glued on: "HMDB" in "HMDB51")."""
    for m in re.finditer(re.escape(name), longer):
        i, j = m.start(), m.end()
        if (i == 0 or not longer[i - 1].isalnum()) and (j == len(longer) or not longer[j].isalpha()):
            return True
    return False


def occurrences(text: str, name: str) -> list[int]:
    """Start offsets of ``name`` in ``text`` as whole words (a digit may follow: "VOC2007")."""
    out, k = [], text.find(name)
    while k >= 0:
        j = k + len(name)
        if (k == 0 or not text[k - 1].isalnum()) and (j == len(text) or not text[j].isalpha()):
            out.append(k)
        k = text.find(name, k + 1)
    return out


def classify_uses(text: str, name: str, longer: list[str]) -> Counter:
    """How ``name`` is used in ``text``, per occurrence: "inner" inside a longer listed name that
    does not start with it ("VOC" in "PASCAL VOC"), "prefix" at the start of a longer listed name
    or followed by a version ("CIFAR-10", "VOC 2007", "ILSVRC2012"), else "alone"; "collection"
    counts the alone uses followed by "datasets"/"repository" ("UCI datasets")."""
    spans = [(k, k + len(other)) for other in longer for k in occurrences(text, other)]
    uses = Counter()
    for k in occurrences(text, name):
        j = k + len(name)
        covering = [a for a, b in spans if a <= k and j <= b]
        if covering and all(a < k for a in covering):
            uses["inner"] += 1
        elif covering or _VERSION_AFTER.match(text, j):
            uses["prefix"] += 1
        else:
            uses["alone"] += 1
            listed_before = re.search(r"(?:\band|\bor|,|&)\s*$", text[max(0, k - 6) : k])
            if _COLLECTION_AFTER.match(text, j) and not listed_before:
                uses["collection"] += 1  # "on A and B datasets": the plural is the list's, not B's
    return uses


class FragmentCounter:
    """Corpus uses of candidate Dataset names, against the longer Dataset names containing them."""

    def __init__(self, candidates: list[str], dataset_names: set[str]):
        self.longer = {
            name: [other for other in dataset_names
                   if len(other) > len(name) and name_key(other) != name_key(name) and contains_name(other, name)]
            for name in candidates
        }
        self.uses: dict[str, Counter] = defaultdict(Counter)
        self.examples: dict[str, Counter] = defaultdict(Counter)  # name -> longer name -> uses

    def add(self, text: str) -> None:
        for name, longer in self.longer.items():
            if name in text:
                present = [other for other in longer if other in text]
                self.uses[name].update(classify_uses(text, name, present))
                for other in present:
                    self.examples[name][other] += len(occurrences(text, other))

    def verdict(self, name: str) -> str | None:
        """Why ``name`` is no data set of its own, or None: "fragment" when most of its uses that
        start a name go on into a longer name or a version (CIFAR: CIFAR-10, CIFAR-100), or it is
        only ever seen inside longer names; "collection" when most of its own uses (>= 10) are
        "X datasets"/"X repository" (UCI: a source of data sets)."""
        u = self.uses.get(name, Counter())
        if u["prefix"] > u["alone"] or (u["alone"] == 0 and u["inner"] >= MIN_FRAGMENT_USES):
            return "fragment"
        if u["alone"] >= MIN_COLLECTION_USES and u["collection"] / u["alone"] > 0.5:
            return "collection"
        return None


def find_fragments(papers, candidates: list[str], dataset_names: set[str]) -> dict[str, tuple[str, str]]:
    """Candidate name -> (verdict, evidence) for the FRAGMENT rule, from one pass over ``papers``."""
    counter = FragmentCounter(candidates, dataset_names)
    for _, text in papers:
        counter.add(text)
    out = {}
    for name in candidates:
        verdict = counter.verdict(name)
        if verdict:
            u = counter.uses[name]
            top = ",".join(o for o, _ in counter.examples[name].most_common(2))  # the longer names it is part of
            out[name] = (verdict, f"prefix={u['prefix']} inner={u['inner']} alone={u['alone']} "
                                  f"collection={u['collection']}" + (f" longer={top}" if top else ""))
    return out


# ---------------------------------------------------------------------------------------------
# TYPE-FIX by context: techniques listed as Tasks and problems listed as Methods

MIN_CONTEXT_PAPERS = 10
MIN_CONTEXT_SHARE = 0.85
# A name whose head is a kind of data is no technique, whatever "using X" says ("knowledge graphs").
DATA_HEADS = {"graph", "graphs", "series", "cloud", "clouds", "embedding", "embeddings", "image", "images", "video",
              "videos", "text", "texts", "data", "query", "queries", "map", "maps", "corpus", "corpora"}


def context_fix(name: str, old: str, ev: Counter) -> str | None:
    """The new type (Method or Task) for a listed Method/Task name whose technique/problem
    contexts are >= 85 % the other type in >= 10 papers; never for a single everyday word or a
    data noun ("point clouds")."""
    if old not in {"Method", "Task"} or (" " not in name and not is_strong(name)):
        return None
    if name.lower().split()[-1] in DATA_HEADS:
        return None
    new = "Task" if old == "Method" else "Method"
    total = ev["Method"] + ev["Task"]
    if total >= MIN_CONTEXT_PAPERS and ev[new] / total >= MIN_CONTEXT_SHARE:
        return new
    return None


def write_tsv(path: Path, header: list[str], rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(str(x) for x in row) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Rules and filters: see the module docstring.")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSONL(.gz) of papers with an 'abstract' field")
    ap.add_argument("--out", type=Path, default=HERE, help="folder for mined.tsv, mined_conflicts.tsv, type_fixes.tsv")
    ap.add_argument("--limit", type=int, default=None, help="read only the first N (non-robotics) abstracts")
    ap.add_argument("--include-robotics", action="store_true", help="also mine IROS/ICRA/RSS/CoRL abstracts")
    args = ap.parse_args(argv)

    t0 = time.time()
    lexicon = load_lists()
    votes: dict[str, Counter] = defaultdict(Counter)  # name -> type -> papers
    rules: dict[tuple[str, str], set[str]] = defaultdict(set)
    noun_counts: dict[str, list[int]] = {}
    long_forms: dict[str, Counter] = {}
    fixer = TypeFixCounter({k: v for k, v in lexicon.items() if v[1] != "-"})
    contexts = ContextCounter({k: v for k, v in lexicon.items() if v[1] in {"Method", "Task"}})
    n_papers = 0
    for _, text in read_papers(args.corpus, args.limit, args.include_robotics):
        n_papers += 1
        toks = tokens(text)
        paper = paper_votes(text, toks, long_forms)
        for name, type_ in {(n, t) for n, t, _ in paper}:
            votes[name][type_] += 1
        for name, type_, rule in paper:
            rules[(name, type_)].add(rule)
        noun_use(toks, noun_counts)
        fixer.add(toks)
        contexts.add(toks)
        if n_papers % 10000 == 0:
            print(f"{n_papers} papers, {time.time() - t0:.0f}s", file=sys.stderr)

    votes, rules, long_forms = merge_plurals(votes, rules, long_forms)
    kept = select(votes, rules, noun_counts, long_forms)
    new, agree, conflicts, denied = [], Counter(), [], 0
    norm_lexicon: dict[str, set[str]] = defaultdict(set)
    for name, type_ in lexicon.values():
        norm_lexicon[normalize(name)].add(type_)
    for name, type_, n, rule, n_agree, total, long_form in kept:
        listed = lexicon.get(name.casefold())
        if listed and listed[1] == "-":
            denied += 1
        elif listed and listed[1] == type_:
            agree[type_] += 1
        elif listed:
            conflicts.append((name, type_, listed[1], n, f"{n_agree}/{total}", rule))
        elif norm_lexicon.get(normalize(name)) and type_ not in norm_lexicon[normalize(name)]:
            conflicts.append((name, type_, "/".join(sorted(norm_lexicon[normalize(name)])), n, f"{n_agree}/{total}", rule))
        else:
            new.append((name, type_, n, rule, long_form))
    # FRAGMENT: a second pass over the corpus for the mined Dataset names
    dataset_names = {name for name, type_ in lexicon.values() if type_ == "Dataset"} | {r[0] for r in new if r[1] == "Dataset"}
    fragments = find_fragments(read_papers(args.corpus, args.limit, args.include_robotics),
                               [r[0] for r in new if r[1] == "Dataset"], dataset_names)
    for r in new:
        if r[0] in fragments:
            verdict, evidence = fragments[r[0]]
            conflicts.append((r[0], r[1], "-", r[2], evidence, verdict))
    new = [r for r in new if r[0] not in fragments]
    new.sort(key=lambda r: (r[1], -r[2], r[0].casefold()))
    conflicts.sort(key=lambda r: (-r[3], r[0].casefold()))

    # TYPE-FIX: head-noun evidence for listed names, plus the rules' votes for the same names
    fixes = []
    curated = {k for k, _ in load_lists(("curated.tsv",)).items()}
    for key, (name, old) in lexicon.items():
        if old == "-" or key in curated:
            continue  # curated.tsv types are deliberate
        context_type = context_fix(name, old, contexts.counts.get(key, Counter()))
        if context_type:
            ctx = contexts.counts[key]
            cues = ",".join(f"{c.split(':', 1)[1]}={n}" for c, n in contexts.cues[key].most_common(4))
            fixes.append((name, old, context_type, ctx[context_type], ctx["Method"] + ctx["Task"],
                          f"technique={ctx['Method']} problem={ctx['Task']} ({cues})"))
            continue
        if " " not in name and not is_strong(name):
            continue  # one ordinary word ("memory", "Prediction"): head nouns after it say little
        ev = Counter(fixer.counts.get(key, {}))
        for vname in {name, name.upper(), name.casefold()}:
            for t, c in votes.get(vname, {}).items():
                if t != CONCEPT:
                    ev[t] += c
        if old == "Task":
            ev.pop("Method", None)  # "object detection network" describes a network for the task
            if not is_strong(name.split()[0]):
                ev.pop("Dataset", None)  # "segmentation datasets": data for the task
        if old != "Dataset" and not any(is_strong(w) or is_cap(w) for w in name.split()):
            ev.pop("Dataset", None)  # "reinforcement learning benchmarks" is a description
        total = sum(ev.values())
        if total < 5:
            continue
        new_type, n = ev.most_common(1)[0]
        if new_type != old and n >= 5 and n / total >= 0.85:
            fixes.append((name, old, new_type, n, total, " ".join(f"{t}={ev[t]}" for t in TYPES if ev[t])))
    fixes.sort(key=lambda r: (-r[3], r[0].casefold()))

    args.out.mkdir(parents=True, exist_ok=True)
    write_tsv(args.out / "mined.tsv", ["name", "type", "n_papers", "rule", "long_form"], new)
    write_tsv(args.out / "mined_conflicts.tsv", ["name", "mined_type", "list_type", "n_papers", "votes", "rule"], conflicts)
    write_tsv(args.out / "type_fixes.tsv", ["name", "old_type", "new_type", "n_papers", "evidence_total", "evidence"],
              [(f[0], f[1], f[2], f[3], f[4], f[5]) for f in fixes])
    by_type = Counter(r[1] for r in new)
    conf_type = Counter(r[1] for r in conflicts)
    print(f"{n_papers} papers in {time.time() - t0:.0f}s; kept {len(kept)} names", file=sys.stderr)
    for t in TYPES:
        print(f"  {t:8s} new {by_type[t]:5d}  agreeing {agree[t]:5d}  conflicting {conf_type[t]:4d}", file=sys.stderr)
    print(f"  denied by curated.tsv: {denied}; type-fix proposals: {len(fixes)}; "
          f"fragments/collections dropped: {len(fragments)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
