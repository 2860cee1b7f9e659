"""Remind adopters of replication projects with no update for 90 days (once per period).

Schedule it once a day. With cron, either run it in place:

    15 6 * * *  cd /srv/registry && .venv/bin/python manage.py replication_remind

or hand the work to the task workers (`manage.py db_worker`):

    15 6 * * *  cd /srv/registry && .venv/bin/python manage.py replication_remind --enqueue

Running it more often is harmless: each project gets one reminder per period.
"""

from django.core.management.base import BaseCommand

from registry.replication.reminders import replication_send_reminders, stale_projects
from registry.replication.services import reminder_days


class Command(BaseCommand):
    help = "Send reminders for active replication projects without an update for 90 days (once per period)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Days without activity (default: REPLICATION_REMINDER_DAYS, 90).")
        parser.add_argument("--dry-run", action="store_true", help="List the stale projects, send nothing.")
        parser.add_argument("--enqueue", action="store_true", help="Enqueue the task for the task workers instead.")

    def handle(self, *args, days=None, dry_run=False, enqueue=False, **options):
        days = days or reminder_days()
        if dry_run:
            for project in stale_projects(days=days):
                self.stdout.write(f"{project.pk}\t{project.get_stage_display()}\t{project.last_activity_at:%Y-%m-%d}\t{project}")
            return
        if enqueue:
            from registry.replication.tasks import send_replication_reminders

            result = send_replication_reminders.enqueue()
            self.stdout.write(f"enqueued task {result.id}")
            return
        report = replication_send_reminders(days=days)
        self.stdout.write(self.style.SUCCESS(f"{report.stale} stale project(s), {report.sent} reminder(s) sent"))
