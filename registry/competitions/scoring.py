"""The judging arithmetic of DESIGN.md §4, as pure functions over plain numbers.

Nothing here touches the database: services feed it rows and store what it
returns, tests feed it hand-computed fixtures, and the benchmark feeds it a
whole edition. Conventions, stated once:

- A judge's total is on 0–100: Σ wᵢ·(sᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ × 100.
  Criteria of weight 0 (KIPP's "ringkasan") are scored but do not count.
- Standard deviations that describe *a judge's own spread* (z-score
  normalisation) are population SDs: the judge's entries are the whole set.
  The SD that measures *disagreement between judges on one entry* is the
  sample SD (n − 1): the judges are a sample of possible judges.
- A trimmed mean drops ⌊n·p⌋ totals from each end (p = the round's trim
  fraction), so two judges are never trimmed.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime


class Method:
    MEAN = "mean"
    MEDIAN = "median"
    TRIMMED_MEAN = "trimmed_mean"
    ZSCORE = "zscore"


@dataclass(frozen=True)
class CriterionSpec:
    id: Hashable
    weight: float
    scale_min: float
    scale_max: float


def judge_total(scores: Mapping[Hashable, float], criteria: Sequence[CriterionSpec]) -> float:
    """One judge's total for one entry, on 0–100. Every weighted criterion must be scored."""
    weight_sum = sum(c.weight for c in criteria)
    if weight_sum <= 0:
        raise ValueError("the rubric has no weighted criterion")
    total = 0.0
    for criterion in criteria:
        if criterion.weight == 0:
            continue
        if criterion.id not in scores:
            raise ValueError(f"criterion {criterion.id!r} is not scored")
        span = criterion.scale_max - criterion.scale_min
        value = scores[criterion.id]
        if not criterion.scale_min <= value <= criterion.scale_max:
            raise ValueError(f"score {value} of criterion {criterion.id!r} is outside its scale")
        total += criterion.weight * (value - criterion.scale_min) / span
    return total / weight_sum * 100


