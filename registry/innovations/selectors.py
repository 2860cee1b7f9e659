"""Read queries shared by the public site, the portal, the admin and the API."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from registry.agencies.permissions import agency_roles, is_ministry_admin
from registry.audit.services import audit_events_for
from registry.innovations.compare import FieldChange, innovation_changes
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
        "regencies": published.exclude(regency__isnull=True).values("regency").distinct().count(),
    }


# --- The portal ---------------------------------------------------------------------------

# The status filters of "my agency's innovations". They may overlap: an innovation that is
# in the catalog while an edit waits is both "terbit" and "terbit dengan perubahan belum terbit".
PORTAL_STATUS_FILTERS = {
    "draft": (_("Draf"), Q(moderation_status=ModerationStatus.DRAFT)),
    "in_moderation": (_("Menunggu verifikasi"), Q(moderation_status=ModerationStatus.IN_MODERATION)),
    "returned": (_("Dikembalikan"), Q(moderation_status=ModerationStatus.RETURNED)),
    "published": (_("Terbit"), Q(live=True)),
    "unpublished": (_("Ditarik"), Q(moderation_status=ModerationStatus.UNPUBLISHED)),
    "pending_changes": (
        _("Terbit dengan perubahan belum terbit"),
        Q(live=True) & ~Q(moderation_status=ModerationStatus.PUBLISHED),
    ),
}


def innovation_list_for_portal(user, *, status: str = "", agency_id: int | None = None, query: str = ""):
    """The portal list: the user's scope, narrowed by status, agency and words of the title."""
    queryset = innovation_list_for_user(user)
    if status in PORTAL_STATUS_FILTERS:
        queryset = queryset.filter(PORTAL_STATUS_FILTERS[status][1])
    if agency_id:
        queryset = queryset.filter(agency_id=agency_id)
    for word in query.split()[:8]:
        queryset = queryset.filter(title__icontains=word)
    return queryset.order_by("-updated_at", "-pk")


def innovation_status_counts(user, *, agency_id: int | None = None) -> dict[str, int]:
    """How many of the user's innovations each status filter finds, in one query."""
    queryset = innovation_list_for_user(user)
    if agency_id:
        queryset = queryset.filter(agency_id=agency_id)
    totals = queryset.aggregate(
        all=Count("pk"), **{key: Count("pk", filter=condition) for key, (_label, condition) in PORTAL_STATUS_FILTERS.items()}
    )
    return totals


def innovation_get_draft(innovation: Innovation) -> Innovation:
    """The version being worked on: the latest revision (or the row when it has none)."""
    return innovation.get_latest_revision_as_object()


def innovation_last_published_revision(innovation: Innovation) -> Revision | None:
    if innovation.live_revision_id:
        return innovation.live_revision
    # Unpublishing clears live_revision; the audit log still says what was published last.
    event = (
        audit_events_for(innovation).filter(action="innovation.publish").order_by("-sequence").values("data").first()
    )
    revision_id = (event or {}).get("data", {}).get("revision")
    return innovation.revisions.filter(pk=revision_id).first() if revision_id else None


def innovation_published_version(innovation: Innovation) -> Innovation | None:
    """What the public sees (or saw last, if unpublished); None if it was never published."""
    if innovation.live:
        return innovation
    if innovation.first_published_at is None:
        return None
    revision = innovation_last_published_revision(innovation)
    return revision.as_object() if revision else None


def innovation_pending_changes(innovation: Innovation) -> list[FieldChange] | None:
    """Field-by-field changes of the draft against the published version (None if never published)."""
    published = innovation_published_version(innovation)
    if published is None:
        return None
    return innovation_changes(published, innovation_get_draft(innovation))


@dataclass(frozen=True)
class RevisionEntry:
    revision: Revision
    status: str
    is_live: bool
    is_latest: bool


# What an audit event naming a revision says about it, latest event first.
REVISION_EVENT_STATUS = {
    "innovation.publish": _("Diterbitkan"),
    "innovation.return": _("Dikembalikan"),
    "innovation.withdraw": _("Pengajuan ditarik"),
    "innovation.submit": _("Diajukan untuk verifikasi"),
}


def innovation_revision_history(innovation: Innovation) -> list[RevisionEntry]:
    """Every revision, newest first, with who saved it and what happened to it since."""
    revisions = list(innovation.revisions.select_related("user").order_by("-created_at", "-pk"))
    status_of: dict[int, str] = {}
    events = audit_events_for(innovation).filter(action__in=REVISION_EVENT_STATUS).order_by("-sequence")
    for action, data in events.values_list("action", "data"):
        revision_id = (data or {}).get("revision")
        if revision_id and revision_id not in status_of:
            status_of[revision_id] = REVISION_EVENT_STATUS[action]
    return [
        RevisionEntry(
            revision=revision,
            status=status_of.get(revision.pk, _("Draf")),
            is_live=revision.pk == innovation.live_revision_id and innovation.live,
            is_latest=revision.pk == innovation.latest_revision_id,
        )
        for revision in revisions
    ]


def innovation_get_revision(innovation: Innovation, *, revision_id: int) -> Revision:
    """One revision of this innovation (Revision.DoesNotExist for any other object's)."""
    return innovation.revisions.select_related("user").get(pk=revision_id)


def innovation_audit_events(innovation: Innovation):
    return audit_events_for(innovation).order_by("-sequence")
