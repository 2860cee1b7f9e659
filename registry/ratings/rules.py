"""Who may do what with reviews, and what makes a text suspicious.

Pure questions (no writes): the services ask them before they write, the pages
ask them to decide which buttons to show, so both always agree.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.agencies.models import Agency
from registry.agencies.permissions import agency_roles, is_ministry_admin, is_verifier
from registry.audit.models import AuditEvent
from registry.innovations.models import Innovation
from registry.ratings.models import Review

# --- Who --------------------------------------------------------------------------------


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def reviewer_agencies(user) -> list[Agency]:
    """The agencies the user may review on behalf of: their verified memberships."""
    ids = list(agency_roles(user))
    return list(Agency.objects.filter(pk__in=ids).order_by("name")) if ids else []


def review_refusal(user, innovation: Innovation) -> str | None:
    """Why `user` may not review `innovation`, or None when they may.

    A reviewer needs a verified membership, and none of their agencies may be the
    innovation's agency or an agency above or below it: a conflict through any of
    their memberships refuses the review.
    """
    if not _signed_in(user):
        return _("Masuk dulu untuk menulis ulasan.")
    if not innovation.live:
        return _("Hanya inovasi yang sudah terbit yang dapat diulas.")
    own = set(agency_roles(user))
    if not own:
        return _("Hanya ASN dengan keanggotaan instansi yang sudah diverifikasi yang dapat menulis ulasan.")
    if own & innovation.agency.related_ids():
        return _("Anda tidak dapat mengulas inovasi instansi Anda sendiri atau instansi di atas/bawahnya.")
    return None


def can_edit(user, review: Review) -> bool:
    return _signed_in(user) and review.reviewer_id == user.pk


def can_delete(user, review: Review) -> bool:
    return can_edit(user, review) or is_ministry_admin(user)


def can_flag(user, review: Review) -> bool:
    return _signed_in(user) and review.reviewer_id != user.pk


def can_moderate(user) -> bool:
    """Hide, restore and dismiss flags: ministry admins only."""
    return is_ministry_admin(user)


def speaks_for(user, innovation: Innovation) -> bool:
    """The innovation's agency answers reviews through its verifiers (the "Admin Lokal")."""
    return _signed_in(user) and is_verifier(user, innovation.agency_id)


def can_reply(user, review: Review) -> bool:
    return speaks_for(user, review.innovation)


def reviews_today(user) -> int:
    """Reviews the user wrote in the last 24 hours, counted from the audit log so deleting does not reset it."""
    since = timezone.now() - timedelta(days=1)
    return AuditEvent.objects.filter(actor=user, action="review.create", created_at__gte=since).count()


def rate_limit_reached(user) -> bool:
    return reviews_today(user) >= settings.RATINGS_MAX_REVIEWS_PER_DAY


# --- What ------------------------------------------------------------------------------

_LINK = re.compile(
    r"(?:https?://|www\.|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|biz|xyz|io|co|id|me|ly|site|online)\b)",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+", re.UNICODE)
_CHARACTER_RUN = re.compile(r"(\S)\1{9,}")
# Texts this short repeat innocently ("Sangat bermanfaat."), so only longer ones count as copies.
COPY_MIN_CHARS = 40


def has_link(text: str) -> bool:
    return bool(_LINK.search(text or ""))


def is_repetitive(text: str) -> bool:
    """The same character ten times in a row, or a long text made of a handful of words."""
    if _CHARACTER_RUN.search(text or ""):
        return True
    words = [word.casefold() for word in _WORD.findall(text or "")]
    return len(words) >= 12 and len(set(words)) / len(words) < 0.3


def is_copied(text: str, *, review: Review) -> bool:
    """The same text already stands in another review of this user, or of this innovation."""
    if len(text) < COPY_MIN_CHARS:
        return False
    others = Review.objects.exclude(pk=review.pk).filter(text__iexact=text)
    return (
        others.filter(reviewer_id=review.reviewer_id).exists()
        or others.filter(innovation_id=review.innovation_id).exists()
    )
