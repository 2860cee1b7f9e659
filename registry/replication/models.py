"""Replication projects: one agency (the adopter) copying another's innovation (the origin).

The stage machine and the evidence each stage needs live in stages.py; every
state change goes through services.py. A project that reaches evaluasi gets
its own Innovation (the replica, `replicated_from` = origin), which can itself
be replicated: that chain is the lineage.
"""

from datetime import datetime, time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.agencies.models import Agency
from registry.innovations.models import Innovation, OutcomeIndicator


class ReplicationStage(models.TextChoices):
    MINAT = "minat", _("Minat")
    KESEPAKATAN = "kesepakatan", _("Kesepakatan")
    ADAPTASI = "adaptasi", _("Adaptasi")
    IMPLEMENTASI = "implementasi", _("Implementasi")
    EVALUASI = "evaluasi", _("Evaluasi")
    BERLANJUT = "berlanjut", _("Berlanjut (melembaga)")
    DIHENTIKAN = "dihentikan", _("Dihentikan")


# The forward path; a project moves one step at a time and may be stopped
# (dihentikan) from any active stage.
STAGE_ORDER = [
    ReplicationStage.MINAT,
    ReplicationStage.KESEPAKATAN,
    ReplicationStage.ADAPTASI,
    ReplicationStage.IMPLEMENTASI,
    ReplicationStage.EVALUASI,
    ReplicationStage.BERLANJUT,
]
# Counted in Innovation.replications_active. Evaluasi is still active: the
# replica exists but has not yet proven it lasts; only berlanjut is completed.
ACTIVE_STAGES = STAGE_ORDER[:-1]
COMPLETED_STAGES = [ReplicationStage.BERLANJUT]
TERMINAL_STAGES = [ReplicationStage.BERLANJUT, ReplicationStage.DIHENTIKAN]


class ReplicationProjectQuerySet(models.QuerySet):
    def active(self):
        return self.filter(stage__in=ACTIVE_STAGES)

    def completed(self):
        return self.filter(stage__in=COMPLETED_STAGES)


