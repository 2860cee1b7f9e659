"""One import: the uploaded file, its dry run, its confirmation and its outcome."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    VALIDATING = "validating", _("Sedang diperiksa")
    VALID = "valid", _("Siap diimpor")
    INVALID = "invalid", _("Ada kesalahan")
    IMPORTING = "importing", _("Sedang diimpor")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class ImportSource(models.TextChoices):
    ADMIN = "admin", _("Admin kementerian")
    PORTAL = "portal", _("Portal instansi")
    COMMAND = "command", _("Baris perintah")


class ImportJob(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    resource = models.CharField(_("data"), max_length=30)
    publish = models.BooleanField(_("langsung terbit"), default=False)
    file = models.FileField(_("berkas"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("nama berkas"), max_length=255)
    file_format = models.CharField(_("format"), max_length=10)
    row_count = models.PositiveIntegerField(_("jumlah baris"), default=0)
    source = models.CharField(_("asal"), max_length=20, choices=ImportSource.choices, default=ImportSource.ADMIN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diunggah oleh"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.VALIDATING)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    # {"new": n, "update": n, "skip": n, "invalid": n, "error": n}
    counts = models.JSONField(default=dict, blank=True)
    # [[spreadsheet row, column, message, value], ...]
    errors = models.JSONField(default=list, blank=True)
    # [[spreadsheet row, "new" | "update" | "skip" | "invalid" | "error", key, label], ...]
    preview = models.JSONField(default=list, blank=True)
    message = models.TextField(_("pesan"), blank=True)
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    validated_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("impor data")
        verbose_name_plural = _("impor data")

    def __str__(self):
        return f"{self.resource}: {self.original_name}"

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(self.progress_done * 100 / self.progress_total))

    @property
    def is_running(self) -> bool:
        return self.status in {ImportStatus.VALIDATING, ImportStatus.IMPORTING}

    @property
    def resource_label(self):
        from registry.imports.catalog import RESOURCES

        entry = RESOURCES.get(self.resource)
        return entry.label if entry else self.resource
