"""The catalog's filters, shared by the public catalog, the admin and the API.

Every parameter is a plain query-string value, so the filter state lives in
the URL and a filtered page can be bookmarked or shared.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from registry.geo.models import Province, Regency
from registry.innovations.models import Innovation, InnovationKind, LifecycleStage, Sdg, Sector


class InnovationFilter(django_filters.FilterSet):
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(), to_field_name="code", label=_("Provinsi"), empty_label=_("Semua provinsi")
    )
    regency = django_filters.ModelChoiceFilter(
        queryset=Regency.objects.all(), to_field_name="code", label=_("Kabupaten/kota"), empty_label=_("Semua kabupaten/kota")
    )
    sector = django_filters.ModelChoiceFilter(
        field_name="sectors",
        queryset=Sector.objects.all(),
        to_field_name="code",
        label=_("Sektor"),
        empty_label=_("Semua sektor"),
    )
    sdg = django_filters.ModelChoiceFilter(
        field_name="sdgs", queryset=Sdg.objects.all(), to_field_name="number", label=_("TPB/SDG"), empty_label=_("Semua TPB")
    )
    kind = django_filters.ChoiceFilter(choices=InnovationKind.choices, label=_("Jenis"), empty_label=_("Semua jenis"))
    digital = django_filters.BooleanFilter(field_name="is_digital", label=_("Digital"))
    stage = django_filters.ChoiceFilter(choices=LifecycleStage.choices, label=_("Tahap"), empty_label=_("Semua tahap"))
    year_from = django_filters.NumberFilter(field_name="year_implemented", lookup_expr="gte", label=_("Tahun dari"))
    year_to = django_filters.NumberFilter(field_name="year_implemented", lookup_expr="lte", label=_("Tahun sampai"))

    class Meta:
        model = Innovation
        fields = []
