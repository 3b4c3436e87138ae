"""Tests for extractors.gazetteer (``kg_gazetteer``): known names from the shipped lists."""

from __future__ import annotations

import pytest


def found(extraction, type_=None):
    """(type, text) of the entities, in text order."""
    return [(e.type, e.text) for e in extraction.entities if type_ is None or e.type == type_]


def test_datasets_and_metric_in_one_sentence(extract_one):
    ex = extract_one("We evaluate on ImageNet-1K and CIFAR-100 with top-1 accuracy.")
    assert found(ex) == [("Dataset", "ImageNet-1K"), ("Dataset", "CIFAR-100"), ("Metric", "top-1 accuracy")]
    assert {e.source for e in ex.entities} == {"kg_gazetteer"}


def test_component_writes_candidates_with_its_source(nlp):
    doc = nlp("We evaluate on CIFAR-100 with top-1 accuracy.")
    ours = {(doc.text[c.start : c.end], c.type) for c in doc._.kg_candidates if c.source == "kg_gazetteer"}
    assert {("CIFAR-100", "Dataset"), ("top-1 accuracy", "Metric")} <= ours


def test_numbered_variants_of_a_dataset_stay_distinct(extract_one):
    ex = extract_one("We pretrain on ImageNet-1K and fine-tune on ImageNet-100.")
    assert found(ex, "Dataset") == [("Dataset", "ImageNet-1K"), ("Dataset", "ImageNet-100")]
    assert len({e.name for e in ex.entities}) == 2


def test_dataset_versions_stay_distinct(extract_one):
    ex = extract_one("We report F1 on SQuAD 1.1 and SQuAD 2.0.")
    assert found(ex, "Dataset") == [("Dataset", "SQuAD 1.1"), ("Dataset", "SQuAD 2.0")]
    assert len({e.name for e in ex.entities if e.type == "Dataset"}) == 2


@pytest.mark.parametrize(
    "text",
    [
        "This is a map of the region, and it is what we use.",
        "Is it a good map?",
    ],
)
def test_ordinary_words_are_not_cased_metrics(extract_one, text):
    # "IS" (Inception Score) and "mAP" match only as written
    assert found(extract_one(text), "Metric") == []


def test_cased_metrics_match_as_written(extract_one):
    ex = extract_one("We report IS and mAP on the test split.")
    assert found(ex, "Metric") == [("Metric", "IS"), ("Metric", "mAP")]


def test_lowercase_names_match_in_any_case(extract_one):
    ex = extract_one("We report Top-1 Accuracy.")
    assert found(ex) == [("Metric", "Top-1 Accuracy")]


def test_camel_case_name_does_not_match_lowercase_word(extract_one):
    ex = extract_one("We download imagenet images and then use ImageNet.")
    assert found(ex) == [("Dataset", "ImageNet")]
    assert ex.entities[0].start == ex.paper.abstract.rindex("ImageNet")


def test_variant_is_kept_whole(extract_one):
    ex = extract_one("We fine-tune ViT-B/16 and ViT-L/14 on ImageNet.")
    assert found(ex, "Method") == [("Method", "ViT-B/16"), ("Method", "ViT-L/14")]
    # a variant is its own thing, not the family's canonical name
    assert [e.name for e in ex.entities if e.type == "Method"] == ["ViT-B/16", "ViT-L/14"]


def test_plain_name_gets_its_canonical_name(extract_one):
    ex = extract_one("We fine-tune ViT on ImageNet.")
    (vit,) = [e for e in ex.entities if e.type == "Method"]
    assert (vit.text, vit.name) == ("ViT", "Vision Transformer")


def test_lowercase_suffix_is_not_a_variant(extract_one):
    ex = extract_one("We compare BERT-based models.")
    assert found(ex) == [("Method", "BERT")]


def test_prefixed_variant_is_kept_whole(extract_one):
    # "U-PaLM" is not "PaLM", "Tiny-ImageNet" is not "ImageNet"
    ex = extract_one("U-PaLM is trained from PaLM and tested on Tiny-ImageNet.")
    assert found(ex) == [("Method", "U-PaLM"), ("Method", "PaLM"), ("Dataset", "Tiny-ImageNet")]


def test_name_before_a_sentence_final_period(extract_one):
    ex = extract_one("We report results on ImageNet-1K. The backbone is ViT. It is fast.")
    assert found(ex) == [("Dataset", "ImageNet-1K"), ("Method", "ViT")]
    # the period ends the sentence: each entity's sentence is its own
    assert [e.sentence for e in ex.entities] == ["We report results on ImageNet-1K.", "The backbone is ViT."]


