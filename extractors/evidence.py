"""When a mention the learned tagger found may become a graph node: the evidence it needs.

The tagger was trained on SciERC and TDMSci, which also mark descriptions ("nested
Transformer architecture", "prior HIC methods", "sequence modeling problems"). As graph
nodes those are one-paper noise, so in the default ``all`` a learned mention counts only
when its own shape says it is a name (the name lists, acronym definitions and patterns
already cover the rest):

- a Method or Dataset must be a coined name: every word capitalised or coined, at least
  one of them coined (:func:`extractors.names.is_coined_name`: "MVSNet", "Sparse
  WaveRNN", "Janus CS3", "GPT-4V"), with trailing head words dropped from its name
  ("T5-base model" is T5-base, "Vicuna LLM" is Vicuna);
- a Task must read as the field names a problem: two to five plain words ending in a
  task noun ("supersense tagging", "camouflaged object detection"), no evaluative or
  scoping modifier ("deterministic registration", "large-scale ... problems");
- a Metric must come from the lists (the tagger's metrics are mostly properties:
  "robustness", "computation").

The same question, what the text itself says a mention is, decides three more things
``kg_entities`` asks here: the type of a name whose type was a guess
(:func:`retype_by_context`: "CIFAR-10, CIFAR-100 and CORE-50" are datasets), whether a
resource word is a metric (:func:`is_measured`: "2.2x less memory"), and whether a
listed metric is one where the tagger did not mark it (:func:`has_value`: "a recall of
83").
"""

from __future__ import annotations

import re

from .acronyms import GUESSED_SCORE
from .extensions import Candidate
from .lexicon import is_denied
from .names import is_coined_name

#: Head words a name may carry that are not part of it ("DenseASPP segmentation network").
TRAILING_HEADS = frozenset(
    "model models network networks architecture architectures framework frameworks method methods "
    "algorithm algorithms system systems module modules approach approaches llm llms "
    "dataset datasets benchmark benchmarks corpus corpora".split()
)
#: Nouns that end the name of a research problem.
TASK_HEADS = frozenset(
    "detection segmentation classification recognition translation generation synthesis estimation "
    "identification retrieval answering summarization summarisation parsing tagging search registration "
    "tracking reasoning captioning completion localization localisation reconstruction measurement "
    "clustering recommendation forecasting labeling labelling extraction resolution inpainting "
    "super-resolution alignment verification grounding navigation planning understanding "
    "disambiguation linking editing compression restoration denoising deblurring".split()
)
#: First words that make a task phrase a description of a setting, not a task's name.
_SCOPING = frozenset(
    "efficient robust fast accurate deterministic large-scale small-scale high-level low-level high low "
    "direct quick quickly simple novel new existing our their this these such various different "
    "multiple many several general generic specific standard traditional conventional downstream".split()
)
UNTYPED = "?"  # a coined name whose type only retype_by_context can give; dropped otherwise
_NAMING_HEADS = frozenset("dataset datasets corpus corpora benchmark benchmarks".split())
_NOT_NAME_WORDS = frozenset(
    "our this that these those the a an its their each every any all both such other new proposed "
    "existing standard public popular large small real synthetic".split()
)
_BRACKETED_ACRONYM = re.compile(r"\s*\(\s*[^()\s]{1,15}\s*\)$")
_WORD = re.compile(r"\S+")


def learned_name(c: Candidate, text: str) -> Candidate | None:
    """``c`` (a learned candidate) as it may enter the graph, or None when its shape does
    not say it names something. The returned candidate may carry a shorter canonical name."""
    surface = text[c.start : c.end]
    core = _BRACKETED_ACRONYM.sub("", surface)  # "few-shot segmentation (FSS)"
    name = coined_name(core)
    if is_denied(core) or is_denied(name or core):  # curated.tsv: "SOTA" is no method
        return None
    if c.type in ("Method", "Dataset"):
        if name is None:
            return None
        return c if name == surface else Candidate(c.start, c.end, c.type, c.source, c.score, name)
    if c.type == "Task" and is_task_phrase(core):
        return c if core == surface else Candidate(c.start, c.end, c.type, c.source, c.score, core)
    if c.type == "Task" and name is not None:
        # "IWSLT16 En-De" tagged as a task: a name, of a type only the context can tell
        return Candidate(c.start, c.end, UNTYPED, c.source, c.score, None)
    return None


