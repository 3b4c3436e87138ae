"""Tests for extractors.results (``kg_results``): reported numbers tied to a metric."""

from __future__ import annotations

import pytest

from kg.model import CHANGE_UNITS


def results(extraction):
    return [(r.value, r.unit, r.metric, r.dataset) for r in extraction.results]


def test_percent_with_metric_and_dataset(extract_one):
    ex = extract_one("We propose FooNet. FooNet achieves 81.5% top-1 accuracy on ImageNet.")
    assert results(ex) == [(81.5, "%", "top-1 accuracy", "ImageNet")]
    (r,) = ex.results
    assert r.method == "FooNet"
    assert ex.paper.abstract[r.start : r.end] == "81.5"
    assert r.evidence == "FooNet achieves 81.5% top-1 accuracy on ImageNet."
    assert r.source == "kg_results" and 0 < r.score <= 1


def test_respectively_pairs_numbers_and_datasets_in_order(extract_one):
    ex = extract_one("We propose FooGAN. It achieves an FID of 52.3 and 60.3 on COCO and Visual Genome, respectively.")
    assert results(ex) == [(52.3, "", "FID", "COCO"), (60.3, "", "FID", "Visual Genome")]
    assert [r.method for r in ex.results] == ["FooGAN", "FooGAN"]


def test_times_less_memory(extract_one):
    ex = extract_one("Our method uses 2.2x less GPU memory than the baseline.")
    assert results(ex) == [(2.2, "x", "memory", None)]


def test_speed_cue_belongs_to_its_own_number(extract_one):
    ex = extract_one("Our method uses 2.2x less GPU memory and is 3.5x faster than the baseline.")
    assert results(ex) == [(2.2, "x", "memory", None), (3.5, "x", "speedup", None)]


def test_unitless_number_next_to_a_metric(extract_one):
    ex = extract_one("Our model obtains 28.4 BLEU on the test set.")
    assert results(ex) == [(28.4, "", "BLEU", None)]


def test_points(extract_one):
    ex = extract_one("It improves accuracy by 3.1 points on CIFAR-100.")
    assert results(ex) == [(3.1, "points", "accuracy", "CIFAR-100")]


@pytest.mark.parametrize(
    "text",
    [
        "We transfer to 8 diverse target tasks and report accuracy.",
        "Accuracy has been studied since the first benchmark in 2019.",
        "We report accuracy on CIFAR-100 and ImageNet-1K.",  # digits inside names
        "We use 8 GPUs and 3 random seeds and report accuracy.",
    ],
)
def test_bare_counts_are_not_results(extract_one, text):
    assert results(extract_one(text)) == []


def test_number_without_metric_is_not_a_result(extract_one):
    assert results(extract_one("The model is 25% smaller than a dog.")) == []


def test_a_metric_in_a_closed_bracket_does_not_measure_a_later_number(extract_one):
    # "+12.69%" measures data efficiency, not the accuracy of the bracket before it
    ex = extract_one("FooNet improves classification (e.g., +2.83% top-1 accuracy on ImageNet), data efficiency (e.g., +12.69% with 10% of the data) and robustness.")
    assert results(ex) == [(2.83, "% change", "top-1 accuracy", "ImageNet")]  # signed: a gain


# ---- which metric and dataset a value belongs to ---------------------------------------


def test_a_bracketed_score_belongs_to_the_dataset_before_it(extract_one):
    ex = extract_one("We propose FooParser. FooParser achieves state-of-the-art results on SQuAD (95.92 F1) "
                     "and strong performance on GLUE (92.31).")
    # not "GLUE · F1 95.92": the bracket ties 95.92 to SQuAD, and 92.31 is GLUE's score
    assert results(ex) == [(95.92, "", "F1", "SQuAD"), (92.31, "", "F1", "GLUE")]


def test_a_number_that_counts_another_word_takes_no_metric(extract_one):
    ex = extract_one("We propose FastSeg. FastSeg achieves 70.4% mIoU at 19.8 fps on Cityscapes.")
    assert results(ex) == [(70.4, "%", "mIoU", "Cityscapes")]  # 19.8 is fps, not mIoU
    assert results(extract_one("Training requires at least 10^23 FLOPs.")) == []


def test_respectively_pairs_metrics_in_order(extract_one):
    ex = extract_one("We propose FooNet. FooNet achieves F1 and EM of 90.1 and 85.2 on SQuAD, respectively.")
    assert results(ex) == [(90.1, "", "F1", "SQuAD"), (85.2, "", "EM", "SQuAD")]


