"""Peer reviews in the API.

    GET  /api/v1/innovations/{slug}/reviews/   visible reviews, implementers first (anyone)
    POST /api/v1/innovations/{slug}/reviews/   write a review (a verified member of another agency)
    GET  /api/v1/reviews/{id}/                 one visible review (or one's own)
    PATCH, PUT /api/v1/reviews/{id}/           the author edits (earlier versions are kept)
    DELETE /api/v1/reviews/{id}/               the author withdraws
    POST /api/v1/reviews/{id}/flag/            report a review to the moderators (anyone signed in)

Every write goes through registry.ratings.services, exactly as the pages do;
refusals come back as the shared error body (cms/api/errors.py).
"""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from registry.agencies.models import Agency
from registry.innovations.models import Innovation
from registry.ratings import selectors, services
from registry.ratings.models import CRITERION_FIELDS, SCORE_MAX, SCORE_MIN, Review


class ReplySerializer(serializers.Serializer):
    agency = serializers.CharField(source="agency.name")
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ReviewSerializer(serializers.ModelSerializer):
    innovation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    reviewer = serializers.SerializerMethodField()
    agency = serializers.CharField(source="reviewer_agency.name", read_only=True)
    agency_code = serializers.CharField(source="reviewer_agency.code", read_only=True)
    score = serializers.FloatField(read_only=True, help_text=_("Rata-rata ketiga kriteria."))
    reply = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = [
            "id", "innovation", "reviewer", "agency", "agency_code", *CRITERION_FIELDS, "score", "text",
            "is_implementer", "status", "version", "created_at", "updated_at", "reply",
        ]
        read_only_fields = fields

    def get_reviewer(self, review) -> str:
        return review.reviewer.get_full_name() or review.reviewer.get_username()

    @extend_schema(responses=ReplySerializer(allow_null=True))
    def get_reply(self, review) -> dict | None:
        reply = getattr(review, "reply", None)  # a missing one-to-one raises an AttributeError subclass
        return ReplySerializer(reply).data if reply is not None else None


class ReviewWriteSerializer(serializers.Serializer):
    usefulness = serializers.IntegerField(min_value=SCORE_MIN, max_value=SCORE_MAX)
    ease = serializers.IntegerField(min_value=SCORE_MIN, max_value=SCORE_MAX)
    documentation = serializers.IntegerField(min_value=SCORE_MIN, max_value=SCORE_MAX)
    text = serializers.CharField(required=False, allow_blank=True, default="")
    agency = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.all(), required=False, allow_null=True,
        help_text=_("Kode instansi atas nama siapa ulasan ditulis, bila pengguna anggota beberapa instansi."),
    )

    def scores(self) -> dict:
        return {name: self.validated_data[name] for name in CRITERION_FIELDS}


class FlagSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


def _published(slug: str) -> Innovation:
    try:
        return Innovation.objects.published().select_related("agency").get(slug=slug)
    except Innovation.DoesNotExist:
        raise Http404 from None


class InnovationReviewList(generics.ListAPIView):
    serializer_class = ReviewSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        return selectors.review_list_for_innovation(_published(self.kwargs["slug"]))

    @extend_schema(request=ReviewWriteSerializer, responses={201: ReviewSerializer})
    def post(self, request, slug):
        innovation = _published(slug)
        data = ReviewWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review = services.review_create(
            user=request.user,
            innovation=innovation,
            scores=data.scores(),
            text=data.validated_data["text"],
            agency=data.validated_data.get("agency"),
        )
        return Response(ReviewSerializer(review).data, status=status.HTTP_201_CREATED)


class ReviewDetail(APIView):
    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = ReviewSerializer

    def _review(self, request, pk) -> Review:
        """A visible review of a published innovation, or the user's own whatever its state."""
        own = Q(reviewer=request.user) if request.user.is_authenticated else Q(pk__in=[])
        queryset = Review.objects.filter(Q(status="visible", innovation__live=True) | own)
        review = queryset.select_related("innovation", "reviewer", "reviewer_agency", "reply__agency").filter(pk=pk).first()
        if review is None:
            raise Http404
        return review

    @extend_schema(responses=ReviewSerializer)
    def get(self, request, pk):
        return Response(ReviewSerializer(self._review(request, pk)).data)

    @extend_schema(request=ReviewWriteSerializer, responses=ReviewSerializer)
    def put(self, request, pk):
        return self._edit(request, pk, partial=False)

    @extend_schema(request=ReviewWriteSerializer, responses=ReviewSerializer)
    def patch(self, request, pk):
        return self._edit(request, pk, partial=True)

    def _edit(self, request, pk, *, partial):
        review = self._review(request, pk)
        current = {name: getattr(review, name) for name in CRITERION_FIELDS} | {"text": review.text}
        data = ReviewWriteSerializer(data={**current, **request.data} if partial else request.data)
        data.is_valid(raise_exception=True)
        review = services.review_update(user=request.user, review=review, scores=data.scores(), text=data.validated_data["text"])
        return Response(ReviewSerializer(review).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        services.review_delete(user=request.user, review=self._review(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ReviewFlagCreate(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=FlagSerializer, responses={201: FlagSerializer})
    def post(self, request, pk):
        try:
            review = selectors.review_get_visible(pk=pk)
        except Review.DoesNotExist:
            raise Http404 from None
        data = FlagSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        flag = services.review_flag(user=request.user, review=review, reason=data.validated_data["reason"])
        return Response({"reason": flag.reason}, status=status.HTTP_201_CREATED)
