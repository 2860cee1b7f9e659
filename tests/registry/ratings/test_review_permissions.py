"""Who may create, edit, flag, hide and reply to a review (the service layer decides)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from registry.audit.models import AuditEvent
from registry.core.exceptions import PermissionDenied, ValidationError
from registry.innovations.models import Innovation
from registry.ratings import services
from registry.ratings.models import Review, ReviewFlag, ReviewReply, ReviewVersion
from tests.factories import AgencyFactory, MembershipFactory, UserFactory
from tests.factories_ratings import SCORES

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "own_verifier", "own_submitter", "parent_member", "other_member", "unverified", "moderator", "author"]
ACTIONS = ["create", "edit", "flag", "hide", "reply"]
ALLOWED = {
    "anonymous": set(),
    "own_verifier": {"flag", "reply"},
    "own_submitter": {"flag"},
    "parent_member": {"flag"},
    "other_member": {"create", "flag"},
    "unverified": {"flag"},
    "moderator": {"flag", "hide"},
    "author": {"edit"},
}


@pytest.fixture
def world(innovation, agency_a, make_reviewer):
    parent = AgencyFactory(code="pemprov-jateng", name="Pemerintah Provinsi Jawa Tengah", type="pemprov", regency=None)
    agency_a.parent = parent
    agency_a.save()
    author = make_reviewer(username="penulis")
    review = services.review_create(user=author, innovation=innovation, scores=SCORES, text="Bagus.")
    users = {
        "anonymous": AnonymousUser(),
        "own_verifier": MembershipFactory(agency=agency_a, role="verifier").user,
        "own_submitter": MembershipFactory(agency=agency_a, role="submitter").user,
        "parent_member": MembershipFactory(agency=parent, role="verifier").user,
        "other_member": make_reviewer(),
        "unverified": MembershipFactory(is_verified=False).user,
        "moderator": UserFactory(username="moderator"),
        "author": author,
    }
    from django.contrib.auth.models import Group

    from registry.agencies.permissions import MINISTRY_ADMIN_GROUP

    users["moderator"].groups.add(Group.objects.get(name=MINISTRY_ADMIN_GROUP))
    return {"innovation": innovation, "review": review, "users": users}


def _perform(action, user, innovation, review):
    if action == "create":
        return services.review_create(user=user, innovation=innovation, scores={"usefulness": 1, "ease": 1, "documentation": 1})
    if action == "edit":
        return services.review_update(user=user, review=review, scores={"usefulness": 1, "ease": 2, "documentation": 2}, text="Diubah.")
    if action == "flag":
        return services.review_flag(user=user, review=review, reason="Tidak sesuai fakta.")
    if action == "hide":
        return services.review_hide(user=user, review=review, reason="Menyerang pribadi.")
    if action == "reply":
        return services.review_reply(user=user, review=review, text="Terima kasih atas masukannya.")
    raise AssertionError(action)


def _snapshot(innovation):
    row = Innovation.objects.values("review_count", "rating_mean", "rating_bayesian", "rating_distribution").get(pk=innovation.pk)
    return (
        row,
        list(Review.objects.order_by("pk").values()),
        ReviewVersion.objects.count(),
        ReviewFlag.objects.count(),
        ReviewReply.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, role, action):
    user, innovation, review = world["users"][role], world["innovation"], world["review"]
    if action in ALLOWED[role]:
        before = AuditEvent.objects.count()
        assert _perform(action, user, innovation, review) is not None
        assert AuditEvent.objects.count() > before
    else:
        before = _snapshot(innovation)
        with pytest.raises((PermissionDenied, ValidationError)):
            _perform(action, user, innovation, review)
        assert _snapshot(innovation) == before
