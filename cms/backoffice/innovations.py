"""Innovations of every agency, for ministry staff: listing, export, inspection, history and moderation.

Innovations are read-only here. Their content is edited in the portal, where
`innovation_update` saves each edit as a new revision; publishing is
`innovation_approve`, which publishes the latest revision and sets the
moderation status in the same transaction. Wagtail's own edit view would write
the live row directly (generic views) or publish revisions behind the services'
back (snippet views), and the row, its revisions and its moderation status
would drift apart. So the admin offers explicit actions instead — approve,
return with a comment, unpublish with a reason, delete — each one a service.
"""

import django_filters
from django import forms
from django.db.models import Manager
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from cms.backoffice.readonly import ReadOnlyViewSetMixin
from cms.backoffice.views import (
    AuditHistoryView,
    RegistryIndexView,
    ServiceActionView,
    ServiceDeleteView,
)
from cms.public.models import CatalogPage
from registry.agencies.models import AgencyType
from registry.audit.services import audit_events_for
from registry.geo.models import Province
from registry.innovations import services
from registry.innovations.models import (
    NARRATIVE_SECTIONS,
    Innovation,
    InnovationKind,
    ModerationStatus,
    Sector,
)


class InnovationFilterSet(WagtailFilterSet):
    moderation_status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ModerationStatus.choices, empty_label=_("Semua status")
    )
    live = django_filters.BooleanFilter(label=_("Tayang di katalog"))
    province = django_filters.ModelChoiceFilter(
        label=_("Provinsi"), queryset=Province.objects.all(), empty_label=_("Semua provinsi")
    )
    agency_type = django_filters.ChoiceFilter(
        label=_("Jenis instansi"), field_name="agency__type", choices=AgencyType.choices, empty_label=_("Semua jenis")
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sektor"), field_name="sectors", queryset=Sector.objects.all(), empty_label=_("Semua sektor"), distinct=True
    )
    kind = django_filters.ChoiceFilter(label=_("Jenis inovasi"), choices=InnovationKind.choices, empty_label=_("Semua jenis"))
    year = django_filters.NumberFilter(label=_("Tahun diterapkan"), field_name="year_implemented")

    class Meta:
        model = Innovation
        fields = []


def _action_urls(innovation: Innovation) -> list[tuple[str, str, str]]:
    """(label, url, icon) of the moderation actions the innovation's state allows."""
    actions = []
    if innovation.moderation_status == ModerationStatus.IN_MODERATION:
        actions.append((_("Terbitkan"), reverse("innovation:approve", args=[innovation.pk]), "upload"))
        actions.append((_("Kembalikan ke pengusul"), reverse("innovation:return", args=[innovation.pk]), "undo"))
    if innovation.live:
        actions.append((_("Tarik dari katalog"), reverse("innovation:unpublish", args=[innovation.pk]), "cross"))
    return actions


# Long texts no listing column or export shows; left out so sorting 100k rows does not carry them.
_LISTING_DEFERRED = [*NARRATIVE_SECTIONS, "summary", "product", "source_note", "moderation_comment", "rating_distribution"]


class InnovationIndexView(RegistryIndexView):
    list_select_related = ("agency", "province", "regency")
    list_prefetch_related = ("sectors",)

    def get_base_queryset(self):
        return super().get_base_queryset().defer(*_LISTING_DEFERRED)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for priority, (label, url, icon) in enumerate(_action_urls(instance), start=1):
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        buttons.append(
            MenuItem(_("Riwayat"), url=reverse("innovation:history", args=[instance.pk]), icon_name="history", priority=25)
        )
        return buttons


# Shown after the model's own fields; they are relations the model does not list as fields.
_CHILD_RELATIONS = {
    "indicators": _("Indikator hasil"),
    "documents": _("Dokumen"),
    "images": _("Gambar"),
}


# Wagtail's draft and revision bookkeeping: listed after the innovation's own fields.
_WAGTAIL_STATE_FIELDS = {
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "go_live_at",
    "expire_at",
    "expired",
    "live_revision",
    "latest_revision",
}


def _inspect_fields() -> list[str]:
    """Every field of the model, so a field added later shows up here without a change."""
    names = [
        field.name
        for field in Innovation._meta.get_fields()
        if (field.concrete or field.many_to_many) and not field.auto_created and field.name != "id"
    ]
    own = [name for name in names if name not in _WAGTAIL_STATE_FIELDS]
    state = [name for name in names if name in _WAGTAIL_STATE_FIELDS]
    return ["id", *own, *_CHILD_RELATIONS, *state]


