"""Stored XSS: every user-writable text field holds an attack; no page or API response runs it.

The world (tests/factories_security.py) types an attack into each free-text field
through the services the portal, the admin and the import use. Each page that
shows a field must show its marker as text (so the field really was rendered) and
contain no element or attribute that came from the attack (parsed, not grepped).
"""

import json

import pytest
from rest_framework.authtoken.models import Token

from tests.factories_security import injected_markup, marker, visible_text
from tests.security.pages import portal_pages, public_pages

pytestmark = pytest.mark.django_db


def _open(client, world, page):
    client.logout()
    if page.user:
        client.force_login(getattr(world, page.user))
    return client.get(page.url)


def _check_pages(client, world, pages) -> tuple[list[str], set[str]]:
    problems, shown = [], set()
    for page in pages:
        response = _open(client, world, page)
        if response.status_code != 200:
            problems.append(f"{page.label} {page.url}: HTTP {response.status_code}")
            continue
        html = response.content.decode()
        problems += [f"{page.label}: {found}" for found in injected_markup(html)]
        text = visible_text(html)
        missing = [code for code in page.shows if marker(code) not in text]
        if missing:
            problems.append(f"{page.label}: the page does not show {missing}")
        shown |= {code for code in world.fields if marker(code) in text}
    return problems, shown


def test_public_pages_show_every_attack_as_text(client, world):
    problems, _shown = _check_pages(client, world, public_pages(world))
    assert problems == [], "\n".join(problems)


def test_portal_pages_show_every_attack_as_text(client, world):
    problems, _shown = _check_pages(client, world, portal_pages(world))
    assert problems == [], "\n".join(problems)


def test_every_attacked_field_is_shown_somewhere(client, world):
    _problems, shown = _check_pages(client, world, [*public_pages(world), *portal_pages(world)])
    # Where the contact's phone and the tag are shown they are checked too; the rest must all appear.
    assert set(world.fields) - shown == set()


def _api_responses(client, world):
    innovation = world.published
    token = Token.objects.create(user=world.submitter_a)
    judge_token = Token.objects.create(user=world.judge)
    adopter_token = Token.objects.create(user=world.verifier_b)
    return [
        ("detail", client.get(f"/api/v1/innovations/{innovation.slug}/"), ("ttl", "sum", "prb", "ind", "cnm")),
        ("search", client.get("/api/v1/innovations/", {"q": marker("ttl")}), ("ttl",)),
        ("imported", client.get(f"/api/v1/innovations/{world.imported.slug}/"), ("xtl", "xsm")),
        ("reviews", client.get(f"/api/v1/innovations/{innovation.slug}/reviews/"), ("rvw", "rpl")),
        ("review", client.get(f"/api/v1/reviews/{world.review.pk}/"), ("rvw",)),
        ("agency", client.get(f"/api/v1/agencies/{world.agency_a.code}/"), ("agn",)),
        ("replication", client.get(f"/api/v1/replications/{world.project.pk}/"), ("lnm",)),
        (
            "own innovation",
            client.get(f"/api/v1/agency/innovations/{innovation.pk}/", HTTP_AUTHORIZATION=f"Token {token.key}"),
            ("ttl", "sum"),
        ),
        (
            "judge assignment",
            client.get(f"/api/v1/judging/assignments/{world.assignment.pk}/", HTTP_AUTHORIZATION=f"Token {judge_token.key}"),
            ("ttl",),
        ),
        (
            "replication (adopter)",
            client.get(f"/api/v1/replications/{world.project.pk}/", HTTP_AUTHORIZATION=f"Token {adopter_token.key}"),
            ("lnm",),
        ),
    ]


def test_api_returns_attacks_as_json_data_never_as_html(client, world):
    for label, response, codes in _api_responses(client, world):
        assert response.status_code == 200, label
        assert response["Content-Type"].startswith("application/json"), label
        assert response["X-Content-Type-Options"] == "nosniff", label
        body = json.dumps(response.json(), ensure_ascii=False)
        for code in codes:
            assert marker(code) in body, f"{label} lacks {code}"


def test_a_browser_asking_the_api_gets_json_not_html(client, world):
    # The API renders JSON only: no HTML page of the API can carry an attack (settings.REST_FRAMEWORK).
    browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get(f"/api/v1/innovations/{world.published.slug}/", HTTP_ACCEPT=browser_accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert marker("ttl") in response.json()["title"]
