"""Wagtail's user admin with the registry's fields: ministry staff create agency staff accounts
(with NIP and telephone) but cannot hand out admin rights or take over accounts above them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from registry.agencies.permissions import MINISTRY_ADMIN_GROUP
from tests.cms.backoffice.conftest import database_state

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "Sandi-Panjang-Sekali-42"


def _new_user(**extra):
    return {
        "username": "staf.dukcapil",
        "email": "staf.dukcapil@surakarta.go.id",
        "first_name": "Sri",
        "last_name": "Lestari",
        "nip": "198705122010012003",
        "phone": "0271 123456",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }


def test_ministry_admin_creates_an_agency_staff_account_with_nip_and_phone(ministry_client):
    response = ministry_client.get("/admin/users/new/")
    body = response.content.decode()
    assert 'name="nip"' in body and 'name="phone"' in body
    response = ministry_client.post("/admin/users/new/", _new_user())
    assert response.status_code == 302
    user = User.objects.get(username="staf.dukcapil")
    assert (user.nip, user.phone) == ("198705122010012003", "0271 123456")
    assert user.check_password(PASSWORD)
    assert not user.has_perm("wagtailadmin.access_admin")


def test_ministry_admin_cannot_grant_superuser_or_groups(ministry_client):
    ministry_group = Group.objects.get(name=MINISTRY_ADMIN_GROUP)
    response = ministry_client.post(
        "/admin/users/new/", _new_user(is_superuser="on", groups=[ministry_group.pk])
    )
    assert response.status_code == 302
    user = User.objects.get(username="staf.dukcapil")
    assert not user.is_superuser
    assert not user.groups.exists()


def test_superuser_may_grant_the_ministry_group(client, superuser):
    client.force_login(superuser)
    ministry_group = Group.objects.get(name=MINISTRY_ADMIN_GROUP)
    response = client.post("/admin/users/new/", _new_user(groups=[ministry_group.pk]))
    assert response.status_code == 302
    assert User.objects.get(username="staf.dukcapil").groups.filter(pk=ministry_group.pk).exists()


@pytest.mark.parametrize("nip", ["12345", "19870512201001200X", "1987051220100120031"])
def test_nip_must_be_18_digits(ministry_client, nip):
    before = database_state()
    response = ministry_client.post("/admin/users/new/", _new_user(nip=nip))
    assert response.status_code == 200
    assert "nip" in response.context["form"].errors
    assert database_state() == before


def test_ministry_admin_edits_agency_staff(ministry_client, submitter_a):
    data = {
        "username": submitter_a.username,
        "email": submitter_a.email,
        "first_name": "Nama",
        "last_name": "Baru",
        "nip": "199001012015031001",
        "phone": "0811",
        "is_active": "on",
        "is_superuser": "on",
    }
    response = ministry_client.post(f"/admin/users/edit/{submitter_a.pk}/", data)
    assert response.status_code == 302
    submitter_a.refresh_from_db()
    assert (submitter_a.nip, submitter_a.phone, submitter_a.is_superuser) == ("199001012015031001", "0811", False)


@pytest.mark.parametrize("target", ["superuser", "other_ministry_admin"])
def test_ministry_admin_cannot_edit_accounts_above_or_beside_them(ministry_client, people, target):
    from tests.factories import MinistryAdminFactory

    user = people["superuser"] if target == "superuser" else MinistryAdminFactory(username="admin_kedua")
    before = database_state()
    assert ministry_client.get(f"/admin/users/edit/{user.pk}/").status_code == 302
    data = {"username": user.username, "email": "x@example.go.id", "first_name": "X", "last_name": "Y",
            "password1": PASSWORD, "password2": PASSWORD, "is_active": "on"}
    response = ministry_client.post(f"/admin/users/edit/{user.pk}/", data)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert database_state() == before
    user.refresh_from_db()
    assert not user.check_password(PASSWORD)


def test_ministry_admin_cannot_delete_accounts(ministry_client, submitter_a):
    before = database_state()
    response = ministry_client.post(f"/admin/users/delete/{submitter_a.pk}/")
    assert response.status_code == 302
    assert database_state() == before
