"""Tests for kg.extractors.learned: the BIO entity tagger, the shipped model, and how learned
entities join the rule-based ones."""

from __future__ import annotations

import random

import numpy
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.training import Example

from kg.extract.pipeline import extract
from kg.extractors import build_pipeline
from kg.extractors.entities import choose
from kg.extractors.extensions import Candidate
from kg.extractors.learned import MODEL_DIR, SOURCE, bio_spans, bio_tags, path_spans, tidy_spans
from kg.model import Paper


def test_bio_spans_decodes_tags():
    tags = ["O", "B-Task", "I-Task", "I-Task", "O", "B-Metric", "B-Metric", "I-Dataset", "I-Dataset"]
    assert bio_spans(tags) == [(1, 4, "Task"), (5, 6, "Metric"), (6, 7, "Metric"), (7, 9, "Dataset")]
    assert bio_spans([]) == [] and bio_spans(["O", "O"]) == []


def test_bio_tags_round_trip():
    nlp = spacy.blank("en")
    doc = nlp.make_doc("We report BLEU on WMT 2014 English-German .")
    doc.set_ents([doc.char_span(10, 14, "Metric"), doc.char_span(18, 26, "Dataset")], default="outside")
    tags = bio_tags(doc)
    assert tags[:6] == ["O", "O", "B-Metric", "O", "B-Dataset", "I-Dataset"]
    assert [(doc[s:e].text, t) for s, e, t in bio_spans(tags)] == [("BLEU", "Metric"), ("WMT 2014", "Dataset")]


