"""Every state change of a review.

One function per action, keyword-only arguments, one transaction each. Any
action that changes what counts towards the aggregates (create, edit, hide,
restore, delete) first locks the innovation row (SELECT … FOR UPDATE), writes,
then recomputes the innovation's aggregates from its visible reviews in the
same transaction, so concurrent reviews are serialised per innovation and the
stored figures always equal a recomputation. `innovation_changed` is sent after
commit so the search index picks up the new rating.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, ExpressionWrapper, F, FloatField, Sum, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.agencies.models import Agency
from registry.audit.services import audit_record
from registry.core.exceptions import PermissionDenied, TransitionNotAllowed, ValidationError
from registry.core.text import clean_plain_text
from registry.innovations import signals as innovation_signals
from registry.innovations.models import Innovation
from registry.ratings import aggregates, rules
from registry.ratings.implementers import IMPLEMENTER_STAGES, agency_implements
from registry.ratings.models import (
    CRITERION_FIELDS,
    SCORE_MAX,
    SCORE_MIN,
    FlagReason,
    NoticeKind,
    RatingPrior,
    Review,
    ReviewFlag,
    ReviewReply,
    ReviewStatus,
    ReviewVersion,
)
from registry.ratings.notifications import notify_author

# --- Aggregates ----------------------------------------------------------------------------


def _lock_innovation(innovation_id: int) -> Innovation:
    return Innovation.objects.select_for_update().select_related("agency").get(pk=innovation_id)


def aggregates_refresh(*, innovation_id: int) -> dict:
    """Recompute and store one innovation's aggregates. Call inside a transaction holding its lock."""
    values = aggregates.compute_for(innovation_id)
    Innovation.objects.filter(pk=innovation_id).update(**values)
    transaction.on_commit(
        lambda: innovation_signals.innovation_changed.send(Innovation, innovation_id=innovation_id)
    )
    return values


# --- Input ---------------------------------------------------------------------------------


def _clean_scores(scores: dict) -> dict:
    cleaned, errors = {}, {}
    for name in CRITERION_FIELDS:
        try:
            value = int(scores.get(name))
        except (TypeError, ValueError):
            value = None
        if value is None or not SCORE_MIN <= value <= SCORE_MAX:
            errors[name] = _("Beri nilai %(min)d sampai %(max)d.") % {"min": SCORE_MIN, "max": SCORE_MAX}
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_text(text: str, *, limit: int, field: str = "text", required: bool = False) -> str:
    text = clean_plain_text(text or "")
    if required and not text:
        raise ValidationError({field: _("Isian ini wajib diisi.")})
    if len(text) > limit:
        raise ValidationError(
            {field: _("Paling banyak %(limit)d karakter; sekarang %(count)d.") % {"limit": limit, "count": len(text)}}
        )
    return text


def _reason(reason: str) -> str:
    return _clean_text(reason, limit=1000, field="reason", required=True)


def _flag_automatically(review: Review) -> list[str]:
    """Open a system flag for links or repeated content, once per kind while one is open."""
    kinds = []
    if rules.has_link(review.text):
        kinds.append((FlagReason.LINK, _("Ulasan berisi tautan.")))
    if rules.is_repetitive(review.text) or rules.is_copied(review.text, review=review):
        kinds.append((FlagReason.REPEATED, _("Ulasan berisi teks berulang atau salinan ulasan lain.")))
    opened = []
    for kind, reason in kinds:
        if not review.flags.filter(kind=kind, resolved_at__isnull=True).exists():
            ReviewFlag.objects.create(review=review, user=None, kind=kind, reason=reason)
            opened.append(kind.value)
    return opened


def _pick_agency(user, agency: Agency | None) -> Agency:
    own = rules.reviewer_agencies(user)
    if agency is None:
        return own[0]
    if agency.pk not in {candidate.pk for candidate in own}:
        raise PermissionDenied(_("Anda bukan anggota terverifikasi instansi ini."))
    return agency


# --- Writing and editing -------------------------------------------------------------------


