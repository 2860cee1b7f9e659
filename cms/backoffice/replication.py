"""Replication projects of every agency, for ministry staff: listing, filters, export, inspection, history.

Read-only here: a project moves between stages only through
`replication_transition` with its evidence, which ministry admins may also do
from the project's page in the portal (linked from each row). The export has
exactly the columns of ReplicationProjectResource, so an exported sheet can be
imported again, and it keeps the listing's filters.
"""

from collections import OrderedDict

import django_filters
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from cms.backoffice.readonly import ReadOnlyViewSetMixin
from cms.backoffice.views import AuditHistoryView, RegistryIndexView
from registry.agencies.models import Agency
from registry.geo.models import Province
from registry.innovations.models import Innovation
from registry.replication.models import ReplicationProject, ReplicationStage
from registry.replication.resources import ReplicationProjectResource


class ReplicationProjectFilterSet(WagtailFilterSet):
    stage = django_filters.ChoiceFilter(label=_("Tahap"), choices=ReplicationStage.choices, empty_label=_("Semua tahap"))
    province = django_filters.ModelChoiceFilter(
        label=_("Provinsi pereplikasi"), field_name="adopter__province", queryset=Province.objects.all(),
        empty_label=_("Semua provinsi"),
    )
    origin = django_filters.ModelChoiceFilter(
        label=_("Inovasi asal"), queryset=Innovation.objects.filter(replication_projects__isnull=False).distinct().order_by("title"),
        empty_label=_("Semua inovasi"),
    )
    adopter = django_filters.ModelChoiceFilter(
        label=_("Instansi pereplikasi"), queryset=Agency.objects.filter(replication_projects__isnull=False).distinct().order_by("name"),
        empty_label=_("Semua instansi"),
    )
    year = django_filters.NumberFilter(label=_("Tahun dimulai"), field_name="created_at__year")

    class Meta:
        model = ReplicationProject
        fields = []


class ReplicationProjectIndexView(RegistryIndexView):
    list_select_related = ("origin", "adopter", "adopter__province", "facilitator", "replica")

    @cached_property
    def resource(self):
        return ReplicationProjectResource()

    @cached_property
    def list_export(self):
        return [field.column_name for field in self.resource.get_export_fields()]

    @cached_property
    def export_headings(self):
        return {column: column for column in self.list_export}

    def to_row_dict(self, item):
        return OrderedDict(zip(self.list_export, self.resource.export_resource(item), strict=True))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(_("Buka di portal"), url=reverse("portal:replication_detail", args=[instance.pk]), icon_name="link", priority=20)
        )
        buttons.append(
            MenuItem(_("Riwayat"), url=reverse("replicationproject:history", args=[instance.pk]), icon_name="history", priority=25)
        )
        return buttons


class ReplicationProjectViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = ReplicationProject
    icon = "resubmit"
    menu_label = _("Proyek replikasi")
    index_view_class = ReplicationProjectIndexView
    history_view_class = AuditHistoryView
    filterset_class = ReplicationProjectFilterSet
    search_fields = ["local_name", "origin__title", "adopter__name", "adopter__code"]
    search_backend_name = None
    ordering = "-created_at"
    list_display = [
        Column("display_name", label=_("Replikasi"), accessor="display_name"),
        Column("origin", label=_("Inovasi asal"), accessor="origin", sort_key="origin__title"),
        Column("adopter", label=_("Pereplikasi"), accessor="adopter", sort_key="adopter__name"),
        Column("province", label=_("Provinsi"), accessor="adopter.province"),
        Column("stage", label=_("Tahap"), accessor="get_stage_display", sort_key="stage"),
        DateColumn("created_at", label=_("Dimulai"), sort_key="created_at"),
        DateColumn("last_activity_at", label=_("Aktivitas terakhir"), sort_key="last_activity_at"),
    ]
    export_filename = "proyek-replikasi"
    inspect_view_fields = [
        "origin", "adopter", "facilitator", "local_name", "stage", "stage_changed_at", "interest_statement",
        "adaptation_plan", "adaptations", "budget", "budget_source", "team", "planned_start", "planned_end",
        "agreement_signed_on", "implementation_started_on", "evaluation_summary", "stop_reason",
        "acknowledged_at", "mentoring_offered_at", "mentoring_note", "replica", "created_at", "last_activity_at",
    ]

    def get_extra_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            path(f"history/<{conv}:pk>/", self.history_view, name="history"),
            path(f"history-results/<{conv}:pk>/", self.history_results_view, name="history_results"),
        ]
