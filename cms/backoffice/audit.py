"""The audit trail in the admin: searchable and exportable, never editable.

Audit events are append-only and hash-chained (registry.audit); this viewset
has no add, edit or delete URL, and its permission policy refuses those
actions even to superusers.
"""

import json

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from cms.backoffice.readonly import ReadOnlyViewSetMixin
from cms.backoffice.views import RegistryIndexView
from registry.audit.models import AuditEvent


def _distinct_values(field: str):
    def choices():
        values = AuditEvent.objects.order_by(field).values_list(field, flat=True).distinct()
        return [(value, value) for value in values]

    return choices


class AuditEventFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(
        label=_("Tindakan"), choices=_distinct_values("action"), empty_label=_("Semua tindakan")
    )
    target_type = django_filters.ChoiceFilter(
        label=_("Jenis objek"), choices=_distinct_values("target_type"), empty_label=_("Semua jenis")
    )

    class Meta:
        model = AuditEvent
        fields = []


def _as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class AuditEventIndexView(RegistryIndexView):
    # The event's data is exported as JSON, the form it is hashed in.
    custom_field_preprocess = {"data": {"csv": _as_json, "xlsx": _as_json}}


class AuditEventViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = AuditEvent
    icon = "list-ul"
    menu_label = _("Jejak audit")
    index_view_class = AuditEventIndexView
    filterset_class = AuditEventFilterSet
    search_fields = ["actor_label", "target_label", "target_id"]
    search_backend_name = None
    ordering = "-sequence"
    list_per_page = 50
    list_display = [
        "action",
        "sequence",
        "actor_label",
        "target_type",
        "target_label",
        DateColumn("created_at", label=_("Waktu"), sort_key="created_at"),
    ]
    list_export = [
        "sequence",
        "created_at",
        "actor_label",
        "action",
        "target_type",
        "target_id",
        "target_label",
        "data",
        "hash",
    ]
    export_filename = "jejak-audit"
    inspect_view_fields = [
        "sequence",
        "created_at",
        "actor_label",
        "action",
        "target_type",
        "target_id",
        "target_label",
        "data",
        "previous_hash",
        "hash",
    ]
