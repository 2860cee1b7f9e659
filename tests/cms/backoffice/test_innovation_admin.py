"""Innovations in the admin are read-only; ministry staff moderate them through explicit actions
that call registry.innovations.services, so the live row, its revisions and its status agree."""

import pytest

from registry.audit.models import AuditEvent
from registry.innovations.models import Innovation, ModerationStatus
from tests.cms.backoffice.conftest import database_state

pytestmark = pytest.mark.django_db


def _last_event():
    return AuditEvent.objects.order_by("-sequence").first()


def test_approve_publishes_the_latest_revision(ministry_client, ministry_admin, submitted_innovation):
    listing = ministry_client.get("/admin/innovation/?moderation_status=in_moderation").content.decode()
    assert f"/admin/innovation/approve/{submitted_innovation.pk}/" in listing
    assert ministry_client.get(f"/admin/innovation/approve/{submitted_innovation.pk}/").status_code == 200
    response = ministry_client.post(f"/admin/innovation/approve/{submitted_innovation.pk}/")
    assert response["Location"] == f"/admin/innovation/inspect/{submitted_innovation.pk}/"
    innovation = Innovation.objects.get(pk=submitted_innovation.pk)
    assert innovation.live and innovation.moderation_status == ModerationStatus.PUBLISHED
    assert innovation.live_revision_id == innovation.latest_revision_id
    assert (_last_event().action, _last_event().actor) == ("innovation.publish", ministry_admin)


def test_return_needs_a_comment(ministry_client, ministry_admin, submitted_innovation):
    before = database_state()
    response = ministry_client.post(f"/admin/innovation/return/{submitted_innovation.pk}/", {"comment": "  <b></b> "})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert database_state() == before
    response = ministry_client.post(
        f"/admin/innovation/return/{submitted_innovation.pk}/", {"comment": "Tambahkan data indikator 2019."}
    )
    assert response.status_code == 302
    innovation = Innovation.objects.get(pk=submitted_innovation.pk)
    assert innovation.moderation_status == ModerationStatus.RETURNED
    assert innovation.moderation_comment == "Tambahkan data indikator 2019."
    assert (_last_event().action, _last_event().actor) == ("innovation.return", ministry_admin)


def test_unpublish_with_a_reason_keeps_the_revisions(ministry_client, ministry_admin, submitted_innovation):
    ministry_client.post(f"/admin/innovation/approve/{submitted_innovation.pk}/")
    revisions = Innovation.objects.get(pk=submitted_innovation.pk).revisions.count()
    response = ministry_client.post(
        f"/admin/innovation/unpublish/{submitted_innovation.pk}/", {"reason": "Laporan data ganda."}
    )
    assert response.status_code == 302
    innovation = Innovation.objects.get(pk=submitted_innovation.pk)
    assert not innovation.live and innovation.moderation_status == ModerationStatus.UNPUBLISHED
    assert innovation.revisions.count() == revisions
    event = _last_event()
    assert (event.action, event.actor, event.data["reason"]) == ("innovation.unpublish", ministry_admin, "Laporan data ganda.")


@pytest.mark.parametrize(
    "action, refusal", [("approve", "tidak dapat diterbitkan"), ("return", "tidak dapat dikembalikan")]
)
def test_actions_refused_by_the_state_machine_change_nothing(ministry_client, published_innovation, action, refusal):
    before = database_state()
    response = ministry_client.post(f"/admin/innovation/{action}/{published_innovation.pk}/", {"comment": "Catatan."})
    assert response.status_code == 200
    assert refusal in response.content.decode()
    assert database_state() == before


def test_unpublishing_what_is_not_live_is_refused(ministry_client, submitted_innovation):
    before = database_state()
    response = ministry_client.post(f"/admin/innovation/unpublish/{submitted_innovation.pk}/", {"reason": "Uji."})
    assert response.status_code == 200
    assert database_state() == before


def test_delete_goes_through_the_service(ministry_client, ministry_admin, submitted_innovation):
    pk = submitted_innovation.pk
    assert ministry_client.get(f"/admin/innovation/delete/{pk}/").status_code == 200
    response = ministry_client.post(f"/admin/innovation/delete/{pk}/")
    assert response.status_code == 302
    assert not Innovation.objects.filter(pk=pk).exists()
    event = _last_event()
    assert (event.action, event.actor, event.target_id) == ("innovation.delete", ministry_admin, str(pk))


@pytest.mark.parametrize("who", ["ministry_admin", "superuser"])
@pytest.mark.parametrize("path", ["new/", "edit/{pk}/", "copy/{pk}/"])
def test_innovations_have_no_add_or_edit_view_even_for_superusers(client, people, published_innovation, who, path):
    client.force_login(people[who])
    before = database_state()
    url = "/admin/innovation/" + path.format(pk=published_innovation.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "Diubah lewat admin"}).status_code == 404
    assert database_state() == before


def test_listing_and_inspect_offer_no_edit_link(ministry_client, published_innovation):
    for url in ("/admin/innovation/", f"/admin/innovation/inspect/{published_innovation.pk}/"):
        body = ministry_client.get(url).content.decode()
        assert "/admin/innovation/edit/" not in body
        assert "/admin/innovation/new/" not in body


def test_history_lists_the_audit_trail(ministry_client, submitted_innovation):
    ministry_client.post(f"/admin/innovation/approve/{submitted_innovation.pk}/")
    response = ministry_client.get(f"/admin/innovation/history/{submitted_innovation.pk}/")
    assert response.status_code == 200
    actions = [event.action for event in response.context["object_list"]]
    assert actions == ["innovation.publish", "innovation.submit", "innovation.create"]
