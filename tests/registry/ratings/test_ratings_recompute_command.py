"""`ratings_recompute` finds aggregates that a write outside the services made drift, and repairs them."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from registry.innovations.models import Innovation
from registry.ratings import aggregates, services
from registry.ratings.models import RatingPrior
from tests.factories import InnovationFactory
from tests.factories_ratings import SCORES

pytestmark = pytest.mark.django_db


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command("ratings_recompute", *args, stdout=out)
    return out.getvalue()


def test_clean_data_passes_the_check(review):
    assert "match" in _run("--check")


def test_a_raw_update_is_detected_and_fixed(review, innovation, agency_a, make_reviewer):
    untouched = InnovationFactory(agency=agency_a)
    services.review_create(user=make_reviewer(), innovation=untouched, scores=SCORES)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE innovations_innovation SET review_count = 7, rating_mean = 1.5 WHERE id = %s", [innovation.pk])
        cursor.execute("UPDATE ratings_review SET usefulness = 1 WHERE id = %s", [review.pk])
    with pytest.raises(CommandError, match="1 innovation"):
        _run("--check")
    output = _run("--fix")
    assert f"innovation {innovation.pk}" in output and "review_count" in output and "rating_usefulness" in output
    assert "repaired 1" in output
    assert "match" in _run("--check")
    row = Innovation.objects.get(pk=innovation.pk)
    assert row.review_count == 1 and row.rating_usefulness == 1.0
    assert row.rating_mean == pytest.approx((1 + SCORES["ease"] + SCORES["documentation"]) / 3)


def test_a_review_row_inserted_behind_the_services_back_is_found(innovation, agency_a, reviewer):
    from tests.factories_ratings import ReviewFactory

    ReviewFactory(innovation=innovation, reviewer=reviewer)
    assert services.aggregates_find_drift() == [(innovation.pk, aggregates.FIELDS)]


def test_refreshing_the_prior_rewrites_the_bayesian_means(innovation, agency_a, make_reviewer, settings):
    other = InnovationFactory(agency=agency_a)
    services.review_create(user=make_reviewer(), innovation=innovation, scores={"usefulness": 5, "ease": 5, "documentation": 5})
    services.review_create(user=make_reviewer(), innovation=other, scores={"usefulness": 2, "ease": 2, "documentation": 2})
    output = _run("--refresh-prior")
    assert "3.5000 from 2 reviews" in output and "match" in output
    assert RatingPrior.objects.get().mean == 3.5
    weight = settings.RATINGS_BAYESIAN_WEIGHT
    assert Innovation.objects.get(pk=innovation.pk).rating_bayesian == pytest.approx((weight * 3.5 + 5) / (weight + 1))
    # New reviews use the stored prior, so the check still passes after them.
    services.review_create(user=make_reviewer(), innovation=other, scores=SCORES)
    assert "match" in _run("--check")
