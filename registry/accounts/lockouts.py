"""Login lock-outs (django-axes): which sign-ins are locked now, and releasing one.

A lock-out lifts by itself after settings.AXES_COOLOFF_TIME; a ministry admin may
release it earlier, for instance once the person has phoned in.
"""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.agencies.permissions import is_ministry_admin
from registry.audit.services import audit_record
from registry.core.exceptions import PermissionDenied, ValidationError


def active_lockouts():
    """Attempts that lock a username/address pair out right now, newest first."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


@transaction.atomic
def login_lockout_release(*, user, attempt_id: int) -> int:
    if not is_ministry_admin(user):
        raise PermissionDenied(_("Hanya admin kementerian yang boleh membuka kunci akun."))
    attempt = AccessAttempt.objects.filter(pk=attempt_id).first()
    if attempt is None:
        raise ValidationError(_("Kunci ini sudah tidak ada (mungkin sudah berakhir atau dibuka)."))
    removed = reset(ip=attempt.ip_address, username=attempt.username)
    audit_record(
        actor=user,
        action="account.lockout_release",
        target=attempt,
        data={"username": attempt.username, "ip_address": attempt.ip_address, "failures": attempt.failures_since_start},
    )
    return removed
