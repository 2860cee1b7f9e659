"""The portal's home: what needs the user's attention first."""

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from registry.agencies.permissions import agency_roles, is_ministry_admin, user_agencies
from registry.innovations.models import ModerationStatus
from registry.innovations.selectors import (
    PORTAL_STATUS_FILTERS,
    innovation_list_awaiting,
    innovation_list_for_portal,
    innovation_status_counts,
)


@login_required
def dashboard(request):
    user = request.user
    counts = innovation_status_counts(user)
    awaiting = innovation_list_awaiting(user)
    return TemplateResponse(
        request,
        "portal/dashboard.html",
        {
            "agencies": user_agencies(user).order_by("name"),
            "roles": agency_roles(user),
            "is_ministry_admin": is_ministry_admin(user),
            "status_filters": [(key, label, counts[key]) for key, (label, _q) in PORTAL_STATUS_FILTERS.items()],
            "total": counts["all"],
            "returned": innovation_list_for_portal(user, status=ModerationStatus.RETURNED)[:10],
            "recent": innovation_list_for_portal(user)[:10],
            "awaiting": awaiting[:10],
            "awaiting_count": awaiting.count(),
        },
    )
