"""My agency's innovations: the list, one innovation's page, and the verifier's queue."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from cms.portal.innovations.access import innovation_view
from registry.agencies.permissions import is_ministry_admin, user_agencies
from registry.innovations.selectors import (
    PORTAL_STATUS_FILTERS,
    innovation_get_draft,
    innovation_list_awaiting,
    innovation_list_for_portal,
    innovation_pending_changes,
    innovation_status_counts,
)
from registry.innovations.services import can_edit, can_moderate

PAGE_SIZE = 20


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _page(request, queryset):
    page_obj = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return page_obj, query_without_page.urlencode()


@login_required
def innovation_list(request):
    agencies = list(user_agencies(request.user).order_by("name"))
    status = request.GET.get("status", "")
    status = status if status in PORTAL_STATUS_FILTERS else ""
    # Only an agency of the user's own narrows the list; anything else shows the whole scope.
    agency_id = _int_or_none(request.GET.get("instansi"))
    if agency_id not in {agency.pk for agency in agencies}:
        agency_id = None
    query = request.GET.get("q", "").strip()[:100]
    page_obj, query_without_page = _page(
        request, innovation_list_for_portal(request.user, status=status, agency_id=agency_id, query=query)
    )
    counts = innovation_status_counts(request.user, agency_id=agency_id)
    return TemplateResponse(
        request,
        "portal/innovations/list.html",
        {
            "agencies": agencies,
            "show_agency": is_ministry_admin(request.user) or len(agencies) > 1,
            "status": status,
            "agency_id": agency_id,
            "query": query,
            "status_filters": [(key, label, counts[key]) for key, (label, _q) in PORTAL_STATUS_FILTERS.items()],
            "total": counts["all"],
            "page_obj": page_obj,
            "innovations": page_obj.object_list,
            "query_without_page": query_without_page,
        },
    )


@login_required
def innovation_queue(request):
    page_obj, query_without_page = _page(request, innovation_list_awaiting(request.user))
    return TemplateResponse(
        request,
        "portal/innovations/queue.html",
        {"page_obj": page_obj, "innovations": page_obj.object_list, "query_without_page": query_without_page},
    )


@innovation_view()
def innovation_detail(request, innovation):
    changes = innovation_pending_changes(innovation) if innovation.live else None
    return TemplateResponse(
        request,
        "portal/innovations/detail.html",
        {
            "innovation": innovation,
            "draft": innovation_get_draft(innovation),
            "changes": changes,
            "can_edit": can_edit(request.user, innovation),
            "can_moderate": can_moderate(request.user, innovation),
        },
    )