@transaction.atomic
def review_create(
    *, user, innovation: Innovation, scores: dict, text: str = "", agency: Agency | None = None
) -> Review:
    """A verified member of an unrelated agency rates a published innovation."""
    innovation = _lock_innovation(innovation.pk)
    refusal = rules.review_refusal(user, innovation)
    if refusal:
        raise PermissionDenied(refusal)
    if Review.objects.filter(innovation=innovation, reviewer=user).exists():
        raise TransitionNotAllowed(_("Anda sudah mengulas inovasi ini; ubah ulasan Anda sebagai gantinya."))
    if rules.rate_limit_reached(user):
        raise ValidationError(
            _("Batas %(limit)d ulasan per hari sudah tercapai. Silakan lanjutkan besok.")
            % {"limit": settings.RATINGS_MAX_REVIEWS_PER_DAY}
        )
    scores = _clean_scores(scores)
    text = _clean_text(text, limit=settings.RATINGS_TEXT_MAX_CHARS)
    reviewer_agency = _pick_agency(user, agency)
    try:
        with transaction.atomic():
            review = Review.objects.create(
                innovation=innovation,
                reviewer=user,
                reviewer_agency=reviewer_agency,
                text=text,
                is_implementer=agency_implements(innovation_id=innovation.pk, agency=reviewer_agency),
                **scores,
            )
    except IntegrityError:  # only without a lock (SQLite test runs): the same user, twice at once
        raise TransitionNotAllowed(_("Anda sudah mengulas inovasi ini; ubah ulasan Anda sebagai gantinya.")) from None
    flags = _flag_automatically(review)
    aggregates_refresh(innovation_id=innovation.pk)
    audit_record(
        actor=user,
        action="review.create",
        target=review,
        data={"innovation": innovation.pk, "agency": reviewer_agency.code, **scores, "auto_flags": flags},
    )
    return review


def _lock_review(review: Review) -> tuple[Review, Innovation]:
    # Lock order is always innovation, then review: two services never wait on each other in reverse.
    innovation = _lock_innovation(review.innovation_id)
    review = Review.objects.select_for_update().select_related("reviewer", "reviewer_agency").get(pk=review.pk)
    review.innovation = innovation
    return review, innovation


@transaction.atomic
def review_update(*, user, review: Review, scores: dict, text: str = "") -> Review:
    """The author changes their review; the version it replaces is kept."""
    review, innovation = _lock_review(review)
    if not rules.can_edit(user, review):
        raise PermissionDenied(_("Hanya penulis ulasan yang boleh mengubahnya."))
    scores = _clean_scores(scores)
    text = _clean_text(text, limit=settings.RATINGS_TEXT_MAX_CHARS)
    if text == review.text and all(getattr(review, name) == value for name, value in scores.items()):
        return review
    ReviewVersion.objects.create(
        review=review,
        number=review.version,
        usefulness=review.usefulness,
        ease=review.ease,
        documentation=review.documentation,
        text=review.text,
        written_at=review.updated_at,
    )
    for name, value in scores.items():
        setattr(review, name, value)
    review.text = text
    review.version += 1
    review.updated_at = timezone.now()
    review.save(update_fields=[*CRITERION_FIELDS, "text", "version", "updated_at"])
    flags = _flag_automatically(review)
    aggregates_refresh(innovation_id=innovation.pk)
    audit_record(
        actor=user, action="review.edit", target=review, data={"version": review.version, **scores, "auto_flags": flags}
    )
    return review


@transaction.atomic
def review_delete(*, user, review: Review) -> None:
    """The author withdraws their review (or a ministry admin removes it); its history goes with it."""
    review, innovation = _lock_review(review)
    if not rules.can_delete(user, review):
        raise PermissionDenied(_("Hanya penulis ulasan yang boleh menghapusnya."))
    audit_record(
        actor=user,
        action="review.delete",
        target=review,
        data={"innovation": innovation.pk, "reviewer": review.reviewer_id, "version": review.version},
    )
    review.delete()
    aggregates_refresh(innovation_id=innovation.pk)


# --- Moderation ------------------------------------------------------------------------------


