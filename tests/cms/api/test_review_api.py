"""The review endpoints: anyone reads; the services decide who writes (roles × actions)."""

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from registry.agencies.permissions import MINISTRY_ADMIN_GROUP
from registry.audit.models import AuditEvent
from registry.innovations.models import Innovation
from registry.ratings import services
from registry.ratings.models import Review, ReviewFlag, ReviewVersion
from tests.factories import InnovationFactory, MembershipFactory, UserFactory
from tests.factories_ratings import SCORES, reviewer_of_new_agency

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "own_agency", "other_agency", "unverified", "moderator", "author"]
EXPECTED = {  # (role, action) -> status code
    **{(role, "read"): 200 for role in ROLES},
    ("anonymous", "create"): 401, ("own_agency", "create"): 403, ("other_agency", "create"): 201,
    ("unverified", "create"): 403, ("moderator", "create"): 403, ("author", "create"): 409,
    ("anonymous", "edit"): 401, ("own_agency", "edit"): 403, ("other_agency", "edit"): 403,
    ("unverified", "edit"): 403, ("moderator", "edit"): 403, ("author", "edit"): 200,
    ("anonymous", "flag"): 401, ("own_agency", "flag"): 201, ("other_agency", "flag"): 201,
    ("unverified", "flag"): 201, ("moderator", "flag"): 201, ("author", "flag"): 403,
}



@pytest.fixture
def world(agency_a):
    innovation = InnovationFactory(agency=agency_a)
    author = reviewer_of_new_agency(username="penulis")
    review = services.review_create(user=author, innovation=innovation, scores=SCORES, text="Bagus.")
    moderator = UserFactory(username="moderator")
    moderator.groups.add(Group.objects.get(name=MINISTRY_ADMIN_GROUP))
    users = {
        "anonymous": None,
        "own_agency": MembershipFactory(agency=agency_a, role="verifier").user,
        "other_agency": reviewer_of_new_agency(),
        "unverified": MembershipFactory(is_verified=False).user,
        "moderator": moderator,
        "author": author,
    }
    return innovation, review, users


def _request(client, action, innovation, review):
    if action == "read":
        return client.get(f"/api/v1/innovations/{innovation.slug}/reviews/")
    if action == "create":
        return client.post(f"/api/v1/innovations/{innovation.slug}/reviews/", {**SCORES, "text": "Dari API."}, format="json")
    if action == "edit":
        return client.patch(f"/api/v1/reviews/{review.pk}/", {"usefulness": 1}, format="json")
    if action == "flag":
        return client.post(f"/api/v1/reviews/{review.pk}/flag/", {"reason": "Menyesatkan."}, format="json")
    raise AssertionError(action)


def _state():
    return (
        list(Review.objects.order_by("pk").values()),
        ReviewVersion.objects.count(),
        ReviewFlag.objects.count(),
        AuditEvent.objects.count(),
        list(Innovation.objects.values_list("review_count", "rating_mean")),
    )


@pytest.mark.parametrize("action", ["read", "create", "edit", "flag"])
@pytest.mark.parametrize("role", ROLES)
def test_api_permission_matrix(world, role, action):
    innovation, review, users = world
    client = APIClient()
    if users[role] is not None:
        client.force_authenticate(users[role])
    before = _state()
    response = _request(client, action, innovation, review)
    expected = EXPECTED[(role, action)]
    assert response.status_code == expected, response.content
    if expected >= 400 or action == "read":
        assert _state() == before
        if expected >= 400:
            assert response.json()["error"]["status"] == expected
    else:
        assert _state() != before


def test_the_list_shows_what_the_page_shows(world, ministry_admin):
    innovation, review, users = world
    services.review_reply(user=users["own_agency"], review=review, text="Terima kasih.")
    hidden = services.review_create(user=users["other_agency"], innovation=innovation, scores=SCORES, text="Akan disembunyikan")
    services.review_hide(user=ministry_admin, review=hidden, reason="Uji.")
    body = APIClient().get(f"/api/v1/innovations/{innovation.slug}/reviews/").json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["text"] == "Bagus." and item["reply"]["text"] == "Terima kasih."
    assert item["score"] == pytest.approx(sum(SCORES.values()) / 3)
    assert {"usefulness", "ease", "documentation", "is_implementer", "agency"} <= item.keys()
    assert APIClient().get(f"/api/v1/reviews/{hidden.pk}/").status_code == 404
    author_client = APIClient()
    author_client.force_authenticate(users["other_agency"])
    assert author_client.get(f"/api/v1/reviews/{hidden.pk}/").json()["status"] == "hidden"


def test_invalid_scores_are_a_400_with_fields(world):
    innovation, _review, users = world
    client = APIClient()
    client.force_authenticate(users["other_agency"])
    response = client.post(f"/api/v1/innovations/{innovation.slug}/reviews/", {"usefulness": 7, "ease": 3, "documentation": 3}, format="json")
    assert response.status_code == 400
    assert "usefulness" in response.json()["error"]["fields"]


def test_an_edit_through_the_api_keeps_the_version_and_updates_the_aggregates(world):
    innovation, review, users = world
    client = APIClient()
    client.force_authenticate(users["author"])
    response = client.patch(f"/api/v1/reviews/{review.pk}/", {"usefulness": 1, "text": "<b>Ternyata</b> sulit"}, format="json")
    assert response.json()["text"] == "Ternyata sulit" and response.json()["version"] == 2
    assert review.versions.get().usefulness == SCORES["usefulness"]
    assert Innovation.objects.get(pk=innovation.pk).rating_usefulness == 1.0
    assert client.delete(f"/api/v1/reviews/{review.pk}/").status_code == 204
    assert Innovation.objects.get(pk=innovation.pk).review_count == 0


def test_unpublished_innovations_have_no_review_endpoint(agency_a):
    draft = InnovationFactory(agency=agency_a, live=False, moderation_status="draft")
    assert APIClient().get(f"/api/v1/innovations/{draft.slug}/reviews/").status_code == 404


def test_the_schema_documents_the_review_endpoints():
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    reviews = paths["/api/v1/innovations/{slug}/reviews/"]
    assert {"get", "post"} <= reviews.keys()
    assert {"get", "put", "patch", "delete"} <= paths["/api/v1/reviews/{id}/"].keys()
    assert "post" in paths["/api/v1/reviews/{id}/flag/"]
