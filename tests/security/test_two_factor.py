"""Two-factor sign-in (TOTP, django-otp): enrolment, the second step at both logins,
backup codes, and the roles that must use it when REGISTRY_REQUIRE_2FA is on.

Codes are computed in the test with django-otp's own TOTP implementation, from the
secret the enrolment page shows, as an authenticator app would.
"""

import re
from base64 import b32decode
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.accounts import two_factor
from registry.audit.models import AuditEvent
from registry.core.exceptions import PermissionDenied
from tests.factories import PASSWORD
from tests.factories_competitions import JudgeFactory, SecretariatFactory

pytestmark = pytest.mark.django_db

VERIFY, SETUP = reverse("security:two_factor_verify"), reverse("security:two_factor_setup")


def code_for(key: bytes) -> str:
    totp = TOTP(key, step=30, t0=0, digits=6, drift=0)
    return str(totp.token()).zfill(6)


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    """A user who turned two-factor sign-in on (through the service, with a real code)."""
    device = two_factor.pending_device(user)
    codes = two_factor.two_factor_enable(user=user, device=device, token=code_for(device.bin_key))
    device.refresh_from_db()
    # The code just used may not be used again; the tests sign in with the next step's code.
    device.last_t -= 1
    device.save(update_fields=["last_t"])
    return device, codes


def sign_in(client, url, user):
    return client.post(url, {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="198.51.100.5")


# --- Enrolment ---------------------------------------------------------------------------------
def test_enrolment_shows_a_server_drawn_qr_code_and_the_secret_then_confirms_with_a_code(client, verifier_a):
    client.force_login(verifier_a)
    page = client.get(SETUP)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one(".two-factor-qr svg path") is not None  # the QR code, inline SVG
    secret = soup.select_one(".two-factor-secret").get_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    assert TOTPDevice.objects.get(user=verifier_a, confirmed=False).bin_key == key

    wrong = client.post(SETUP, {"code": "000000" if code_for(key) != "000000" else "111111"})
    assert wrong.status_code == 200 and "Kode tidak cocok" in wrong.content.decode()
    assert not two_factor.has_device(verifier_a)
    # A wrong code throttles the next try for a moment (django-otp); let that moment pass.
    TOTPDevice.objects.filter(user=verifier_a).update(throttling_failure_timestamp=timezone.now() - timedelta(minutes=1))

    done = client.post(SETUP, {"code": code_for(key)})
    assert done.status_code == 200
    codes = [item.get_text() for item in BeautifulSoup(done.content, "html.parser").select(".backup-codes code")]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert two_factor.has_device(verifier_a)
    assert set(StaticToken.objects.filter(device__user=verifier_a).values_list("token", flat=True)) == set(codes)
    assert AuditEvent.objects.filter(action="account.two_factor_enable", target_id=str(verifier_a.pk)).exists()
    # The session that enrolled is verified: the portal opens.
    assert client.get("/portal/").status_code == 200


def test_a_user_with_a_device_cannot_enrol_a_second_one_before_the_code(client, verifier_a):
    enrolled(verifier_a)
    sign_in(client, "/masuk/", verifier_a)
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=verifier_a).count() == 1


# --- The second step at login ------------------------------------------------------------------------
def test_public_login_asks_for_the_code_before_the_portal(client, verifier_a):
    device, _codes = enrolled(verifier_a)
    response = sign_in(client, "/masuk/?next=/portal/inovasi/", verifier_a)
    assert response.status_code == 302
    held = client.get("/portal/inovasi/")
    assert held.status_code == 302 and held["Location"] == f"{VERIFY}?{urlencode({'next': '/portal/inovasi/'})}"

    wrong = client.post(VERIFY, {"code": "12345x", "next": "/portal/inovasi/"})
    assert wrong.status_code == 200 and "Kode salah" in wrong.content.decode()
    assert client.get("/portal/inovasi/").status_code == 302

    # django-otp throttles after a wrong code: even the right one waits for the delay to pass.
    throttled = client.post(VERIFY, {"code": code_for(device.bin_key), "next": "/portal/inovasi/"})
    assert throttled.status_code == 200
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(minutes=1))
    right = client.post(VERIFY, {"code": code_for(device.bin_key), "next": "/portal/inovasi/"})
    assert right.status_code == 302 and right["Location"] == "/portal/inovasi/"
    assert client.get("/portal/inovasi/").status_code == 200


