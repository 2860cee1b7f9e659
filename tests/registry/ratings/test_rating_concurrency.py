"""Concurrent reviews of one innovation lose nothing (real threads, real PostgreSQL row locks)."""

import random
import threading

import pytest
from django.db import close_old_connections, connection

from registry.innovations.models import Innovation
from registry.ratings import aggregates, services
from registry.ratings.models import Review
from tests.factories import InnovationFactory
from tests.factories_ratings import reviewer_of_new_agency

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

THREADS = 8


def _run_together(jobs):
    """Start every job at the same instant and wait for all; re-raise the first error."""
    barrier, errors = threading.Barrier(len(jobs)), []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # collected and re-raised in the test thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    if errors:
        raise errors[0]


def _assert_exact(innovation_id):
    row = Innovation.objects.values(*aggregates.FIELDS).get(pk=innovation_id)
    assert aggregates.differing_fields(row, aggregates.compute_for(innovation_id)) == []


def test_simultaneous_reviews_are_all_counted(agency_a):
    innovation = InnovationFactory(agency=agency_a)
    reviewers = [reviewer_of_new_agency() for _ in range(THREADS)]
    rng = random.Random(7)
    scores = [{name: rng.randint(1, 5) for name in ("usefulness", "ease", "documentation")} for _ in reviewers]

    _run_together(
        [
            (lambda user=user, score=score: services.review_create(user=user, innovation=innovation, scores=score))
            for user, score in zip(reviewers, scores, strict=True)
        ]
    )

    assert Review.objects.filter(innovation=innovation).count() == THREADS
    row = Innovation.objects.get(pk=innovation.pk)
    assert row.review_count == THREADS
    assert row.rating_mean == pytest.approx(sum(sum(s.values()) for s in scores) / (3 * THREADS))
    _assert_exact(innovation.pk)


def test_simultaneous_edits_hides_and_creates_stay_exact(agency_a, ministry_admin):
    innovation = InnovationFactory(agency=agency_a)
    authors = [reviewer_of_new_agency() for _ in range(THREADS)]
    reviews = [
        services.review_create(user=user, innovation=innovation, scores={"usefulness": 3, "ease": 3, "documentation": 3})
        for user in authors[:4]
    ]
    jobs = [
        lambda: services.review_update(user=authors[0], review=reviews[0], scores={"usefulness": 5, "ease": 5, "documentation": 5}),
        lambda: services.review_update(user=authors[1], review=reviews[1], scores={"usefulness": 1, "ease": 1, "documentation": 1}),
        lambda: services.review_hide(user=ministry_admin, review=reviews[2], reason="Uji serentak."),
        lambda: services.review_delete(user=authors[3], review=reviews[3]),
        *[
            (lambda user=user: services.review_create(user=user, innovation=innovation, scores={"usefulness": 4, "ease": 4, "documentation": 4}))
            for user in authors[4:]
        ],
    ]
    _run_together(jobs)

    row = Innovation.objects.get(pk=innovation.pk)
    # Visible: 5,5,5 + 1,1,1 + four reviews of 4,4,4 (the hidden and the deleted one left).
    assert row.review_count == 6
    assert row.rating_mean == pytest.approx((15 + 3 + 4 * 12) / 18)
    _assert_exact(innovation.pk)


def test_the_same_user_twice_at_once_makes_one_review(agency_a, verifier_b):
    innovation = InnovationFactory(agency=agency_a)
    outcomes = []

    def attempt():
        try:
            services.review_create(user=verifier_b, innovation=innovation, scores={"usefulness": 4, "ease": 4, "documentation": 4})
            outcomes.append("created")
        except services.TransitionNotAllowed:
            outcomes.append("refused")

    _run_together([attempt, attempt, attempt])
    assert sorted(outcomes) == ["created", "refused", "refused"]
    assert Innovation.objects.get(pk=innovation.pk).review_count == 1