def coined_name(phrase: str) -> str | None:
    """The name in ``phrase`` when it is a coined name, else None.

    >>> coined_name("Sparse WaveRNN"), coined_name("T5-base model"), coined_name("Vicuna LLM")
    ('Sparse WaveRNN', 'T5-base', 'Vicuna')
    >>> coined_name("DenseASPP segmentation network"), coined_name("MatFormer language model")
    ('DenseASPP', 'MatFormer')
    >>> coined_name("nested Transformer architecture"), coined_name("Natural Language Processing")
    (None, None)
    >>> coined_name("Zorblax corpus"), coined_name("Our model"), coined_name("Synthetic dataset")
    ('Zorblax', None, None)
    >>> coined_name("EM algorithm"), coined_name("LM"), coined_name("Ring loss"), coined_name("Our loss")
    ('EM algorithm', None, 'Ring loss', None)
    """
    words = phrase.split()
    if len(words) in (2, 3) and words[-1] == "loss" and _capitalised_name(words[:-1]):
        return phrase  # "Ring loss", "Attractive-Repulsive loss": a loss is named with its word
    heads = []
    while len(words) > 1 and words[-1].casefold() in TRAILING_HEADS:
        heads.append(words.pop())
    while heads and len(words) > 1 and words[-1].islower():  # "DenseASPP segmentation network"
        heads.append(words.pop())
    if not words or len(words) > 5:
        return None
    if not all(w[0].isupper() or w[0].isdigit() for w in words):
        return None
    coined = any(is_coined_name(w.strip(",.;:")) and any(ch.isalpha() for ch in w) for w in words)
    if not coined and not _named_by_head(words, heads):
        return None
    if len(words) == 1 and words[0].isalpha() and words[0].isupper() and len(words[0]) < 3:
        # "LM", "RL": too short to tell one thing from another, unless the text says what
        # it is ("the EM algorithm"), and then the head word stays in the name
        return " ".join([*words, *reversed(heads)]) if heads else None
    return " ".join(words)


def _capitalised_name(words: list[str]) -> bool:
    return all(w[0].isupper() for w in words) and words[0].casefold() not in _NOT_NAME_WORDS


def _named_by_head(words: list[str], heads: list[str]) -> bool:
    """"Vicuna LLM", "the Zorblax corpus": one capitalised word that the text itself calls
    an LLM, a dataset, a corpus or a benchmark is that thing's name."""
    return (
        len(words) == 1
        and bool(heads)
        and (heads[-1].isupper() or heads[-1].casefold() in _NAMING_HEADS)
        and words[0].casefold() not in _NOT_NAME_WORDS
        and words[0][1:].islower()
    )


def is_task_phrase(phrase: str) -> bool:
    """Two to five plain words ending in a task noun, without a scoping modifier.

    >>> is_task_phrase("supersense tagging"), is_task_phrase("camouflaged object detection")
    (True, True)
    >>> is_task_phrase("deterministic registration"), is_task_phrase("segmentation of actors")
    (False, False)
    >>> is_task_phrase("attempting detection")  # a verb's object, not a task's name
    False
    """
    words = [w.casefold() for w in _WORD.findall(phrase)]
    if not 2 <= len(words) <= 5 or words[-1] not in TASK_HEADS:
        return False
    if words[0] in _SCOPING or (words[0].endswith("ing") and words[-1] != "learning") or any(w in ("of", "for", "in", "on", "with", "and", "&", "the", "a", "an") for w in words):
        return False
    return all(re.fullmatch(r"[\w\-]+", w) and any(ch.isalpha() for ch in w) for w in words)


#: Resource words the lists carry as metrics. They are what a paper measures only where a
#: number says so ("2.2x less memory", "memory by 50%"); elsewhere ("huge memory
#: footprint", "up to 2.6B parameters") they are just words, and as nodes they would top
#: every Metric list.
RESOURCE_METRICS = frozenset(
    "memory|memory consumption|peak memory|peak memory consumption|gpu memory|memory footprint|memory usage|"
    "compression|parameters|model size|training cost|computational cost|computation cost|computation|compute|"
    "storage|energy|energy consumption".split("|")
)
_AMOUNT = r"[+\-−]?\d+(?:[.,]\d+)?\s?(?:%|×|x\b|-fold|\s?times\b|\s?points?\b)"
_QUALIFIERS = r"less|lower|fewer|more|higher|smaller|larger|reduction|reduced|saving|savings|of|in|the|peak|gpu|total|training|inference"
_AMOUNT_BEFORE = re.compile(_AMOUNT + rf"(?:\s+(?:{_QUALIFIERS}))*\s*$", re.I)
_AMOUNT_AFTER = re.compile(r"^[^.;\d]{0,20}?" + _AMOUNT)