@transaction.atomic
def review_flag(*, user, review: Review, reason: str) -> ReviewFlag:
    """Anyone signed in (but the author) asks a moderator to look at a review."""
    if not rules.can_flag(user, review):
        raise PermissionDenied(_("Masuk dulu untuk melaporkan ulasan; penulis tidak dapat melaporkan ulasannya sendiri."))
    reason = _reason(reason)
    if ReviewFlag.objects.filter(review=review, user=user).exists():
        raise TransitionNotAllowed(_("Anda sudah melaporkan ulasan ini."))
    flag = ReviewFlag.objects.create(review=review, user=user, kind=FlagReason.USER, reason=reason)
    audit_record(actor=user, action="review.flag", target=review, data={"reason": reason})
    return flag


def _resolve_flags(review: Review, user) -> int:
    return review.flags.filter(resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=user)


def _require_moderator(user) -> None:
    if not rules.can_moderate(user):
        raise PermissionDenied(_("Hanya admin kementerian yang boleh memoderasi ulasan."))


def _moderate(*, user, review: Review, reason: str, status: str, action: str, notice: str) -> Review:
    _require_moderator(user)
    reason = _reason(reason)
    review, innovation = _lock_review(review)
    if review.status == status:
        raise TransitionNotAllowed(
            _("Ulasan ini sudah berstatus \"%(status)s\".") % {"status": review.get_status_display()}
        )
    review.status = status
    review.moderation_reason = reason
    review.moderated_by = user
    review.moderated_at = timezone.now()
    review.save(update_fields=["status", "moderation_reason", "moderated_by", "moderated_at"])
    resolved = _resolve_flags(review, user)
    aggregates_refresh(innovation_id=innovation.pk)
    audit_record(actor=user, action=action, target=review, data={"reason": reason, "flags_resolved": resolved})
    notify_author(review=review, kind=notice, reason=reason)
    return review


@transaction.atomic
def review_hide(*, user, review: Review, reason: str) -> Review:
    """A ministry admin takes a review off the page; it leaves the aggregates and the author is told why."""
    return _moderate(
        user=user, review=review, reason=reason, status=ReviewStatus.HIDDEN, action="review.hide", notice=NoticeKind.HIDDEN
    )


@transaction.atomic
def review_restore(*, user, review: Review, reason: str) -> Review:
    return _moderate(
        user=user,
        review=review,
        reason=reason,
        status=ReviewStatus.VISIBLE,
        action="review.restore",
        notice=NoticeKind.RESTORED,
    )


@transaction.atomic
def review_dismiss_flags(*, user, review: Review, reason: str) -> int:
    """A ministry admin looked at the reports and keeps the review as it is."""
    _require_moderator(user)
    reason = _reason(reason)
    review = Review.objects.select_for_update().get(pk=review.pk)
    resolved = _resolve_flags(review, user)
    if not resolved:
        raise TransitionNotAllowed(_("Tidak ada laporan terbuka untuk ulasan ini."))
    audit_record(actor=user, action="review.dismiss_flags", target=review, data={"reason": reason, "count": resolved})
    return resolved


@transaction.atomic
def review_reply(*, user, review: Review, text: str) -> ReviewReply:
    """The innovation's agency answers publicly: one reply per review, which its verifiers may edit."""
    review = Review.objects.select_for_update().select_related("innovation", "reviewer").get(pk=review.pk)
    if not rules.can_reply(user, review):
        raise PermissionDenied(_("Hanya verifikator instansi pemilik inovasi yang boleh membalas ulasan."))
    if not review.is_visible:
        raise TransitionNotAllowed(_("Ulasan yang disembunyikan tidak dapat dibalas."))
    text = _clean_text(text, limit=settings.RATINGS_REPLY_MAX_CHARS, required=True)
    reply = ReviewReply.objects.filter(review=review).first()
    if reply is None:
        reply = ReviewReply.objects.create(review=review, agency_id=review.innovation.agency_id, author=user, text=text)
        audit_record(actor=user, action="review.reply", target=review, data={"text": text})
        notify_author(review=review, kind=NoticeKind.REPLIED, reason=text)
    else:
        reply.text, reply.author, reply.updated_at = text, user, timezone.now()
        reply.save(update_fields=["text", "author", "updated_at"])
        audit_record(actor=user, action="review.reply_edit", target=review, data={"text": text})
    return reply


