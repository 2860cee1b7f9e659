"""Factories of the ratings feature."""

import factory

from registry.ratings.models import Review, ReviewStatus
from tests.factories import AgencyFactory, InnovationFactory, MembershipFactory, UserFactory

SCORES = {"usefulness": 5, "ease": 4, "documentation": 3}


def reviewer_of_new_agency(*, username=None, role="submitter", **agency_fields):
    """A user with a verified membership in a fresh agency (unrelated to every other)."""
    agency = AgencyFactory(**agency_fields)
    user_kwargs = {"user__username": username} if username else {}
    return MembershipFactory(agency=agency, role=role, **user_kwargs).user


class ReviewFactory(factory.django.DjangoModelFactory):
    """A review row written directly (no aggregates update): for read-only tests."""

    class Meta:
        model = Review

    innovation = factory.SubFactory(InnovationFactory)
    reviewer = factory.SubFactory(UserFactory)
    reviewer_agency = factory.SubFactory(AgencyFactory)
    usefulness = 4
    ease = 3
    documentation = 5
    text = "Sangat membantu kami memahami alur layanan jemput bola."
    status = ReviewStatus.VISIBLE
