"""Resolution: one node per real thing, distinct things apart, ids stable."""

from kg.model import Acronym, Entity, Paper, PaperExtraction, Relation
from kg.resolve import normalize_key, resolve


def mention(type_: str, text: str, name: str | None = None, score: float = 0.9) -> Entity:
    return Entity(type_, name or text, text, 0, len(text), text, "test", score)


def paper(pid: str, *entities: Entity, acronyms=(), relations=()) -> PaperExtraction:
    return PaperExtraction(Paper(pid, f"title {pid}", "abstract"), list(entities), list(relations), acronyms=list(acronyms))


def test_variants_share_a_key_and_versions_do_not():
    assert normalize_key("ImageNet-1K") == normalize_key("imagenet 1k") == normalize_key("ImageNet–1K")
    assert normalize_key("ImageNet-1K") != normalize_key("ImageNet-100")
    assert normalize_key("SQuAD 2.0") != normalize_key("SQuAD 1.1")
    assert normalize_key("Transformers") == normalize_key("transformer")
    assert normalize_key("LLMs") == normalize_key("LLM")
    assert normalize_key("corpus") == "corpus"  # not a plural


def test_acronym_and_long_form_are_one_entity_with_aliases():
    ex = paper(
        "p1",
        mention("Method", "Transformer as Linear Expansion of learnGene"),
        mention("Method", "TLEG"),
        mention("Method", "TLEG"),
        acronyms=[Acronym("TLEG", "Transformer as Linear Expansion of learnGene", "Method")],
    )
    resolved, res = resolve([ex])
    ids = {e.id for e in res.entities.values()}
    assert ids == {"method:tleg"}
    entity = res.entities["method:tleg"]
    assert entity.name == "TLEG"
    assert entity.aliases == ["Transformer as Linear Expansion of learnGene"]
    assert {e.name for e in resolved[0].entities} == {"TLEG"}


def test_acronym_defined_in_one_paper_resolves_bare_uses_in_another():
    p1 = paper("p1", mention("Method", "Transformer iN Transformer"), mention("Method", "TNT"),
               acronyms=[Acronym("TNT", "Transformer iN Transformer", "Method")])
    p2 = paper("p2", mention("Method", "TNT"))
    _, res = resolve([p1, p2])
    assert res.lookup("p2", "TNT") is res.lookup("p1", "Transformer in Transformer")


def test_ambiguous_acronym_is_joined_only_where_defined():
    p1 = paper("p1", mention("Task", "computer vision"), mention("Task", "CV"),
               acronyms=[Acronym("CV", "computer vision", "Task")])
    p2 = paper("p2", mention("Method", "cross validation"), mention("Method", "CV"),
               acronyms=[Acronym("CV", "cross validation", "Method")])
    _, res = resolve([p1, p2])
    assert res.lookup("p1", "CV") is res.lookup("p1", "computer vision")
    assert res.lookup("p2", "CV") is res.lookup("p2", "cross validation")
    assert res.lookup("p1", "CV").id != res.lookup("p2", "CV").id


def test_distinct_things_stay_apart():
    ex = paper("p1", mention("Dataset", "ImageNet-1K"), mention("Dataset", "ImageNet-100"),
               mention("Dataset", "SQuAD 2.0"), mention("Dataset", "SQuAD 1.1"))
    _, res = resolve([ex])
    assert len(res.entities) == 4


def test_curated_canonical_name_wins_and_surface_is_kept_as_alias():
    ex = paper("p1", mention("Method", "ViT", name="Vision Transformer"), mention("Method", "Vision Transformer"))
    _, res = resolve([ex])
    (entity,) = res.entities.values()
    assert entity.name == "Vision Transformer"
    assert "ViT" in entity.aliases


def test_type_is_the_weighted_vote_across_papers():
    exs = [paper("p1", mention("Dataset", "GSM8K")), paper("p2", mention("Dataset", "GSM8K")),
           paper("p3", mention("Task", "GSM8K", score=0.5))]
    _, res = resolve(exs)
    (entity,) = res.entities.values()
    assert entity.type == "Dataset" and entity.id == "dataset:gsm8k" and entity.papers == 3


def test_ids_do_not_depend_on_input_order():
    exs = [
        paper("p1", mention("Method", "BERT"), mention("Dataset", "GLUE")),
        paper("p2", mention("Method", "bert"), mention("Method", "RoBERTa")),
        paper("p3", mention("Method", "Transformer iN Transformer"), mention("Method", "TNT"),
              acronyms=[Acronym("TNT", "Transformer iN Transformer", "Method")]),
    ]
    _, forward = resolve(exs)
    _, backward = resolve(list(reversed(exs)))
    assert {k: (v.name, v.type) for k, v in forward.entities.items()} == {
        k: (v.name, v.type) for k, v in backward.entities.items()
    }


