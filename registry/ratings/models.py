"""Peer reviews of innovations (DESIGN.md §2 "Review").

A verified civil servant of another agency scores an innovation 1–5 on three
criteria and may add a plain-text comment. One review per user per
innovation; an edit keeps the earlier version in ReviewVersion. Moderators
hide or restore a review with a reason; the innovation's agency may post one
public reply. The aggregates shown on the catalog live on the Innovation
(`review_count`, `rating_*`) and are written by services.py only.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.agencies.models import Agency
from registry.innovations.models import Innovation

SCORE_MIN, SCORE_MAX = 1, 5
SCORE_VALIDATORS = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
# (field name, label) of the three criteria, in display order.
CRITERIA = [
    ("usefulness", _("Manfaat")),
    ("ease", _("Kemudahan replikasi")),
    ("documentation", _("Kelengkapan dokumentasi")),
]
CRITERION_FIELDS = [name for name, _label in CRITERIA]


class ReviewStatus(models.TextChoices):
    VISIBLE = "visible", _("Tampil")
    HIDDEN = "hidden", _("Disembunyikan moderator")


class ReviewQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status=ReviewStatus.VISIBLE)


class Review(models.Model):
    innovation = models.ForeignKey(
        Innovation, verbose_name=_("inovasi"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pengulas"), on_delete=models.CASCADE, related_name="reviews"
    )
    # The agency on whose behalf the reviewer wrote: it decides the implementer badge.
    reviewer_agency = models.ForeignKey(
        Agency, verbose_name=_("instansi pengulas"), on_delete=models.PROTECT, related_name="reviews"
    )
    usefulness = models.PositiveSmallIntegerField(_("manfaat"), validators=SCORE_VALIDATORS)
    ease = models.PositiveSmallIntegerField(_("kemudahan replikasi"), validators=SCORE_VALIDATORS)
    documentation = models.PositiveSmallIntegerField(_("kelengkapan dokumentasi"), validators=SCORE_VALIDATORS)
    text = models.TextField(_("ulasan"), blank=True)
    # Set by the replication signal, never by the reviewer (see receivers.py).
    is_implementer = models.BooleanField(_("pelaksana replikasi"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.VISIBLE, db_index=True
    )
    moderation_reason = models.TextField(_("alasan moderasi"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(_("dimoderasi pada"), null=True, blank=True)
    version = models.PositiveIntegerField(_("versi"), default=1)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("diperbarui"), default=timezone.now)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-is_implementer", "-created_at", "-pk"]
        verbose_name = _("ulasan")
        verbose_name_plural = _("ulasan")
        constraints = [
            models.UniqueConstraint(fields=["innovation", "reviewer"], name="one_review_per_user_per_innovation"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": SCORE_MIN, f"{name}__lte": SCORE_MAX}), name=f"review_{name}_1_to_5"
                )
                for name in CRITERION_FIELDS
            ],
        ]
        indexes = [models.Index(fields=["innovation", "status"], name="review_innovation_status")]

    def __str__(self):
        return f"{self.reviewer} — {self.innovation}"

    @property
    def score(self) -> float:
        """The review's overall score: the mean of its three criteria."""
        return (self.usefulness + self.ease + self.documentation) / 3

    @property
    def is_visible(self) -> bool:
        return self.status == ReviewStatus.VISIBLE

    @property
    def is_edited(self) -> bool:
        return self.version > 1

    def scores(self):
        """(label, value) of each criterion, for templates."""
        return [(label, getattr(self, name)) for name, label in CRITERIA]


class ReviewVersion(models.Model):
    """What a review said before an edit replaced it (version 1 is the original)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versi"))
    usefulness = models.PositiveSmallIntegerField(_("manfaat"))
    ease = models.PositiveSmallIntegerField(_("kemudahan replikasi"))
    documentation = models.PositiveSmallIntegerField(_("kelengkapan dokumentasi"))
    text = models.TextField(_("ulasan"), blank=True)
    written_at = models.DateTimeField(_("ditulis pada"))
    replaced_at = models.DateTimeField(_("diganti pada"), default=timezone.now)

    class Meta:
        ordering = ["review", "number"]
        verbose_name = _("versi ulasan")
        verbose_name_plural = _("versi ulasan")
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="unique_review_version")]

    def __str__(self):
        return f"{self.review} v{self.number}"


class ReviewReply(models.Model):
    """The one public reply of the innovation's agency to a review."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="reply")
    agency = models.ForeignKey(Agency, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("balasan"))
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    updated_at = models.DateTimeField(_("diperbarui"), default=timezone.now)

    class Meta:
        verbose_name = _("balasan ulasan")
        verbose_name_plural = _("balasan ulasan")

    def __str__(self):
        return f"{self.agency} → {self.review}"


class FlagReason(models.TextChoices):
    USER = "user", _("Dilaporkan pengguna")
    LINK = "link", _("Berisi tautan")
    REPEATED = "repeated", _("Isi berulang")


class ReviewFlag(models.Model):
    """A report that a review needs a moderator's look; `user` is empty for automatic flags."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="review_flags"
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=FlagReason.choices, default=FlagReason.USER)
    reason = models.TextField(_("alasan"))
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    resolved_at = models.DateTimeField(_("ditangani pada"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("laporan ulasan")
        verbose_name_plural = _("laporan ulasan")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "user"], condition=Q(user__isnull=False), name="one_flag_per_user_per_review"
            ),
        ]
        indexes = [models.Index(fields=["resolved_at"], name="review_flag_open")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.review}"


class NoticeKind(models.TextChoices):
    HIDDEN = "hidden", _("Ulasan disembunyikan")
    RESTORED = "restored", _("Ulasan ditampilkan kembali")
    REPLIED = "replied", _("Ulasan dibalas")


class ReviewNotice(models.Model):
    """What the author is told about their review, shown in their portal (and sent by e-mail)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_notices"
    )
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("jenis"), max_length=10, choices=NoticeKind.choices)
    message = models.TextField(_("pesan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    read_at = models.DateTimeField(_("dibaca pada"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pemberitahuan ulasan")
        verbose_name_plural = _("pemberitahuan ulasan")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.recipient}"


class RatingPrior(models.Model):
    """The prior of the Bayesian mean: the catalog mean, refreshed on purpose, not on every review.

    Keeping it in one row (instead of recomputing the catalog mean on each
    review) means one innovation's aggregates depend only on its own reviews
    and this row, so `ratings_recompute --check` can compare them exactly.
    `ratings_recompute --refresh-prior` recomputes it and rewrites every
    Bayesian mean in one statement.
    """

    mean = models.FloatField(_("rerata katalog"))
    review_count = models.PositiveIntegerField(_("jumlah ulasan"), default=0)
    computed_at = models.DateTimeField(_("dihitung pada"), default=timezone.now)

    class Meta:
        verbose_name = _("prior penilaian")
        verbose_name_plural = _("prior penilaian")

    def __str__(self):
        return f"{self.mean:.3f} ({self.review_count})"
