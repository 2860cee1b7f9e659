"""Production settings: `check --deploy` is clean, cookies are HTTPS-only and HSTS is sent.

The settings module is read once per process, so the production environment is
tried in a subprocess, exactly as an operator would start it.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_REPORT = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in [
    "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_CONTENT_TYPE_NOSNIFF",
    "SESSION_COOKIE_HTTPONLY", "X_FRAME_OPTIONS", "REGISTRY_REQUIRE_2FA", "SECURE_PROXY_SSL_HEADER",
]}))
"""


def production_env(tmp_path, **extra) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REGISTRY_", "DATABASE_URL"))}
    env.update(
        REGISTRY_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="registri.example.go.id",
        REGISTRY_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="cms.settings",
        **extra,
    )
    return env


def run(args, env):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNINGS" not in output and "drf_spectacular" not in output


def test_production_turns_on_https_only_cookies_hsts_and_two_factor(tmp_path):
    result = run(["-c", SETTINGS_REPORT], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is values["SECURE_HSTS_PRELOAD"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["REGISTRY_REQUIRE_2FA"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_the_setting_turns_https_hardening_off_for_a_first_start_without_tls(tmp_path):
    result = run(["-c", SETTINGS_REPORT], production_env(tmp_path, DJANGO_SECURE_SSL="0", REGISTRY_REQUIRE_2FA="0"))
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SESSION_COOKIE_SECURE"] is values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["REGISTRY_REQUIRE_2FA"] is False


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_development_defaults_keep_the_demo_usable():
    from django.conf import settings

    assert settings.REGISTRY_REQUIRE_2FA is False
    assert settings.SESSION_COOKIE_SECURE is False


@pytest.mark.django_db
@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
def test_https_responses_carry_hsts_and_the_session_cookie_is_secure(client, submitter_a):
    page = client.get("/masuk/", secure=True)
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert page.cookies["csrftoken"]["secure"] is True
    response = client.post(
        "/masuk/",
        {"username": submitter_a.username, "password": PASSWORD, "csrfmiddlewaretoken": page.cookies["csrftoken"].value},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True and session["httponly"] is True
    assert session["samesite"] == "Lax"
