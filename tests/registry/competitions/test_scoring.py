"""The arithmetic of DESIGN.md §4 against fixtures computed by hand (the working is in the comments)."""

import math
from datetime import UTC, datetime

import pytest

from registry.competitions import scoring
from registry.competitions.scoring import AdvancementRule, CriterionSpec

KIPP_DESK = [
    CriterionSpec("latar", 10, 1, 10),
    CriterionSpec("kebaruan", 15, 1, 10),
    CriterionSpec("implementasi", 5, 1, 10),
    CriterionSpec("signifikansi", 30, 1, 10),
    CriterionSpec("adaptabilitas", 20, 1, 10),
    CriterionSpec("sumber_daya", 5, 1, 10),
    CriterionSpec("keberlanjutan", 15, 1, 10),
    CriterionSpec("ringkasan", 0, 1, 10),
]


def test_judge_total_is_the_weighted_share_of_each_scale():
    criteria = [CriterionSpec("a", 10, 1, 10), CriterionSpec("b", 30, 1, 10), CriterionSpec("c", 0, 1, 10)]
    # a: 10·(10−1)/9 = 10; b: 30·(4−1)/9 = 10; c weighs 0 → (10 + 10) / 40 × 100 = 50
    assert scoring.judge_total({"a": 10, "b": 4, "c": 1}, criteria) == pytest.approx(50.0)


def test_judge_total_on_kipp_rubric_extremes_and_a_mixed_sheet():
    top = {c.id: 10 for c in KIPP_DESK}
    bottom = {c.id: 1 for c in KIPP_DESK}
    assert scoring.judge_total(top, KIPP_DESK) == pytest.approx(100.0)
    assert scoring.judge_total(bottom, KIPP_DESK) == pytest.approx(0.0)
    # Only signifikansi (30) at 10, the rest at 1: 30 / 100 × 100 = 30, whatever ringkasan says.
    sheet = {**bottom, "signifikansi": 10, "ringkasan": 10}
    assert scoring.judge_total(sheet, KIPP_DESK) == pytest.approx(30.0)


def test_judge_total_refuses_missing_or_out_of_scale_scores():
    with pytest.raises(ValueError):
        scoring.judge_total({"a": 5}, [CriterionSpec("a", 1, 1, 10), CriterionSpec("b", 1, 1, 10)])
    with pytest.raises(ValueError):
        scoring.judge_total({"a": 11}, [CriterionSpec("a", 1, 1, 10)])
    with pytest.raises(ValueError):
        scoring.judge_total({"a": 1}, [CriterionSpec("a", 0, 1, 10)])


def test_mean_median_and_trimmed_mean():
    totals = {"x": {"j1": 60, "j2": 80}, "y": {"j1": 60, "j2": 80, "j3": 90}}
    assert scoring.aggregate(totals, "mean") == {"x": 70, "y": pytest.approx(230 / 3)}
    assert scoring.aggregate(totals, "median") == {"x": 70, "y": 80}
    # Five totals, 20 % trimmed from each end: drop 10 and 100 → mean(50, 60, 70) = 60.
    five = {"z": {"a": 10, "b": 50, "c": 60, "d": 70, "e": 100}}
    assert scoring.aggregate(five, "trimmed_mean", trim_fraction=0.2) == {"z": 60}
    # Two judges are never trimmed: ⌊2 × 0.2⌋ = 0.
    assert scoring.aggregate({"x": {"j1": 60, "j2": 80}}, "trimmed_mean", trim_fraction=0.2) == {"x": 70}


def test_zscore_normalisation_rescaled_to_the_round():
    # J1 scored E1..E3 = 80, 60, 70: mean 70, population SD √(200/3).
    # J2 scored E1, E2 = 50, 40: mean 45, SD 5.
    # Round: 80, 60, 70, 50, 40 → mean 60, SD √200.
    # E1: J1 z = 10/√(200/3) = √1.5 → 60 + √200·√1.5 = 60 + √300; J2 z = 1 → 60 + √200.
    # E1 = 60 + (√300 + √200)/2; E2 mirrors it below 60; E3 has z = 0 → 60.
    totals = {"E1": {"J1": 80, "J2": 50}, "E2": {"J1": 60, "J2": 40}, "E3": {"J1": 70}}
    result = scoring.aggregate(totals, "zscore")
    half = (math.sqrt(300) + math.sqrt(200)) / 2
    assert result["E1"] == pytest.approx(60 + half)
    assert result["E2"] == pytest.approx(60 - half)
    assert result["E3"] == pytest.approx(60)


