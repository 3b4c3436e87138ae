"""What flows between the kg components, as spaCy's analyze_pipes reports it."""

import pytest

from kg.extractors import build_pipeline


@pytest.mark.parametrize("extractors", ["rules", "model", "all"])
def test_every_component_declares_what_it_writes_and_gets_what_it_reads(extractors):
    nlp = build_pipeline(extractors)
    analysis = nlp.analyze_pipes()
    assert all(not problems for problems in analysis["problems"].values()), analysis["problems"]
    kg_components = [name for name in nlp.pipe_names if name.startswith("kg_")]
    assert kg_components
    for name in kg_components:
        assert analysis["summary"][name]["assigns"], f"{name} declares nothing it writes"


def test_relations_read_what_the_entity_selector_writes():
    summary = build_pipeline("rules").analyze_pipes()["summary"]
    assert "doc._.kg_mentions" in summary["kg_entities"]["assigns"]
    assert "doc._.kg_mentions" in summary["kg_relations"]["requires"]


def test_the_model_pipeline_tokenizes_as_the_shipped_model():
    """build_pipeline skips spaCy's default tokenizer that loading would build and discard:
    the tokenizer it ends with is the model's, rules and special cases included."""
    import spacy

    from kg.extractors.learned import MODEL_DIR

    nlp, shipped = build_pipeline("model"), spacy.load(MODEL_DIR)
    assert nlp.tokenizer.to_bytes() == shipped.tokenizer.to_bytes()
    text = "We don't beat ViT. Our U.S. model gets 3.5x on ImageNet-1K. (e.g. CIFAR-10)."
    tokens = [(t.text, t.norm_) for t in nlp.make_doc(text)]
    assert tokens == [(t.text, t.norm_) for t in shipped.make_doc(text)]
    assert ("n't", "not") in tokens and ("ViT", "vit") in tokens
