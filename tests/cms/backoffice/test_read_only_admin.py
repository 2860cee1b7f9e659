"""Audit events and regions are read-only in the admin, for superusers too: no add, edit, copy
or delete URL exists, no button leads there, and the permission policy refuses those actions."""

import pytest

from cms.backoffice.permissions import READ_ONLY, MinistryPermissionPolicy
from registry.audit.models import AuditEvent
from registry.geo.models import Province, Regency
from tests.cms.backoffice.conftest import database_state

pytestmark = pytest.mark.django_db

WRITE_PATHS = ["new/", "edit/{pk}/", "delete/{pk}/", "copy/{pk}/", "history/{pk}/"]
READ_ONLY_LISTINGS = {"auditevent": None, "province": "33", "regency": "33.72"}


@pytest.fixture
def event(submitted_innovation):
    return AuditEvent.objects.first()


@pytest.mark.parametrize("who", ["ministry_admin", "superuser"])
@pytest.mark.parametrize("listing", READ_ONLY_LISTINGS)
@pytest.mark.parametrize("path", WRITE_PATHS)
def test_write_urls_do_not_exist(client, people, event, who, listing, path):
    client.force_login(people[who])
    pk = READ_ONLY_LISTINGS[listing] or event.pk
    url = f"/admin/{listing}/" + path.format(pk=pk)
    before = database_state(), list(AuditEvent.objects.values_list("hash", flat=True))
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "diubah", "name": "Diubah"}).status_code == 404
    assert (database_state(), list(AuditEvent.objects.values_list("hash", flat=True))) == before


@pytest.mark.parametrize("listing", READ_ONLY_LISTINGS)
def test_pages_offer_no_edit_or_delete_buttons(client, superuser, event, listing):
    client.force_login(superuser)
    pk = READ_ONLY_LISTINGS[listing] or event.pk
    for url in (f"/admin/{listing}/", f"/admin/{listing}/inspect/{pk}/"):
        body = client.get(url).content.decode()
        for path in ("/edit/", "/delete/", "/new/", "/copy/"):
            assert f"/admin/{listing}{path}" not in body, (url, path)


@pytest.mark.parametrize("model", [AuditEvent, Province, Regency])
@pytest.mark.parametrize("who", ["ministry_admin", "superuser"])
def test_policy_refuses_writes_to_everyone(people, model, who):
    policy = MinistryPermissionPolicy(model, allowed_actions=READ_ONLY)
    user = people[who]
    assert policy.user_has_permission(user, "view")
    for action in ("add", "change", "delete"):
        assert not policy.user_has_permission(user, action)
    assert not policy.users_with_any_permission(["change", "delete"]).exists()
