"""Agencies' systems create and edit their own innovations as drafts, through the services."""

import pytest

from registry.audit.models import AuditEvent
from registry.innovations.models import Innovation, ModerationStatus
from tests.factories import InnovationFactory, MembershipFactory, UserFactory
from tests.factories_imports import token_client

NEW = {
    "title": "Layanan Antar Obat Puskesmas",
    "summary": "Obat pasien kronis diantar ke rumah oleh kader.",
    "kind": "proses",
    "form": "pelayanan_publik",
    "sectors": ["kesehatan"],
    "sdgs": [3],
    "problem": "Pasien lansia sulit datang ke puskesmas.",
    "indicators": [{"name": "Pasien terlayani", "unit": "orang", "value": "120"}],
}


def state():
    return (
        list(Innovation.objects.order_by("pk").values_list("pk", "title", "moderation_status", "latest_revision_id")),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def clients(db, api, agency_a, agency_b, submitter_a, verifier_a, ministry_admin):
    return {
        "anonymous": api,
        "no agency": token_client(UserFactory(username="tanpa-instansi")),
        "unverified member a": token_client(MembershipFactory(agency=agency_a, is_verified=False, user__username="belum").user),
        "submitter a": token_client(submitter_a),
        "verifier a": token_client(verifier_a),
        "ministry admin": token_client(ministry_admin),
    }


# role: (create for A, create for B, edit A's, edit B's)
EXPECTED = {
    "anonymous": (401, 401, 401, 401),
    "no agency": (403, 403, 404, 404),
    "unverified member a": (403, 403, 404, 404),
    "submitter a": (201, 403, 200, 404),
    "verifier a": (201, 403, 200, 404),
    "ministry admin": (201, 201, 200, 200),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("action", ["create for A", "create for B", "edit A's", "edit B's"])
def test_write_permission_matrix(role, action, clients, agency_a, agency_b):
    innovations = {
        "A": InnovationFactory(agency=agency_a, live=False, moderation_status="draft", title="Draf A"),
        "B": InnovationFactory(agency=agency_b, live=False, moderation_status="draft", title="Draf B"),
    }
    expected = EXPECTED[role][["create for A", "create for B", "edit A's", "edit B's"].index(action)]
    before = state()
    client = clients[role]
    if action.startswith("create"):
        agency = agency_a if action.endswith("A") else agency_b
        response = client.post("/api/v1/agency/innovations/", {**NEW, "agency": agency.code}, format="json")
    else:
        target = innovations["A" if action == "edit A's" else "B"]
        response = client.patch(f"/api/v1/agency/innovations/{target.pk}/", {"title": "Judul baru"}, format="json")

    assert response.status_code == expected, response.content
    if expected >= 400:
        assert response.json()["error"]["status"] == expected
        assert state() == before
        return
    body = response.json()
    assert body["moderation_status"] == ModerationStatus.DRAFT and body["live"] is False
    if action.startswith("create"):
        created = Innovation.objects.get(pk=body["id"])
        assert created.latest_revision_id is not None  # made by innovation_create, with a revision
        assert [s["code"] for s in body["sectors"]] == ["kesehatan"] and body["indicators"][0]["value"] == "120.0000"
    else:
        assert body["title"] == "Judul baru"


@pytest.mark.django_db
def test_edit_of_a_published_innovation_is_a_draft_revision_the_public_does_not_see(api, submitter_a, agency_a):
    innovation = InnovationFactory(agency=agency_a, slug="terbit", title="Judul terbit")
    client = token_client(submitter_a)
    response = client.patch(f"/api/v1/agency/innovations/{innovation.pk}/", {"title": "Judul draf"}, format="json")
    assert response.status_code == 200 and response.json()["title"] == "Judul draf"
    assert api.get("/api/v1/innovations/terbit/").json()["title"] == "Judul terbit"
    own = client.get(f"/api/v1/agency/innovations/{innovation.pk}/")
    assert own.json()["title"] == "Judul draf" and own.json()["live"] is True
    assert client.get(f"/api/v1/agency/innovations/{innovation.pk}/", HTTP_IF_NONE_MATCH=own["ETag"]).status_code == 304


@pytest.mark.django_db
def test_refusals_of_the_services_use_the_shared_error_body(submitter_a, agency_a):
    client = token_client(submitter_a)
    before = state()
    invalid = client.post("/api/v1/agency/innovations/", {**NEW, "summary": "kata " * 201}, format="json")
    assert invalid.status_code == 400
    assert "summary" in invalid.json()["error"]["fields"] and "200 kata" in invalid.json()["error"]["fields"]["summary"][0]
    missing = client.post("/api/v1/agency/innovations/", {"summary": "x", "sectors": ["antariksa"]}, format="json")
    assert set(missing.json()["error"]["fields"]) == {"title", "sectors"}
    in_moderation = InnovationFactory(agency=agency_a, live=False, moderation_status="in_moderation")
    before = state()
    conflict = client.patch(f"/api/v1/agency/innovations/{in_moderation.pk}/", {"title": "x"}, format="json")
    assert conflict.status_code == 409 and conflict.json()["error"]["code"] == "conflict"
    assert state() == before


@pytest.mark.django_db
def test_own_list_shows_every_status_of_the_callers_agencies_only(submitter_a, agency_a, agency_b):
    InnovationFactory(agency=agency_a, live=False, moderation_status="draft")
    InnovationFactory(agency=agency_a)
    InnovationFactory(agency=agency_b)
    client = token_client(submitter_a)
    body = client.get("/api/v1/agency/innovations/").json()
    assert body["count"] == 2 and {r["agency"]["code"] for r in body["results"]} == {agency_a.code}
    assert client.get("/api/v1/agency/innovations/", {"status": "draft"}).json()["count"] == 1
    assert client.get("/api/v1/agency/innovations/", {"status": "ajaib"}).status_code == 400


@pytest.mark.django_db
def test_member_of_two_agencies_must_name_the_agency(submitter_a, agency_b):
    MembershipFactory(user=submitter_a, agency=agency_b)
    response = token_client(submitter_a).post("/api/v1/agency/innovations/", NEW, format="json")
    assert response.status_code == 400 and "agency" in response.json()["error"]["fields"]
    assert Innovation.objects.count() == 0
