"""Read queries shared by the public pages, the portal and the API."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from registry.agencies.permissions import agency_roles, is_ministry_admin
from registry.innovations.models import Innovation
from registry.ratings import aggregates
from registry.ratings.models import CRITERIA, Review, ReviewFlag, ReviewNotice, ReviewStatus


def _with_related(queryset: QuerySet[Review]) -> QuerySet[Review]:
    return queryset.select_related("reviewer", "reviewer_agency", "reply", "reply__agency")


def review_list_for_innovation(innovation: Innovation) -> QuerySet[Review]:
    """The visible reviews of an innovation: implementers first, then the newest."""
    return _with_related(Review.objects.visible().filter(innovation=innovation)).order_by(
        "-is_implementer", "-created_at", "-pk"
    )


def review_get_visible(*, pk: int) -> Review:
    return _with_related(Review.objects.visible().filter(innovation__live=True)).select_related("innovation").get(pk=pk)


def review_of_user(*, user, innovation: Innovation) -> Review | None:
    if not user.is_authenticated:
        return None
    return Review.objects.filter(innovation=innovation, reviewer=user).first()


def review_list_by_author(user) -> QuerySet[Review]:
    """The user's own reviews, hidden ones included, with their moderation and replies."""
    return _with_related(Review.objects.filter(reviewer=user)).select_related("innovation").order_by("-updated_at", "-pk")


def _open_flags():
    return ReviewFlag.objects.filter(review=OuterRef("pk"), resolved_at__isnull=True)


def review_list_for_moderator(user) -> QuerySet[Review]:
    """Reviews the user looks after in the portal, each annotated with `open_flags`.

    Ministry admins see every review; verifiers see the reviews of their agencies'
    innovations (to reply). Anyone else sees none, so the portal answers 404.
    """
    queryset = Review.objects.all()
    if not is_ministry_admin(user):
        verifier_of = [agency_id for agency_id, role in agency_roles(user).items() if role == "verifier"]
        queryset = queryset.filter(innovation__agency_id__in=verifier_of, status=ReviewStatus.VISIBLE)
    return (
        _with_related(queryset)
        .select_related("innovation", "innovation__agency")
        .annotate(open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True)))
        .prefetch_related(Prefetch("flags", queryset=ReviewFlag.objects.filter(resolved_at__isnull=True)))
    )


def review_queue(user, *, show: str = "flagged") -> QuerySet[Review]:
    """The moderation queue: "flagged" (open reports), "hidden", or "all"."""
    queryset = review_list_for_moderator(user)
    if show == "flagged":
        queryset = queryset.filter(Exists(_open_flags()))
    elif show == "hidden":
        queryset = queryset.filter(status=ReviewStatus.HIDDEN)
    elif show == "unanswered":
        queryset = queryset.filter(reply__isnull=True, status=ReviewStatus.VISIBLE)
    return queryset.order_by("-created_at", "-pk")


def notice_list_for_user(user) -> QuerySet[ReviewNotice]:
    return ReviewNotice.objects.filter(recipient=user).select_related("review", "review__innovation")


def rating_summary(innovation: Innovation) -> dict:
    """What the peer-rating panel shows, from the stored aggregates (no query)."""
    distribution = {star: int((innovation.rating_distribution or {}).get(star, 0)) for star in aggregates.STARS}
    largest = max(distribution.values(), default=0) or 1
    return {
        "count": innovation.review_count,
        "mean": innovation.rating_mean,
        "bayesian": innovation.rating_bayesian,
        "criteria": [(label, getattr(innovation, f"rating_{name}")) for name, label in CRITERIA],
        # Highest star first, as rating summaries are read; width in percent of the largest bar.
        "bars": [
            {"star": star, "count": distribution[star], "width": round(100 * distribution[star] / largest)}
            for star in reversed(aggregates.STARS)
        ],
    }
