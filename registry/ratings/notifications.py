"""Telling a review's author what happened to it: a notice in their portal and an e-mail.

The notice is written in the service's transaction; the e-mail leaves after
commit, so a rolled-back moderation never mails anyone, and a mail server that
is down never undoes a moderation.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from registry.ratings.models import NoticeKind, Review, ReviewNotice

logger = logging.getLogger(__name__)


def _subject_and_body(review: Review, kind: str, reason: str) -> tuple[str, str]:
    title = review.innovation.title
    if kind == NoticeKind.HIDDEN:
        subject = _("Ulasan Anda disembunyikan")
        body = _(
            "Ulasan Anda untuk \"%(title)s\" disembunyikan oleh moderator dan tidak lagi dihitung dalam penilaian.\n\nAlasan: %(reason)s"
        )
    elif kind == NoticeKind.RESTORED:
        subject = _("Ulasan Anda ditampilkan kembali")
        body = _("Ulasan Anda untuk \"%(title)s\" ditampilkan kembali oleh moderator.\n\nAlasan: %(reason)s")
    else:
        subject = _("Ulasan Anda mendapat balasan")
        body = _("Instansi pemilik \"%(title)s\" membalas ulasan Anda:\n\n%(reason)s")
    body = body % {"title": title, "reason": reason}
    footer = _("Lihat semua ulasan Anda di Portal, menu Ulasan saya.")
    return subject, f"{body}\n\n{footer}"


def notify_author(*, review: Review, kind: str, reason: str) -> ReviewNotice:
    subject, body = _subject_and_body(review, kind, reason)
    notice = ReviewNotice.objects.create(recipient_id=review.reviewer_id, review=review, kind=kind, message=body)
    email = review.reviewer.email
    if email:
        transaction.on_commit(lambda: _send(subject, body, email))
    return notice


def _send(subject: str, body: str, email: str) -> None:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
    except Exception:  # the notice in the portal stays; the mail can be resent by hand
        logger.exception("review notice e-mail to %s failed", email)
