"""The aggregates stored on the innovation always equal a recomputation from the visible reviews."""

import random

import pytest
from django.conf import settings

from registry.innovations.models import Innovation
from registry.ratings import services
from registry.ratings.models import Review, ReviewStatus
from tests.factories_ratings import SCORES

pytestmark = pytest.mark.django_db


def naive_aggregates(innovation_id):
    """An independent recomputation in plain Python, the oracle for the stored figures."""
    reviews = list(Review.objects.filter(innovation_id=innovation_id, status=ReviewStatus.VISIBLE))
    n = len(reviews)
    distribution = {str(star): 0 for star in range(1, 6)}
    for review in reviews:
        distribution[str(round((review.usefulness + review.ease + review.documentation) / 3))] += 1
    if not n:
        return {"review_count": 0, "rating_mean": None, "rating_usefulness": None, "rating_bayesian": None, "rating_distribution": distribution}
    mean = sum(r.usefulness + r.ease + r.documentation for r in reviews) / (3 * n)
    weight, prior = settings.RATINGS_BAYESIAN_WEIGHT, settings.RATINGS_BAYESIAN_DEFAULT_PRIOR
    return {
        "review_count": n,
        "rating_mean": mean,
        "rating_usefulness": sum(r.usefulness for r in reviews) / n,
        "rating_bayesian": (weight * prior + n * mean) / (weight + n),
        "rating_distribution": distribution,
    }


def stored(innovation_id):
    row = Innovation.objects.values("review_count", "rating_mean", "rating_usefulness", "rating_bayesian", "rating_distribution").get(pk=innovation_id)
    row["rating_distribution"] = {str(star): int(row["rating_distribution"].get(str(star), 0)) for star in range(1, 6)}
    return row


def assert_matches(innovation_id):
    have, want = stored(innovation_id), naive_aggregates(innovation_id)
    assert have.keys() == want.keys()
    for key, value in want.items():
        if isinstance(value, float):
            assert have[key] == pytest.approx(value, abs=1e-12), key
        else:
            assert have[key] == value, key


def test_a_hand_worked_example(innovation, make_reviewer):
    services.review_create(user=make_reviewer(), innovation=innovation, scores={"usefulness": 5, "ease": 4, "documentation": 3})
    services.review_create(user=make_reviewer(), innovation=innovation, scores={"usefulness": 2, "ease": 1, "documentation": 1})
    row = Innovation.objects.get(pk=innovation.pk)
    # (5+4+3 + 2+1+1) / 6 = 16/6; overall scores 4.0 and 1.33 → one 4-star and one 1-star review.
    assert row.review_count == 2
    assert row.rating_mean == pytest.approx(16 / 6)
    assert row.rating_usefulness == pytest.approx(3.5)
    assert row.rating_ease == pytest.approx(2.5)
    assert row.rating_documentation == pytest.approx(2.0)
    assert row.rating_distribution == {"1": 1, "2": 0, "3": 0, "4": 1, "5": 0}
    # Prior 3.0 with weight 5: (5·3 + 2·16/6) / 7.
    assert row.rating_bayesian == pytest.approx((15 + 2 * 16 / 6) / 7)


def test_each_action_keeps_the_aggregates_exact(innovation, make_reviewer, ministry_admin):
    first = services.review_create(user=make_reviewer(), innovation=innovation, scores=SCORES)
    assert_matches(innovation.pk)
    second_author = make_reviewer()
    second = services.review_create(user=second_author, innovation=innovation, scores={"usefulness": 1, "ease": 2, "documentation": 2})
    assert_matches(innovation.pk)
    services.review_update(user=second_author, review=second, scores={"usefulness": 4, "ease": 4, "documentation": 5}, text="Setelah dicoba ternyata bagus.")
    assert_matches(innovation.pk)
    services.review_hide(user=ministry_admin, review=first, reason="Tidak relevan.")
    assert_matches(innovation.pk)
    assert stored(innovation.pk)["review_count"] == 1
    services.review_restore(user=ministry_admin, review=first, reason="Setelah ditinjau ulang, relevan.")
    assert_matches(innovation.pk)
    services.review_delete(user=second_author, review=second)
    assert_matches(innovation.pk)
    services.review_hide(user=ministry_admin, review=first, reason="Tidak relevan.")
    assert_matches(innovation.pk)
    assert stored(innovation.pk)["rating_mean"] is None


def test_editing_keeps_the_earlier_versions(review, reviewer):
    services.review_update(user=reviewer, review=review, scores={"usefulness": 2, "ease": 2, "documentation": 2}, text="Ternyata sulit.")
    services.review_update(user=reviewer, review=review, scores={"usefulness": 3, "ease": 2, "documentation": 2}, text="Lumayan.")
    review.refresh_from_db()
    assert review.version == 3 and review.text == "Lumayan."
    versions = list(review.versions.values_list("number", "usefulness", "text"))
    assert versions == [(1, SCORES["usefulness"], "Mudah ditiru."), (2, 2, "Ternyata sulit.")]


def test_an_unchanged_edit_makes_no_version(review, reviewer):
    services.review_update(user=reviewer, review=review, scores=SCORES, text="Mudah ditiru.")
    assert review.versions.count() == 0


@pytest.mark.parametrize("seed", range(8))
def test_random_sequences_never_drift(seed, agency_a, make_reviewer, ministry_admin):
    """Property: after any sequence of creates, edits, hides, restores and deletes over a few
    innovations, every stored aggregate equals the recomputation."""
    from tests.factories import InnovationFactory

    rng = random.Random(seed)
    innovations = [InnovationFactory(agency=agency_a) for _ in range(3)]
    authors = [make_reviewer() for _ in range(6)]

    def scores():
        return {name: rng.randint(1, 5) for name in ("usefulness", "ease", "documentation")}

    for _step in range(40):
        reviews = list(Review.objects.all())
        action = rng.choice(["create", "create", "edit", "hide", "restore", "delete"])
        if action == "create":
            author, innovation = rng.choice(authors), rng.choice(innovations)
            if not Review.objects.filter(reviewer=author, innovation=innovation).exists():
                services.review_create(user=author, innovation=innovation, scores=scores())
        elif reviews:
            review = rng.choice(reviews)
            if action == "edit":
                services.review_update(user=review.reviewer, review=review, scores=scores(), text=f"Versi {_step}")
            elif action == "hide" and review.status == ReviewStatus.VISIBLE:
                services.review_hide(user=ministry_admin, review=review, reason="Uji acak.")
            elif action == "restore" and review.status == ReviewStatus.HIDDEN:
                services.review_restore(user=ministry_admin, review=review, reason="Uji acak.")
            elif action == "delete":
                services.review_delete(user=review.reviewer, review=review)
        for innovation in innovations:
            assert_matches(innovation.pk)
    assert services.aggregates_find_drift() == []
