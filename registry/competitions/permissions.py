"""Who may do what in a competition.

The secretariat (the Django group "Competition secretariat", plus ministry
admins) runs editions; judges act only on their own, non-conflicted
assignments; an agency's verifier submits and withdraws its entries.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from registry.agencies.permissions import is_ministry_admin, is_verifier

SECRETARIAT_GROUP = "Competition secretariat"


def is_secretariat(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_registry_is_secretariat", None)
    if cached is None:
        cached = is_ministry_admin(user) or user.groups.filter(name=SECRETARIAT_GROUP).exists()
        user._registry_is_secretariat = cached
    return cached


def require_secretariat(user) -> None:
    if not is_secretariat(user):
        raise PermissionDenied(_("Hanya sekretariat kompetisi yang boleh melakukan tindakan ini."))


def judge_profile(user):
    """The user's active JudgeProfile, or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    from registry.competitions.models import JudgeProfile

    cached = getattr(user, "_registry_judge_profile", False)
    if cached is False:
        cached = JudgeProfile.objects.filter(user=user, is_active=True).first()
        user._registry_judge_profile = cached
    return cached


def require_entry_verifier(user, entry_agency_id: int) -> None:
    if not is_verifier(user, entry_agency_id):
        raise PermissionDenied(_("Hanya verifikator instansi pengusul yang boleh melakukan tindakan ini."))
