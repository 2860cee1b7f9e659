"""Entrants in the portal; the public results, finalists and objection form; the admin screens."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.competitions import services
from registry.competitions.models import Entry, EntryStatus, Objection
from tests.factories import PASSWORD
from tests.factories_competitions import entry_in_round

pytestmark = pytest.mark.django_db


def test_verifier_enters_an_innovation_and_withdraws_it(client, edition, entrant_verifier, entrant_innovation):
    client.login(username=entrant_verifier.username, password=PASSWORD)
    home = client.get(reverse("portal:competition_home")).content.decode()
    assert edition["competition"].name in home
    url = reverse("portal:competition_entry_create", args=[edition["competition"].slug])
    response = client.post(url, {"innovation": entrant_innovation.pk, "group": edition["umum"].pk, "category": edition["services"].pk})
    entry = Entry.objects.get()
    assert response.status_code == 302 and response.url == reverse("portal:competition_entry_detail", args=[entry.pk])
    detail = client.get(response.url).content.decode()
    assert "Layanan Kesehatan Keliling Kota Madiun" in detail
    client.post(reverse("portal:competition_entry_withdraw", args=[entry.pk]), {"reason": "Salah kelompok"})
    assert Entry.objects.get().status == EntryStatus.WITHDRAWN


def test_refused_entry_shows_the_reason_and_saves_nothing(client, edition, entrant_verifier, entrant_innovation):
    client.login(username=entrant_verifier.username, password=PASSWORD)
    url = reverse("portal:competition_entry_create", args=[edition["competition"].slug])
    response = client.post(url, {"innovation": entrant_innovation.pk, "group": edition["replikasi"].pk, "category": edition["services"].pk})
    assert response.status_code == 200
    assert "proyek replikasinya" in response.content.decode()
    assert not Entry.objects.exists()


def test_another_agencys_entry_is_a_404(client, desk_entry, verifier_b):
    client.login(username=verifier_b.username, password=PASSWORD)
    assert client.get(reverse("portal:competition_entry_detail", args=[desk_entry.pk])).status_code == 404


@pytest.fixture
def finished(edition, panel, secretariat):
    """Two finalists after desk and presentation; the objection window is open."""
    desk, presentation = edition["desk"], edition["presentation"]
    entries = [entry_in_round(edition, category=edition["services"]) for _ in range(3)]
    for round_ in (desk, presentation):
        services.entry_assign_judges(user=secretariat, round=round_)
        for assignment in round_.assignments.select_related("judge__user"):
            value = 9 - entries.index(assignment.entry)
            services.scores_save(
                user=assignment.judge.user, assignment=assignment, values={c.pk: value for c in round_.criteria.all()}, confidence=2, submit=True
            )
        services.round_close(user=secretariat, round=round_)
        services.round_advance(user=secretariat, round=round_)
        services.round_publish_results(user=secretariat, round=round_)
    now = timezone.now()
    services.competition_publish_finalists(
        user=secretariat, competition=edition["competition"], objection_opens=now - timedelta(hours=1), objection_closes=now + timedelta(days=1)
    )
    return entries


def test_public_finalists_and_objection_form(client, edition, finished):
    slug = edition["competition"].slug
    page = client.get(reverse("competition_public_detail", args=[slug])).content.decode()
    assert finished[0].code in page and "Sampaikan sanggahan" in page
    # Only aggregated scores are public: no judge's name appears.
    assert "juri_ugm" not in page and "Ratna" not in page
    url = reverse("competition_objection", args=[slug, finished[0].code])
    response = client.post(url, {"name": "Budi", "contact": "budi@example.com", "reason": "<b>Belum</b> berjalan"})
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.reason == "Belum berjalan"
    # An eliminated entry has no objection form.
    eliminated = finished[2]
    assert client.get(reverse("competition_objection", args=[slug, eliminated.code])).status_code == 404


def test_results_page_and_awards_after_publication(client, edition, finished, secretariat, django_assert_max_num_queries):
    competition = edition["competition"]
    later = timezone.now() + timedelta(days=2)
    services.competition_decide_winners(user=secretariat, competition=competition, now=later)
    services.competition_publish_results(user=secretariat, competition=competition, now=later)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("competition_public_detail", args=[competition.slug])).content.decode()
    assert "Pemenang" in page and finished[0].title in page
    api = client.get(f"/api/v1/competitions/{competition.slug}/results/").json()
    assert api["winners"][0]["entries"][0]["code"] == finished[0].code
    assert client.get("/kompetisi/").status_code == 200
    from django.template.loader import render_to_string

    panel = render_to_string("competitions/includes/awards_panel.html", {"innovation": finished[0].innovation})
    assert competition.name in panel and "Pemenang" in panel


def test_admin_screens_for_the_secretariat(client, edition, finished, secretariat, panel):
    client.login(username=secretariat.username, password=PASSWORD)
    competition = edition["competition"]
    assert client.get(reverse("competition_dashboard")).status_code == 200
    assert client.get(reverse("competition:edit", args=[competition.pk])).status_code == 200
    assert client.get(reverse("competition_round:edit", args=[edition["desk"].pk])).status_code == 200
    assert client.get(reverse("judgeprofile:index")).status_code == 200
    for kind in ("hasil", "nilai"):
        for fmt in ("csv", "xlsx"):
            response = client.get(reverse("competition_export", args=[competition.slug, kind, fmt]))
            assert response.status_code == 200, (kind, fmt)
    scores_csv = client.get(reverse("competition_export", args=[competition.slug, "nilai", "csv"])).content.decode()
    assert "Signifikansi" in scores_csv and "juri_ugm" in scores_csv
    client.login(username=panel[0].user.username, password=PASSWORD)
    assert client.get(reverse("competition_export", args=[competition.slug, "nilai", "csv"])).status_code in (302, 403)


def test_an_upheld_objection_is_marked_and_never_an_award(client, edition, finished, secretariat):
    objection = services.objection_submit(entry=finished[0], name="Warga", contact="0812", reason="Data tidak benar")
    services.objection_decide(user=secretariat, objection=objection, upheld=True, note="Terbukti.")
    page = client.get(reverse("competition_public_detail", args=[edition["competition"].slug])).content.decode()
    assert "sanggahan dikabulkan" in page
    from registry.competitions.selectors import innovation_awards

    assert innovation_awards(finished[0].innovation_id) == []
    assert len(innovation_awards(finished[1].innovation_id)) == 1
