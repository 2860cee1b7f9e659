from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person: civil servant, judge, ministry staff or member of the public."""

    nip = models.CharField(
        _("NIP"), max_length=18, blank=True, help_text=_("Nomor induk pegawai, untuk ASN (tidak ditampilkan publik).")
    )
    phone = models.CharField(_("telepon"), max_length=40, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self):
        return self.get_full_name() or self.username
