"""Who may act for which agency.

Every service asks these functions before it writes; views use the querysets
below so that another agency's records are simply not found (404).
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from registry.agencies.models import Agency, Membership, MembershipRole

MINISTRY_ADMIN_GROUP = "Ministry admin"


def is_ministry_admin(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_registry_is_ministry_admin", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name=MINISTRY_ADMIN_GROUP).exists()
        user._registry_is_ministry_admin = cached
    return cached


def agency_roles(user) -> dict[int, str]:
    """{agency_id: role} of the user's verified memberships, cached on the user object."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, "_registry_agency_roles", None)
    if cached is None:
        cached = dict(
            Membership.objects.filter(user=user, is_verified=True, agency__is_active=True).values_list(
                "agency_id", "role"
            )
        )
        user._registry_agency_roles = cached
    return cached


def forget_cached_roles(user) -> None:
    for attribute in ("_registry_agency_roles", "_registry_is_ministry_admin"):
        if hasattr(user, attribute):
            delattr(user, attribute)


def role_in(user, agency: Agency | int) -> str | None:
    agency_id = agency if isinstance(agency, int) else agency.pk
    return agency_roles(user).get(agency_id)


def is_member(user, agency: Agency | int) -> bool:
    return role_in(user, agency) is not None


def is_verifier(user, agency: Agency | int) -> bool:
    return role_in(user, agency) == MembershipRole.VERIFIER


def require_member(user, agency: Agency | int) -> None:
    if not is_member(user, agency):
        raise PermissionDenied(_("Anda bukan anggota terverifikasi instansi ini."))


def require_verifier(user, agency: Agency | int) -> None:
    if not is_verifier(user, agency):
        raise PermissionDenied(_("Hanya verifikator instansi ini yang boleh melakukan tindakan ini."))


def user_agencies(user):
    return Agency.objects.filter(pk__in=list(agency_roles(user)))