def trimmed_mean(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    cut = math.floor(len(ordered) * fraction)
    if cut and len(ordered) - 2 * cut >= 1:
        ordered = ordered[cut : len(ordered) - cut]
    return statistics.fmean(ordered)


def population_sd(values: Sequence[float]) -> float:
    return statistics.pstdev(values) if len(values) > 1 else 0.0


def disagreement(values: Sequence[float]) -> float:
    """Sample SD of the judges' totals for one entry (0 with fewer than two judges)."""
    return statistics.stdev(values) if len(values) > 1 else 0.0


Totals = Mapping[Hashable, Mapping[Hashable, float]]  # entry -> judge -> total


def zscore_normalise(totals: Totals) -> dict[Hashable, dict[Hashable, float]]:
    """Each judge's totals standardised over the entries that judge scored in the round,
    then rescaled to the round's overall mean and SD (over every judge-entry total).

    A judge who scored one entry, or gave every entry the same total, carries no
    information about their own scale: their z is 0, i.e. the round mean.
    """
    by_judge: dict[Hashable, list[float]] = defaultdict(list)
    every_total: list[float] = []
    for judges in totals.values():
        for judge, value in judges.items():
            by_judge[judge].append(value)
            every_total.append(value)
    if not every_total:
        return {}
    round_mean, round_sd = statistics.fmean(every_total), population_sd(every_total)
    judge_stats = {judge: (statistics.fmean(vals), population_sd(vals)) for judge, vals in by_judge.items()}
    normalised: dict[Hashable, dict[Hashable, float]] = {}
    for entry, judges in totals.items():
        normalised[entry] = {}
        for judge, value in judges.items():
            mean, sd = judge_stats[judge]
            z = (value - mean) / sd if sd > 0 else 0.0
            normalised[entry][judge] = round_mean + round_sd * z
    return normalised


def aggregate(totals: Totals, method: str, *, trim_fraction: float = 0.2) -> dict[Hashable, float]:
    """The round's score of every entry that has at least one judge's total."""
    if method == Method.ZSCORE:
        return {entry: statistics.fmean(values.values()) for entry, values in zscore_normalise(totals).items() if values}
    combine = {
        Method.MEAN: statistics.fmean,
        Method.MEDIAN: statistics.median,
        Method.TRIMMED_MEAN: lambda values: trimmed_mean(values, trim_fraction),
    }.get(method)
    if combine is None:
        raise ValueError(f"unknown aggregation method {method!r}")
    return {entry: combine(list(judges.values())) for entry, judges in totals.items() if judges}


def krippendorff_alpha_interval(totals: Totals) -> float | None:
    """Krippendorff's alpha for interval data: units are entries, coders are judges.

    Only entries with two or more totals are pairable. Uses the closed forms
    Σ_{i≠j}(vᵢ − vⱼ)² = 2(m·Σv² − (Σv)²), so a round of thousands of entries is
    linear. None when alpha is undefined (fewer than two pairable values, or
    no variation at all).
    """
    observed, n, value_sum, square_sum = 0.0, 0, 0.0, 0.0
    for judges in totals.values():
        values = list(judges.values())
        m = len(values)
        if m < 2:
            continue
        s, q = sum(values), sum(v * v for v in values)
        observed += 2 * (m * q - s * s) / (m - 1)
        n, value_sum, square_sum = n + m, value_sum + s, square_sum + q
    if n < 2:
        return None
    expected = 2 * (n * square_sum - value_sum * value_sum) / (n - 1)
    if expected <= 0:
        return None
    return 1 - observed / expected


@dataclass(frozen=True)
class Ranked:
    entry: Hashable
    score: float
    tiebreak: float  # the mean score on the round's heaviest criterion
    submitted_at: datetime
    rank: int = 0


def rank(
    scores: Mapping[Hashable, float],
    *,
    heaviest_criterion_scores: Mapping[Hashable, float],
    submitted_at: Mapping[Hashable, datetime],
) -> list[Ranked]:
    """Highest score first; ties by the heaviest criterion, then the earlier submission.

    Scores are compared rounded to 6 decimals so that floating-point noise from
    different summation orders never decides a tie the rules decide otherwise.
    """
    rows = [
        Ranked(entry, score, heaviest_criterion_scores.get(entry, 0.0), submitted_at[entry])
        for entry, score in scores.items()
    ]
    rows.sort(key=lambda r: (-round(r.score, 6), -round(r.tiebreak, 6), r.submitted_at, str(r.entry)))
    return [Ranked(r.entry, r.score, r.tiebreak, r.submitted_at, position) for position, r in enumerate(rows, 1)]


@dataclass(frozen=True)
class AdvancementRule:
    kind: str  # "top_n", "top_n_per_category", "threshold", "none"
    count: int = 0
    threshold: float = 0.0
    category_quotas: Mapping[Hashable, int] = field(default_factory=dict)


class Rule:
    TOP_N = "top_n"
    TOP_N_PER_CATEGORY = "top_n_per_category"
    THRESHOLD = "threshold"
    NONE = "none"


def advancing(ranking: Sequence[Ranked], rule: AdvancementRule, *, category_of: Mapping[Hashable, Hashable]) -> set:
    """The entries that advance under the round's rule, from a ranking made by `rank`."""
    if rule.kind == Rule.TOP_N:
        return {row.entry for row in ranking[: rule.count]}
    if rule.kind == Rule.THRESHOLD:
        return {row.entry for row in ranking if round(row.score, 6) >= rule.threshold}
    if rule.kind == Rule.TOP_N_PER_CATEGORY:
        taken: dict[Hashable, int] = defaultdict(int)
        chosen = set()
        for row in ranking:
            category = category_of[row.entry]
            if taken[category] < rule.category_quotas.get(category, rule.count):
                taken[category] += 1
                chosen.add(row.entry)
        return chosen
    if rule.kind == Rule.NONE:
        return set()
    raise ValueError(f"unknown advancement rule {rule.kind!r}")


def final_score(round_scores: Iterable[tuple[float, float]]) -> float | None:
    """Σ w·s / Σ w over (round weight, round score) pairs; rounds of weight 0 do not count."""
    pairs = [(w, s) for w, s in round_scores if w > 0 and s is not None]
    weight = sum(w for w, _ in pairs)
    if weight <= 0:
        return None
    return sum(w * s for w, s in pairs) / weight