def test_each_value_keeps_its_own_dataset(extract_one):
    ex = extract_one("We propose FooNet. FooNet achieves 84.9% accuracy on CIFAR-10 and 86.3% accuracy on CIFAR-100.")
    assert results(ex) == [(84.9, "%", "accuracy", "CIFAR-10"), (86.3, "%", "accuracy", "CIFAR-100")]


def test_from_to_values_are_scores_on_the_dataset_of_their_clause(extract_one):
    ex = extract_one("We propose FooGoT. It boosts accuracy from 85.19% to 87.59% over Multimodal-CoT on the "
                     "ScienceQA test set, after strong results on GSM8K.")
    assert results(ex) == [(85.19, "%", "accuracy", "ScienceQA"), (87.59, "%", "accuracy", "ScienceQA")]
    assert [r.method for r in ex.results] == [None, "FooGoT"]  # 85.19 is the baseline's


def test_a_metric_written_with_its_unit_is_one_metric(extract_one):
    ex = extract_one("We propose FooNet. FooNet reaches an accuracy (%) of 81.2 on ImageNet and 90.1% accuracy on CIFAR-10.")
    assert results(ex) == [(81.2, "%", "accuracy", "ImageNet"), (90.1, "%", "accuracy", "CIFAR-10")]
    assert {e.name for e in ex.entities if e.type == "Metric"} == {"accuracy"}


# ---- changes: gains and ratios ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We propose FooCLR. FooCLR improves about 2.0% accuracy on ImageNet-1K over the MoCoV2 baseline.",
         [(2.0, "% change", "accuracy", "ImageNet-1K")]),
        ("We propose FooCLR. FooCLR obtains +2.0% accuracy on ImageNet-1K over MoCo v2.",
         [(2.0, "% change", "accuracy", "ImageNet-1K")]),
        ("We propose FooQA. FooQA improves F1 by 3% on SQuAD and uses 2.2x less memory.",
         [(3.0, "% change", "F1", "SQuAD"), (2.2, "x", "memory", None)]),
        ("We propose BazMT. BazMT improves BLEU by 1.8 points and is 3x faster than the Transformer.",
         [(1.8, "points", "BLEU", None), (3.0, "x", "speedup", None)]),
        ("We propose BazMT. BazMT outperforms the Transformer by 1.8 BLEU on WMT 2014 EN-DE.",
         [(1.8, "points", "BLEU", "WMT 2014 EN-DE")]),
    ],
)
def test_gains_and_ratios_are_changes(extract_one, text, expected):
    ex = extract_one(text)
    assert results(ex) == expected
    assert all(r.unit in CHANGE_UNITS for r in ex.results)


def test_a_change_is_credited_to_the_proposed_method_never_the_baseline(extract_one):
    ex = extract_one("Experiment results show that our Feature Transformation can improve about 2.0% accuracy "
                     "on ImageNet-1K over the MoCoV2 baseline.", title="FooCLR: Better Contrastive Learning")
    (r,) = ex.results
    assert (r.value, r.unit, r.method) == (2.0, "% change", "FooCLR")
    no_proposal = extract_one("It can improve about 2.0% accuracy on ImageNet-1K over the MoCoV2 baseline.")
    assert [r.method for r in no_proposal.results] == [None]  # never MoCo v2


# ---- gains written as ranges, glossed, or in a bracket after a verb of gain ------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # a range before a change word: both ends are gains
        ("We propose FooIE. FooIE yields a 2.6%-2.9% strict relation F1 improvement over prior work.",
         [(2.6, "% change", "F1", None), (2.9, "% change", "F1", None)]),
        # a gloss in brackets between the number and its change word
        ("We propose FooZip. FooZip attains an average 31% PSNR (peak signal-to-noise ratio) gains against JPEG.",
         [(31.0, "% change", "PSNR", None)]),
        # numbers in a bracket after "outperforms ...": margins
        ("We propose FooSeg. FooSeg clearly outperforms earlier approaches (by up to 5.1% and 3.3% mIoU on two benchmarks).",
         [(5.1, "% change", "mIoU", None), (3.3, "% change", "mIoU", None)]),
        ("We propose FooNER. It brings a clear F1 improvement (about 1.2%) over other systems.",
         [(1.2, "% change", "F1", None)]),
        # a second gain of the same shape: "a gain of A on X and B on Y"
        ("We propose FooNet. FooNet gives a gain of 4.2% accuracy on CIFAR-10 and 2.8% accuracy on CIFAR-100.",
         [(4.2, "% change", "accuracy", "CIFAR-10"), (2.8, "% change", "accuracy", "CIFAR-100")]),
        ("We propose FooDA. It beats prior adaptation methods by 3.9 accuracy points on Office-31.",
         [(3.9, "points", "accuracy", "Office-31")]),
        ("We propose FooPrune. FooPrune can save up to 38% FLOPs with no loss.",
         [(38.0, "% change", "FLOPs", None)]),
    ],
)
def test_ranges_glosses_and_margin_brackets_are_changes(extract_one, text, expected):
    assert results(extract_one(text)) == expected


