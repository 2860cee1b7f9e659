"""Who reaches the admin: only ministry staff and superusers; everyone else is sent to the admin login
(or refused) and their POSTs change nothing."""

import pytest
from django.contrib.auth.models import Group, Permission

from registry.agencies.models import Membership
from registry.agencies.permissions import MINISTRY_ADMIN_GROUP
from registry.audit.models import AuditEvent
from tests.cms.backoffice.conftest import database_state

pytestmark = pytest.mark.django_db

ALLOWED = {"ministry_admin", "superuser"}
USERS = ["anonymous", "submitter", "verifier", "no_membership", "ministry_admin", "superuser"]

# name -> path, filled with the pks of the scene below
URLS = {
    "home": "/admin/",
    "agency_index": "/admin/agency/",
    "agency_add": "/admin/agency/new/",
    "agency_edit": "/admin/agency/edit/{agency}/",
    "agency_inspect": "/admin/agency/inspect/{agency}/",
    "agency_history": "/admin/agency/history/{agency}/",
    "agency_delete": "/admin/agency/delete/{agency}/",
    "membership_index": "/admin/membership/",
    "membership_add": "/admin/membership/new/",
    "membership_edit": "/admin/membership/edit/{membership}/",
    "membership_verify": "/admin/membership/verify/{membership}/",
    "membership_delete": "/admin/membership/delete/{membership}/",
    "membership_history": "/admin/membership/history/{membership}/",
    "province_index": "/admin/province/",
    "province_inspect": "/admin/province/inspect/33/",
    "regency_index": "/admin/regency/",
    "regency_inspect": "/admin/regency/inspect/33.72/",
    "innovation_index": "/admin/innovation/",
    "innovation_inspect": "/admin/innovation/inspect/{innovation}/",
    "innovation_history": "/admin/innovation/history/{innovation}/",
    "innovation_approve": "/admin/innovation/approve/{innovation}/",
    "innovation_return": "/admin/innovation/return/{innovation}/",
    "innovation_unpublish": "/admin/innovation/unpublish/{published}/",
    "innovation_delete": "/admin/innovation/delete/{innovation}/",
    "audit_index": "/admin/auditevent/",
    "audit_inspect": "/admin/auditevent/inspect/{event}/",
    "user_index": "/admin/users/",
    "user_add": "/admin/users/new/",
    "user_edit": "/admin/users/edit/{member}/",
}

# What a POST to each writing URL would send if it were allowed.
POSTS = {
    "agency_add": {"code": "pemkot-baru", "name": "Pemkot Baru", "type": "pemkot", "regency": "33.72"},
    "agency_edit": {"code": "pemkot-surakarta", "name": "Diganti", "type": "pemkot", "regency": "33.72"},
    "agency_delete": {},
    "membership_add": {"user": "warga_biasa", "agency": "{agency}", "role": "verifier", "is_verified": "on"},
    "membership_edit": {"role": "verifier", "is_verified": "on"},
    "membership_verify": {},
    "membership_delete": {},
    "innovation_approve": {},
    "innovation_return": {"comment": "Lengkapi indikator."},
    "innovation_unpublish": {"reason": "Data ganda."},
    "innovation_delete": {},
    "user_add": {
        "username": "akun_baru",
        "email": "baru@example.go.id",
        "first_name": "Akun",
        "last_name": "Baru",
        "password1": "Sandi-Panjang-Sekali-42",
        "password2": "Sandi-Panjang-Sekali-42",
        "is_superuser": "on",
    },
    "user_edit": {
        "username": "pengusul_a",
        "email": "a@example.go.id",
        "first_name": "A",
        "last_name": "B",
        "nip": "199001012015031001",
        "is_active": "on",
        "is_superuser": "on",
    },
}


@pytest.fixture
def scene(people, agency_a, submitter_a, submitted_innovation, published_innovation):
    pending = Membership.objects.create(user=people["no_membership"], agency=agency_a, role="submitter")
    return {
        "agency": agency_a.pk,
        "membership": pending.pk,
        "innovation": submitted_innovation.pk,
        "published": published_innovation.pk,
        "event": AuditEvent.objects.first().pk,
        "member": submitter_a.pk,
    }


def _client_for(client, people, who):
    if people[who] is not None:
        client.force_login(people[who])
    return client


def _assert_refused(response):
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url_name", URLS)
@pytest.mark.parametrize("who", USERS)
def test_only_ministry_staff_open_admin_pages(client, people, scene, who, url_name):
    response = _client_for(client, people, who).get(URLS[url_name].format(**scene))
    if who in ALLOWED:
        assert response.status_code == 200
    else:
        _assert_refused(response)


@pytest.mark.parametrize("url_name", POSTS)
@pytest.mark.parametrize("who", sorted(set(USERS) - ALLOWED))
def test_posts_of_everyone_else_change_nothing(client, people, scene, who, url_name):
    before = database_state()
    data = {key: value.format(**scene) for key, value in POSTS[url_name].items()}
    response = _client_for(client, people, who).post(URLS[url_name].format(**scene), data)
    _assert_refused(response)
    assert database_state() == before


def test_agency_staff_and_plain_users_have_no_admin_access(people):
    for who, user in people.items():
        if user is not None:
            assert user.has_perm("wagtailadmin.access_admin") == (who in ALLOWED), who


def test_wagtail_default_groups_lose_admin_access_after_migrate(db):
    from registry.agencies.roles import WAGTAIL_DEFAULT_GROUPS, grant_ministry_admin_permissions

    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    assert not access.group_set.filter(name__in=WAGTAIL_DEFAULT_GROUPS).exists()
    editors = Group.objects.get(name="Editors")
    editors.permissions.add(access)
    grant_ministry_admin_permissions()
    assert not editors.permissions.filter(pk=access.pk).exists()
    assert access.group_set.filter(name=MINISTRY_ADMIN_GROUP).exists()
    assert not access.user_set.exists()
