"""Portal pages: someone else's or a conflicted assignment is a 404; the secretariat's pages too."""

import pytest
from django.urls import reverse

from registry.competitions import services
from registry.competitions.models import Assignment, AssignmentStatus, Score
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(edition, panel, desk_entry, conflicted_judge, secretariat):
    services.entry_assign_judges(user=secretariat, round=edition["desk"])
    forced = Assignment.objects.create(round=edition["desk"], entry=desk_entry, judge=conflicted_judge)
    return list(Assignment.objects.filter(entry=desk_entry).exclude(pk=forced.pk)), forced


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


@pytest.mark.parametrize("who", ["other_judge", "conflicted_judge", "entrant_verifier", "secretariat"])
def test_scoring_page_is_a_404_for_anyone_but_the_assigned_judge(client, assigned, panel, who, entrant_verifier, secretariat):
    mine, forced = assigned
    assigned_ids = {a.judge_id for a in mine}
    users = {
        "other_judge": next(j.user for j in panel if j.pk not in assigned_ids),
        "conflicted_judge": forced.judge.user,
        "entrant_verifier": entrant_verifier,
        "secretariat": secretariat,
    }
    _login(client, users[who])
    target = forced if who == "conflicted_judge" else mine[0]
    assert client.get(reverse("portal:competition_score", args=[target.pk])).status_code == 404
    assert client.post(reverse("portal:competition_score", args=[target.pk]), {"action": "submit"}).status_code == 404
    api = client.get(f"/api/v1/judging/assignments/{target.pk}/")
    assert api.status_code == 404
    assert not Score.objects.exists()


def test_judge_scores_through_the_page(client, assigned):
    mine, _forced = assigned
    assignment = mine[0]
    _login(client, assignment.judge.user)
    page = client.get(reverse("portal:competition_score", args=[assignment.pk]))
    assert page.status_code == 200 and "Signifikansi" in page.content.decode()
    values = {f"value_{c.pk}": "8" for c in assignment.round.criteria.all()}
    response = client.post(reverse("portal:competition_score", args=[assignment.pk]), {**values, "confidence": "3", "action": "submit"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SUBMITTED
    queue = client.get(reverse("portal:competition_judge_queue")).content.decode()
    assert "1 dari 1 entri sudah dinilai" in queue


def test_out_of_scale_value_is_shown_back_and_nothing_saved(client, assigned):
    assignment = assigned[0][0]
    _login(client, assignment.judge.user)
    values = {f"value_{c.pk}": "12" for c in assignment.round.criteria.all()}
    response = client.post(reverse("portal:competition_score", args=[assignment.pk]), {**values, "confidence": "3", "action": "submit"})
    assert response.status_code == 200
    assert not Score.objects.exists()


def test_conflict_declared_from_the_page_hides_the_entry(client, assigned):
    assignment = assigned[0][0]
    _login(client, assignment.judge.user)
    response = client.post(reverse("portal:competition_conflict_declare", args=[assignment.pk]), {"reason": "Kerabat saya bekerja di sana"})
    assert response.status_code == 302
    assert client.get(reverse("portal:competition_score", args=[assignment.pk])).status_code == 404


@pytest.mark.parametrize("name", ["competition_manage", "competition_admin_check"])
def test_secretariat_pages_are_404_for_others(client, edition, panel, name, secretariat):
    _login(client, panel[0].user)
    assert client.get(reverse(f"portal:{name}", args=[edition["competition"].slug])).status_code == 404
    _login(client, secretariat)
    assert client.get(reverse(f"portal:{name}", args=[edition["competition"].slug])).status_code == 200


def test_secretariat_reopens_with_a_reason_and_advances(client, edition, assigned, secretariat):
    mine, forced = assigned
    forced.delete()
    for assignment in mine:
        values = {c.pk: 7 for c in assignment.round.criteria.all()}
        services.scores_save(user=assignment.judge.user, assignment=assignment, values=values, confidence=2, submit=True)
    _login(client, secretariat)
    round_url = reverse("portal:competition_round", args=[edition["desk"].pk])
    assert client.get(round_url).status_code == 200
    client.post(reverse("portal:competition_reopen", args=[mine[0].pk]), {"reason": ""})
    mine[0].refresh_from_db()
    assert mine[0].status == AssignmentStatus.SUBMITTED  # no reason, no reopening
    client.post(reverse("portal:competition_reopen", args=[mine[0].pk]), {"reason": "Nilai perlu diperiksa"})
    mine[0].refresh_from_db()
    assert mine[0].status == AssignmentStatus.REOPENED
    action = reverse("portal:competition_round_action", args=[edition["desk"].pk])
    client.post(action, {"action": "close"})
    response = client.post(action, {"action": "advance"}, follow=True)
    assert "belum memiliki nilai" not in response.content.decode()
    edition["desk"].refresh_from_db()
    assert edition["desk"].status == "decided"


def test_manual_add_and_remove_from_the_round_page(client, edition, panel, desk_entry, secretariat):
    _login(client, secretariat)
    add = reverse("portal:competition_assignment_add", args=[edition["desk"].pk])
    client.post(add, {"entry": desk_entry.code, "judge": panel[0].pk})
    assignment = Assignment.objects.get(entry=desk_entry, judge=panel[0])
    assert assignment.source == "manual"
    remove = reverse("portal:competition_assignment_remove", args=[assignment.pk])
    client.post(remove, {"reason": ""})
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.PENDING
    client.post(remove, {"reason": "Juri sakit"})
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.REMOVED


def _many_entries(edition, count):
    from tests.factories_competitions import entry_in_round

    return [entry_in_round(edition) for _ in range(count)]


@pytest.mark.parametrize("count", [3, 12])
def test_queue_and_round_pages_cost_a_constant_number_of_queries(client, edition, panel, secretariat, count, django_assert_max_num_queries):
    _many_entries(edition, count)
    services.entry_assign_judges(user=secretariat, round=edition["desk"])
    _login(client, panel[0].user)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("portal:competition_judge_queue")).status_code == 200
    _login(client, secretariat)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("portal:competition_round", args=[edition["desk"].pk])).status_code == 200