def _tidy(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    words = text.split()
    return [" ".join(words[s:e]) for s, e, _ in tidy_spans(words, spans)]


def test_tidy_spans_joins_a_coordination_sharing_one_head():
    text = "on negation and speculation identification in Chinese"
    assert _tidy(text, [(1, 3, "Task"), (3, 6, "Task")]) == ["negation and speculation identification"]


def test_tidy_spans_keeps_coordinated_names_apart():
    assert _tidy("F1 and accuracy", [(0, 2, "Metric"), (2, 3, "Metric")]) == ["F1", "accuracy"]
    assert _tidy("regression and prediction", [(0, 2, "Task"), (2, 3, "Method")]) == ["regression", "prediction"]


def test_tidy_spans_drops_function_words_at_the_edges():
    text = "the automatic classification of verbs"
    assert _tidy(text, [(0, 4, "Task")]) == ["automatic classification"]
    assert _tidy("of and", [(0, 2, "Task")]) == []


def test_tidy_spans_closes_or_cuts_an_open_bracket():
    assert _tidy("word error rate ( WER ) is", [(0, 5, "Metric")]) == ["word error rate ( WER )"]
    assert _tidy("a corpus ( BNC and more", [(1, 4, "Dataset")]) == ["corpus"]
    assert _tidy("BLEU ( ours )", [(0, 4, "Metric")]) == ["BLEU ( ours )"]
    assert _tidy("part-of-speech ( POS ) tagging", [(2, 5, "Task")]) == ["tagging"]


def test_model_entities_are_tidy(model_nlp):
    doc = model_nlp("Previous studies on negation and speculation identification in Chinese language suffer.")
    assert all(ent[-1].lower_ not in {"and", "of", "in", "("} for ent in doc.ents)
    assert all(ent.text.count("(") == ent.text.count(")") for ent in doc.ents)


def _tiny_tagger():
    """A real tok2vec + kg_entity_tagger trained in a second on three sentences."""
    random.seed(0)
    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_entity_tagger")
    examples = []
    for text, ents in [
        ("We report BLEU on WMT .", [(10, 14, "Metric"), (18, 21, "Dataset")]),
        ("BLEU improves on WMT .", [(0, 4, "Metric"), (17, 20, "Dataset")]),
        ("The model is fast .", []),
    ]:
        doc = nlp.make_doc(text)
        doc.set_ents([doc.char_span(s, e, label) for s, e, label in ents], default="outside")
        for token, tag in zip(doc, bio_tags(doc)):
            token.tag_ = tag
        examples.append(Example(nlp.make_doc(text), doc))
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(40):
        nlp.update(examples, sgd=optimizer, drop=0.0)
    return nlp


def test_entity_tagger_writes_ents_with_a_confidence():
    nlp = _tiny_tagger()
    doc = nlp("We report BLEU on WMT .")
    assert [(e.text, e.label_) for e in doc.ents] == [("BLEU", "Metric"), ("WMT", "Dataset")]
    assert len(doc._.kg_ent_scores) == 2 and all(0.5 < s <= 1.0 for s in doc._.kg_ent_scores)
    empty = nlp("")
    assert list(empty.ents) == [] and empty._.kg_ent_scores == []


def test_entity_tagger_survives_saving_and_loading(tmp_path):
    nlp = _tiny_tagger()
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert [e.text for e in loaded("We report BLEU on WMT .").ents] == ["BLEU", "WMT"]


def test_the_model_ships_inside_the_package():
    # no download: the pipeline loads from the installed package's own folder
    assert (MODEL_DIR / "config.cfg").is_file() and (MODEL_DIR / "meta.json").is_file()
    assert MODEL_DIR.parent.name == "extractors"
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 25_000_000, f"model is {size} bytes: too big to ship in the repository"


@pytest.fixture(scope="module")
def model_nlp():
    return build_pipeline("model")


def test_model_finds_names_no_list_holds(model_nlp):
    # invented names: only the learned model can know they are a dataset and a task
    text = ("We introduce the Zorblax-7 corpus for quantum poetry summarization and report "
            "ROUGE-L on Zorblax-7 test set.")
    (ex,) = extract([Paper("p", "", text)], nlp=model_nlp)
    found = {(e.type, e.text) for e in ex.entities}
    assert any(t == "Task" and "summarization" in s for t, s in found), found


def test_learned_entities_are_whole_words(model_nlp):
    # the tagger may cut "few-shot" into "few - shot" pieces; no piece becomes an entity
    text = "In-context learning and few-shot prompting of decoder-only LLMs beat self-attention baselines."
    (ex,) = extract([Paper("p", "", text)], nlp=model_nlp)
    for e in ex.entities:
        before, after = text[e.start - 1 : e.start], text[e.end : e.end + 1]
        assert not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-"), e.text


def test_learned_entities_carry_source_and_confidence(model_nlp):
    (ex,) = extract([Paper("p", "", "We fine-tune BERT for named entity recognition and report F1 on CoNLL-2003.")], nlp=model_nlp)
    assert ex.entities and all(e.source == SOURCE for e in ex.entities)
    assert all(0.0 < e.score <= 1.0 for e in ex.entities)


def c(start, end, type_, source, score=0.9):
    return Candidate(start, end, type_, source, score)


def test_all_keeps_known_names_and_adds_learned_ones_elsewhere():
    text = "BIG-Bench probes and the Zorblax corpus"
    known = c(0, 9, "Dataset", "kg_gazetteer")
    longer = c(0, 16, "Task", SOURCE)  # overlaps the known name and adds a word of its own: the list wins
    new = c(25, 39, "Dataset", SOURCE)  # "Zorblax corpus": the text calls it a corpus
    assert [(x.start, x.end, x.source) for x in choose([known, longer, new], "all", text)] == [
        (0, 9, "kg_gazetteer"),
        (25, 39, SOURCE),
    ]
    assert choose([known, longer, new], "rules", text) == [known]
    assert choose([known, longer, new], "model", text) == [longer, new]


def test_all_keeps_a_learned_mention_of_a_known_name_whole():
    # the model marks "MCTest dataset" and "word error rate (WER)" as the gold sets do;
    # the mention keeps that extent and takes the list's type and name
    text = "On the MCTest dataset the word error rate (WER) drops."
    mctest = c(7, 13, "Dataset", "kg_gazetteer")
    long_form, short_form = c(26, 41, "Metric", "kg_acronyms"), c(43, 46, "Metric", "kg_acronyms")
    learned = [c(7, 21, "Task", SOURCE), c(26, 47, "Metric", SOURCE)]
    chosen = choose([mctest, long_form, short_form, *learned], "all", text)
    assert [(text[x.start : x.end], x.type, x.canonical) for x in chosen] == [
        ("MCTest dataset", "Dataset", "MCTest"),
        ("word error rate (WER)", "Metric", "word error rate"),
    ]
    # a mention that adds words of its own names something else: the known name stays
    other = "the MCTest-style reading corpus"
    chosen = choose([c(4, 10, "Dataset", "kg_gazetteer"), c(4, 31, "Dataset", SOURCE)], "all", other)
    assert [(x.start, x.end) for x in chosen] == [(4, 10)]
    # two different known names in one learned span: each stays itself
    both = "ImageNet-1K classification accuracy"
    known = [c(0, 11, "Dataset", "kg_gazetteer"), Candidate(12, 35, "Metric", "kg_gazetteer", 0.9, "top-1 accuracy")]
    assert choose([*known, c(0, 35, "Metric", SOURCE)], "all", both) == known


def test_all_keeps_a_longer_learned_name_that_ends_with_a_known_one():
    # words before a known name make a more specific name; its name drops the "(MA)"
    text = "Deep Gaussian Processes and Japanese morphological analysis (MA) with ResNet classifiers"
    listed = c(5, 23, "Method", "kg_gazetteer")
    long_form, short_form = c(37, 59, "Task", "kg_acronyms"), c(61, 63, "Task", "kg_acronyms")
    resnet = c(70, 76, "Method", "kg_gazetteer")
    learned = [c(0, 23, "Method", SOURCE), c(28, 64, "Task", SOURCE), c(70, 88, "Method", SOURCE)]
    chosen = choose([listed, long_form, short_form, resnet, *learned], "all", text)
    assert [(text[x.start : x.end], x.source, x.canonical) for x in chosen] == [
        ("Deep Gaussian Processes", SOURCE, "Deep Gaussian Processes"),
        ("Japanese morphological analysis (MA)", SOURCE, "Japanese morphological analysis"),
        ("ResNet", "kg_gazetteer", None),  # words after the name: still a mention of ResNet
    ]
    # the model calls it another type than the list's: the known name stays
    other = "a one-shot StreetLearn agent"
    streetlearn = c(11, 22, "Dataset", "kg_gazetteer")
    assert choose([streetlearn, c(2, 22, "Method", SOURCE)], "all", other) == [streetlearn]
    # a listed name in brackets gives an example, it is not the span's acronym
    example = "real-world data (WikiText)"
    wikitext = c(17, 25, "Dataset", "kg_gazetteer")
    assert choose([wikitext, c(0, 26, "Dataset", SOURCE)], "all", example) == [wikitext]


def test_all_keeps_the_model_entity_where_its_head_noun_names_another_type():
    # a "Question Answering system" is a method, not the task Question Answering
    text = "a Question Answering system and the EM algorithm on the SQuAD data"
    task = c(2, 20, "Task", "kg_gazetteer")
    system = c(2, 27, "Method", SOURCE)
    em, em_algorithm = c(36, 38, "Metric", "kg_acronyms"), c(36, 48, "Method", SOURCE)
    squad, squad_data = c(56, 61, "Dataset", "kg_gazetteer"), c(56, 66, "Dataset", SOURCE)
    chosen = choose([task, system, em, em_algorithm, squad, squad_data], "all", text)
    # "Question Answering system" is a description, not a name: the list's task stays
    assert [(text[x.start : x.end], x.type, x.source) for x in chosen] == [
        ("Question Answering", "Task", "kg_gazetteer"),
        ("EM algorithm", "Method", SOURCE),
        ("SQuAD data", "Dataset", "kg_gazetteer"),  # the head agrees: a mention of SQuAD
    ]
    assert chosen[2].canonical == "SQuAD"


def test_all_trusts_a_listed_bare_acronym_only_where_the_model_agrees():
    text = "word error rate (WER) of POS tagging"
    long_form = c(0, 21, "Metric", SOURCE)  # the model reads the whole "long form (acronym)"
    wer = c(17, 20, "Metric", "kg_gazetteer")
    pos = c(25, 28, "Metric", "kg_gazetteer")  # the list says "POS" is a metric; here it's not
    task = c(25, 36, "Task", SOURCE)
    # precision first: a metric only the model reads is no node; the list's bare "POS" isn't either
    assert choose([long_form, wer, pos, task], "all", text) == [task]
    assert choose([pos, c(25, 28, "Metric", SOURCE)], "all", text) == [pos]  # exact agreement: the list's entry
    defined = c(17, 20, "Metric", "kg_acronyms")  # defined in the abstract itself: known
    [wer] = choose([defined, c(17, 20, "Task", SOURCE)], "all", text)
    assert (wer.start, wer.end, wer.type, wer.source) == (17, 20, "Metric", "kg_acronyms")
    [whole] = choose([long_form, defined], "all", text)  # a longer name ending with it
    assert (whole.start, whole.end, whole.canonical) == (0, 21, "word error rate")


LABELS = ["O", "B-Task", "I-Task", "B-Metric", "I-Metric"]


def _brute_force(log_probs, labels):
    import itertools

    best, best_score = None, -float("inf")
    for path in itertools.product(range(len(labels)), repeat=len(log_probs)):
        tags = [labels[i] for i in path]
        if any(t.startswith("I-") and (k == 0 or tags[k - 1][2:] != t[2:]) for k, t in enumerate(tags)):
            continue
        score = sum(log_probs[k][i] for k, i in enumerate(path))
        if score > best_score:
            best, best_score = list(path), score
    return best


def test_best_paths_equals_brute_force_on_a_batch_of_different_lengths():
    import numpy

    from kg.extractors.learned import best_paths, bio_grammar

    for seed in range(5):
        rng = numpy.random.default_rng(seed)
        batch = [numpy.log(rng.dirichlet(numpy.ones(len(LABELS)) * 0.5, size=n)) for n in (1, 4, 6, 0, 5, 7)]
        paths = best_paths(batch, bio_grammar(LABELS))
        assert [len(p) for p in paths] == [1, 4, 6, 0, 5, 7]
        for log_probs, path in zip(batch, paths):
            if len(log_probs):
                assert path.tolist() == _brute_force(log_probs, LABELS)


def test_best_paths_never_starts_an_entity_inside():
    import numpy

    from kg.extractors.learned import best_paths, bio_grammar

    # "I-Task" is the most probable tag everywhere, yet the path must open with B-Task
    probs = numpy.tile([0.05, 0.25, 0.6, 0.05, 0.05], (3, 1))
    (path,) = best_paths([numpy.log(probs)], bio_grammar(LABELS))
    assert [LABELS[i] for i in path] == ["B-Task", "I-Task", "I-Task"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 4), max_size=30))
def test_path_spans_are_the_bio_spans_of_the_path(path):
    labels = ["B-Task", "I-Task", "O", "I-Metric", "B-Metric"]
    assert path_spans(numpy.array(path, dtype="i"), labels) == bio_spans([labels[i] for i in path])