# --- The implementer badge ---------------------------------------------------------------------


@transaction.atomic
def review_refresh_implementer(*, innovation_id: int, adopter_id: int, stage: str) -> int:
    """Set or clear the badge of the reviews written for the adopter (or agencies below it).

    Called by the replication signal after a project's stage changed; returns how
    many reviews changed.
    """
    adopter = Agency.objects.filter(pk=adopter_id).first()
    if adopter is None:
        return 0
    reviews = Review.objects.select_for_update().filter(
        innovation_id=innovation_id, reviewer_agency_id__in=[adopter.pk, *adopter.descendant_ids()]
    ).select_related("reviewer_agency")
    changed = 0
    for review in reviews:
        # Every review here is of the adopter or an agency below it, so the adopter's stage covers them all.
        implements = stage in IMPLEMENTER_STAGES or agency_implements(
            innovation_id=innovation_id, agency=review.reviewer_agency
        )
        if implements != review.is_implementer:
            review.is_implementer = implements
            review.save(update_fields=["is_implementer"])
            audit_record(
                actor=None,
                action="review.implementer",
                target=review,
                data={"implementer": implements, "adopter": adopter.code, "stage": stage},
            )
            changed += 1
    return changed


# --- Drift repair and the Bayesian prior (ratings_recompute) ------------------------------------


def aggregates_find_drift(*, batch_size: int = 2000) -> list[tuple[int, list[str]]]:
    """[(innovation_id, [names of the fields that differ])] for every innovation whose stored
    aggregates are not what its visible reviews give. Read-only."""
    prior = aggregates.prior_mean()
    sums = aggregates.sums_by_innovation()
    drift = []
    rows = Innovation.objects.order_by("pk").values("pk", *aggregates.FIELDS)
    for row in rows.iterator(chunk_size=batch_size):
        expected = aggregates.values_from_sums(sums.get(row["pk"], aggregates.Sums()), prior=prior)
        fields = aggregates.differing_fields(row, expected)
        if fields:
            drift.append((row["pk"], fields))
    return drift


def aggregates_repair(*, innovation_ids: list[int]) -> int:
    """Recompute the listed innovations, each in its own locked transaction; returns how many."""
    for innovation_id in innovation_ids:
        with transaction.atomic():
            innovation = Innovation.objects.select_for_update().filter(pk=innovation_id).first()
            if innovation is None:
                continue
            before = {name: getattr(innovation, name) for name in aggregates.FIELDS}
            after = aggregates_refresh(innovation_id=innovation_id)
            audit_record(
                actor=None, action="ratings.repair", target=innovation, data={"before": before, "after": after}
            )
    return len(innovation_ids)


@transaction.atomic
def rating_prior_refresh() -> RatingPrior:
    """Store the catalog mean as the new prior and rewrite every Bayesian mean with it."""
    totals = Review.objects.visible().aggregate(
        n=Count("pk"), total=Sum(F("usefulness") + F("ease") + F("documentation"))
    )
    n = totals["n"] or 0
    mean = totals["total"] / (3 * n) if n else float(settings.RATINGS_BAYESIAN_DEFAULT_PRIOR)
    latest = RatingPrior.objects.order_by("-computed_at", "-pk").first()
    if latest is not None and latest.mean == mean and latest.review_count == n:
        return latest  # nothing changed since the last refresh: write nothing
    prior = RatingPrior.objects.create(mean=mean, review_count=n)
    weight = settings.RATINGS_BAYESIAN_WEIGHT
    # The same formula as aggregates.bayesian, evaluated by the database for every rated row at once.
    Innovation.objects.filter(review_count__gt=0).update(
        rating_bayesian=ExpressionWrapper(
            (Value(float(weight * mean)) + F("review_count") * F("rating_mean")) / (Value(float(weight)) + F("review_count")),
            output_field=FloatField(),
        )
    )
    audit_record(actor=None, action="ratings.prior", target=prior, data={"mean": mean, "reviews": n, "weight": weight})
    return prior
