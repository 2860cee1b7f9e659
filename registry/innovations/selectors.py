"""Read queries shared by the public site, the portal, the admin and the API."""

from django.db.models import Prefetch, QuerySet

from registry.agencies.permissions import agency_roles, is_ministry_admin
from registry.innovations.models import Innovation, ModerationStatus, Sector


def innovation_list_published() -> QuerySet[Innovation]:
    """Published innovations with what a catalog card needs, in a constant number of queries."""
    return (
        Innovation.objects.published()
        .select_related("agency", "province", "regency")
        .prefetch_related(Prefetch("sectors", queryset=Sector.objects.order_by("sort_order")))
    )


def innovation_get_published(*, slug: str) -> Innovation:
    return (
        Innovation.objects.published()
        .select_related("agency", "agency__parent", "province", "regency", "replicated_from")
        .prefetch_related("sectors", "sdgs", "tags", "indicators", "documents__document", "images__image")
        .get(slug=slug)
    )


def innovation_list_for_user(user) -> QuerySet[Innovation]:
    """Innovations the user may work on in the portal: their agencies' (all, for ministry admins).

    Views look objects up in this queryset, so another agency's record is a 404.
    """
    queryset = Innovation.objects.select_related("agency", "province", "regency")
    if is_ministry_admin(user):
        return queryset
    return queryset.filter(agency_id__in=list(agency_roles(user)))


def innovation_list_awaiting(user) -> QuerySet[Innovation]:
    """What the user's agencies' verifiers still have to approve or return."""
    verifier_of = [agency_id for agency_id, role in agency_roles(user).items() if role == "verifier"]
    queryset = Innovation.objects.filter(moderation_status=ModerationStatus.IN_MODERATION)
    if not is_ministry_admin(user):
        queryset = queryset.filter(agency_id__in=verifier_of)
    return queryset.select_related("agency").order_by("submitted_at")


def innovation_counts() -> dict[str, int]:
    from registry.agencies.models import Agency

    published = Innovation.objects.published()
    return {
        "innovations": published.count(),
        "agencies": Agency.objects.filter(innovations__live=True).distinct().count(),
        "regions": published.exclude(province__isnull=True).values("province").distinct().count(),
    }
