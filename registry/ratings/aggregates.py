"""The arithmetic of the aggregates stored on each Innovation.

Only visible reviews count. For an innovation with n visible reviews:

- `review_count` = n
- `rating_usefulness`, `rating_ease`, `rating_documentation` = the mean of each criterion
- `rating_mean` = the mean of the reviews' overall scores (each the mean of its three
  criteria), which equals the mean of the three criterion means
- `rating_distribution` = {"1": …, "5": …}: how many reviews have each overall score,
  rounded to the nearest whole star (a sum of three scores over 3 never ends in .5,
  so rounding is never a tie: sums 3–4 → 1, 5–7 → 2, 8–10 → 3, 11–13 → 4, 14–15 → 5)
- `rating_bayesian` = (W·prior + n·mean) / (W + n), where the prior is the catalog mean
  (RatingPrior, or settings.RATINGS_BAYESIAN_DEFAULT_PRIOR before one is computed) and
  W = settings.RATINGS_BAYESIAN_WEIGHT (5: an innovation needs five reviews before its
  own mean weighs as much as the catalog's, so one enthusiastic 5 does not top the sort)

With no visible reviews every mean is empty (None) and the distribution all zeros:
"not rated yet" is shown as such, never as the catalog average.

Everything is computed from integer sums in one grouped query, so the services
(one innovation, inside its locked transaction) and `ratings_recompute` (all of them)
get bit-for-bit the same floats.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Sum

from registry.ratings.models import SCORE_MAX, SCORE_MIN, RatingPrior, Review

STARS = [str(n) for n in range(SCORE_MIN, SCORE_MAX + 1)]
# Sum of the three criteria → the whole star it rounds to.
_STAR_OF_TOTAL = {"1": (3, 4), "2": (5, 7), "3": (8, 10), "4": (11, 13), "5": (14, 15)}
FIELDS = [
    "review_count",
    "rating_usefulness",
    "rating_ease",
    "rating_documentation",
    "rating_mean",
    "rating_bayesian",
    "rating_distribution",
]


def empty_distribution() -> dict[str, int]:
    return dict.fromkeys(STARS, 0)


@dataclass(frozen=True)
class Sums:
    count: int = 0
    usefulness: int = 0
    ease: int = 0
    documentation: int = 0
    distribution: dict = field(default_factory=empty_distribution)


def prior_mean() -> float:
    prior = RatingPrior.objects.order_by("-computed_at", "-pk").first()
    return prior.mean if prior is not None else float(settings.RATINGS_BAYESIAN_DEFAULT_PRIOR)


def bayesian(*, count: int, mean: float | None, prior: float) -> float | None:
    if not count or mean is None:
        return None
    weight = settings.RATINGS_BAYESIAN_WEIGHT
    return (weight * prior + count * mean) / (weight + count)


def values_from_sums(sums: Sums, *, prior: float) -> dict:
    """The Innovation field values for these sums."""
    n = sums.count
    if not n:
        return {
            "review_count": 0,
            "rating_usefulness": None,
            "rating_ease": None,
            "rating_documentation": None,
            "rating_mean": None,
            "rating_bayesian": None,
            "rating_distribution": empty_distribution(),
        }
    mean = (sums.usefulness + sums.ease + sums.documentation) / (3 * n)
    return {
        "review_count": n,
        "rating_usefulness": sums.usefulness / n,
        "rating_ease": sums.ease / n,
        "rating_documentation": sums.documentation / n,
        "rating_mean": mean,
        "rating_bayesian": bayesian(count=n, mean=mean, prior=prior),
        "rating_distribution": dict(sums.distribution),
    }


def sums_by_innovation(reviews: QuerySet[Review] | None = None) -> dict[int, Sums]:
    """{innovation_id: Sums} over the visible reviews in `reviews` (all reviews by default)."""
    queryset = (reviews if reviews is not None else Review.objects.all()).visible()
    star_counts = {
        f"star_{star}": Count("pk", filter=Q(total__gte=low, total__lte=high))
        for star, (low, high) in _STAR_OF_TOTAL.items()
    }
    rows = (
        queryset.order_by()
        .alias(total=F("usefulness") + F("ease") + F("documentation"))
        .values("innovation_id")
        .annotate(
            n=Count("pk"),
            sum_usefulness=Sum("usefulness"),
            sum_ease=Sum("ease"),
            sum_documentation=Sum("documentation"),
            **star_counts,
        )
    )
    return {
        row["innovation_id"]: Sums(
            count=row["n"],
            usefulness=row["sum_usefulness"],
            ease=row["sum_ease"],
            documentation=row["sum_documentation"],
            distribution={star: row[f"star_{star}"] for star in STARS},
        )
        for row in rows
    }


def compute_for(innovation_id: int, *, prior: float | None = None) -> dict:
    """The aggregates one innovation should have now, from its visible reviews."""
    sums = sums_by_innovation(Review.objects.filter(innovation_id=innovation_id)).get(innovation_id, Sums())
    return values_from_sums(sums, prior=prior_mean() if prior is None else prior)


def differing_fields(stored: dict, expected: dict, *, tolerance: float = 1e-9) -> list[str]:
    """The names of the fields whose stored value is not the expected one (floats within rounding noise)."""
    differing = []
    for name in FIELDS:
        have, want = stored[name], expected[name]
        if name == "rating_distribution":
            same = {star: int((have or {}).get(star, 0)) for star in STARS} == want
        elif isinstance(want, float):
            same = have is not None and abs(have - want) <= tolerance
        else:
            same = have == want
        if not same:
            differing.append(name)
    return differing
