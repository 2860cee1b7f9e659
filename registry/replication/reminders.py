"""Reminders for replication projects that nobody has updated for a while.

A project is stale when it is active (minat..evaluasi) and its last recorded
activity is at least REPLICATION_REMINDER_DAYS (90) days old. Its adopter's
verifiers get one e-mail per period of that stretch of silence: period 1 after
90 days, period 2 after 180, and so on. The ReplicationReminder row (unique per
project, stretch and period) is what makes a second run in the same period
send nothing; any new activity starts a new stretch.

Run daily, by cron or the task queue (see the replication_remind command).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from registry.audit.services import audit_record
from registry.replication.models import ReplicationProject, ReplicationReminder
from registry.replication.notifications import agency_recipients, send_after_commit, send_reminder
from registry.replication.services import reminder_days


@dataclass
class ReminderReport:
    stale: int = 0
    sent: int = 0
    project_ids: list[int] = field(default_factory=list)


def stale_projects(*, now=None, days: int | None = None):
    now, days = now or timezone.now(), days or reminder_days()
    return (
        ReplicationProject.objects.active()
        .filter(last_activity_at__lte=now - timedelta(days=days))
        .select_related("origin", "adopter")
        .order_by("pk")
    )


def replication_send_reminders(*, now=None, days: int | None = None) -> ReminderReport:
    now, days = now or timezone.now(), days or reminder_days()
    report = ReminderReport()
    for project in stale_projects(now=now, days=days):
        report.stale += 1
        if _remind(project, now=now, days=days):
            report.sent += 1
            report.project_ids.append(project.pk)
    return report


@transaction.atomic
def _remind(project: ReplicationProject, *, now, days: int) -> bool:
    inactive_days = (now - project.last_activity_at).days
    period = inactive_days // days
    recipients = agency_recipients(project.adopter, verifiers_only=True)
    reminder, created = ReplicationReminder.objects.get_or_create(
        project=project,
        inactive_since=project.last_activity_at,
        period=period,
        defaults={"sent_at": now, "recipients": recipients},
    )
    if not created:
        return False
    audit_record(
        actor=None,
        action="replication.reminder",
        target=project,
        data={"period": period, "inactive_days": inactive_days, "recipients": len(recipients)},
    )
    send_after_commit(send_reminder, project, recipients=recipients, days_inactive=inactive_days)
    return True
