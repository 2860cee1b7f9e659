"""Login throttling and lock-out (django-axes) on /masuk/ and the Wagtail admin login."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from registry.audit.models import AuditEvent
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_PAGES = {"public": "/masuk/", "admin": "/admin/login/"}
ATTACKER, OFFICE = "203.0.113.7", "198.51.100.20"


def attempt(client, page, username, password, ip=ATTACKER):
    return client.post(LOGIN_PAGES[page], {"username": username, "password": password}, REMOTE_ADDR=ip)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def lock_out(client, page, username, ip=ATTACKER):
    responses = [attempt(client, page, username, "salah-sekali", ip) for _ in range(settings.AXES_FAILURE_LIMIT)]
    return responses


@pytest.mark.parametrize("login_page", LOGIN_PAGES)
def test_the_limit_th_wrong_password_locks_the_account_with_a_clear_page(client, ministry_admin, login_page):
    responses = lock_out(client, login_page, ministry_admin.username)
    assert all(r.status_code == 200 for r in responses[:-1])  # the form again, with its error
    locked = responses[-1]
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "Akun terkunci sementara" in body
    assert f"selama {settings.AXES_COOLOFF_TIME.seconds // 60} menit" in body
    # Even the right password is refused now, and nobody is signed in.
    again = attempt(client, login_page, ministry_admin.username, PASSWORD)
    assert again.status_code == 429 and not signed_in(client)


@pytest.mark.parametrize("login_page", LOGIN_PAGES)
def test_the_lock_holds_the_pair_only_not_the_office_or_other_users(client, ministry_admin, verifier_a, login_page):
    # (not `page`: that name is pytest-playwright's browser page fixture)
    lock_out(client, login_page, ministry_admin.username)
    # The same person from the office's address, and a colleague from the attacker's address, still sign in.
    assert attempt(client, login_page, ministry_admin.username, PASSWORD, ip=OFFICE).status_code == 302
    client.logout()
    assert attempt(client, "public", verifier_a.username, PASSWORD).status_code == 302


def test_a_successful_login_clears_earlier_failures(client, submitter_a):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "public", submitter_a.username, "salah")
    assert attempt(client, "public", submitter_a.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "public", submitter_a.username, "salah").status_code == 200
    assert attempt(client, "public", submitter_a.username, PASSWORD).status_code == 302


def test_the_lock_lifts_by_itself_after_the_cool_off(client, submitter_a):
    lock_out(client, "public", submitter_a.username)
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1))
    assert attempt(client, "public", submitter_a.username, PASSWORD).status_code == 302


def test_reset_from_the_command_line(client, submitter_a):
    lock_out(client, "public", submitter_a.username)
    call_command("axes_reset_username", submitter_a.username)
    assert attempt(client, "public", submitter_a.username, PASSWORD).status_code == 302


def test_a_ministry_admin_releases_a_lock_in_the_admin(client, ministry_admin, submitter_a):
    lock_out(client, "public", submitter_a.username)
    lock = AccessAttempt.objects.get(username=submitter_a.username)
    client.force_login(ministry_admin)
    listing = client.get(reverse("registry_security_lockouts"))
    assert listing.status_code == 200 and submitter_a.username in listing.content.decode()

    response = client.post(reverse("registry_security_lockouts"), {"attempt": lock.pk})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=submitter_a.username).exists()
    event = AuditEvent.objects.get(action="account.lockout_release")
    assert event.actor == ministry_admin and event.data["username"] == submitter_a.username
    client.logout()
    assert attempt(client, "public", submitter_a.username, PASSWORD).status_code == 302


@pytest.mark.parametrize("who", ["verifier_a", "secretariat_staff"])
def test_only_ministry_admins_may_release_a_lock(client, request, submitter_a, who):
    from tests.factories_competitions import SecretariatFactory

    lock_out(client, "public", submitter_a.username)
    lock = AccessAttempt.objects.get(username=submitter_a.username)
    user = request.getfixturevalue(who) if who == "verifier_a" else SecretariatFactory(username="staf_sekretariat")
    client.force_login(user)
    events = AuditEvent.objects.count()
    response = client.post(reverse("registry_security_lockouts"), {"attempt": lock.pk})
    assert response.status_code in {302, 403}  # the admin's own login redirect, or refused
    assert AccessAttempt.objects.filter(pk=lock.pk, failures_since_start=settings.AXES_FAILURE_LIMIT).exists()
    assert AuditEvent.objects.count() == events


def test_the_test_clients_login_still_works(client, submitter_a):
    # authenticate() without a request (client.login, shell, commands) skips the axes check.
    assert client.login(username=submitter_a.username, password=PASSWORD)
    assert client.get("/portal/").status_code == 200


def test_the_address_is_read_from_the_proxy_header_only_behind_the_proxy(rf, settings):
    from cms.security.lockout import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    settings.SECURE_PROXY_SSL_HEADER = None
    assert client_ip(request) == "10.0.0.2"  # a client's own header means nothing without a proxy
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_ip(request) == "203.0.113.9"  # the address our proxy appended, not the forged one
