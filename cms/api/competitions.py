"""Competitions in the API (read-only).

    GET /api/v1/competitions/                        public editions
    GET /api/v1/competitions/{slug}/results/         published winners and round lists, aggregated scores only
    GET /api/v1/judging/assignments/                 the signed-in judge's assignments (blind rounds stay blind)
    GET /api/v1/judging/assignments/{id}/            one assignment with the entry as the round lets the judge see it

Judge endpoints use the same selectors as the portal: a conflicted or foreign
assignment is a 404, and blind rounds return the redacted snapshot.
"""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from registry.competitions import selectors
from registry.competitions.models import Assignment, Competition


class CompetitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Competition
        fields = [
            "slug", "year", "name", "regulation_reference", "submission_opens", "submission_deadline",
            "finalists_published_at", "results_published_at",
        ]
        read_only_fields = fields


class CompetitionList(generics.ListAPIView):
    serializer_class = CompetitionSerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        return selectors.competitions_public()


def _public_entry(entry, score=None, rank=None) -> dict:
    return {
        "code": entry.code,
        "title": entry.title,
        "agency": entry.agency.name,
        "category": entry.category.name,
        "score": None if score is None else round(score, 4),
        "rank": rank,
    }


class CompetitionResults(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: dict})
    def get(self, request, slug):
        competition = generics.get_object_or_404(selectors.competitions_public(), slug=slug)
        results = selectors.public_results(competition)
        winners = [
            {
                "group": block["group"].name,
                "category": category["category"].name,
                "entries": [
                    {**_public_entry(row["entry"]), "final_score": row["entry"].final_score, "round_scores": [
                        {"round": name, "score": score} for name, score in row["round_scores"]
                    ]}
                    for row in category["entries"]
                ],
            }
            for block in results["groups"]
            for category in block["categories"]
        ]
        rounds = [
            {
                "round": item["round"].name,
                "entries": [_public_entry(row["entry"], row.get("score"), row.get("rank")) for row in item["rows"]],
            }
            for item in selectors.public_round_lists(competition)
        ]
        return Response(
            {
                "competition": CompetitionSerializer(competition).data,
                "winners": winners,
                "finalists": [_public_entry(e) for e in selectors.public_finalists(competition)],
                "rounds": rounds,
            }
        )


class JudgeAssignmentSerializer(serializers.ModelSerializer):
    round = serializers.CharField(source="round.name")
    competition = serializers.CharField(source="round.competition.name")
    blind = serializers.BooleanField(source="round.is_blind")
    deadline = serializers.DateTimeField(source="round.deadline")
    entry = serializers.CharField(source="entry.code")
    title = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = ["id", "competition", "round", "blind", "deadline", "entry", "title", "status", "total", "submitted_at"]
        read_only_fields = fields

    def get_title(self, assignment) -> str:
        return selectors.entry_view_for_judge(assignment)["title"]


class JudgeAssignmentDetailSerializer(JudgeAssignmentSerializer):
    content = serializers.SerializerMethodField()
    scores = serializers.SerializerMethodField()

    class Meta(JudgeAssignmentSerializer.Meta):
        fields = [*JudgeAssignmentSerializer.Meta.fields, "content", "scores"]
        read_only_fields = fields

    def get_content(self, assignment) -> dict:
        return selectors.entry_view_for_judge(assignment)

    def get_scores(self, assignment) -> list:
        return [
            {"criterion": s.criterion.name, "value": str(s.value), "comment": s.comment}
            for s in assignment.scores.select_related("criterion").order_by("criterion__sort_order")
        ]


class JudgeAssignmentList(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=JudgeAssignmentSerializer(many=True))
    def get(self, request):
        return Response(JudgeAssignmentSerializer(selectors.assignments_for_judge(request.user), many=True).data)


class JudgeAssignmentDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=JudgeAssignmentDetailSerializer)
    def get(self, request, pk):
        try:
            assignment = selectors.assignment_for_judge(request.user, pk)
        except Assignment.DoesNotExist:
            raise Http404 from None
        return Response(JudgeAssignmentDetailSerializer(assignment).data)
