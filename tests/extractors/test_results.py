"""Tests for extractors.results (``kg_results``): reported numbers tied to a metric."""

from __future__ import annotations

import pytest

from extractors.results import CHANGE_UNITS
from kg.analysis import RELATIVE_UNITS


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
        ("We propose BazMT. BazMT outperforms the Transformer by 1.8 BLEU on WMT.",  # WMT: a mined dataset name
         [(1.8, "points", "BLEU", "WMT")]),
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


def test_leaderboards_leave_out_every_change_unit():
    assert set(CHANGE_UNITS) <= set(RELATIVE_UNITS)