def _relation_names() -> set[str]:
    many = {field.name for field in Innovation._meta.get_fields() if field.many_to_many and not field.auto_created}
    return many | set(_CHILD_RELATIONS)


def _indicator_line(indicator) -> str:
    parts = [indicator.name]
    if indicator.baseline is not None or indicator.value is not None:
        parts.append(f"{indicator.baseline if indicator.baseline is not None else '–'} → {indicator.value if indicator.value is not None else '–'}")
    if indicator.unit:
        parts.append(indicator.unit)
    if indicator.year:
        parts.append(f"({indicator.year})")
    return " ".join(str(part) for part in parts)


def _public_url(innovation: Innovation) -> str:
    catalog = CatalogPage.objects.live().first()
    if catalog is None:
        return ""
    return catalog.url + catalog.reverse_subpage("detail", args=[innovation.slug])


class InnovationInspectView(generic.InspectView):
    """Every field of the latest revision (what a moderator approves), with its status, revisions and audit trail."""

    template_name = "backoffice/innovation_inspect.html"

    def get_object(self, queryset=None):
        innovation = generic.InspectView.get_object(self)
        self.row = innovation
        # The latest revision is what awaits approval; without one, the row is the content.
        return innovation.get_latest_revision_as_object()

    def get_fields(self):
        return _inspect_fields()

    def get_field_label(self, field_name, field):
        if field_name in _CHILD_RELATIONS:
            return _CHILD_RELATIONS[field_name]
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        if field_name == "indicators":
            return "; ".join(_indicator_line(row) for row in self.object.indicators.all()) or "-"
        value = getattr(self.object, field_name, None)
        if isinstance(value, Manager) or field_name in _relation_names():
            # Relations of a revision are in-memory stand-ins, not querysets.
            return ", ".join(str(item) for item in value.all()) or "-"
        if isinstance(value, bool):
            return _("Ya") if value else _("Tidak")
        if value is None or value == "":
            return "-"
        return super().get_field_display_value(field_name, field)

    @cached_property
    def header_buttons(self):
        return [HeaderButton(label, url=url, icon_name=icon) for label, url, icon in _action_urls(self.row)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        row = self.row
        context.update(
            {
                "innovation": row,
                "pending_changes": row.latest_revision_id is not None and row.latest_revision_id != row.live_revision_id,
                "revisions": row.revisions.select_related("user").order_by("-created_at", "-pk")[:20],
                "audit_events": audit_events_for(row).order_by("-sequence")[:20],
                "history_url": reverse("innovation:history", args=[row.pk]),
                "public_url": _public_url(row) if row.live else "",
            }
        )
        return context


class InnovationDeleteView(ServiceDeleteView):
    @property
    def confirmation_message(self):
        if self.object.first_published_at:
            return _(
                "Inovasi ini pernah terbit. Menghapusnya menghilangkan semua revisinya; "
                "menarik dari katalog biasanya lebih tepat. Tetap hapus?"
            )
        return super().confirmation_message

    def delete_with_service(self):
        services.innovation_delete(user=self.request.user, innovation=self.object)


class InnovationActionView(ServiceActionView):
    model = Innovation
    index_url_name = "innovation:index"
    next_url_name = "innovation:inspect"

    def get_queryset(self):
        return Innovation.objects.select_related("agency")


class InnovationApproveView(InnovationActionView):
    page_title = _("Terbitkan inovasi")
    confirmation_message = _("Revisi terbaru inovasi ini akan terbit di katalog publik.")
    submit_label = _("Ya, terbitkan")
    success_message = _("Inovasi '%(object)s' terbit.")

    def perform(self, form):
        self.object = services.innovation_approve(user=self.request.user, innovation=self.object)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Catatan untuk pengusul"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Apa yang perlu diperbaiki sebelum inovasi ini dapat diterbitkan."),
    )


