"""Read-only replication endpoints.

    GET /api/v1/replications/?stage=&origin=&adopter=&province=&year=   projects (anyone)
    GET /api/v1/replications/{id}/                                      one project with its timeline and outcomes
    GET /api/v1/innovations/{slug}/lineage/                             every generation of replications of an innovation

Working papers (documents, the team's names, who clicked what) stay in the
portal; the API gives what the public map and the innovation pages show.
"""

import django_filters
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.api.conditional import ConditionalRetrieveMixin
from registry.innovations.models import Innovation
from registry.replication.models import ReplicationProject, ReplicationStage
from registry.replication.selectors import (
    lineage_tree,
    project_detail_queryset,
    project_list_public,
)


def _live_slug(innovation) -> str | None:
    return innovation.slug if innovation is not None and innovation.live else None


class ProjectSerializer(serializers.ModelSerializer):
    origin = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    origin_title = serializers.CharField(source="origin.title")
    origin_agency = serializers.CharField(source="origin.agency.code")
    adopter = serializers.CharField(source="adopter.code")
    adopter_name = serializers.CharField(source="adopter.name")
    adopter_province = serializers.CharField(source="adopter.province_id", allow_null=True)
    adopter_regency = serializers.CharField(source="adopter.regency_id", allow_null=True)
    facilitator = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    stage_label = serializers.CharField(source="get_stage_display")
    started_on = serializers.DateField()
    replica = serializers.SerializerMethodField(help_text=_("Slug inovasi replika setelah terbit."))

    class Meta:
        model = ReplicationProject
        fields = [
            "id", "origin", "origin_title", "origin_agency", "adopter", "adopter_name", "adopter_province",
            "adopter_regency", "facilitator", "local_name", "stage", "stage_label", "started_on",
            "stage_changed_at", "agreement_signed_on", "implementation_started_on", "replica",
        ]
        read_only_fields = fields

    def get_replica(self, project) -> str | None:
        return _live_slug(project.replica)


class StageChangeSerializer(serializers.Serializer):
    from_stage = serializers.CharField()
    to_stage = serializers.CharField()
    changed_at = serializers.DateTimeField()
    note = serializers.CharField()


class OutcomeSerializer(serializers.Serializer):
    name = serializers.CharField()
    unit = serializers.CharField()
    baseline = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    target = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    actual = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    change_percent = serializers.FloatField(allow_null=True)
    origin_indicator = serializers.CharField(source="origin_indicator.name", allow_null=True, default=None)


class ProjectDetailSerializer(ProjectSerializer):
    timeline = StageChangeSerializer(source="stage_changes", many=True)
    outcomes = OutcomeSerializer(many=True)

    class Meta(ProjectSerializer.Meta):
        fields = [
            *ProjectSerializer.Meta.fields, "adaptations", "budget", "budget_source", "planned_start",
            "planned_end", "evaluation_summary", "stop_reason", "timeline", "outcomes",
        ]
        read_only_fields = fields


class ProjectFilter(django_filters.FilterSet):
    stage = django_filters.ChoiceFilter(choices=ReplicationStage.choices)
    origin = django_filters.CharFilter(field_name="origin__slug", help_text=_("Slug inovasi asal."))
    adopter = django_filters.CharFilter(field_name="adopter__code", help_text=_("Kode instansi pereplikasi."))
    province = django_filters.CharFilter(field_name="adopter__province_id", help_text=_("Kode Kemendagri provinsi pereplikasi."))
    # Bounded, so an absurd year is a 400 instead of an overflow in the date lookup.
    year = django_filters.NumberFilter(
        field_name="created_at__year", min_value=1945, max_value=2100, help_text=_("Tahun proyek dimulai.")
    )

    class Meta:
        model = ReplicationProject
        fields = []


class ProjectList(generics.ListAPIView):
    """Proyek replikasi, terbaru dulu."""

    permission_classes = [AllowAny]
    queryset = project_list_public().order_by("-created_at", "-pk")
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]


class ProjectDetail(ConditionalRetrieveMixin, generics.RetrieveAPIView):
    permission_classes = [AllowAny]
    queryset = project_detail_queryset(project_list_public())
    serializer_class = ProjectDetailSerializer

    def last_modified(self, obj):
        return obj.updated_at


class LineageNodeSerializer(serializers.Serializer):
    generation = serializers.IntegerField()
    project = serializers.IntegerField(source="project.pk", allow_null=True, default=None)
    adopter = serializers.CharField(source="agency.code")
    adopter_name = serializers.CharField(source="agency.name")
    region = serializers.CharField(source="region.code", allow_null=True, default=None)
    stage = serializers.CharField(source="project.stage", allow_null=True, default=None)
    replica = serializers.SerializerMethodField()
    children = serializers.SerializerMethodField()

    def get_replica(self, node) -> str | None:
        return _live_slug(node.replica)

    @extend_schema(responses=serializers.ListField(child=serializers.DictField()))
    def get_children(self, node) -> list[dict]:
        return LineageNodeSerializer(node.children, many=True).data


class LineageSerializer(serializers.Serializer):
    innovation = serializers.CharField()
    replications_active = serializers.IntegerField()
    replications_completed = serializers.IntegerField()
    tree = LineageNodeSerializer(many=True)


class InnovationLineage(APIView):
    """Pohon replikasi sebuah inovasi terbit: setiap generasi, dengan tahap dan wilayahnya."""

    permission_classes = [AllowAny]

    @extend_schema(responses=LineageSerializer)
    def get(self, request, slug):
        innovation = Innovation.objects.published().filter(slug=slug).first()
        if innovation is None:
            raise Http404
        data = {
            "innovation": innovation.slug,
            "replications_active": innovation.replications_active,
            "replications_completed": innovation.replications_completed,
            "tree": lineage_tree(innovation),
        }
        return Response(LineageSerializer(data).data)
