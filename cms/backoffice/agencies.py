"""Agencies in the admin: listing with filters and export; create, edit and delete through services."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cms.backoffice.permissions import MinistryPermissionPolicy
from cms.backoffice.views import (
    AuditHistoryView,
    RegistryIndexView,
    ServiceDeleteView,
    ServiceFormMixin,
)
from registry.agencies import services
from registry.agencies.models import Agency, AgencyType
from registry.agencies.selectors import verified_verifier_exists
from registry.geo.models import Province

VERIFIER_PRESENT, VERIFIER_MISSING = "ada", "belum"


class AgencyFilterSet(WagtailFilterSet):
    type = django_filters.ChoiceFilter(label=_("Jenis"), choices=AgencyType.choices, empty_label=_("Semua jenis"))
    province = django_filters.ModelChoiceFilter(
        label=_("Provinsi"), queryset=Province.objects.all(), empty_label=_("Semua provinsi")
    )
    is_active = django_filters.BooleanFilter(label=_("Aktif"))
    verifier = django_filters.ChoiceFilter(
        label=_("Verifikator"),
        choices=[(VERIFIER_PRESENT, _("Ada verifikator terverifikasi")), (VERIFIER_MISSING, _("Belum ada verifikator"))],
        empty_label=_("Semua"),
        method="filter_verifier",
    )

    class Meta:
        model = Agency
        fields = []

    def filter_verifier(self, queryset, name, value):
        queryset = queryset.annotate(_has_verifier=verified_verifier_exists())
        return queryset.filter(_has_verifier=(value == VERIFIER_PRESENT))


class AgencyForm(forms.ModelForm):
    website = forms.URLField(
        label=Agency._meta.get_field("website").verbose_name, required=False, assume_scheme="https"
    )

    class Meta:
        model = Agency
        fields = services.AGENCY_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Agency.objects.only("pk", "name").order_by("name")
        self.fields["regency"].queryset = self.fields["regency"].queryset.select_related("province")


class AgencyIndexView(RegistryIndexView):
    list_select_related = ("province", "regency", "parent")


class AgencyCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        data = {field: self.form.cleaned_data[field] for field in services.AGENCY_FIELDS}
        return services.agency_create(user=self.request.user, data=data)


class AgencyEditView(ServiceFormMixin, generic.EditView):
    def save_instance(self):
        data = {field: self.form.cleaned_data[field] for field in services.AGENCY_FIELDS}
        return services.agency_update(user=self.request.user, agency=self.object, data=data)


class AgencyDeleteView(ServiceDeleteView):
    def delete_with_service(self):
        services.agency_delete(user=self.request.user, agency=self.object)


class AgencyViewSet(ModelViewSet):
    model = Agency
    icon = "site"
    menu_label = _("Instansi")
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    form_class = AgencyForm
    index_view_class = AgencyIndexView
    add_view_class = AgencyCreateView
    edit_view_class = AgencyEditView
    delete_view_class = AgencyDeleteView
    history_view_class = AuditHistoryView
    filterset_class = AgencyFilterSet
    search_fields = ["name", "short_name", "code"]
    search_backend_name = None
    ordering = "name"
    list_display = [
        "name",
        "short_name",
        "code",
        Column("type", label=_("Jenis"), accessor="get_type_display", sort_key="type"),
        Column("province", label=_("Provinsi"), accessor="province", sort_key="province__name"),
        Column("parent", label=_("Instansi induk"), accessor="parent"),
        BooleanColumn("is_active", label=_("Aktif"), sort_key="is_active"),
    ]
    list_export = [
        "code",
        "name",
        "short_name",
        "get_type_display",
        "province.code",
        "province.name",
        "regency.code",
        "regency.name",
        "parent.code",
        "parent.name",
        "website",
        "email",
        "is_active",
    ]
    export_headings = {
        "code": _("Kode"),
        "name": _("Nama"),
        "short_name": _("Nama singkat"),
        "get_type_display": _("Jenis"),
        "province.code": _("Kode provinsi"),
        "province.name": _("Provinsi"),
        "regency.code": _("Kode kabupaten/kota"),
        "regency.name": _("Kabupaten/kota"),
        "parent.code": _("Kode instansi induk"),
        "parent.name": _("Instansi induk"),
        "website": _("Situs web"),
        "email": _("Surel"),
        "is_active": _("Aktif"),
    }
    export_filename = "instansi"
    inspect_view_fields = [*services.AGENCY_FIELDS, "created_at"]

    @property
    def permission_policy(self):
        return MinistryPermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return self.form_class