class InnovationReturnView(InnovationActionView):
    form_class = ReturnForm
    page_title = _("Kembalikan ke pengusul")
    confirmation_message = _("Inovasi ini dikembalikan kepada instansinya untuk diperbaiki.")
    submit_label = _("Kembalikan")
    success_message = _("Inovasi '%(object)s' dikembalikan ke pengusul.")

    def perform(self, form):
        self.object = services.innovation_return(
            user=self.request.user, innovation=self.object, comment=form.cleaned_data["comment"]
        )


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan penarikan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Dicatat di jejak audit; riwayat dan revisi inovasi tetap tersimpan."),
    )


class InnovationUnpublishView(InnovationActionView):
    form_class = UnpublishForm
    page_title = _("Tarik dari katalog")
    confirmation_message = _("Inovasi ini tidak lagi tampil di katalog publik.")
    submit_label = _("Tarik dari katalog")
    submit_classname = "button serious"
    success_message = _("Inovasi '%(object)s' ditarik dari katalog.")

    def perform(self, form):
        self.object = services.innovation_unpublish(
            user=self.request.user, innovation=self.object, reason=form.cleaned_data["reason"]
        )


class InnovationViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = Innovation
    icon = "doc-full"
    menu_label = _("Inovasi")
    allowed_actions = frozenset({"view", "delete"})
    index_view_class = InnovationIndexView
    inspect_view_class = InnovationInspectView
    history_view_class = AuditHistoryView
    delete_view_class = InnovationDeleteView
    filterset_class = InnovationFilterSet
    search_fields = ["title", "agency__name", "agency__short_name", "external_id"]
    search_backend_name = None
    # Newest first by primary key: sorting 100k rows by a column without an index costs a second.
    ordering = "-pk"
    list_display = [
        "title",
        Column("agency", label=_("Instansi"), accessor="agency", sort_key="agency__name"),
        Column("province", label=_("Provinsi"), accessor="province", sort_key="province__name"),
        Column("moderation_status", label=_("Status"), accessor="get_moderation_status_display", sort_key="moderation_status"),
        BooleanColumn("live", label=_("Tayang"), sort_key="live"),
        Column("year_implemented", label=_("Tahun"), sort_key="year_implemented"),
        DateColumn("updated_at", label=_("Diperbarui"), sort_key="updated_at"),
    ]
    list_export = [
        "pk",
        "external_id",
        "slug",
        "title",
        "agency.code",
        "agency.name",
        "agency.get_type_display",
        "unit_name",
        "province.name",
        "regency.name",
        "get_kind_display",
        "get_form_display",
        "is_digital",
        "get_stage_display",
        "year_started",
        "year_implemented",
        "sectors",
        "get_moderation_status_display",
        "live",
        "first_published_at",
        "updated_at",
        "review_count",
        "rating_bayesian",
        "replications_active",
        "replications_completed",
        "award_count",
    ]
    export_headings = {
        "pk": _("ID"),
        "agency.code": _("Kode instansi"),
        "agency.name": _("Instansi"),
        "agency.get_type_display": _("Jenis instansi"),
        "province.name": _("Provinsi"),
        "regency.name": _("Kabupaten/kota"),
        "get_kind_display": _("Jenis inovasi"),
        "get_form_display": _("Bentuk inovasi"),
        "get_stage_display": _("Tahap"),
        "sectors": _("Sektor"),
        "get_moderation_status_display": _("Status"),
        "first_published_at": _("Pertama terbit"),
        "review_count": _("Jumlah ulasan"),
        "rating_bayesian": _("Nilai ulasan (Bayes)"),
        "replications_active": _("Replikasi berjalan"),
        "replications_completed": _("Replikasi selesai"),
        "award_count": _("Penghargaan"),
    }
    export_filename = "inovasi"

    def get_delete_view_kwargs(self, **kwargs):
        # Innovations are not in Wagtail's reference index, so there is no usage page to link to.
        return super().get_delete_view_kwargs(usage_url_name=None, **kwargs)

    def action_view(self, view_class):
        return self.construct_view(view_class)

    def get_extra_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            path(f"history/<{conv}:pk>/", self.history_view, name="history"),
            path(f"history-results/<{conv}:pk>/", self.history_results_view, name="history_results"),
            path(f"delete/<{conv}:pk>/", self.delete_view, name="delete"),
            path(f"approve/<{conv}:pk>/", self.action_view(InnovationApproveView), name="approve"),
            path(f"return/<{conv}:pk>/", self.action_view(InnovationReturnView), name="return"),
            path(f"unpublish/<{conv}:pk>/", self.action_view(InnovationUnpublishView), name="unpublish"),
        ]