def test_admin_login_asks_for_the_code_before_the_admin(client, ministry_admin):
    device, _codes = enrolled(ministry_admin)
    assert sign_in(client, "/admin/login/", ministry_admin).status_code == 302
    held = client.get("/admin/")
    assert held.status_code == 302 and held["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(device.bin_key), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200


def test_a_code_works_once(client, verifier_a):
    device, _codes = enrolled(verifier_a)
    code = code_for(device.bin_key)
    sign_in(client, "/masuk/", verifier_a)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.logout()
    sign_in(client, "/masuk/", verifier_a)
    replay = client.post(VERIFY, {"code": code})
    assert replay.status_code == 200  # refused: that time step was used
    assert client.get("/portal/").status_code == 302


def test_a_backup_code_signs_in_once(client, verifier_a):
    _device, codes = enrolled(verifier_a)
    sign_in(client, "/masuk/", verifier_a)
    assert client.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert client.get("/portal/").status_code == 200
    assert StaticToken.objects.filter(device__user=verifier_a).count() == 9
    client.logout()
    sign_in(client, "/masuk/", verifier_a)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 200
    assert client.get("/portal/").status_code == 302


def test_a_half_signed_in_session_may_read_public_pages_but_not_act_or_use_the_api(client, verifier_a):
    enrolled(verifier_a)
    sign_in(client, "/masuk/", verifier_a)
    assert client.get("/").status_code == 200
    assert client.post("/inovasi/apa-saja/ulasan/", {"text": "x"}).status_code == 302
    api = client.get("/api/v1/judging/assignments/")
    assert api.status_code == 403 and api.json()["error"]["code"] == "two_factor_required"
    # Leaving is always possible.
    assert client.post(reverse("logout")).status_code == 302


def test_next_may_not_lead_to_another_site(client, verifier_a):
    device, _codes = enrolled(verifier_a)
    sign_in(client, "/masuk/", verifier_a)
    response = client.post(VERIFY, {"code": code_for(device.bin_key), "next": "https://penipu.example/"})
    assert response["Location"] == "/portal/"


# --- Who must use it ---------------------------------------------------------------------------------
def _role(request, role):
    if role == "ministry_admin":
        return request.getfixturevalue("ministry_admin")
    if role == "secretariat":
        return SecretariatFactory(username="sekretariat_2fa")
    if role == "judge":
        return JudgeFactory(user__username="juri_2fa").user
    return request.getfixturevalue(role)


@pytest.mark.parametrize("role", ["ministry_admin", "secretariat", "judge"])
@pytest.mark.parametrize("path", ["/portal/", "/admin/"])
def test_required_roles_must_enrol_when_the_setting_is_on(client, request, settings, role, path):
    settings.REGISTRY_REQUIRE_2FA = True
    user = _role(request, role)
    sign_in(client, "/masuk/", user)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    setup = client.get(SETUP)
    assert setup.status_code == 200 and "mewajibkan verifikasi dua langkah" in setup.content.decode()


@pytest.mark.parametrize("role", ["submitter_a", "verifier_a"])
def test_other_roles_are_not_forced_when_the_setting_is_on(client, request, settings, role):
    settings.REGISTRY_REQUIRE_2FA = True
    sign_in(client, "/masuk/", request.getfixturevalue(role))
    assert client.get("/portal/").status_code == 200


@pytest.mark.parametrize("role", ["ministry_admin", "secretariat", "judge"])
def test_nobody_is_forced_when_the_setting_is_off(client, request, settings, role):
    settings.REGISTRY_REQUIRE_2FA = False
    sign_in(client, "/masuk/", _role(request, role))
    assert client.get("/portal/").status_code == 200


def test_an_enrolled_required_user_reaches_the_admin_after_the_code(client, settings, ministry_admin):
    settings.REGISTRY_REQUIRE_2FA = True
    device, _codes = enrolled(ministry_admin)
    sign_in(client, "/admin/login/", ministry_admin)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(device.bin_key)})
    assert client.get("/admin/").status_code == 200


# --- Managing it -----------------------------------------------------------------------------------
def test_an_optional_user_may_turn_it_off_once_verified(client, verifier_a):
    device, _codes = enrolled(verifier_a)
    sign_in(client, "/masuk/", verifier_a)
    client.post(VERIFY, {"code": code_for(device.bin_key)})
    assert client.post(SETUP, {"action": "disable"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=verifier_a).exists()
    assert not StaticDevice.objects.filter(user=verifier_a).exists()
    assert AuditEvent.objects.filter(action="account.two_factor_disable").count() == 1


def test_a_required_user_cannot_turn_it_off(settings, ministry_admin):
    settings.REGISTRY_REQUIRE_2FA = True
    enrolled(ministry_admin)
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        two_factor.two_factor_disable(user=ministry_admin)
    assert TOTPDevice.objects.filter(user=ministry_admin, confirmed=True).count() == 1
    assert StaticToken.objects.filter(device__user=ministry_admin).count() == 10
    assert AuditEvent.objects.count() == events


def test_new_backup_codes_replace_the_old_ones(client, verifier_a):
    device, old = enrolled(verifier_a)
    sign_in(client, "/masuk/", verifier_a)
    client.post(VERIFY, {"code": code_for(device.bin_key)})
    page = client.post(SETUP, {"action": "backup_codes"})
    new = re.findall(r"<code>([a-z2-7]{8})</code>", page.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.filter(device__user=verifier_a).values_list("token", flat=True)) == set(new)