class ReplicationProject(models.Model):
    origin = models.ForeignKey(
        Innovation,
        verbose_name=_("inovasi asal"),
        on_delete=models.PROTECT,
        related_name="replication_projects",
    )
    adopter = models.ForeignKey(
        Agency,
        verbose_name=_("instansi pereplikasi"),
        on_delete=models.PROTECT,
        related_name="replication_projects",
    )
    facilitator = models.ForeignKey(
        Agency,
        verbose_name=_("fasilitator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_replication_projects",
        help_text=_("Pendamping opsional, misalnya pemerintah provinsi atau kementerian."),
    )
    local_name = models.CharField(
        _("nama lokal replikasi"),
        max_length=255,
        blank=True,
        help_text=_("Nama inovasi di daerah pereplikasi, bila berbeda dari nama asalnya."),
    )
    stage = models.CharField(
        _("tahap"), max_length=20, choices=ReplicationStage.choices, default=ReplicationStage.MINAT, db_index=True
    )
    stage_changed_at = models.DateTimeField(_("tahap berubah pada"), default=timezone.now)

    # --- What the adopter plans and does -------------------------------------------------
    interest_statement = models.TextField(
        _("alasan minat"), blank=True, help_text=_("Masalah di daerah Anda yang ingin diselesaikan dengan inovasi ini.")
    )
    adaptation_plan = models.TextField(
        _("rencana adaptasi"), blank=True, help_text=_("Langkah, jadwal, dan penanggung jawab penerapan di daerah Anda.")
    )
    adaptations = models.TextField(
        _("perubahan dari inovasi asal"), blank=True, help_text=_("Apa yang disesuaikan dengan kondisi setempat, dan mengapa.")
    )
    budget = models.DecimalField(
        _("anggaran (Rp)"), max_digits=18, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    budget_source = models.CharField(_("sumber anggaran"), max_length=255, blank=True)
    team = models.TextField(_("tim pelaksana"), blank=True, help_text=_("Nama dan peran anggota tim, satu per baris."))
    planned_start = models.DateField(_("rencana mulai"), null=True, blank=True)
    planned_end = models.DateField(_("rencana selesai"), null=True, blank=True)
    agreement_signed_on = models.DateField(_("tanggal penandatanganan kesepakatan"), null=True, blank=True)
    implementation_started_on = models.DateField(_("tanggal mulai implementasi"), null=True, blank=True)
    evaluation_summary = models.TextField(_("ringkasan evaluasi"), blank=True)
    stop_reason = models.TextField(_("alasan dihentikan"), blank=True)

    # --- The origin agency's answer ---------------------------------------------------------
    acknowledged_at = models.DateTimeField(_("ditanggapi pada"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mentoring_offered_at = models.DateTimeField(_("pendampingan ditawarkan pada"), null=True, blank=True)
    mentoring_offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mentoring_note = models.TextField(_("tawaran pendampingan"), blank=True)

    # --- Lineage -------------------------------------------------------------------------------
    replica = models.OneToOneField(
        Innovation,
        verbose_name=_("inovasi replika"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replica_project",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dimulai"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    # Any recorded work (an edit, a document, a monitoring update, a stage change);
    # the reminder command looks for projects where it is older than 90 days.
    last_activity_at = models.DateTimeField(_("aktivitas terakhir"), default=timezone.now, db_index=True)

    objects = ReplicationProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proyek replikasi")
        verbose_name_plural = _("proyek replikasi")
        constraints = [
            # One open (or completed) project per adopter and origin; after a stop it may try again.
            models.UniqueConstraint(
                fields=["origin", "adopter"],
                condition=~Q(stage="dihentikan"),
                name="replication_one_open_project_per_adopter",
            ),
        ]
        indexes = [models.Index(fields=["origin", "stage"], name="replication_origin_stage")]

    def __str__(self):
        return f"{self.display_name} — {self.adopter.name}"

    @property
    def display_name(self) -> str:
        return self.local_name or self.origin.title

    @property
    def started_on(self):
        """The local date the project was started (part of its natural key in spreadsheets)."""
        return timezone.localtime(self.created_at).date() if self.created_at else None

    @started_on.setter
    def started_on(self, value):
        if value is not None:
            self.created_at = timezone.make_aware(datetime.combine(value, time(8, 0)))

    @property
    def is_active(self) -> bool:
        return self.stage in ACTIVE_STAGES

    @property
    def is_stopped(self) -> bool:
        return self.stage == ReplicationStage.DIHENTIKAN


class ReplicationStageChange(models.Model):
    """One dated, attributed step of the timeline (the creation is the first, to minat)."""

    project = models.ForeignKey(ReplicationProject, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("dari tahap"), max_length=20, choices=ReplicationStage.choices, blank=True)
    to_stage = models.CharField(_("ke tahap"), max_length=20, choices=ReplicationStage.choices)
    changed_at = models.DateTimeField(_("waktu"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("perubahan tahap")
        verbose_name_plural = _("perubahan tahap")
        indexes = [models.Index(fields=["to_stage", "project"], name="replication_change_to_stage")]

    def __str__(self):
        return f"{self.get_from_stage_display() or '–'} → {self.get_to_stage_display()}"


class DocumentKind(models.TextChoices):
    LETTER_OF_INTEREST = "surat_minat", _("Surat minat")
    AGREEMENT = "kesepakatan", _("Kesepakatan (MoU/PKS) bertanda tangan")
    ADAPTATION_PLAN = "rencana_adaptasi", _("Rencana adaptasi")
    MONITORING_REPORT = "laporan_pemantauan", _("Laporan pemantauan")
    EVALUATION_REPORT = "laporan_evaluasi", _("Laporan evaluasi")
    OTHER = "lainnya", _("Lainnya")


class ReplicationDocument(models.Model):
    project = models.ForeignKey(ReplicationProject, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("jenis dokumen"), max_length=30, choices=DocumentKind.choices)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("berkas"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("judul"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("dokumen replikasi")
        verbose_name_plural = _("dokumen replikasi")

    def __str__(self):
        return self.title


class MonitoringUpdate(models.Model):
    """A milestone or progress report during implementation (also the project's milestones)."""

    project = models.ForeignKey(ReplicationProject, on_delete=models.CASCADE, related_name="monitoring_updates")
    reported_on = models.DateField(_("tanggal laporan"))
    milestone = models.CharField(_("tonggak/kegiatan"), max_length=255)
    progress = models.TextField(_("perkembangan dan kendala"), blank=True)
    percent_complete = models.PositiveSmallIntegerField(
        _("kemajuan (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("laporan pemantauan")
        verbose_name_plural = _("laporan pemantauan")

    def __str__(self):
        return self.milestone


class ReplicationOutcome(models.Model):
    """An outcome indicator of the replica, optionally paired with one of the origin's."""

    project = models.ForeignKey(ReplicationProject, on_delete=models.CASCADE, related_name="outcomes")
    origin_indicator = models.ForeignKey(
        OutcomeIndicator,
        verbose_name=_("indikator inovasi asal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("indikator"), max_length=255)
    unit = models.CharField(_("satuan"), max_length=50, blank=True)
    baseline = models.DecimalField(_("nilai awal"), max_digits=18, decimal_places=4, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=18, decimal_places=4, null=True, blank=True)
    actual = models.DecimalField(_("capaian"), max_digits=18, decimal_places=4, null=True, blank=True)
    note = models.CharField(_("keterangan/sumber data"), max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("indikator hasil replikasi")
        verbose_name_plural = _("indikator hasil replikasi")

    def __str__(self):
        return self.name

    @property
    def change_percent(self) -> float | None:
        """Change of the actual value from the baseline, in percent."""
        if self.baseline in (None, 0) or self.actual is None:
            return None
        return float((self.actual - self.baseline) / abs(self.baseline) * 100)


class ReplicationReminder(models.Model):
    """A reminder sent for a stretch of inactivity; unique per project, stretch and period."""

    project = models.ForeignKey(ReplicationProject, on_delete=models.CASCADE, related_name="reminders")
    inactive_since = models.DateTimeField(_("tidak aktif sejak"))
    period = models.PositiveSmallIntegerField(_("periode"), help_text=_("1 = 90 hari pertama tanpa pembaruan, 2 = 180 hari, ..."))
    sent_at = models.DateTimeField(_("dikirim"), default=timezone.now)
    recipients = models.JSONField(_("penerima"), default=list)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("pengingat replikasi")
        verbose_name_plural = _("pengingat replikasi")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "inactive_since", "period"], name="replication_reminder_once_per_period"
            )
        ]

    def __str__(self):
        return f"{self.project_id} #{self.period}"
