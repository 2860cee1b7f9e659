"""Content-Security-Policy: every public and portal page type carries the strict policy and
nothing in its HTML that the policy would block (inline script, event handler, style
attribute or element, script or stylesheet from another origin), with hostile content
in every field (tests/factories_security.py)."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template.response import TemplateResponse
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.security.lockout import lockout_response
from tests import factories
from tests.factories_security import csp_violations
from tests.security.pages import Page, portal_pages, public_pages

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def policy(response) -> dict[str, str]:
    header = response.get("Content-Security-Policy", "")
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip())


def extra_pages() -> list[Page]:
    return [
        Page("API docs (Swagger UI)", None, reverse("api:docs")),
        Page("verifikasi dua langkah", "two_factor_user", reverse("security:two_factor_verify")),
    ]


def test_every_page_type_has_the_strict_policy_and_no_inline_code(client, world):
    world.two_factor_user = factories.UserFactory(username="berperangkat")
    TOTPDevice.objects.create(user=world.two_factor_user, name="Ponsel", confirmed=True)
    problems = []
    for page in [*public_pages(world), *portal_pages(world), *extra_pages()]:
        client.logout()
        if page.user:
            client.force_login(getattr(world, page.user))
        response = client.get(page.url)
        if response.status_code != 200:
            problems.append(f"{page.label}: HTTP {response.status_code}")
            continue
        directives = policy(response)
        wrong = {name: directives.get(name) for name, value in STRICT.items() if directives.get(name) != value}
        if wrong:
            problems.append(f"{page.label}: policy {wrong}")
        problems += [f"{page.label}: {found}" for found in csp_violations(response.content.decode())]
    assert problems == [], "\n".join(problems)


def test_redoc_may_apply_inline_styles_but_runs_no_inline_script(client):
    response = client.get(reverse("api:redoc"))
    assert response.status_code == 200
    directives = policy(response)
    assert directives["style-src"] == "'self' 'unsafe-inline'"  # styled-components, at run time
    assert directives["script-src"] == "'self'"
    assert [found for found in csp_violations(response.content.decode()) if "style" not in found] == []
    assert "fonts.googleapis.com" not in response.content.decode()


def test_the_policy_comes_from_the_settings_dictionary():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in str(directives) and "'unsafe-eval'" not in str(directives)


def test_the_lockout_and_storage_full_pages_are_clean(rf):
    request = rf.get("/masuk/")
    request.user = AnonymousUser()
    for response in (lockout_response(request), TemplateResponse(request, "security/storage_full.html").render()):
        assert csp_violations(response.content.decode()) == []


def test_the_wagtail_admin_has_its_own_relaxed_policy(client, ministry_admin):
    client.force_login(ministry_admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    directives = policy(response)
    # Wagtail's admin needs inline scripts and styles, and frames its own previews...
    assert directives["script-src"] == "'self' 'unsafe-inline'"
    assert directives["frame-ancestors"] == "'self'"
    # ...but loads nothing from elsewhere, embeds no plugins, posts forms only to us.
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'self'"


def test_served_documents_carry_their_own_locked_down_headers(client, world):
    response = client.get(world.document.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
