"""Innovations and their taxonomy.

An Innovation is a plain model with Wagtail's DraftStateMixin and RevisionMixin:
the database row holds the published (live) version, while drafts and every
edit are revisions. The public only ever reads rows with `live=True`; the
portal edits the latest revision. State changes live in services.py.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin

from registry.agencies.models import Agency
from registry.core.text import count_words
from registry.geo.models import Province, Regency

SUMMARY_MAX_WORDS = 200


class BilingualName(models.Model):
    """A seeded taxonomy term with its Indonesian and English names."""

    name = models.CharField(_("nama"), max_length=150)
    name_en = models.CharField(_("nama (Inggris)"), max_length=150, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class Sector(BilingualName):
    """Urusan pemerintahan (UU 23/2014) and the cross-cutting affairs of government."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("sektor")
        verbose_name_plural = _("sektor")


class Sdg(BilingualName):
    """One of the 17 Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(
        _("nomor"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("TPB/SDG")
        verbose_name_plural = _("TPB/SDG")

    def __str__(self):
        return f"{self.number}. {self.label}"


class Initiator(models.TextChoices):
    KEPALA_DAERAH = "kepala_daerah", _("Kepala daerah")
    DPRD = "dprd", _("Anggota DPRD")
    OPD = "opd", _("OPD / unit kerja")
    ASN = "asn", _("ASN")
    MASYARAKAT = "masyarakat", _("Masyarakat")


class InnovationForm(models.TextChoices):
    TATA_KELOLA = "tata_kelola", _("Inovasi tata kelola pemerintahan")
    PELAYANAN_PUBLIK = "pelayanan_publik", _("Inovasi pelayanan publik")
    LAINNYA = "lainnya", _("Inovasi lainnya")


class InnovationKind(models.TextChoices):
    PROSES = "proses", _("Proses")
    METODE = "metode", _("Metode")
    TEKNOLOGI = "teknologi", _("Teknologi")
    PRODUK = "produk", _("Produk")
    STRUKTUR = "struktur_organisasi", _("Struktur organisasi")
    KONSEPTUAL = "konseptual", _("Konseptual")
    HUBUNGAN = "hubungan", _("Hubungan")
    SDM = "sdm", _("Sumber daya manusia")


class LifecycleStage(models.TextChoices):
    INISIATIF = "inisiatif", _("Inisiatif")
    UJI_COBA = "uji_coba", _("Uji coba")
    PENERAPAN = "penerapan", _("Penerapan")


class ModerationStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    IN_MODERATION = "in_moderation", _("Menunggu verifikasi")
    RETURNED = "returned", _("Dikembalikan")
    PUBLISHED = "published", _("Terbit")
    UNPUBLISHED = "unpublished", _("Ditarik")


# The narrative sections, in the order the form and the detail page show them.
NARRATIVE_SECTIONS = [
    "problem",
    "novelty",
    "implementation_steps",
    "results",
    "resources",
    "sustainability",
    "replication_prerequisites",
    "enabling_factors",
    "hindering_factors",
]


class TaggedInnovation(TaggedItemBase):
    content_object = ParentalKey("innovations.Innovation", on_delete=models.CASCADE, related_name="tagged_items")


class InnovationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def for_agencies(self, agency_ids):
        return self.filter(agency_id__in=agency_ids)


class Innovation(DraftStateMixin, RevisionMixin, ClusterableModel):
    # --- Identity -------------------------------------------------------------
    title = models.CharField(_("judul"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=False)
    summary = models.TextField(
        _("ringkasan"), help_text=_("Paling banyak 200 kata: masalah, apa yang dilakukan, dan hasilnya.")
    )
    product = models.CharField(_("produk/keluaran inovasi"), max_length=500, blank=True)

    # --- Who and where ----------------------------------------------------------
    agency = models.ForeignKey(Agency, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="innovations")
    unit_name = models.CharField(_("unit pelaksana"), max_length=255, blank=True)
    province = models.ForeignKey(
        Province, verbose_name=_("provinsi"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    regency = models.ForeignKey(
        Regency, verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # --- Classification -----------------------------------------------------------
    initiator = models.CharField(_("penggagas"), max_length=20, choices=Initiator.choices, blank=True)
    form = models.CharField(_("bentuk inovasi"), max_length=20, choices=InnovationForm.choices, blank=True)
    is_digital = models.BooleanField(_("inovasi digital"), default=False)
    kind = models.CharField(_("jenis inovasi"), max_length=30, choices=InnovationKind.choices, blank=True)
    sectors = ParentalManyToManyField(Sector, verbose_name=_("sektor/urusan"), blank=True, related_name="innovations")
    sdgs = ParentalManyToManyField(Sdg, verbose_name=_("TPB/SDG"), blank=True, related_name="innovations")
    tags = ClusterTaggableManager(through=TaggedInnovation, verbose_name=_("label"), blank=True)

    # --- Lifecycle ------------------------------------------------------------------
    stage = models.CharField(
        _("tahap"), max_length=20, choices=LifecycleStage.choices, default=LifecycleStage.PENERAPAN
    )
    year_started = models.PositiveSmallIntegerField(
        _("tahun dimulai"), null=True, blank=True, validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    year_implemented = models.PositiveSmallIntegerField(
        _("tahun diterapkan"), null=True, blank=True, validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    implemented_on = models.DateField(_("tanggal mulai diterapkan"), null=True, blank=True)

    # --- Narrative sections (plain text) ---------------------------------------------------
    problem = models.TextField(_("masalah dan tujuan"), blank=True)
    novelty = models.TextField(_("kebaruan"), blank=True)
    implementation_steps = models.TextField(_("langkah penerapan"), blank=True)
    results = models.TextField(_("hasil dan manfaat"), blank=True)
    resources = models.TextField(_("sumber daya dan biaya"), blank=True)
    sustainability = models.TextField(_("keberlanjutan"), blank=True)
    replication_prerequisites = models.TextField(_("prasyarat replikasi"), blank=True)
    enabling_factors = models.TextField(_("faktor pendorong"), blank=True)
    hindering_factors = models.TextField(_("faktor penghambat"), blank=True)

    # --- Media and contact ---------------------------------------------------------------
    video_url = models.URLField(_("tautan video"), blank=True)
    contact_name = models.CharField(_("nama kontak unit"), max_length=150, blank=True)
    contact_email = models.EmailField(_("surel kontak"), blank=True)
    contact_phone = models.CharField(_("telepon kontak"), max_length=40, blank=True)

    # --- Provenance ---------------------------------------------------------------------
    replicated_from = models.ForeignKey(
        "self",
        verbose_name=_("replikasi dari"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replicas",
    )
    external_id = models.CharField(
        _("ID eksternal"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Kunci dari sistem asal, misalnya lan:52."),
    )
    source_note = models.TextField(_("sumber data"), blank=True)

    # --- Moderation (not part of revisions) ------------------------------------------------
    moderation_status = models.CharField(
        _("status"), max_length=20, choices=ModerationStatus.choices, default=ModerationStatus.DRAFT, db_index=True
    )
    moderation_comment = models.TextField(_("catatan verifikator"), blank=True)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    # --- Signals kept up to date by other apps (not part of revisions) -------------------------
    # Peer ratings (registry.ratings): count, means per criterion, distribution, Bayesian mean.
    review_count = models.PositiveIntegerField(default=0)
    rating_usefulness = models.FloatField(null=True, blank=True)
    rating_ease = models.FloatField(null=True, blank=True)
    rating_documentation = models.FloatField(null=True, blank=True)
    rating_mean = models.FloatField(null=True, blank=True)
    rating_bayesian = models.FloatField(null=True, blank=True, db_index=True)
    rating_distribution = models.JSONField(default=dict, blank=True)
    # Replications (registry.replication): projects of other agencies copying this one.
    replications_active = models.PositiveIntegerField(default=0)
    replications_completed = models.PositiveIntegerField(default=0)
    # Competition awards (registry.competitions).
    award_count = models.PositiveIntegerField(default=0)

    objects = InnovationQuerySet.as_manager()

    # Values that belong to the innovation as a whole, not to one revision:
    # publishing an older revision must never roll them back.
    NON_REVISIONED_FIELDS = [
        "agency_id",
        "external_id",
        "moderation_status",
        "moderation_comment",
        "submitted_at",
        "created_by_id",
        "created_at",
        "review_count",
        "rating_usefulness",
        "rating_ease",
        "rating_documentation",
        "rating_mean",
        "rating_bayesian",
        "rating_distribution",
        "replications_active",
        "replications_completed",
        "award_count",
        "replicated_from_id",
    ]

    class Meta:
        ordering = ["-first_published_at", "-pk"]
        verbose_name = _("inovasi")
        verbose_name_plural = _("inovasi")
        indexes = [
            models.Index(fields=["live", "-first_published_at"], name="innovation_live_recent"),
            models.Index(fields=["live", "year_implemented"], name="innovation_live_year"),
            models.Index(fields=["live", "province"], name="innovation_live_province"),
            models.Index(fields=["live", "regency"], name="innovation_live_regency"),
            models.Index(fields=["agency", "moderation_status"], name="innovation_agency_status"),
            # The portal lists innovations by last change (all of them, for ministry admins).
            models.Index(fields=["-updated_at"], name="innovation_recently_updated"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.regency_id and not self.province_id:
            self.province_id = self.regency.province_id
        if self.implemented_on:
            self.year_implemented = self.implemented_on.year
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if count_words(self.summary) > SUMMARY_MAX_WORDS:
            errors["summary"] = _("Ringkasan paling banyak %(max)d kata; sekarang %(count)d kata.") % {
                "max": SUMMARY_MAX_WORDS,
                "count": count_words(self.summary),
            }
        if self.regency_id and self.province_id and self.regency.province_id != self.province_id:
            errors["regency"] = _("Kabupaten/kota ini tidak berada di provinsi yang dipilih.")
        if self.year_started and self.year_implemented and self.year_started > self.year_implemented:
            errors["year_implemented"] = _("Tahun diterapkan tidak boleh sebelum tahun dimulai.")
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for field in self.NON_REVISIONED_FIELDS:
            setattr(obj, field, getattr(self, field))
        return obj

    @property
    def region(self):
        return self.regency or self.province

    @property
    def replication_total(self) -> int:
        return self.replications_active + self.replications_completed

    def narrative(self):
        """(label, text) for every non-empty narrative section, in display order."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in NARRATIVE_SECTIONS
            if getattr(self, name)
        ]


class OutcomeIndicator(Orderable):
    innovation = ParentalKey(Innovation, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indikator"), max_length=255)
    unit = models.CharField(_("satuan"), max_length=50, blank=True)
    baseline = models.DecimalField(_("nilai awal"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("tahun nilai awal"), null=True, blank=True)
    value = models.DecimalField(_("nilai capaian"), max_digits=18, decimal_places=4, null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("tahun capaian"), null=True, blank=True)
    note = models.CharField(_("keterangan/sumber data"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("indikator hasil")
        verbose_name_plural = _("indikator hasil")

    def __str__(self):
        return self.name

    @property
    def change_percent(self):
        """Change from baseline in percent, or None when it cannot be computed."""
        if self.baseline in (None, 0) or self.value is None:
            return None
        return float((self.value - self.baseline) / abs(self.baseline) * 100)


class InnovationDocument(Orderable):
    innovation = ParentalKey(Innovation, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("dokumen"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("judul"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")

    def __str__(self):
        return self.title or self.document.title


class InnovationImage(Orderable):
    innovation = ParentalKey(Innovation, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("gambar"), on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("keterangan"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("gambar")
        verbose_name_plural = _("gambar")

    def __str__(self):
        return self.caption or self.image.title
