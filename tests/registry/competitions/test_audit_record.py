"""Scores, reopenings, decisions and publications are chained audit events; tampering is found."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from registry.audit.models import AuditEvent
from registry.competitions import services
from registry.competitions.models import Assignment, Score

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(edition, panel, desk_entry, secretariat):
    services.entry_assign_judges(user=secretariat, round=edition["desk"])
    for assignment in Assignment.objects.filter(entry=desk_entry):
        values = {c.pk: 7 for c in edition["desk"].criteria.all()}
        services.scores_save(user=assignment.judge.user, assignment=assignment, values=values, confidence=2, submit=True)
    first = Assignment.objects.filter(entry=desk_entry).order_by("pk").first()
    services.assignment_reopen(user=secretariat, assignment=first, reason="Periksa ulang")
    values = {c.pk: 8 for c in edition["desk"].criteria.all()}
    services.scores_save(user=first.judge.user, assignment=first, values=values, confidence=3, submit=True)
    services.round_close(user=secretariat, round=edition["desk"])
    services.round_advance(user=secretariat, round=edition["desk"])
    services.round_publish_results(user=secretariat, round=edition["desk"])
    return first


def test_every_step_is_an_event_in_one_intact_chain(scored, capsys):
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("competition.score.submit") == 3
    for action in ["competition.assign", "competition.score.reopen", "competition.round.close", "competition.round.decide", "competition.round.publish"]:
        assert action in actions
    call_command("verify_audit_log")
    assert "audit chain intact" in capsys.readouterr().out


def test_a_score_changed_by_hand_in_the_database_is_detected(scored):
    score = Score.objects.filter(assignment=scored).first()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE competitions_score SET value = %s WHERE id = %s", ["10.00", score.pk])
    with pytest.raises(CommandError) as info:
        call_command("verify_audit_log")
    assert f"assignment #{scored.pk}" in str(info.value)


def test_a_score_event_changed_by_hand_breaks_the_chain_at_that_event(scored):
    event = AuditEvent.objects.filter(action="competition.score.submit").order_by("sequence").first()
    tampered = {**event.data, "total": 99.0}
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET data = %s WHERE id = %s", [__import__("json").dumps(tampered), event.pk])
    with pytest.raises(CommandError) as info:
        call_command("verify_audit_log")
    assert f"broken at event #{event.sequence}" in str(info.value)
