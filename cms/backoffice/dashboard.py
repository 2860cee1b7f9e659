"""The registry's panel on the admin home: what waits on whom, in a handful of queries."""

from django.db.models import Count
from django.urls import reverse
from wagtail.admin.ui.components import Component

from cms.backoffice.agencies import VERIFIER_MISSING
from registry.agencies.selectors import (
    agency_list_awaiting_verification,
    agency_list_without_verifier,
)
from registry.innovations.models import Innovation, ModerationStatus

TOP = 10


class RegistryDashboardPanel(Component):
    name = "registry_dashboard"
    order = 50
    template_name = "backoffice/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        rows = Innovation.objects.order_by().values("moderation_status").annotate(n=Count("pk"))
        counts = {row["moderation_status"]: row["n"] for row in rows}
        innovations_url = reverse("innovation:index")
        statuses = [
            {
                "label": label,
                "count": counts.get(value, 0),
                "url": f"{innovations_url}?moderation_status={value}",
            }
            for value, label in ModerationStatus.choices
        ]
        without_verifier = agency_list_without_verifier()
        return {
            "statuses": statuses,
            "total": sum(counts.values()),
            "awaiting": list(agency_list_awaiting_verification().only("pk", "name")[:TOP]),
            "awaiting_url": f"{innovations_url}?moderation_status={ModerationStatus.IN_MODERATION}",
            "without_verifier_count": without_verifier.count(),
            "without_verifier": list(without_verifier.only("pk", "name").order_by("name")[:TOP]),
            "without_verifier_url": f"{reverse('agency:index')}?verifier={VERIFIER_MISSING}&is_active=true",
        }
