"""Background tasks of the replication app (django-tasks)."""

from django_tasks import task

from registry.replication.reminders import replication_send_reminders


@task()
def send_replication_reminders() -> int:
    """Send the due reminders; enqueued daily by `manage.py replication_remind --enqueue` from cron."""
    return replication_send_reminders().sent
