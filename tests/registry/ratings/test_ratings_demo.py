"""The demo reviews: realistic, idempotent, and exact."""

import io

import pytest

from registry.innovations import demo as innovations_demo
from registry.ratings import demo, services
from registry.ratings.models import Review, ReviewReply, ReviewStatus

pytestmark = pytest.mark.django_db


def test_seeding_twice_gives_the_same_reviews(settings):
    innovations_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    reviews = list(Review.objects.order_by("pk").values_list("pk", "usefulness", "status"))
    demo.seed(stdout=io.StringIO())
    assert list(Review.objects.order_by("pk").values_list("pk", "usefulness", "status")) == reviews

    assert len(reviews) >= 60
    assert Review.objects.values("innovation").distinct().count() >= 24
    assert Review.objects.values("reviewer").distinct().count() == len(demo.REVIEWERS)
    assert Review.objects.filter(status=ReviewStatus.HIDDEN).count() == 1
    assert ReviewReply.objects.exists()
    assert services.aggregates_find_drift() == []