def test_relation_endpoints_are_canonicalized():
    rel = Relation("OUTPERFORMS", "TNT", "ViT", "Method", "Method", "TNT outperforms ViT.", 0, 20, "test")
    ex = paper("p1", mention("Method", "Transformer iN Transformer"), mention("Method", "TNT"),
               mention("Method", "ViT", name="Vision Transformer"),
               acronyms=[Acronym("TNT", "Transformer iN Transformer", "Method")], relations=[rel])
    resolved, _ = resolve([ex])
    (out,) = resolved[0].relations
    assert (out.head, out.tail) == ("TNT", "Vision Transformer")


def test_empty_input():
    resolved, res = resolve([])
    assert resolved == [] and res.entities == {}


def test_resolving_leaves_the_input_extractions_as_they_were():
    rel = Relation("OUTPERFORMS", "ViT", "BERT", "Method", "Method", "ViT outperforms BERT.", 0, 20, "test")
    ex = paper("p1", mention("Method", "ViT", name="Vision Transformer"), mention("Method", "BERT"), relations=[rel])
    before = repr(ex)
    resolved, _ = resolve([ex])
    assert repr(ex) == before
    assert resolved[0].entities[0].name == "Vision Transformer" and resolved[0].relations[0].head == "Vision Transformer"
    assert resolved[0].entities[1] is ex.entities[1]  # already canonical: kept, not copied


def test_lookup_of_a_name_first_seen_after_resolution():
    _, res = resolve([paper("p1", mention("Dataset", "ImageNet-1K"))])
    assert res.lookup("p2", "imagenet 1k").name == "ImageNet-1K"
    assert res.lookup("p2", "ImageNet-100") is None


def test_aliases_that_differ_only_in_case_come_in_one_order():
    # they tie under casefold; the graph file must not depend on set order (PYTHONHASHSEED)
    spellings = ["Knowledge distillation", "knowledge distillation", "Knowledge Distillation", "KNOWLEDGE DISTILLATION"]
    orders = [spellings, list(reversed(spellings)), spellings[1:] + spellings[:1]]
    aliases = []
    for order in orders:
        _, resolution = resolve([paper(f"p{i}", mention("Method", s)) for i, s in enumerate(order)])
        (entity,) = resolution.entities.values()
        aliases.append(entity.aliases)
    assert aliases[0] == aliases[1] == aliases[2]
    assert len(aliases[0]) == 3


def defined_by_acronym(text: str) -> Entity:
    return Entity("Method", text, text, 0, len(text), text, "kg_acronyms", 0.92)


def test_an_abstracts_acronym_definition_outvotes_list_matches_elsewhere():
    # the lists call "SGD" a dataset; a paper that defines it says what it is
    defined = paper(
        "p1",
        defined_by_acronym("stochastic gradient descent"),
        defined_by_acronym("SGD"),
        acronyms=[Acronym("SGD", "stochastic gradient descent", "Method")],
    )
    elsewhere = [paper(f"p{i}", mention("Dataset", "SGD", score=0.8)) for i in range(2, 6)]
    _, res = resolve([defined, *elsewhere])
    (entity,) = res.entities.values()
    assert entity.type == "Method" and entity.papers == 5


def test_a_bare_acronym_means_its_usual_long_form_and_a_rare_one_stays_apart():
    # "DCN": two papers' deep convolutional network, one paper's Directionally Convolutional Network
    def defining(pid, long):
        return paper(pid, mention("Method", long), mention("Method", "DCN"), acronyms=[Acronym("DCN", long, "Method")])

    bare = paper("p4", mention("Method", "DCN"))
    papers = [defining("p1", "Directionally Convolutional Network"), defining("p2", "deep convolutional network"),
              defining("p3", "deep convolutional network"), bare]
    resolved, res = resolve(papers)
    rare, usual = res.lookup("p1", "DCN"), res.lookup("p4", "DCN")
    assert rare.name == "Directionally Convolutional Network" and rare.papers == 1
    assert usual is res.lookup("p2", "DCN") and usual.papers == 3 and usual.id != rare.id
    assert [e.name for e in resolved[0].entities] == ["Directionally Convolutional Network"] * 2
