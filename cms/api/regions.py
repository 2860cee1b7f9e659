"""Read-only endpoints of the reference data: provinces, kab/kota and agencies.

    GET /api/v1/provinces/             GET /api/v1/provinces/{code}/
    GET /api/v1/regencies/?province=   GET /api/v1/regencies/{code}/
    GET /api/v1/agencies/?type=&province=&regency=&q=   GET /api/v1/agencies/{code}/
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from cms.api.conditional import ConditionalRetrieveMixin
from registry.agencies.models import Agency, AgencyType
from registry.geo.models import Province, Regency


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["code", "name", "bps_code"]


class RegencySerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province_id", help_text=_("Kode Kemendagri provinsi."))
    province_name = serializers.CharField(source="province.name")

    class Meta:
        model = Regency
        fields = ["code", "name", "kind", "province", "province_name", "bps_code"]


class AgencyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["code", "name", "short_name", "type"]


class AgencySerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province_id", allow_null=True)
    regency = serializers.CharField(source="regency_id", allow_null=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Agency
        fields = ["code", "name", "short_name", "type", "province", "regency", "parent", "website", "is_active"]


class ProvinceList(generics.ListAPIView):
    """Provinsi, urut kode Kemendagri."""

    permission_classes = [AllowAny]
    queryset = Province.objects.order_by("code")
    serializer_class = ProvinceSerializer


class ProvinceDetail(ConditionalRetrieveMixin, generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    queryset = Province.objects.all()
    serializer_class = ProvinceSerializer
    lookup_field = "code"


class RegencyFilter(django_filters.FilterSet):
    province = django_filters.CharFilter(field_name="province_id", help_text=_("Kode Kemendagri provinsi, misalnya 33."))
    kind = django_filters.ChoiceFilter(choices=Regency._meta.get_field("kind").choices)

    class Meta:
        model = Regency
        fields = []


class RegencyList(generics.ListAPIView):
    """Kabupaten dan kota, urut kode Kemendagri."""

    permission_classes = [AllowAny]
    queryset = Regency.objects.select_related("province").order_by("code")
    serializer_class = RegencySerializer
    filterset_class = RegencyFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]


class RegencyDetail(ConditionalRetrieveMixin, generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    queryset = Regency.objects.select_related("province")
    serializer_class = RegencySerializer
    lookup_field = "code"
    lookup_value_regex = r"\d{2}\.\d{2}"


class AgencyFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(choices=AgencyType.choices)
    province = django_filters.CharFilter(field_name="province_id", help_text=_("Kode Kemendagri provinsi."))
    regency = django_filters.CharFilter(field_name="regency_id", help_text=_("Kode Kemendagri kabupaten/kota."))
    q = django_filters.CharFilter(method="search", help_text=_("Cari pada nama, nama singkat atau kode."))

    class Meta:
        model = Agency
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value) | Q(code__icontains=value))


class AgencyList(generics.ListAPIView):
    """Instansi aktif, urut nama."""

    permission_classes = [AllowAny]
    queryset = Agency.objects.filter(is_active=True).select_related("parent").order_by("name", "pk")
    serializer_class = AgencySerializer
    filterset_class = AgencyFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]


class AgencyDetail(ConditionalRetrieveMixin, generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    queryset = Agency.objects.filter(is_active=True).select_related("parent")
    serializer_class = AgencySerializer
    lookup_field = "code"
