"""Tasks whose worker died: found, marked failed, and their import jobs with them.

django_tasks_db marks a task RUNNING when a worker claims it and SUCCESSFUL or
FAILED when the worker finishes it. A worker killed in between (SIGKILL, the
OOM killer, a host that lost power) finishes nothing: the task stays RUNNING
forever, and so does the import job it was running, whose page then shows
"importing" for ever. What the task wrote is safe: an import writes its rows in
one transaction, which PostgreSQL rolls back when the dead worker's connection
closes (docs/faults.md).

How a dead worker is told from a slow one:

- PostgreSQL: while a task runs, its worker holds a session advisory lock keyed
  on the task's id, on a connection of its own (taken on django-tasks'
  `task_started` signal, released on `task_finished`). PostgreSQL releases the
  lock when that connection closes, which is what happens when the process dies.
  So a RUNNING task whose lock anyone else can take has no living worker. This
  is exact, whatever the task's length, and safe with many workers.
- Other databases (SQLite, the embedded default with one worker): a task RUNNING
  for longer than `stale_after` minutes is taken for dead.

`manage.py sweep_abandoned_tasks` runs `tasks_sweep_abandoned`: when a worker
starts (compose.yaml) and from cron (README "Scheduled jobs").
"""

import logging
import zlib
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import DatabaseError, connections, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# pg_advisory_lock(int, int): the first key says "a registry task", the second is the task id's CRC-32.
# Two running tasks with the same CRC (one chance in four billion) only make one look alive longer.
LOCK_NAMESPACE = 0x52494E56  # "RINV"
DATABASE = "default"


class WorkerLost(Exception):
    """Recorded as the error of a task whose worker died while running it."""


def lock_key(task_id) -> tuple[int, int]:
    crc = zlib.crc32(str(task_id).encode())
    return LOCK_NAMESPACE, crc - 2**32 if crc >= 2**31 else crc


def _uses_advisory_locks() -> bool:
    return connections[DATABASE].vendor == "postgresql"


# --- The worker side: hold the lock while a task runs ---------------------------------------------


class _LockHolder:
    """One connection per worker process, apart from Django's, so that closing or
    recycling the task's own connection never releases the lock."""

    def __init__(self):
        self.connection = None

    def _execute(self, sql: str, params) -> None:
        if self.connection is None:
            self.connection = connections.create_connection(DATABASE)
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)

    def run(self, sql: str, task_id) -> None:
        try:
            self._execute(sql, lock_key(task_id))
        except DatabaseError:
            # A connection broken by a database restart: one new connection, one more try.
            self.close()
            try:
                self._execute(sql, lock_key(task_id))
            except DatabaseError:
                logger.warning("task %s: liveness lock unavailable; the sweeper may take it for dead", task_id)

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except DatabaseError:
                pass
            self.connection = None


_holder = _LockHolder()


def close_lock_connection() -> None:
    """Close this process's lock connection (tests; a worker keeps it for its lifetime)."""
    _holder.close()


def _from_database_queue(sender) -> bool:
    from django_tasks_db.backend import DatabaseBackend

    # db_worker sends the backend instance on start and success, its class on failure.
    backend = sender if isinstance(sender, type) else type(sender)
    return issubclass(backend, DatabaseBackend) and _uses_advisory_locks()


def on_task_started(sender, task_result, **kwargs) -> None:
    if _from_database_queue(sender):
        _holder.run("SELECT pg_try_advisory_lock(%s, %s)", task_result.id)


def on_task_finished(sender, task_result, **kwargs) -> None:
    if _from_database_queue(sender):
        _holder.run("SELECT pg_advisory_unlock(%s, %s)", task_result.id)


# --- The sweeper -------------------------------------------------------------------------------------


def _worker_alive(result, *, stale_before) -> bool:
    if not _uses_advisory_locks():
        return result.started_at >= stale_before
    with connections[DATABASE].cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", lock_key(result.pk))
        (acquired,) = cursor.fetchone()
        if acquired:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", lock_key(result.pk))
    return not acquired


IMPORT_TASKS = ("registry.imports.tasks.import_job_validate_task", "registry.imports.tasks.import_job_run_task")


@dataclass
class SweepReport:
    abandoned_tasks: list[str] = field(default_factory=list)
    failed_imports: list[str] = field(default_factory=list)


def tasks_sweep_abandoned(*, grace_seconds: int = 60, stale_after_minutes: int = 60, dry_run: bool = False) -> SweepReport:
    """Mark RUNNING tasks without a living worker FAILED, then the import jobs they were running.

    `grace_seconds`: a task claimed this recently may not have taken its lock yet.
    """
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    report = SweepReport()
    running = DBTaskResult.objects.running().filter(started_at__lt=now - timedelta(seconds=grace_seconds))
    stale_before = now - timedelta(minutes=stale_after_minutes)
    for result in running.order_by("started_at"):
        if _worker_alive(result, stale_before=stale_before):
            continue
        with transaction.atomic():
            current = DBTaskResult.objects.select_for_update().filter(pk=result.pk, status="RUNNING").first()
            if current is None:  # finished meanwhile
                continue
            report.abandoned_tasks.append(str(result.pk))
            if not dry_run:
                current.set_failed(WorkerLost(f"the worker running this task ({', '.join(current.worker_ids)}) died"))
    report.failed_imports = _fail_imports_of_failed_tasks(dry_run=dry_run, abandoned=report.abandoned_tasks)
    for task_id in report.abandoned_tasks:
        logger.warning("task %s had no living worker: marked failed", task_id)
    return report


def _fail_imports_of_failed_tasks(*, dry_run: bool, abandoned: list[str]) -> list[str]:
    """Import jobs still validating or importing whose latest task failed (or was just found dead)."""
    from django_tasks_db.models import DBTaskResult

    from registry.imports.models import ImportJob, ImportStatus
    from registry.imports.services import import_job_fail_abandoned

    failed = []
    for job in ImportJob.objects.filter(status__in=[ImportStatus.VALIDATING, ImportStatus.IMPORTING]):
        latest = (
            DBTaskResult.objects.filter(task_path__in=IMPORT_TASKS, args_kwargs__args__0=str(job.pk))
            .order_by("-enqueued_at")
            .first()
        )
        if latest is None or not (latest.status == "FAILED" or str(latest.pk) in abandoned):
            continue
        if dry_run or import_job_fail_abandoned(job=job, worker_lost=latest.exception_class_path.endswith("WorkerLost")):
            failed.append(str(job.pk))
    return failed
