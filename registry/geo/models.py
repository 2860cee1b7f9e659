from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    """A province, keyed by its Kemendagri code ("33")."""

    code = models.CharField(_("kode Kemendagri"), max_length=2, primary_key=True)
    name = models.CharField(_("nama"), max_length=100, unique=True)
    bps_code = models.CharField(_("kode BPS"), max_length=4, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")

    def __str__(self):
        return self.name


class RegencyKind(models.TextChoices):
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class Regency(models.Model):
    """A kabupaten or kota, keyed by its Kemendagri code ("33.72")."""

    code = models.CharField(_("kode Kemendagri"), max_length=5, primary_key=True)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="regencies", verbose_name=_("provinsi")
    )
    name = models.CharField(_("nama"), max_length=100)
    kind = models.CharField(_("jenis"), max_length=10, choices=RegencyKind.choices)
    bps_code = models.CharField(_("kode BPS"), max_length=4, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")

    def __str__(self):
        return self.name
