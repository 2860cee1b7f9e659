from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from registry.agencies.permissions import agency_roles, is_ministry_admin, user_agencies
from registry.innovations.selectors import innovation_list_awaiting, innovation_list_for_user


@login_required
def dashboard(request):
    return TemplateResponse(
        request,
        "portal/dashboard.html",
        {
            "agencies": user_agencies(request.user),
            "roles": agency_roles(request.user),
            "is_ministry_admin": is_ministry_admin(request.user),
            "recent": innovation_list_for_user(request.user).order_by("-updated_at")[:10],
            "awaiting": innovation_list_awaiting(request.user)[:10],
        },
    )
