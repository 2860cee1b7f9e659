"""Two-factor sign-in of an account: who must use it, and every change to it.

A user's second factor is a confirmed django-otp TOTPDevice (an authenticator
app) plus a StaticDevice of ten single-use backup codes. Each change goes
through one function here, in one transaction, with an audit event, like every
other service (DESIGN.md §1).
"""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.agencies.permissions import is_ministry_admin
from registry.audit.services import audit_record
from registry.competitions.permissions import is_secretariat, judge_profile
from registry.core.exceptions import PermissionDenied, ValidationError

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Aplikasi autentikator"
BACKUP_DEVICE_NAME = "Kode cadangan"


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_required_for(user) -> bool:
    """Whether settings.REGISTRY_REQUIRE_2FA applies to this user's roles: ministry admins
    and anyone else who may open the Wagtail admin, the competition secretariat, judges."""
    if user is None or not user.is_authenticated:
        return False
    return bool(
        is_ministry_admin(user)
        or user.is_staff
        or user.has_perm("wagtailadmin.access_admin")
        or is_secretariat(user)
        or judge_profile(user) is not None
    )


def is_mandatory(user) -> bool:
    return bool(settings.REGISTRY_REQUIRE_2FA and is_required_for(user))


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device whose secret the enrolment page shows (made once, then reused)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def _new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def two_factor_enable(*, user, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the app with a code it shows; returns the backup codes (shown once)."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.user_id != user.pk:
        raise PermissionDenied(_("Perangkat ini bukan milik Anda."))
    if device.confirmed or has_device(user):
        raise ValidationError(_("Verifikasi dua langkah sudah aktif untuk akun ini."))
    if not device.verify_token(token):
        raise ValidationError(_("Kode tidak cocok. Periksa jam ponsel Anda dan masukkan kode yang sedang tampil."))
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    codes = _new_backup_codes(user)
    audit_record(actor=user, action="account.two_factor_enable", target=user, data={"device": device.pk})
    return codes


@transaction.atomic
def two_factor_backup_codes_regenerate(*, user) -> list[str]:
    if not has_device(user):
        raise ValidationError(_("Aktifkan verifikasi dua langkah terlebih dahulu."))
    codes = _new_backup_codes(user)
    audit_record(actor=user, action="account.two_factor_backup_codes", target=user, data={"count": len(codes)})
    return codes


@transaction.atomic
def two_factor_disable(*, user) -> None:
    if is_mandatory(user):
        raise PermissionDenied(_("Peran Anda mewajibkan verifikasi dua langkah; fitur ini tidak dapat dimatikan."))
    if not has_device(user):
        raise ValidationError(_("Verifikasi dua langkah tidak aktif untuk akun ini."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=user, action="account.two_factor_disable", target=user, data={})