def test_zscore_of_a_judge_without_spread_is_the_round_mean():
    totals = {"E1": {"J1": 70, "J2": 90}, "E2": {"J1": 70, "J2": 50}}
    normalised = scoring.zscore_normalise(totals)
    # Round mean (70+90+70+50)/4 = 70; J1 has SD 0 → 70 for both entries.
    assert normalised["E1"]["J1"] == pytest.approx(70)
    assert normalised["E2"]["J1"] == pytest.approx(70)


def test_disagreement_is_the_sample_sd_of_the_judges_totals():
    # 60 and 80: deviations ±10 → √((100 + 100) / 1) = √200
    assert scoring.disagreement([60, 80]) == pytest.approx(math.sqrt(200))
    assert scoring.disagreement([75]) == 0.0


def test_krippendorff_alpha_interval_by_hand():
    # Units {1, 2} and {3, 4}: observed Σ = 2·1/1 + 2·1/1 = 4 over n = 4 values → D_o = 1.
    # All pairs of {1, 2, 3, 4}: Σ_{i≠j}(vᵢ−vⱼ)² = 40 → D_e = 40 / (4·3) = 10/3. α = 1 − 3/10 = 0.7.
    totals = {"u1": {"a": 1, "b": 2}, "u2": {"a": 3, "b": 4}}
    assert scoring.krippendorff_alpha_interval(totals) == pytest.approx(0.7)
    assert scoring.krippendorff_alpha_interval({"u1": {"a": 5}}) is None
    assert scoring.krippendorff_alpha_interval({"u1": {"a": 5, "b": 5}}) is None


def _at(day):
    return datetime(2023, 5, day, tzinfo=UTC)


def test_ties_go_to_the_heaviest_criterion_then_the_earlier_submission():
    scores = {"A": 70.0, "B": 70.0, "C": 65.0, "D": 65.0, "E": 90.0}
    heaviest = {"A": 8.0, "B": 9.0, "C": 7.0, "D": 7.0, "E": 1.0}
    submitted = {"A": _at(1), "B": _at(2), "C": _at(5), "D": _at(3), "E": _at(9)}
    ranking = scoring.rank(scores, heaviest_criterion_scores=heaviest, submitted_at=submitted)
    assert [(r.entry, r.rank) for r in ranking] == [("E", 1), ("B", 2), ("A", 3), ("D", 4), ("C", 5)]


def test_floating_point_noise_does_not_break_a_tie():
    scores = {"A": 0.1 + 0.2, "B": 0.3}
    ranking = scoring.rank(scores, heaviest_criterion_scores={"A": 5, "B": 5}, submitted_at={"A": _at(2), "B": _at(1)})
    assert [r.entry for r in ranking] == ["B", "A"]


@pytest.fixture
def ranking():
    scores = {"a1": 90, "a2": 85, "a3": 80, "b1": 70, "b2": 60}
    return scoring.rank(scores, heaviest_criterion_scores={}, submitted_at={k: _at(1) for k in scores})


CATEGORY = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B"}


def test_advancement_top_n_overall(ranking):
    assert scoring.advancing(ranking, AdvancementRule("top_n", count=2), category_of=CATEGORY) == {"a1", "a2"}


def test_advancement_top_n_per_category_with_quotas(ranking):
    rule = AdvancementRule("top_n_per_category", count=1, category_quotas={"A": 2})
    assert scoring.advancing(ranking, rule, category_of=CATEGORY) == {"a1", "a2", "b1"}


def test_advancement_by_threshold(ranking):
    assert scoring.advancing(ranking, AdvancementRule("threshold", threshold=80), category_of=CATEGORY) == {"a1", "a2", "a3"}


def test_final_score_weights_rounds():
    # (1·80 + 3·60) / 4 = 65; a round of weight 0 is ignored.
    assert scoring.final_score([(1, 80), (3, 60), (0, 10)]) == pytest.approx(65)
    assert scoring.final_score([(0, 80)]) is None
