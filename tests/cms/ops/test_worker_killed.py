"""Fault: a task worker is killed (SIGKILL) in the middle of a background import.

A real `manage.py db_worker` process runs the import on PostgreSQL; once it has
written some hundreds of rows inside the import's transaction, it is killed.
Then: nothing of the import is in the database, the sweeper (and only after the
worker is dead) marks the task and the job failed, and uploading the file again
imports every row.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from cms.ops.task_liveness import tasks_sweep_abandoned
from registry.imports.models import ImportJob, ImportStatus
from registry.imports.services import import_job_confirm, import_job_create
from registry.innovations.models import Innovation
from tests.factories_imports import database_state, good_row, xlsx

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

PROJECT = Path(settings.BASE_DIR)
ROWS = 1200
# Progress is recorded every 250 rows: kill once this many rows are written (uncommitted).
KILL_AFTER_ROWS = 500


@pytest.fixture
def queue_and_media(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _worker_env(media_root) -> dict:
    db = connection.settings_dict
    env = {key: value for key, value in os.environ.items() if key not in {"TASKS_BACKEND", "DJANGO_SETTINGS_MODULE"}}
    return {
        **env,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "DJANGO_MEDIA_ROOT": str(media_root),
        "DJANGO_SETTINGS_MODULE": "cms.settings",
    }


def _worker(media_root, *extra) -> subprocess.Popen:
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", *extra]
    return subprocess.Popen(command, cwd=PROJECT, env=_worker_env(media_root), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for(condition, *, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting for {what}")


def _job_status(job) -> ImportJob:
    job.refresh_from_db()
    return job


def _run_batch(media_root):
    """A worker that runs every queued task, then exits."""
    finished = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--batch"],
        cwd=PROJECT, env=_worker_env(media_root), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr[-2000:]


def test_a_worker_killed_mid_import_leaves_nothing_written_and_the_import_can_run_again(
    queue_and_media, ministry_admin, agency_a
):
    content = xlsx([good_row(n) for n in range(ROWS)])
    job = import_job_create(user=ministry_admin, resource="innovations", filename="besar.xlsx", content=content, publish=True)
    _run_batch(queue_and_media)  # the dry run
    assert _job_status(job).status == ImportStatus.VALID, job.message
    before = database_state()

    worker = _worker(queue_and_media)
    try:
        import_job_confirm(user=ministry_admin, job=job)
        _wait_for(
            lambda: _job_status(job).status == ImportStatus.IMPORTING and job.progress_done >= KILL_AFTER_ROWS,
            seconds=300,
            what="the import to be half-way",
        )
        run_task = DBTaskResult.objects.get(task_path__endswith="import_job_run_task")
        assert run_task.status == "RUNNING"
        # While the worker lives, the sweeper leaves its task alone, even with no grace period.
        assert tasks_sweep_abandoned(grace_seconds=0).abandoned_tasks == []
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL

    # Killed: the job and its task say "running" for ever, and nothing was committed.
    assert _job_status(job).status == ImportStatus.IMPORTING
    run_task.refresh_from_db()
    assert run_task.status == "RUNNING"
    assert database_state() == before
    assert not Innovation.objects.filter(external_id__startswith="uji:").exists()

    # PostgreSQL notices the closed connection and releases the worker's lock; the sweeper sees it.
    report = _wait_for(
        lambda: (r := tasks_sweep_abandoned(grace_seconds=0)).abandoned_tasks and r,
        seconds=30,
        what="the sweeper to see the dead worker",
    )
    assert report.abandoned_tasks == [str(run_task.pk)]
    assert report.failed_imports == [str(job.pk)]
    assert _job_status(job).status == ImportStatus.FAILED
    assert "tidak ada yang ditulis" in job.message
    run_task.refresh_from_db()
    assert (run_task.status, run_task.exception_class_path) == ("FAILED", "cms.ops.task_liveness.WorkerLost")
    assert database_state() == before

    # Run again: upload the same file; a new worker checks and imports it, every row once.
    again = import_job_create(user=ministry_admin, resource="innovations", filename="besar.xlsx", content=content, publish=True)
    _run_batch(queue_and_media)
    assert _job_status(again).status == ImportStatus.VALID, again.message
    import_job_confirm(user=ministry_admin, job=again)
    _run_batch(queue_and_media)
    assert _job_status(again).status == ImportStatus.DONE, again.message
    assert again.counts["new"] == ROWS
    assert Innovation.objects.filter(external_id__startswith="uji:").count() == ROWS
