"""Innovation endpoints beside the search list (cms/api/search.py):

    GET   /api/v1/innovations/{slug}/          one published innovation (ETag, Last-Modified)
    GET   /api/v1/agency/innovations/          the caller's agencies' innovations, every status
    POST  /api/v1/agency/innovations/          create a draft for one of the caller's agencies
    GET   /api/v1/agency/innovations/{id}/     the version being worked on (latest revision)
    PATCH /api/v1/agency/innovations/{id}/     edit: a new draft revision

The /agency/ endpoints need a token (`Authorization: Token <key>`) of a verified
member of the agency, typically a service account of the agency's own system.
Writes go through registry.innovations.services (innovation_create /
innovation_update), exactly as the portal does: drafts only; publishing stays
with the agency's verifier in the portal.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from cms.api.conditional import ConditionalRetrieveMixin
from cms.api.regions import AgencyRefSerializer
from registry.agencies.models import Agency
from registry.agencies.permissions import agency_roles
from registry.geo.models import Province, Regency
from registry.innovations import services
from registry.innovations.models import (
    NARRATIVE_SECTIONS,
    Initiator,
    Innovation,
    InnovationForm,
    InnovationKind,
    LifecycleStage,
    ModerationStatus,
    Sdg,
    Sector,
)
from registry.innovations.selectors import innovation_get_published, innovation_list_for_user

CONTENT_FIELDS = [
    "title", "summary", "product", "unit_name", "initiator", "form", "is_digital", "kind", "stage",
    "year_started", "year_implemented", "implemented_on", *NARRATIVE_SECTIONS, "video_url",
    "contact_name", "contact_email", "contact_phone",
]  # fmt: skip


class IndicatorSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    unit = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    baseline = serializers.DecimalField(max_digits=18, decimal_places=4, required=False, allow_null=True, default=None)
    baseline_year = serializers.IntegerField(min_value=1900, max_value=2100, required=False, allow_null=True, default=None)
    value = serializers.DecimalField(max_digits=18, decimal_places=4, required=False, allow_null=True, default=None)
    year = serializers.IntegerField(min_value=1900, max_value=2100, required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class RegionRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class SectorRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class SdgRefSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()


class InnovationContentSerializer(serializers.ModelSerializer):
    """What an innovation says, shared by the public detail and the agency's own view."""

    agency = AgencyRefSerializer()
    province = RegionRefSerializer(allow_null=True)
    regency = RegionRefSerializer(allow_null=True)
    sectors = SectorRefSerializer(many=True)
    sdgs = SdgRefSerializer(many=True)
    indicators = IndicatorSerializer(many=True)
    # Optional values are "" when empty: say so in the schema rather than promise a URL or a choice.
    initiator = serializers.ChoiceField(choices=Initiator.choices, allow_blank=True)
    form = serializers.ChoiceField(choices=InnovationForm.choices, allow_blank=True)
    kind = serializers.ChoiceField(choices=InnovationKind.choices, allow_blank=True)
    video_url = serializers.CharField(help_text=gettext_lazy("URL, atau kosong."))
    contact_email = serializers.CharField(help_text=gettext_lazy("Alamat surel, atau kosong."))

    class Meta:
        model = Innovation
        fields = ["id", "slug", "external_id", "agency", "province", "regency", *CONTENT_FIELDS, "sectors", "sdgs", "indicators"]
        read_only_fields = fields


