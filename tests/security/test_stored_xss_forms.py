"""Stored XSS typed into the real forms (not the services): the admin's agency form, the
public objection form, the review form and the judge's scoring form. What was typed is
then shown, as text, on the pages that display it."""

import pytest
from django.urls import reverse

from registry.competitions.models import Objection, Score
from registry.ratings.models import Review
from tests.factories_security import injected_markup, marker, payload, visible_text

pytestmark = pytest.mark.django_db


def check(html: str, code: str) -> None:
    assert injected_markup(html) == []
    assert marker(code) in visible_text(html)


def test_agency_name_typed_in_the_admin(client, world):
    client.force_login(world.ministry_admin)
    agency = world.agency_b
    data = {
        "code": agency.code, "name": payload("adm", 255), "short_name": payload("ads", 50), "type": "pemkot",
        "province": agency.province_id, "regency": agency.regency_id, "parent": "", "website": "", "email": "",
        "is_active": "on",
    }  # fmt: skip
    assert client.post(f"/admin/agency/edit/{agency.pk}/", data).status_code == 302
    check(client.get(reverse("portal:replication_detail", args=[world.project.pk])).content.decode(), "adm")
    # The admin's listing shows it too (the admin has inline scripts of its own, under its own policy).
    admin_html = client.get("/admin/agency/").content.decode()
    assert [found for found in injected_markup(admin_html) if not found.startswith("inline <script>")] == []
    assert marker("adm") in visible_text(admin_html)
    client.logout()
    api = client.get(f"/api/v1/agencies/{agency.code}/")
    assert api["Content-Type"].startswith("application/json") and marker("adm") in api.json()["name"]


def test_objection_typed_in_the_public_form(client, world):
    competition = world.edition["competition"]
    url = reverse("competition_objection", args=[competition.slug, world.entry.code])
    data = {"name": payload("fon", 150), "contact": payload("foc", 150), "reason": payload("for")}
    client.post(url, data)
    assert Objection.objects.filter(reason__startswith=marker("for")).exists()
    client.force_login(world.secretariat)
    html = client.get(reverse("portal:competition_manage", args=[competition.slug])).content.decode()
    check(html, "fon")
    check(html, "for")


def test_review_typed_in_the_public_form(client, world):
    from tests import factories

    reviewer = factories.MembershipFactory(
        agency=factories.AgencyFactory(code="pemkab-kedua", name="Pemerintah Kabupaten Kedua"), user__username="peninjau2"
    ).user
    client.force_login(reviewer)
    url = reverse("review_submit", args=[world.published.slug])
    response = client.post(url, {"review-usefulness": 4, "review-ease": 4, "review-documentation": 4, "review-text": payload("frv", 2000)})
    assert Review.objects.filter(reviewer=reviewer).exists(), visible_text(response.content.decode())[-1500:]
    client.logout()
    check(client.get(f"/inovasi/{world.published.slug}/").content.decode(), "frv")


def test_judge_comment_typed_in_the_scoring_form(client, world):
    client.force_login(world.judge)
    url = reverse("portal:competition_score", args=[world.assignment.pk])
    criteria = list(world.edition["desk"].criteria.all())
    data = {f"value_{c.pk}": "8" for c in criteria} | {f"comment_{criteria[3].pk}": payload("fjc", 500), "confidence": "2"}
    client.post(url, {**data, "action": "save"})
    assert Score.objects.filter(comment__startswith=marker("fjc")).exists()
    check(client.get(url).content.decode(), "fjc")
