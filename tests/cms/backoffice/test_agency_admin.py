"""Agencies and memberships written through the admin go through registry.agencies.services:
each write leaves an audit event, each refusal leaves the database as it was."""

import pytest

from registry.agencies.models import Agency, Membership
from registry.audit.models import AuditEvent
from tests import factories
from tests.cms.backoffice.conftest import database_state

pytestmark = pytest.mark.django_db


def _agency_form(**extra):
    return {
        "code": "pemkab-cilacap",
        "name": "Pemerintah Kabupaten Cilacap",
        "short_name": "Pemkab Cilacap",
        "type": "pemkab",
        "province": "33",
        "regency": "33.01",
        "parent": "",
        "website": "https://cilacapkab.go.id",
        "email": "",
        "is_active": "on",
        **extra,
    }


def _last_event():
    return AuditEvent.objects.order_by("-sequence").first()


def test_create_agency_writes_an_audit_event(ministry_client, ministry_admin):
    response = ministry_client.post("/admin/agency/new/", _agency_form())
    assert response.status_code == 302
    agency = Agency.objects.get(code="pemkab-cilacap")
    assert (agency.name, agency.regency_id, agency.province_id) == ("Pemerintah Kabupaten Cilacap", "33.01", "33")
    event = _last_event()
    assert (event.action, event.actor, event.target_id) == ("agency.create", ministry_admin, str(agency.pk))


def test_edit_agency_writes_what_changed(ministry_client, ministry_admin, agency_a):
    data = _agency_form(code="pemkot-surakarta", name="Pemkot Surakarta", type="pemkot", regency="33.72")
    response = ministry_client.post(f"/admin/agency/edit/{agency_a.pk}/", data)
    assert response.status_code == 302
    event = _last_event()
    assert (event.action, event.actor) == ("agency.update", ministry_admin)
    assert event.data["changes"]["name"] == ["Pemerintah Kota Surakarta", "Pemkot Surakarta"]
    assert event.data["changes"]["short_name"] == ["", "Pemkab Cilacap"]


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"regency": "35.78"}, "regency"),  # Surabaya is not in Jawa Tengah
        ({"regency": ""}, "regency"),  # a pemkab needs its kabupaten
        ({"code": "pemkot-surakarta"}, "code"),  # taken
    ],
)
def test_refused_agency_is_shown_on_the_form_and_nothing_changes(ministry_client, agency_a, extra, field):
    before = database_state()
    response = ministry_client.post("/admin/agency/new/", _agency_form(**extra))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert database_state() == before


def test_agency_cannot_be_moved_under_its_own_unit(ministry_client, agency_a):
    unit = factories.AgencyFactory(code="dinas-solo", name="Dinas Solo", type="unit", parent=agency_a)
    before = database_state()
    data = _agency_form(code="pemkot-surakarta", name=agency_a.name, type="pemkot", regency="33.72", parent=unit.pk)
    response = ministry_client.post(f"/admin/agency/edit/{agency_a.pk}/", data)
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert database_state() == before


def test_delete_agency_goes_through_the_service(ministry_client, ministry_admin, agency_a, agency_b):
    factories.InnovationFactory(agency=agency_a)
    before = database_state()
    response = ministry_client.post(f"/admin/agency/delete/{agency_a.pk}/")
    assert response.status_code == 302
    assert database_state() == before  # an agency with innovations stays
    response = ministry_client.post(f"/admin/agency/delete/{agency_b.pk}/")
    assert response.status_code == 302
    assert not Agency.objects.filter(pk=agency_b.pk).exists()
    assert (_last_event().action, _last_event().actor) == ("agency.delete", ministry_admin)


def test_create_membership_writes_an_audit_event(ministry_client, ministry_admin, agency_a, plain_user):
    data = {"user": plain_user.username, "agency": agency_a.pk, "role": "verifier", "is_verified": "on"}
    response = ministry_client.post("/admin/membership/new/", data)
    assert response.status_code == 302
    membership = Membership.objects.get(user=plain_user)
    assert (membership.agency, membership.role, membership.is_verified) == (agency_a, "verifier", True)
    event = _last_event()
    assert (event.action, event.actor, event.data["verified"]) == ("membership.create", ministry_admin, True)


def test_duplicate_or_unknown_member_is_refused_on_the_form(ministry_client, agency_a, submitter_a):
    before = database_state()
    for username in (submitter_a.username, "tidak_ada"):
        data = {"user": username, "agency": agency_a.pk, "role": "verifier"}
        response = ministry_client.post("/admin/membership/new/", data)
        assert response.status_code == 200
        assert response.context["form"].errors
    assert database_state() == before


def test_edit_membership_changes_role_and_verification_with_one_event_each(ministry_client, ministry_admin, agency_a, plain_user):
    membership = Membership.objects.create(user=plain_user, agency=agency_a, role="submitter")
    response = ministry_client.post(f"/admin/membership/edit/{membership.pk}/", {"role": "verifier", "is_verified": "on"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.is_verified) == ("verifier", True)
    actions = list(AuditEvent.objects.filter(actor=ministry_admin).order_by("sequence").values_list("action", flat=True))
    assert actions == ["membership.update", "membership.verify"]
    response = ministry_client.post(f"/admin/membership/edit/{membership.pk}/", {"role": "verifier"})
    membership.refresh_from_db()
    assert not membership.is_verified
    assert _last_event().action == "membership.unverify"


def test_verify_action_verifies_a_pending_membership(ministry_client, ministry_admin, agency_a, plain_user):
    membership = Membership.objects.create(user=plain_user, agency=agency_a, role="submitter")
    listing = ministry_client.get("/admin/membership/").content.decode()
    assert f"/admin/membership/verify/{membership.pk}/" in listing
    assert ministry_client.get(f"/admin/membership/verify/{membership.pk}/").status_code == 200
    response = ministry_client.post(f"/admin/membership/verify/{membership.pk}/")
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_verified
    assert (_last_event().action, _last_event().actor) == ("membership.verify", ministry_admin)
    # Verifying again is refused on the page; nothing changes.
    before = database_state()
    response = ministry_client.post(f"/admin/membership/verify/{membership.pk}/")
    assert response.status_code == 200
    assert "sudah terverifikasi" in response.content.decode()
    assert database_state() == before


def test_delete_membership_is_audited(ministry_client, ministry_admin, submitter_a):
    membership = Membership.objects.get(user=submitter_a)
    response = ministry_client.post(f"/admin/membership/delete/{membership.pk}/")
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert (_last_event().action, _last_event().actor) == ("membership.remove", ministry_admin)


def test_agency_history_is_its_audit_trail(ministry_client, agency_a):
    ministry_client.post(
        f"/admin/agency/edit/{agency_a.pk}/",
        _agency_form(code="pemkot-surakarta", name="Pemkot Solo", type="pemkot", regency="33.72"),
    )
    response = ministry_client.get(f"/admin/agency/history/{agency_a.pk}/")
    assert response.status_code == 200
    assert [event.action for event in response.context["object_list"]] == ["agency.update"]
