"""Provinces and kab/kota: read-only reference lists (they come from Kemendagri's codes via `load_regions`)."""

import django_filters
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from cms.backoffice.readonly import ReadOnlyViewSetMixin
from cms.backoffice.views import RegistryIndexView
from registry.geo.models import Province, Regency, RegencyKind


class ProvinceIndexView(RegistryIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(regency_count=Count("regencies"))


class ProvinceViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = Province
    icon = "globe"
    menu_label = _("Provinsi")
    index_view_class = ProvinceIndexView
    search_fields = ["name", "code"]
    search_backend_name = None
    ordering = "code"
    list_display = [
        "name",
        "code",
        "bps_code",
        Column("regency_count", label=_("Kabupaten/kota"), sort_key="regency_count"),
    ]
    list_export = ["code", "name", "bps_code", "regency_count"]
    export_headings = {
        "code": _("Kode Kemendagri"),
        "name": _("Nama"),
        "bps_code": _("Kode BPS"),
        "regency_count": _("Jumlah kabupaten/kota"),
    }
    export_filename = "provinsi"
    inspect_view_fields = ["code", "name", "bps_code"]


class RegencyFilterSet(WagtailFilterSet):
    province = django_filters.ModelChoiceFilter(
        label=_("Provinsi"), queryset=Province.objects.all(), empty_label=_("Semua provinsi")
    )
    kind = django_filters.ChoiceFilter(label=_("Jenis"), choices=RegencyKind.choices, empty_label=_("Semua jenis"))

    class Meta:
        model = Regency
        fields = []


class RegencyIndexView(RegistryIndexView):
    list_select_related = ("province",)


class RegencyViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = Regency
    icon = "globe"
    menu_label = _("Kabupaten/kota")
    index_view_class = RegencyIndexView
    filterset_class = RegencyFilterSet
    search_fields = ["name", "code"]
    search_backend_name = None
    ordering = "code"
    list_display = [
        "name",
        "code",
        Column("kind", label=_("Jenis"), accessor="get_kind_display", sort_key="kind"),
        Column("province", label=_("Provinsi"), accessor="province", sort_key="province__name"),
        "bps_code",
    ]
    list_export = ["code", "name", "get_kind_display", "province.code", "province.name", "bps_code"]
    export_headings = {
        "code": _("Kode Kemendagri"),
        "name": _("Nama"),
        "get_kind_display": _("Jenis"),
        "province.code": _("Kode provinsi"),
        "province.name": _("Provinsi"),
        "bps_code": _("Kode BPS"),
    }
    export_filename = "kabupaten-kota"
    inspect_view_fields = ["code", "name", "kind", "province", "bps_code"]
