"""Blind rounds: no judge-facing response (HTML, API, export) names the entrant.

The entry goes through the real submission service (so the submitting verifier's
name is in the snapshot) and its narrative mentions the city and the agency.
"""

import pytest
from django.urls import reverse

from registry.competitions import services
from registry.competitions.models import Assignment
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

IDENTITY = [
    "Pemerintah Kota Madiun",
    "Pemkot Madiun",
    "Kota Madiun",
    "Madiun",
    "Dinas Kesehatan",
    "Jawa Timur",
    "Wahyu Prasetyo",
    "wahyu.prasetyo@madiunkota.go.id",
    "Siti",
    "Rahayuningsih",
    "pemkot-madiun",
]


@pytest.fixture
def blind_assignment(edition, panel, entrant_verifier, entrant_innovation, secretariat):
    entrant_verifier.first_name, entrant_verifier.last_name = "Siti", "Rahayuningsih"
    entrant_verifier.save()
    entry = services.entry_submit(
        user=entrant_verifier, competition=edition["competition"], innovation=entrant_innovation,
        group=edition["umum"], category=edition["services"],
    )
    services.entry_admin_check(user=secretariat, entry=entry, passed=True)
    services.entry_assign_judges(user=secretariat, round=edition["desk"])
    assignment = Assignment.objects.filter(entry=entry).select_related("judge__user").first()
    assert edition["desk"].is_blind
    return assignment


def _assert_blind(body: str, where: str):
    for name in IDENTITY:
        assert name.lower() not in body.lower(), f"{name!r} leaks in {where}"


def test_no_judge_facing_response_names_the_entrant(client, blind_assignment):
    judge = blind_assignment.judge.user
    client.login(username=judge.username, password=PASSWORD)
    values = {f"value_{c.pk}": "7" for c in blind_assignment.round.criteria.all()}
    pages = {
        "portal home": client.get(reverse("portal:competition_home")),
        "queue": client.get(reverse("portal:competition_judge_queue")),
        "scoring page": client.get(reverse("portal:competition_score", args=[blind_assignment.pk])),
        "draft saved": client.post(
            reverse("portal:competition_score", args=[blind_assignment.pk]), {**values, "confidence": "2", "action": "draft"}, follow=True
        ),
        "API list": client.get("/api/v1/judging/assignments/"),
        "API detail": client.get(f"/api/v1/judging/assignments/{blind_assignment.pk}/"),
    }
    client.post(reverse("portal:competition_score", args=[blind_assignment.pk]), {**values, "confidence": "2", "action": "submit"})
    pages["submitted page"] = client.get(reverse("portal:competition_score", args=[blind_assignment.pk]))
    pages["own export"] = client.get(reverse("portal:competition_judge_export"))
    for where, response in pages.items():
        assert response.status_code == 200, where
        _assert_blind(response.content.decode(), where)
    # The judge does see the (redacted) content they are scoring.
    scoring = pages["scoring page"].content.decode()
    assert "Layanan Kesehatan Keliling" in scoring and "[disamarkan]" in scoring
    assert "Layanan Kesehatan Keliling" in pages["own export"].content.decode()


def test_the_same_entry_is_shown_in_full_when_the_round_is_not_blind(client, blind_assignment):
    round_ = blind_assignment.round
    round_.is_blind = False
    round_.save()
    client.login(username=blind_assignment.judge.user.username, password=PASSWORD)
    body = client.get(reverse("portal:competition_score", args=[blind_assignment.pk])).content.decode()
    assert "Pemerintah Kota Madiun" in body and "Wahyu Prasetyo" in body