def is_measured(c: Candidate, text: str) -> bool:
    """Is the metric ``c`` what a number next to it measures? Always true for a metric
    that is not a resource word (:data:`RESOURCE_METRICS`).

    >>> t = "It needs 2.2x less memory, while the memory footprint of the 2.6B parameters model grows."
    >>> [is_measured(Candidate(m, m + n, "Metric", "s", 1.0), t) for m, n in ((19, 6), (37, 6), (66, 10))]
    [True, False, False]
    """
    name = (c.canonical or text[c.start : c.end]).casefold()
    if c.type != "Metric" or name not in RESOURCE_METRICS and text[c.start : c.end].casefold() not in RESOURCE_METRICS:
        return True
    return bool(_AMOUNT_BEFORE.search(text, max(0, c.start - 40), c.start) or _AMOUNT_AFTER.match(text[c.end : c.end + 40]))


#: Sources whose type is a guess the context may correct: the tagger's, a pattern's
#: "we propose X" (X may be a benchmark), an acronym typed without evidence.
_GUESSING_SOURCES = frozenset({"kg_model", "kg_propose", "kg_called", "kg_title"})
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and|or)\s+|,\s*|\s+(?:and|or)\s+)\s*$")
_DATASET_AFTER = re.compile(
    r"\s*(?:(?:,\s*|\()\s*(?:a|an|the|our)\s+(?:[\w\-]+\s+){0,3}?)?(?:datasets?|benchmarks?|corpus|corpora|treebank)\b", re.I
)


def is_guessed(c: Candidate) -> bool:
    """Is ``c``'s type a guess (see :data:`_GUESSING_SOURCES`)?"""
    return c.source in _GUESSING_SOURCES or (c.source == "kg_acronyms" and c.score <= GUESSED_SCORE)


def retype_by_context(chosen: list[Candidate], text: str) -> list[Candidate]:
    """Names whose type was guessed, typed as Datasets where the text says so.

    A name listed with datasets ("CIFAR-10, CIFAR-100 and CORE-50"), a list of names that
    ends in "datasets" ("IWSLT16 En-De, WMT14 En-De and De-En datasets"), or a name the
    text calls a dataset or benchmark ("GraphTMI, a novel benchmark"; "the Zorblax
    benchmark") is a Dataset, whatever the tagger or "we introduce X" guessed. Every
    mention of the same name in the abstract takes the type. ``chosen`` is in text order.
    """
    datasets: set[str] = set()
    for group in _coordinated(chosen, text):
        anchored = any(c.type == "Dataset" and not is_guessed(c) for c in group)
        if anchored or _DATASET_AFTER.match(text, group[-1].end):
            datasets.update(text[c.start : c.end] for c in group if is_guessed(c) and _is_name(c, text))
    retyped = [
        Candidate(c.start, c.end, "Dataset", c.source, c.score, c.canonical)
        if c.type != "Dataset" and is_guessed(c) and text[c.start : c.end] in datasets
        else c
        for c in chosen
    ]
    return [c for c in retyped if c.type != UNTYPED]


def _coordinated(chosen: list[Candidate], text: str) -> list[list[Candidate]]:
    """Runs of names joined by ",", "and", "or" (a name alone is a run of one)."""
    groups: list[list[Candidate]] = []
    for c in chosen:
        if groups and _SEPARATOR.fullmatch(text[groups[-1][-1].end : c.start] or "x"):
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def _is_name(c: Candidate, text: str) -> bool:
    return coined_name(text[c.start : c.end]) is not None or c.source == "kg_acronyms"


_VALUE_AFTER = re.compile(r"\s*(?:score\s+)?(?:of|=|:|is|was|reaches|reached)\s*(?:about|around|only|just|up to|over)?\s*[+\-−]?\d")
_VALUE_BEFORE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?%?\s*$")


def has_value(c: Candidate, text: str) -> bool:
    """Does a number report this metric ("a recall of 83", "F1 = 0.9", "92% precision")?
    A listed metric used so is a metric there, even where the tagger did not mark it.

    >>> t = "a recall of 83 and 92% precision, with high recall"
    >>> [has_value(Candidate(a, b, "Metric", "s", 1.0), t) for a, b in ((2, 8), (23, 32), (44, 50))]
    [True, True, False]
    """
    return bool(_VALUE_AFTER.match(text, c.end) or _VALUE_BEFORE.search(text, max(0, c.start - 12), c.start))
