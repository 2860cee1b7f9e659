"""Sanitising, length limits, automatic flags and the daily limit."""

import pytest

from registry.audit.models import AuditEvent
from registry.core.exceptions import ValidationError
from registry.ratings import services
from registry.ratings.models import FlagReason, Review, ReviewFlag
from tests.factories_ratings import SCORES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("<script>alert('x')</script>Bagus sekali", "Bagus sekali"),
        ('<b>Tebal</b> dan <a href="javascript:alert(1)">klik</a>', "Tebal dan klik"),
        ("<img src=x onerror=alert(1)>Rapi", "Rapi"),
        ("Baris satu\n\n\n\nBaris dua", "Baris satu\n\nBaris dua"),
        ("Nilai 3 < 5 & 5 > 3", "Nilai 3 < 5 & 5 > 3"),
    ],
)
def test_no_markup_survives(innovation, reviewer, typed, stored):
    review = services.review_create(user=reviewer, innovation=innovation, scores=SCORES, text=typed)
    assert Review.objects.get(pk=review.pk).text == stored


def test_markup_is_stripped_from_edits_and_replies(review, reviewer, verifier_a):
    services.review_update(user=reviewer, review=review, scores=SCORES, text="<i>Miring</i> saja")
    reply = services.review_reply(user=verifier_a, review=review, text="<script>x()</script>Terima kasih")
    assert Review.objects.get(pk=review.pk).text == "Miring saja"
    assert reply.text == "Terima kasih"


def test_too_long_text_is_refused_and_nothing_is_written(innovation, reviewer, settings):
    settings.RATINGS_TEXT_MAX_CHARS = 50
    before = (Review.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        services.review_create(user=reviewer, innovation=innovation, scores=SCORES, text="a" * 51)
    assert "text" in error.value.message_dict
    assert (Review.objects.count(), AuditEvent.objects.count()) == before
    # The limit counts the text as stored, after the markup is gone.
    services.review_create(user=reviewer, innovation=innovation, scores=SCORES, text="<b>" + "a" * 45 + "</b>")


@pytest.mark.parametrize("scores", [{"usefulness": 0, "ease": 3, "documentation": 3}, {"usefulness": 6, "ease": 3, "documentation": 3}, {"usefulness": "x", "ease": 3, "documentation": 3}, {"ease": 3, "documentation": 3}])
def test_scores_outside_one_to_five_are_refused(innovation, reviewer, scores):
    with pytest.raises(ValidationError):
        services.review_create(user=reviewer, innovation=innovation, scores=scores)
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Lihat https://contoh.example/promo untuk info", FlagReason.LINK),
        ("Kunjungi www.jualobat.com segera", FlagReason.LINK),
        ("Info lengkap di dukcapil.surakarta.go.id ya", FlagReason.LINK),
        ("Mantap!!!!!!!!!!!!", FlagReason.REPEATED),
        ("bagus " * 15, FlagReason.REPEATED),
    ],
)
def test_links_and_repetition_are_flagged_automatically(innovation, reviewer, text, kind):
    review = services.review_create(user=reviewer, innovation=innovation, scores=SCORES, text=text)
    flags = list(ReviewFlag.objects.filter(review=review))
    assert [(flag.kind, flag.user_id) for flag in flags] == [(kind, None)]
    assert review.is_visible  # flagged for a moderator, still shown until one decides


def test_ordinary_text_is_not_flagged(review):
    assert not ReviewFlag.objects.exists()


def test_the_same_text_on_a_second_innovation_is_flagged(agency_a, reviewer):
    from tests.factories import InnovationFactory

    text = "Inovasi ini sangat bermanfaat dan mudah ditiru oleh daerah kami."
    first = services.review_create(user=reviewer, innovation=InnovationFactory(agency=agency_a), scores=SCORES, text=text)
    second = services.review_create(user=reviewer, innovation=InnovationFactory(agency=agency_a), scores=SCORES, text=text)
    assert not first.flags.exists()
    assert list(second.flags.values_list("kind", flat=True)) == [FlagReason.REPEATED]


def test_an_edit_that_adds_a_link_is_flagged_once(review, reviewer):
    services.review_update(user=reviewer, review=review, scores=SCORES, text="Lihat http://spam.example")
    services.review_update(user=reviewer, review=review, scores=SCORES, text="Lihat http://spam.example/lagi")
    assert list(review.flags.values_list("kind", flat=True)) == [FlagReason.LINK]


def test_daily_limit(agency_a, reviewer, settings):
    from tests.factories import InnovationFactory

    settings.RATINGS_MAX_REVIEWS_PER_DAY = 2
    innovations = [InnovationFactory(agency=agency_a) for _ in range(3)]
    first = services.review_create(user=reviewer, innovation=innovations[0], scores=SCORES)
    services.review_create(user=reviewer, innovation=innovations[1], scores=SCORES)
    # Deleting does not give the allowance back: the limit counts what was written.
    services.review_delete(user=reviewer, review=first)
    before = (Review.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match="Batas 2 ulasan per hari"):
        services.review_create(user=reviewer, innovation=innovations[2], scores=SCORES)
    assert (Review.objects.count(), AuditEvent.objects.count()) == before


def test_the_daily_limit_is_a_rolling_day(innovation, reviewer, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.RATINGS_MAX_REVIEWS_PER_DAY = 1
    review = services.review_create(user=reviewer, innovation=innovation, scores=SCORES)
    services.review_delete(user=reviewer, review=review)
    # Audit events are append-only, so age the clock instead: a day later the allowance is back.
    later = timezone.now() + timedelta(days=1, minutes=1)
    from unittest.mock import patch

    with patch("django.utils.timezone.now", return_value=later):
        services.review_create(user=reviewer, innovation=innovation, scores=SCORES)
    assert Review.objects.count() == 1


def test_one_review_per_user_per_innovation(review, reviewer, innovation):
    with pytest.raises(ValidationError, match="sudah mengulas"):
        services.review_create(user=reviewer, innovation=innovation, scores=SCORES)
    assert Review.objects.count() == 1


def test_unpublished_innovations_cannot_be_reviewed(agency_a, reviewer):
    from registry.core.exceptions import PermissionDenied
    from tests.factories import InnovationFactory

    draft = InnovationFactory(agency=agency_a, live=False, moderation_status="draft")
    with pytest.raises(PermissionDenied):
        services.review_create(user=reviewer, innovation=draft, scores=SCORES)
