"""Read queries about agencies shared by the admin dashboard, the portal and the API."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from registry.agencies.models import Agency, Membership, MembershipRole
from registry.innovations.models import ModerationStatus


def verified_verifier_exists() -> Exists:
    """True for an agency with at least one verified verifier (an "Admin Lokal" who can approve)."""
    return Exists(Membership.objects.filter(agency=OuterRef("pk"), role=MembershipRole.VERIFIER, is_verified=True))


def agency_list_without_verifier() -> QuerySet[Agency]:
    """Active agencies nobody can approve for: their submissions wait on the ministry."""
    return (
        Agency.objects.filter(is_active=True)
        .annotate(has_verifier=verified_verifier_exists())
        .filter(has_verifier=False)
    )


def agency_list_awaiting_verification() -> QuerySet[Agency]:
    """Agencies with innovations waiting for verification, the longest queue first."""
    return (
        Agency.objects.annotate(
            awaiting=Count("innovations", filter=Q(innovations__moderation_status=ModerationStatus.IN_MODERATION))
        )
        .filter(awaiting__gt=0)
        .order_by("-awaiting", "name")
    )
