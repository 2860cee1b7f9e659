from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.geo.models import Province, Regency


class AgencyType(models.TextChoices):
    KEMENTERIAN = "kementerian", _("Kementerian")
    LEMBAGA = "lembaga", _("Lembaga")
    PEMPROV = "pemprov", _("Pemerintah provinsi")
    PEMKAB = "pemkab", _("Pemerintah kabupaten")
    PEMKOT = "pemkot", _("Pemerintah kota")
    BUMN = "bumn", _("BUMN")
    BUMD = "bumd", _("BUMD")
    # Perangkat daerah, UPT or satuan kerja that sits under a pemda or ministry.
    UNIT = "unit", _("Unit kerja / perangkat daerah")
    OTHER = "lainnya", _("Lainnya (non-pemerintah)")


REGIONAL_TYPES = {AgencyType.PEMPROV, AgencyType.PEMKAB, AgencyType.PEMKOT, AgencyType.BUMD}


class Agency(models.Model):
    code = models.SlugField(
        _("kode"),
        max_length=80,
        unique=True,
        help_text=_("Kode tetap instansi, dipakai untuk impor dan API, misalnya pemkot-33-72."),
    )
    name = models.CharField(_("nama"), max_length=255)
    short_name = models.CharField(_("nama singkat"), max_length=80, blank=True)
    type = models.CharField(_("jenis"), max_length=20, choices=AgencyType.choices, db_index=True)
    province = models.ForeignKey(
        Province,
        verbose_name=_("provinsi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
    )
    regency = models.ForeignKey(
        Regency,
        verbose_name=_("kabupaten/kota"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("instansi induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    website = models.URLField(_("situs web"), blank=True)
    email = models.EmailField(_("surel"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")
        indexes = [models.Index(fields=["province", "type"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A kab/kota always implies its province, so filters by province find it.
        if self.regency_id and not self.province_id:
            self.province_id = self.regency.province_id
        super().save(*args, **kwargs)

    def ancestor_ids(self) -> list[int]:
        ids, current, seen = [], self.parent, {self.pk}
        while current is not None and current.pk not in seen:
            ids.append(current.pk)
            seen.add(current.pk)
            current = current.parent
        return ids

    def descendant_ids(self) -> list[int]:
        ids, frontier = [], [self.pk]
        while frontier:
            frontier = list(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            frontier = [pk for pk in frontier if pk not in ids and pk != self.pk]
            ids.extend(frontier)
        return ids

    def related_ids(self) -> set[int]:
        """This agency with every agency above or below it (for conflicts of interest)."""
        return {self.pk, *self.ancestor_ids(), *self.descendant_ids()}


class MembershipRole(models.TextChoices):
    SUBMITTER = "submitter", _("Pengusul")
    # The "Admin Lokal" who approves what the agency publishes.
    VERIFIER = "verifier", _("Verifikator")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("pengguna")
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("instansi"))
    role = models.CharField(_("peran"), max_length=20, choices=MembershipRole.choices)
    is_verified = models.BooleanField(
        _("terverifikasi"),
        default=False,
        help_text=_("Keanggotaan yang sudah diperiksa; hanya anggota terverifikasi yang dapat bertindak atas nama instansi."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} — {self.agency} ({self.get_role_display()})"