class InnovationDetailSerializer(InnovationContentSerializer):
    replicated_from = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    tags = serializers.SerializerMethodField()

    class Meta(InnovationContentSerializer.Meta):
        fields = [
            *InnovationContentSerializer.Meta.fields, "tags", "replicated_from", "review_count", "rating_mean",
            "rating_bayesian", "replications_active", "replications_completed", "award_count",
            "first_published_at", "last_published_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_tags(self, innovation) -> list[str]:
        return sorted(tag.name for tag in innovation.tags.all())


class InnovationDetail(ConditionalRetrieveMixin, generics.RetrieveAPIView):
    """Satu inovasi terbit, dengan ETag dan Last-Modified (304 bila tidak berubah)."""

    permission_classes = [AllowAny]
    serializer_class = InnovationDetailSerializer
    lookup_field = "slug"

    def get_object(self):
        try:
            return innovation_get_published(slug=self.kwargs["slug"])
        except Innovation.DoesNotExist:
            raise Http404 from None

    def last_modified(self, innovation):
        # The later of the two: a new publication, or a change to the row (aggregates, awards).
        return max(filter(None, [innovation.last_published_at, innovation.updated_at]), default=None)


# --- The agency's own innovations ----------------------------------------------------------------
class OwnInnovationSerializer(InnovationContentSerializer):
    moderation_status = serializers.ChoiceField(choices=ModerationStatus.choices, read_only=True)
    live = serializers.BooleanField(read_only=True, help_text=gettext_lazy("Versi terbit ada di katalog publik."))
    moderation_comment = serializers.CharField(read_only=True)

    class Meta(InnovationContentSerializer.Meta):
        fields = [*InnovationContentSerializer.Meta.fields, "moderation_status", "moderation_comment", "live", "updated_at"]
        read_only_fields = fields


class InnovationWriteSerializer(serializers.Serializer):
    """Fields an agency's system may send; on PATCH every field is optional."""

    agency = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.all(), required=False,
        help_text=gettext_lazy("Kode instansi; wajib bila token milik anggota beberapa instansi. Hanya saat membuat."),
    )  # fmt: skip
    external_id = serializers.CharField(max_length=64, required=False, help_text=gettext_lazy("Kunci di sistem asal; hanya saat membuat."))
    title = serializers.CharField(max_length=255)
    summary = serializers.CharField()
    product = serializers.CharField(max_length=500, required=False, allow_blank=True)
    unit_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    province = serializers.SlugRelatedField(slug_field="code", queryset=Province.objects.all(), required=False, allow_null=True)
    regency = serializers.SlugRelatedField(slug_field="code", queryset=Regency.objects.all(), required=False, allow_null=True)
    initiator = serializers.ChoiceField(choices=Initiator.choices, required=False, allow_blank=True)
    form = serializers.ChoiceField(choices=InnovationForm.choices, required=False, allow_blank=True)
    is_digital = serializers.BooleanField(required=False)
    kind = serializers.ChoiceField(choices=InnovationKind.choices, required=False, allow_blank=True)
    stage = serializers.ChoiceField(choices=LifecycleStage.choices, required=False)
    year_started = serializers.IntegerField(min_value=1945, max_value=2100, required=False, allow_null=True)
    year_implemented = serializers.IntegerField(min_value=1945, max_value=2100, required=False, allow_null=True)
    implemented_on = serializers.DateField(required=False, allow_null=True)
    video_url = serializers.URLField(max_length=200, required=False, allow_blank=True)
    contact_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    contact_email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    sectors = serializers.SlugRelatedField(slug_field="code", queryset=Sector.objects.all(), many=True, required=False)
    sdgs = serializers.SlugRelatedField(slug_field="number", queryset=Sdg.objects.all(), many=True, required=False)
    indicators = IndicatorSerializer(many=True, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NARRATIVE_SECTIONS:
            self.fields[name] = serializers.CharField(required=False, allow_blank=True)

    def service_arguments(self) -> tuple[dict, list | None]:
        data = dict(self.validated_data)
        data.pop("agency", None)
        indicators = data.pop("indicators", None)
        if indicators is not None:
            indicators = [dict(item) for item in indicators]
        return data, indicators


def _single_agency(user, requested: Agency | None) -> Agency:
    if requested is not None:
        return requested
    agencies = list(agency_roles(user))
    if len(agencies) == 1:
        return Agency.objects.get(pk=agencies[0])
    raise serializers.ValidationError(
        {"agency": [_("Sebutkan kode instansi (token ini anggota beberapa instansi atau tidak satu pun).")]}
    )


@extend_schema_view(
    get=extend_schema(
        summary="Inovasi instansi saya",
        parameters=[OpenApiParameter("status", enum=[value for value, _label in ModerationStatus.choices])],
    ),
    post=extend_schema(
        summary="Buat draf inovasi", request=InnovationWriteSerializer, responses={201: OwnInnovationSerializer}
    ),
)
class OwnInnovationList(generics.ListCreateAPIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]
    serializer_class = OwnInnovationSerializer

    def get_queryset(self):
        queryset = innovation_list_for_user(self.request.user).prefetch_related("sectors", "sdgs", "indicators")
        status_filter = self.request.query_params.get("status")
        if status_filter and status_filter not in ModerationStatus.values:
            raise serializers.ValidationError({"status": [_("Status tidak dikenal.")]})
        if status_filter:
            queryset = queryset.filter(moderation_status=status_filter)
        return queryset.order_by("-updated_at", "-pk")

    def create(self, request, *args, **kwargs):
        serializer = InnovationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        agency = _single_agency(request.user, serializer.validated_data.get("agency"))
        data, indicators = serializer.service_arguments()
        innovation = services.innovation_create(user=request.user, agency=agency, data=data, indicators=indicators)
        draft = innovation_list_for_user(request.user).get(pk=innovation.pk).get_latest_revision_as_object()
        return Response(OwnInnovationSerializer(draft).data, status=status.HTTP_201_CREATED)


class OwnInnovationDetail(ConditionalRetrieveMixin, generics.RetrieveUpdateAPIView):
    """The version being worked on; PATCH saves a new draft revision."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]
    serializer_class = OwnInnovationSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        try:
            innovation = innovation_list_for_user(self.request.user).get(pk=self.kwargs["pk"])
        except Innovation.DoesNotExist:
            raise Http404 from None
        self.check_object_permissions(self.request, innovation)
        return innovation

    def get_serializer(self, *args, **kwargs):
        if args and isinstance(args[0], Innovation):
            args = (args[0].get_latest_revision_as_object(), *args[1:])
        return super().get_serializer(*args, **kwargs)

    def last_modified(self, innovation):
        return innovation.updated_at

    @extend_schema(summary="Ubah inovasi (draf baru)", request=InnovationWriteSerializer, responses=OwnInnovationSerializer)
    def patch(self, request, *args, **kwargs):
        innovation = self.get_object()
        serializer = InnovationWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        if "agency" in serializer.validated_data or "external_id" in serializer.validated_data:
            raise serializers.ValidationError({"agency": [_("Instansi dan ID eksternal tidak dapat diubah lewat API.")]})
        data, indicators = serializer.service_arguments()
        innovation = services.innovation_update(user=request.user, innovation=innovation, data=data, indicators=indicators)
        return Response(OwnInnovationSerializer(innovation.get_latest_revision_as_object()).data)