def test_a_bracket_of_values_after_a_verb_of_gain_stays_values(extract_one):
    ex = extract_one("We propose FooNet. FooNet improves accuracy on CIFAR-100 (71.2% to 74.8%).")
    assert [r.unit for r in ex.results] == ["%", "%"]


# ---- whose value it is -----------------------------------------------------------------


def methods(extraction):
    return [(r.value, r.method) for r in extraction.results]


def test_a_value_the_clause_gives_to_a_baseline_has_no_method(extract_one):
    ex = extract_one("We propose FooGuard. Under a strong attack, the best earlier defense keeps 39% accuracy, "
                     "while our method still keeps 77% accuracy.")
    assert methods(ex) == [(39.0, None), (77.0, "FooGuard")]
    ex = extract_one("We propose FooRead. FooRead reaches 88.1 EM on the dev set, which is well above the previous best "
                     "EM of 85.0.")
    assert methods(ex) == [(88.1, "FooRead"), (85.0, None)]


def test_a_value_after_a_comparison_is_not_the_proposals(extract_one):
    ex = extract_one("We propose FooProbe. FooProbe is far better than chance (25% accuracy) but stays short of "
                     "the 91% accuracy of a fully supervised model.")
    assert methods(ex) == [(25.0, None), (91.0, None)]
    bound = extract_one("We propose FooProbe. FooProbe achieves an accuracy of more than 90% on MNIST.")
    assert methods(bound) == [(90.0, "FooProbe")]  # "more than 90%" bounds its own score


def test_the_method_named_before_its_verb_achieves_the_value(extract_one):
    ex = extract_one("We propose FooBench. Current models struggle on it, with GPT-4 only reaching 54% accuracy.")
    assert methods(ex) == [(54.0, "GPT-4")]


def test_a_proposal_that_is_data_achieves_no_score(extract_one):
    ex = extract_one("Models trained on it reach 93.4% accuracy on LFW.",
                     title="FooFaces: A New Dataset for Face Recognition")
    assert methods(ex) == [(93.4, None)]


# ---- datasets stated away from the number ----------------------------------------------


def test_the_dataset_after_a_bracket_of_values(extract_one):
    ex = extract_one("We propose FooBEV. FooBEV sets a new state of the art (61.3% mAP and 67.0% NDS) on the "
                     "nuScenes test set.")
    assert results(ex) == [(61.3, "%", "mAP", "nuScenes"), (67.0, "%", "NDS", "nuScenes")]


def test_a_bracket_glossing_a_number_shares_its_dataset(extract_one):
    ex = extract_one("We propose FooFace. We cut the error rate on LFW by 40.2% (accuracy from 90.10% to 94.08%).")
    assert [(r.value, r.dataset) for r in ex.results] == [(40.2, "LFW"), (90.1, "LFW"), (94.08, "LFW")]


def test_the_dataset_a_sentence_opens_with_scopes_its_numbers(extract_one):
    ex = extract_one("We propose FooFace. Experiments on the LFW show that FooFace with a light backbone "
                     "attains 99.41% accuracy and FooFace with a large backbone attains 99.70% accuracy.")
    assert [(r.value, r.dataset) for r in ex.results] == [(99.41, "LFW"), (99.7, "LFW")]


def test_a_metric_with_its_own_number_is_not_an_earlier_numbers(extract_one):
    ex = extract_one("ZorbNet achieves a recall of 83 and a precision of 92 on wound photos.", title="ZorbNet: triage")
    assert [(r.metric, r.value) for r in ex.results] == [("recall", 83.0), ("precision", 92.0)]


def test_the_value_of_a_noun_that_is_no_metric_gets_no_metric(extract_one):
    ex = extract_one("It flags storms early, with a hit ratio of 95%, a false positive rate of 1.4%.")
    assert [(r.metric, r.value) for r in ex.results] == [("false positive rate", 1.4)]


@pytest.mark.parametrize(
    "text",
    [
        "Our module only damages the accuracy by less than 1% on the QuuxQA task.",
        "Our approach gives an overall improvement in F1 score of 3-4% over the baselines.",
        "ZorbNet beats label propagation, with lifts of up to 120% for recall@1 and 60% for recall@3.",
    ],
)
def test_more_gains_are_changes(extract_one, text):
    ex = extract_one(text)
    assert ex.results and all(r.unit in ("x", "points", "% change") for r in ex.results)