@pytest.mark.xfail(
    strict=True,
    reason="spaCy keeps 'GPT-3.5' as one token, so the list's 'GPT' never matches and the "
    "variant rule cannot extend it; needs a tokenizer infix rule for '-' before digits",
)
def test_dotted_version_variant(extract_one):
    ex = extract_one("We compare against GPT-3.5 on all tasks.")
    assert found(ex, "Method") == [("Method", "GPT-3.5")]


def test_frameworks_and_hardware_are_not_entities(extract_one):
    ex = extract_one("The model is implemented in PyTorch and TensorFlow and runs on a GPU or a CPU.")
    assert found(ex) == []


def test_an_everyday_word_from_the_lists_counts_only_as_a_proper_noun(extract_one):
    # the lists carry leaderboard headings: "Binary" as a metric, "Segmentation" as a task
    ex = extract_one("Adversarial samples maximize binary rewards. We study segmentation of cells.")
    assert found(ex) == []
    ex = extract_one("We train on reviews from Yelp and report accuracy.")
    assert ("Dataset", "Yelp") in found(ex)


def test_list_metrics_that_name_no_measure_are_left_out(extract_one):
    ex = extract_one("The model learns from natural images and a training dataset of faces.")
    assert found(ex, "Metric") == []


def test_corpus_type_fixes_and_mined_names_are_in_the_lexicon():
    from kg.extractors.lexicon import load_lexicon

    lexicon = load_lexicon()
    assert lexicon["sgd"].type == "Method"  # the lists say Dataset; the corpus says "the SGD algorithm"
    assert lexicon["em"].type == "Metric"  # two letters: too ambiguous to retype (exact match, the EM algorithm)
    assert lexicon["pdtb"].type == "Dataset"  # mined: "the PDTB corpus", in no list


def test_a_mined_name_is_found_in_text(extract_one):
    ex = extract_one("Results on the PDTB show a clear gain.")
    assert ("Dataset", "PDTB") in found(ex)


def test_a_bare_acronym_takes_no_prefix_variant(extract_one):
    ex = extract_one("We prove that ICVaR-VI converges, and U-PaLM improves on PaLM.")
    assert ("Metric", "ICVaR-VI") not in found(ex) and ("Method", "U-PaLM") in found(ex)


# ---- the shipped name tokens and the matcher over them ---------------------------------


@pytest.mark.parametrize("extractors", ["rules", "all"])
def test_shipped_name_tokens_are_those_of_the_lists_and_the_tokenizer(extractors, nlp, default_nlp):
    """name_tokens.json must be rewritten (python -m training.name_tokens) when a list or
    the tokenizer changes; otherwise kg_gazetteer would tokenize every name at each start."""
    from kg.extractors.gazetteer import group_names, name_tokens, shipped_name_groups
    from kg.extractors.lexicon import load_lexicon

    shipped = shipped_name_groups()
    assert shipped is not None, "extractors/data/name_tokens.json is missing or of other lists"
    pipeline = nlp if extractors == "rules" else default_nlp
    assert shipped == group_names(name_tokens(pipeline, load_lexicon()))


def test_stale_name_tokens_are_not_used(tmp_path, monkeypatch):
    from kg.extractors import gazetteer

    stale = tmp_path / "name_tokens.json"
    stale.write_text('{"lists": "of other lists", "by_first": {"bert": [["bert", ["bert"]]]}}', encoding="utf-8")
    monkeypatch.setattr(gazetteer, "NAME_TOKENS", stale)
    gazetteer.shipped_name_groups.cache_clear()
    try:
        assert gazetteer.shipped_name_groups() is None
    finally:
        gazetteer.shipped_name_groups.cache_clear()


def test_name_table_finds_what_spacys_phrase_matcher_finds(nlp):
    """The token table replaced spaCy's PhraseMatcher (attr LOWER): same matches, same
    order, on every abstract of the sample, overlapping names included."""
    from spacy.matcher import PhraseMatcher

    from kg.extractors.gazetteer import NameTable, name_tokens, shipped_name_groups
    from kg.extractors.lexicon import load_lexicon
    from kg.read import read_papers

    from repo_paths import SAMPLE

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for key, tokens in name_tokens(nlp, load_lexicon()):
        if tokens:
            matcher.add(key, [spacy_doc(nlp, tokens)])
    table = NameTable(nlp, shipped_name_groups())
    papers, _ = read_papers([str(SAMPLE)])
    assert len(papers) >= 20
    total = 0
    for paper in papers:
        doc = nlp.make_doc(paper.abstract)
        expected = [(nlp.vocab.strings[m], s, e) for m, s, e in matcher(doc)]
        assert list(table.matches(doc)) == expected, paper.id
        total += len(expected)
    assert total > 100


def spacy_doc(nlp, tokens):
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=list(tokens), spaces=[False] * len(tokens))
