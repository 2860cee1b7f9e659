"""`manage.py sweep_abandoned_tasks`: fail the tasks (and import jobs) whose worker died.

Run it when a worker starts and every few minutes from cron; with PostgreSQL it
never touches a task whose worker is alive, however long it runs
(cms/ops/task_liveness.py explains how it tells).
"""

from django.core.management.base import BaseCommand

from cms.ops.task_liveness import tasks_sweep_abandoned


class Command(BaseCommand):
    help = "Mark RUNNING tasks whose worker died as failed, and the import jobs they were running."

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace", type=int, default=60, help="seconds a just-claimed task is left alone (default 60)"
        )
        parser.add_argument(
            "--stale-after",
            type=int,
            default=60,
            help="without PostgreSQL: minutes after which a RUNNING task is taken for dead (default 60)",
        )
        parser.add_argument("--dry-run", action="store_true", help="list, change nothing")

    def handle(self, *args, grace, stale_after, dry_run, **options):
        report = tasks_sweep_abandoned(grace_seconds=grace, stale_after_minutes=stale_after, dry_run=dry_run)
        verb = "would mark" if dry_run else "marked"
        self.stdout.write(
            f"{verb} {len(report.abandoned_tasks)} abandoned task(s) and "
            f"{len(report.failed_imports)} import job(s) failed"
        )
        for task_id in report.abandoned_tasks:
            self.stdout.write(f"  task {task_id}")
        for job_id in report.failed_imports:
            self.stdout.write(f"  import job {job_id}")
