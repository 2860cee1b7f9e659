"""Competitions (KIPP-style editions), their rounds and rubrics, entries and judging.

Configuration is data: a Competition holds its groups, categories and rounds
(edited together in the Wagtail admin); a Round holds its rubric (criteria)
and per-category quotas. Entries freeze the innovation as submitted. Judging
rows (Assignment, Score) are written only by services.py; aggregated results
(EntryRoundResult) are computed by services from scoring.py.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from registry.agencies.models import Agency
from registry.geo.models import Province, Regency
from registry.innovations.models import Innovation, Sector


class GroupKind(models.TextChoices):
    UMUM = "umum", _("Umum")
    REPLIKASI = "replikasi", _("Replikasi")
    KHUSUS = "khusus", _("Khusus")


class Competition(ClusterableModel):
    year = models.PositiveSmallIntegerField(_("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    name = models.CharField(_("nama"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    regulation_reference = models.CharField(
        _("dasar hukum"), max_length=255, blank=True, help_text=_("Misalnya Peraturan Menteri PANRB yang mengatur edisi ini.")
    )
    description = models.TextField(_("keterangan"), blank=True)
    submission_opens = models.DateTimeField(_("pendaftaran dibuka"))
    submission_deadline = models.DateTimeField(_("batas pendaftaran"))
    min_months_implemented = models.PositiveSmallIntegerField(
        _("minimal bulan diterapkan"),
        default=12,
        help_text=_("Inovasi harus sudah diterapkan sekurang-kurangnya sekian bulan sebelum batas pendaftaran."),
    )
    exclude_recent_winners = models.PositiveSmallIntegerField(
        _("jeda bagi pemenang (edisi)"),
        default=0,
        help_text=_("Inovasi yang menang dalam sekian edisi terakhir tidak boleh ikut lagi (0 = tanpa batas)."),
    )
    objection_opens = models.DateTimeField(_("masa sanggah dibuka"), null=True, blank=True)
    objection_closes = models.DateTimeField(_("masa sanggah ditutup"), null=True, blank=True)
    finalists_published_at = models.DateTimeField(_("finalis diumumkan"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("hasil diumumkan"), null=True, blank=True)
    is_public = models.BooleanField(
        _("tampil di situs publik"), default=True, help_text=_("Edisi terlihat di halaman /kompetisi/.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("kompetisi")
        verbose_name_plural = _("kompetisi")

    def __str__(self):
        return self.name

    def clean(self):
        if self.submission_opens and self.submission_deadline and self.submission_opens >= self.submission_deadline:
            raise ValidationError({"submission_deadline": _("Batas pendaftaran harus setelah pendaftaran dibuka.")})
        if self.objection_opens and self.objection_closes and self.objection_opens >= self.objection_closes:
            raise ValidationError({"objection_closes": _("Masa sanggah harus ditutup setelah dibuka.")})

    def judged_rounds(self):
        return [r for r in self.rounds.all() if r.kind != RoundKind.ADMIN_CHECK]


class CompetitionGroup(Orderable):
    competition = ParentalKey(Competition, on_delete=models.CASCADE, related_name="groups")
    kind = models.CharField(_("jenis"), max_length=20, choices=GroupKind.choices, default=GroupKind.UMUM)
    name = models.CharField(_("nama"), max_length=150)
    quota_per_agency = models.PositiveSmallIntegerField(
        _("kuota per instansi"), default=3, help_text=_("Paling banyak sekian entri dari satu instansi di kelompok ini.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("kelompok")
        verbose_name_plural = _("kelompok")

    def __str__(self):
        return self.name


class Category(Orderable):
    competition = ParentalKey(Competition, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("nama"), max_length=150)
    winners = models.PositiveSmallIntegerField(
        _("jumlah pemenang"), default=3, help_text=_("Finalis terbaik sebanyak ini di kategori ini menjadi pemenang.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")

    def __str__(self):
        return self.name


class JudgeProfile(models.Model):
    """A judge: a user with an affiliation (for computed conflicts) and the sectors they know."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="judge_profile", verbose_name=_("pengguna")
    )
    institution = models.CharField(
        _("lembaga asal"), max_length=255, blank=True, help_text=_("Misalnya universitas atau organisasi profesi.")
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("instansi afiliasi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="judges",
        help_text=_("Instansi pemerintah tempat juri bekerja atau berafiliasi, bila ada."),
    )
    province = models.ForeignKey(
        Province, verbose_name=_("provinsi domisili"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    regency = models.ForeignKey(
        Regency, verbose_name=_("kabupaten/kota domisili"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sectors = models.ManyToManyField(Sector, verbose_name=_("sektor keahlian"), blank=True, related_name="+")
    max_assignments = models.PositiveIntegerField(
        _("beban maksimal per babak"), null=True, blank=True, help_text=_("Kosongkan bila tidak dibatasi.")
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__username"]
        verbose_name = _("juri")
        verbose_name_plural = _("juri")

    def __str__(self):
        return str(self.user)

    def save(self, *args, **kwargs):
        if self.regency_id and not self.province_id:
            self.province_id = self.regency.province_id
        super().save(*args, **kwargs)


class RoundKind(models.TextChoices):
    ADMIN_CHECK = "admin_check", _("Seleksi administrasi")
    DESK = "desk", _("Penilaian proposal (desk evaluation)")
    PRESENTATION = "presentation", _("Presentasi dan wawancara")
    FIELD = "field", _("Verifikasi lapangan")


class Aggregation(models.TextChoices):
    MEAN = "mean", _("Rata-rata")
    MEDIAN = "median", _("Median")
    TRIMMED_MEAN = "trimmed_mean", _("Rata-rata terpangkas")
    ZSCORE = "zscore", _("Normalisasi skor-z per juri")


class Advancement(models.TextChoices):
    TOP_N = "top_n", _("N teratas keseluruhan")
    TOP_N_PER_CATEGORY = "top_n_per_category", _("N teratas per kategori (dengan kuota)")
    THRESHOLD = "threshold", _("Nilai ambang")
    NONE = "none", _("Semua entri lolos")


class DisagreementAction(models.TextChoices):
    MODERATION = "moderation", _("Moderasi oleh sekretariat")
    ADD_JUDGE = "add_judge", _("Tambah satu juri")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Persiapan")
    SCORING = "scoring", _("Penilaian berjalan")
    CLOSED = "closed", _("Penilaian ditutup")
    DECIDED = "decided", _("Diputuskan")


class Round(Orderable, ClusterableModel):
    competition = ParentalKey(Competition, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(_("nama babak"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=20, choices=RoundKind.choices, default=RoundKind.DESK)
    judges_per_entry = models.PositiveSmallIntegerField(
        _("juri per entri"), default=2, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    is_blind = models.BooleanField(
        _("penilaian buta"), default=False, help_text=_("Juri tidak melihat instansi, wilayah, unit, dan orang pengusul.")
    )
    opens_at = models.DateTimeField(_("dibuka"), null=True, blank=True)
    deadline = models.DateTimeField(_("batas penilaian"), null=True, blank=True)
    aggregation = models.CharField(_("metode agregasi"), max_length=20, choices=Aggregation.choices, default=Aggregation.MEAN)
    trim_fraction = models.FloatField(
        _("porsi dipangkas tiap sisi"), default=0.2, validators=[MinValueValidator(0), MaxValueValidator(0.49)]
    )
    disagreement_threshold = models.FloatField(
        _("ambang perbedaan juri"),
        default=15.0,
        help_text=_("Simpangan baku nilai total antarjuri (skala 0–100) yang membuat entri ditandai."),
    )
    disagreement_action = models.CharField(
        _("tindakan bila berbeda jauh"),
        max_length=20,
        choices=DisagreementAction.choices,
        default=DisagreementAction.MODERATION,
    )
    advancement = models.CharField(_("aturan lolos"), max_length=30, choices=Advancement.choices, default=Advancement.TOP_N)
    advance_count = models.PositiveIntegerField(_("N (jumlah lolos)"), default=0)
    advance_threshold = models.FloatField(_("nilai ambang lolos"), default=0.0)
    weight = models.FloatField(
        _("bobot dalam nilai akhir"), default=0.0, validators=[MinValueValidator(0)],
        help_text=_("0 = babak ini tidak ikut menentukan nilai akhir."),
    )
    judges = ParentalManyToManyField(JudgeProfile, verbose_name=_("panel juri"), blank=True, related_name="rounds")
    status = models.CharField(_("status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    agreement_alpha = models.FloatField(_("alfa Krippendorff"), null=True, blank=True)
    aggregated_at = models.DateTimeField(_("dihitung pada"), null=True, blank=True)
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("hasil diumumkan"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("babak")
        verbose_name_plural = _("babak")

    def __str__(self):
        return f"{self.competition} — {self.name}"

    @property
    def is_judged(self) -> bool:
        return self.kind != RoundKind.ADMIN_CHECK

    def next_round(self):
        return self.competition.rounds.filter(sort_order__gt=self.sort_order).order_by("sort_order").first()


class Criterion(Orderable):
    round = ParentalKey(Round, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("kriteria"), max_length=150)
    weight = models.DecimalField(_("bobot"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    scale_min = models.PositiveSmallIntegerField(_("skala minimum"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("skala maksimum"), default=10)
    guidance = models.TextField(_("panduan penilaian"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("kriteria")
        verbose_name_plural = _("kriteria")

    def __str__(self):
        return f"{self.name} ({self.weight})"

    def clean(self):
        if self.scale_min is not None and self.scale_max is not None and self.scale_min >= self.scale_max:
            raise ValidationError({"scale_max": _("Skala maksimum harus lebih besar dari minimum.")})


class RoundCategoryQuota(Orderable):
    round = ParentalKey(Round, on_delete=models.CASCADE, related_name="category_quotas")
    category = models.ForeignKey(Category, verbose_name=_("kategori"), on_delete=models.CASCADE, related_name="+")
    quota = models.PositiveIntegerField(_("kuota lolos"))

    class Meta(Orderable.Meta):
        verbose_name = _("kuota kategori")
        verbose_name_plural = _("kuota kategori")


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Diajukan")
    ADMIN_FAILED = "admin_failed", _("Tidak lolos administrasi")
    IN_ROUND = "in_round", _("Dalam penilaian")
    ELIMINATED = "eliminated", _("Tidak lolos")
    FINALIST = "finalist", _("Finalis")
    WINNER = "winner", _("Pemenang")
    NOT_AWARDED = "not_awarded", _("Tidak menjadi pemenang")
    WITHDRAWN = "withdrawn", _("Ditarik")


class Entry(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.PROTECT, related_name="entries", verbose_name=_("kompetisi"))
    group = models.ForeignKey(CompetitionGroup, on_delete=models.PROTECT, related_name="entries", verbose_name=_("kelompok"))
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="entries", verbose_name=_("kategori"))
    innovation = models.ForeignKey(
        Innovation, on_delete=models.PROTECT, related_name="competition_entries", verbose_name=_("inovasi")
    )
    # Who and where at submission time: conflicts are computed from these.
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="competition_entries", verbose_name=_("instansi"))
    province = models.ForeignKey(Province, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    replication_project = models.ForeignKey(
        "replication.ReplicationProject",
        verbose_name=_("proyek replikasi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="competition_entries",
    )
    code = models.CharField(_("nomor entri"), max_length=32, unique=True, null=True, blank=True)
    # The innovation exactly as submitted (see snapshot.py); judges only ever see this.
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    snapshot = models.JSONField(_("salinan beku"), default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.SUBMITTED, db_index=True
    )
    current_round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="current_entries", verbose_name=_("babak")
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField(_("diajukan pada"))
    withdrawn_at = models.DateTimeField(_("ditarik pada"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("alasan penarikan"), blank=True)
    final_score = models.FloatField(_("nilai akhir"), null=True, blank=True)
    final_rank = models.PositiveIntegerField(_("peringkat akhir"), null=True, blank=True)

    class Meta:
        ordering = ["competition", "code"]
        verbose_name = _("entri")
        verbose_name_plural = _("entri")
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "innovation"],
                condition=~Q(status="withdrawn"),
                name="competition_one_entry_per_innovation",
            ),
        ]
        indexes = [models.Index(fields=["competition", "status"]), models.Index(fields=["current_round", "status"])]

    def __str__(self):
        return f"{self.code or self.pk} {self.snapshot.get('title', '')}".strip()

    @property
    def title(self) -> str:
        return self.snapshot.get("title", "")


class AdminFailReason(models.TextChoices):
    INCOMPLETE = "incomplete", _("Berkas atau isian tidak lengkap")
    TOO_RECENT = "too_recent", _("Belum cukup lama diterapkan")
    OUT_OF_SCOPE = "out_of_scope", _("Bukan inovasi pelayanan publik")
    NO_EVIDENCE = "no_evidence", _("Tidak ada bukti penerapan")
    DUPLICATE = "duplicate", _("Sama dengan entri lain")
    OTHER = "other", _("Lainnya (lihat catatan)")


class DecisionOutcome(models.TextChoices):
    PASSED = "passed", _("Lolos administrasi")
    FAILED = "failed", _("Tidak lolos administrasi")
    ADVANCED = "advanced", _("Lolos ke tahap berikutnya")
    ELIMINATED = "eliminated", _("Tidak lolos")
    WINNER = "winner", _("Pemenang")
    NOT_AWARDED = "not_awarded", _("Tidak menjadi pemenang")


class Decision(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="decisions")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, null=True, blank=True, related_name="decisions")
    outcome = models.CharField(_("keputusan"), max_length=20, choices=DecisionOutcome.choices)
    reasons = models.JSONField(_("alasan"), default=list, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(_("diputuskan pada"))

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("keputusan")
        verbose_name_plural = _("keputusan")

    def __str__(self):
        return f"{self.entry} — {self.get_outcome_display()}"

    def reason_labels(self) -> list[str]:
        labels = dict(AdminFailReason.choices)
        return [str(labels.get(code, code)) for code in self.reasons]


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", _("Belum dinilai")
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Terkirim")
    REOPENED = "reopened", _("Dibuka kembali")
    DECLINED = "declined", _("Konflik kepentingan")
    REMOVED = "removed", _("Dicabut")


ACTIVE_ASSIGNMENT = [AssignmentStatus.PENDING, AssignmentStatus.DRAFT, AssignmentStatus.SUBMITTED, AssignmentStatus.REOPENED]
EDITABLE_ASSIGNMENT = [AssignmentStatus.PENDING, AssignmentStatus.DRAFT, AssignmentStatus.REOPENED]


class AssignmentSource(models.TextChoices):
    AUTOMATIC = "auto", _("Otomatis")
    MANUAL = "manual", _("Manual")
    CSV = "csv", _("Impor CSV")


class Confidence(models.IntegerChoices):
    LOW = 1, _("Rendah")
    MEDIUM = 2, _("Sedang")
    HIGH = 3, _("Tinggi")


class Assignment(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("babak"))
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("entri"))
    judge = models.ForeignKey(JudgeProfile, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("juri"))
    status = models.CharField(
        _("status"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.PENDING, db_index=True
    )
    source = models.CharField(_("sumber"), max_length=10, choices=AssignmentSource.choices, default=AssignmentSource.AUTOMATIC)
    confidence = models.PositiveSmallIntegerField(_("tingkat keyakinan"), choices=Confidence.choices, null=True, blank=True)
    total = models.FloatField(_("nilai total juri"), null=True, blank=True)
    # sha256 of the submitted scores, also written into the audit chain (see integrity.py).
    digest = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)

    class Meta:
        ordering = ["round", "entry", "pk"]
        verbose_name = _("penugasan juri")
        verbose_name_plural = _("penugasan juri")
        constraints = [models.UniqueConstraint(fields=["round", "entry", "judge"], name="assignment_once_per_judge")]
        indexes = [models.Index(fields=["judge", "status"]), models.Index(fields=["round", "status"])]

    def __str__(self):
        return f"{self.entry} — {self.judge}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_ASSIGNMENT


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.DecimalField(_("nilai"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("komentar"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nilai")
        verbose_name_plural = _("nilai")
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="score_once_per_criterion")]

    def __str__(self):
        return f"{self.criterion.name}: {self.value}"


class ConflictDeclaration(models.Model):
    judge = models.ForeignKey(JudgeProfile, on_delete=models.CASCADE, related_name="declared_conflicts")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="declared_conflicts")
    reason = models.TextField(_("alasan"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pernyataan konflik kepentingan")
        verbose_name_plural = _("pernyataan konflik kepentingan")
        constraints = [models.UniqueConstraint(fields=["judge", "entry"], name="conflict_once_per_judge_entry")]

    def __str__(self):
        return f"{self.judge} — {self.entry}"


class EntryRoundResult(models.Model):
    """An entry's aggregated score in a round, as last computed (never a judge's own scores)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="round_results")
    score = models.FloatField(_("nilai"), null=True, blank=True)
    judge_count = models.PositiveSmallIntegerField(_("jumlah juri"), default=0)
    disagreement = models.FloatField(_("simpangan baku antarjuri"), default=0.0)
    flagged = models.BooleanField(_("ditandai"), default=False)
    flag_resolved = models.BooleanField(_("tanda diselesaikan"), default=False)
    flag_note = models.TextField(_("catatan moderasi"), blank=True)
    heaviest_criterion_score = models.FloatField(default=0.0)
    rank = models.PositiveIntegerField(_("peringkat"), null=True, blank=True)
    advanced = models.BooleanField(_("lolos"), null=True)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["round", "rank"]
        verbose_name = _("hasil babak")
        verbose_name_plural = _("hasil babak")
        constraints = [models.UniqueConstraint(fields=["round", "entry"], name="one_result_per_round_entry")]

    def __str__(self):
        return f"{self.entry} — {self.round.name}: {self.score}"

    @property
    def needs_moderation(self) -> bool:
        return self.flagged and not self.flag_resolved


class ObjectionStatus(models.TextChoices):
    RECEIVED = "received", _("Diterima, menunggu keputusan")
    UPHELD = "upheld", _("Dikabulkan")
    DISMISSED = "dismissed", _("Ditolak")


class Objection(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="objections", verbose_name=_("entri"))
    name = models.CharField(_("nama"), max_length=150)
    contact = models.CharField(_("kontak (surel atau telepon)"), max_length=150)
    reason = models.TextField(_("alasan sanggahan"))
    status = models.CharField(
        _("status"), max_length=20, choices=ObjectionStatus.choices, default=ObjectionStatus.RECEIVED, db_index=True
    )
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    created_at = models.DateTimeField(_("diterima pada"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sanggahan")
        verbose_name_plural = _("sanggahan")

    def __str__(self):
        return f"{self.entry} — {self.name}"
