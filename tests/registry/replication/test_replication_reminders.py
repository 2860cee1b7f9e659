"""Reminders: active projects silent for 90 days, one e-mail per period."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from registry.replication import services
from registry.replication.models import ReplicationProject, ReplicationReminder
from registry.replication.reminders import replication_send_reminders

pytestmark = pytest.mark.django_db


def _age(project, days):
    ReplicationProject.objects.filter(pk=project.pk).update(last_activity_at=timezone.now() - timedelta(days=days))


def test_a_fresh_project_gets_no_reminder(project, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = replication_send_reminders()
    assert (report.stale, report.sent) == (0, 0)
    assert mail.outbox == []


def test_the_reminder_is_sent_once_per_period(project, verifier_b, django_capture_on_commit_callbacks):
    _age(project, 91)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = replication_send_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        second = replication_send_reminders()
    assert (first.sent, second.sent) == (1, 0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [verifier_b.email]
    assert "Akta Lahir Keliling" in mail.outbox[0].subject

    # Still silent after another 90 days: the next period, one more reminder.
    _age(project, 181)
    with django_capture_on_commit_callbacks(execute=True):
        assert replication_send_reminders().sent == 1
        assert replication_send_reminders().sent == 0
    assert len(mail.outbox) == 2
    assert sorted(ReplicationReminder.objects.values_list("period", flat=True)) == [1, 2]


def test_new_activity_starts_a_new_stretch(project, submitter_b, django_capture_on_commit_callbacks):
    _age(project, 100)
    with django_capture_on_commit_callbacks(execute=True):
        assert replication_send_reminders().sent == 1
    services.replication_monitoring_add(user=submitter_b, project=project, data={"milestone": "Sosialisasi"})
    with django_capture_on_commit_callbacks(execute=True):
        assert replication_send_reminders().sent == 0
    _age(project, 95)
    with django_capture_on_commit_callbacks(execute=True):
        assert replication_send_reminders().sent == 1


def test_stopped_and_completed_projects_are_not_reminded(project, verifier_b, django_capture_on_commit_callbacks):
    services.replication_stop(user=verifier_b, project=project, reason="Ditunda.")
    _age(project, 200)
    with django_capture_on_commit_callbacks(execute=True):
        assert replication_send_reminders().stale == 0


def test_the_command_and_the_task(project, django_capture_on_commit_callbacks, capsys):
    from registry.replication.tasks import send_replication_reminders

    _age(project, 120)
    call_command("replication_remind", "--dry-run")
    assert str(project.pk) in capsys.readouterr().out
    assert not ReplicationReminder.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("replication_remind")
    assert "1 reminder(s) sent" in capsys.readouterr().out
    # The queued task (immediate backend in tests) finds nothing left for this period.
    result = send_replication_reminders.enqueue()
    assert result.return_value == 0
