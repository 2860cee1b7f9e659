"""Flags, hiding and restoring, the agency's reply, and what the author is told."""

import pytest
from django.core import mail

from registry.core.exceptions import TransitionNotAllowed, ValidationError
from registry.innovations.models import Innovation
from registry.ratings import selectors, services
from registry.ratings.models import NoticeKind, ReviewNotice, ReviewStatus

pytestmark = pytest.mark.django_db


def test_hiding_tells_the_author_and_resolves_the_flags(review, reviewer, submitter_b, ministry_admin, django_capture_on_commit_callbacks):
    services.review_flag(user=submitter_b, review=review, reason="Isinya tidak benar.")
    with django_capture_on_commit_callbacks(execute=True):
        services.review_hide(user=ministry_admin, review=review, reason="Berisi tuduhan tanpa dasar.")
    review.refresh_from_db()
    assert review.status == ReviewStatus.HIDDEN and review.moderation_reason == "Berisi tuduhan tanpa dasar."
    assert not review.flags.filter(resolved_at__isnull=True).exists()
    notice = ReviewNotice.objects.get(recipient=reviewer)
    assert notice.kind == NoticeKind.HIDDEN and "Berisi tuduhan tanpa dasar." in notice.message
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [reviewer.email]
    assert "Berisi tuduhan tanpa dasar." in mail.outbox[0].body
    assert review not in selectors.review_list_for_innovation(review.innovation)
    assert Innovation.objects.get(pk=review.innovation_id).review_count == 0


def test_restoring_tells_the_author_too(review, reviewer, ministry_admin, django_capture_on_commit_callbacks):
    services.review_hide(user=ministry_admin, review=review, reason="Dicek dulu.")
    with django_capture_on_commit_callbacks(execute=True):
        services.review_restore(user=ministry_admin, review=review, reason="Sudah dicek, sesuai.")
    assert list(ReviewNotice.objects.filter(recipient=reviewer).values_list("kind", flat=True)) == [NoticeKind.RESTORED, NoticeKind.HIDDEN]
    assert [message.subject for message in mail.outbox] == ["Ulasan Anda ditampilkan kembali"]
    assert Innovation.objects.get(pk=review.innovation_id).review_count == 1


def test_a_hide_without_reason_or_twice_is_refused(review, ministry_admin):
    with pytest.raises(ValidationError):
        services.review_hide(user=ministry_admin, review=review, reason="   ")
    services.review_hide(user=ministry_admin, review=review, reason="Alasan.")
    with pytest.raises(TransitionNotAllowed):
        services.review_hide(user=ministry_admin, review=review, reason="Lagi.")
    assert ReviewNotice.objects.count() == 1


def test_one_reply_per_review_which_its_agency_may_edit(review, reviewer, verifier_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.review_reply(user=verifier_a, review=review, text="Terima kasih, panduan kami perbarui.")
        services.review_reply(user=verifier_a, review=review, text="Terima kasih, panduan sudah kami perbarui.")
    review.refresh_from_db()
    assert review.reply.text == "Terima kasih, panduan sudah kami perbarui."
    assert review.reply.agency_id == review.innovation.agency_id
    # The author hears about the reply once, not about each correction of it.
    assert ReviewNotice.objects.filter(recipient=reviewer, kind=NoticeKind.REPLIED).count() == 1
    assert len(mail.outbox) == 1


def test_a_hidden_review_cannot_be_replied_to(review, verifier_a, ministry_admin):
    services.review_hide(user=ministry_admin, review=review, reason="Kasar.")
    with pytest.raises(TransitionNotAllowed):
        services.review_reply(user=verifier_a, review=review, text="Tanggapan")


def test_a_user_flags_a_review_once(review, submitter_b):
    services.review_flag(user=submitter_b, review=review, reason="Spam.")
    with pytest.raises(TransitionNotAllowed):
        services.review_flag(user=submitter_b, review=review, reason="Spam lagi.")
    assert review.flags.count() == 1


def test_dismissing_flags_keeps_the_review(review, submitter_b, ministry_admin):
    services.review_flag(user=submitter_b, review=review, reason="Tidak setuju.")
    assert services.review_dismiss_flags(user=ministry_admin, review=review, reason="Pendapat yang sah.") == 1
    assert list(selectors.review_queue(ministry_admin, show="flagged")) == []
    with pytest.raises(TransitionNotAllowed):
        services.review_dismiss_flags(user=ministry_admin, review=review, reason="Lagi.")


def test_the_queue_shows_verifiers_only_their_agencys_reviews(review, verifier_a, verifier_b, ministry_admin):
    assert list(selectors.review_list_for_moderator(verifier_a)) == [review]
    assert list(selectors.review_list_for_moderator(verifier_b)) == []
    assert list(selectors.review_list_for_moderator(ministry_admin)) == [review]


def test_no_e_mail_for_an_author_without_address(review, reviewer, ministry_admin, django_capture_on_commit_callbacks):
    reviewer.email = ""
    reviewer.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_hide(user=ministry_admin, review=review, reason="Kasar.")
    assert mail.outbox == []
    assert ReviewNotice.objects.filter(recipient=reviewer).count() == 1
