"""Tasks whose worker died are marked failed, with the import jobs they were running; live ones are left alone."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from cms.ops.task_liveness import (
    close_lock_connection,
    on_task_finished,
    on_task_started,
    tasks_sweep_abandoned,
)
from registry.imports.models import ImportJob, ImportStatus
from registry.imports.tasks import import_job_run_task, import_job_validate_task
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _job(status=ImportStatus.IMPORTING) -> ImportJob:
    return ImportJob.objects.create(
        resource="innovations", original_name="besar.xlsx", file_format="xlsx", row_count=1000,
        progress_total=1000, progress_done=500, created_by=UserFactory(username="pengimpor"),
        file="imports/besar.xlsx", status=status,
    )  # fmt: skip


def _task(task, job, *, status="RUNNING", started_ago=timedelta(hours=2), **fields) -> DBTaskResult:
    result = task.enqueue(str(job.pk))
    DBTaskResult.objects.filter(pk=result.id).update(
        status=status, started_at=timezone.now() - started_ago, worker_ids=["pekerja-1"], **fields
    )
    return DBTaskResult.objects.get(pk=result.id)


def _state(job, task):
    job.refresh_from_db()
    task.refresh_from_db()
    return job.status, job.message, task.status


def test_a_running_task_whose_worker_is_gone_fails_with_its_import_job():
    job = _job()
    task = _task(import_job_run_task, job)

    report = tasks_sweep_abandoned()

    assert report.abandoned_tasks == [str(task.pk)]
    assert report.failed_imports == [str(job.pk)]
    status, message, task_status = _state(job, task)
    assert (status, task_status) == (ImportStatus.FAILED, "FAILED")
    assert "tidak ada yang ditulis" in message
    assert job.finished_at is not None
    assert task.exception_class_path == "cms.ops.task_liveness.WorkerLost"
    assert "pekerja-1" in task.traceback


def test_a_task_whose_worker_is_alive_is_left_alone():
    """The worker's own signal handler holds the lock (PostgreSQL); elsewhere the task is young enough."""
    job = _job()
    task = _task(import_job_run_task, job, started_ago=timedelta(minutes=5))
    on_task_started(DatabaseBackend, task_result=task.task_result)
    try:
        report = tasks_sweep_abandoned()
    finally:
        on_task_finished(DatabaseBackend, task_result=task.task_result)
        close_lock_connection()
    assert report.abandoned_tasks == [] and report.failed_imports == []
    assert _state(job, task) == (ImportStatus.IMPORTING, "", "RUNNING")


def test_a_task_claimed_moments_ago_is_left_alone():
    job = _job()
    task = _task(import_job_run_task, job, started_ago=timedelta(seconds=5))
    assert tasks_sweep_abandoned(grace_seconds=60).abandoned_tasks == []
    assert _state(job, task) == (ImportStatus.IMPORTING, "", "RUNNING")


def test_a_validation_whose_task_failed_unexpectedly_is_failed_with_its_own_message():
    job = _job(status=ImportStatus.VALIDATING)
    task = _task(import_job_validate_task, job, status="FAILED", exception_class_path="builtins.MemoryError")

    report = tasks_sweep_abandoned()

    assert report.abandoned_tasks == []
    assert report.failed_imports == [str(job.pk)]
    status, message, _task_status = _state(job, task)
    assert status == ImportStatus.FAILED
    assert message.startswith("Tugas latar belakang gagal")


@pytest.mark.parametrize("finished", [ImportStatus.DONE, ImportStatus.INVALID, ImportStatus.VALID])
def test_a_job_that_is_not_running_is_never_changed(finished):
    job = _job(status=finished)
    task = _task(import_job_run_task, job)
    before = ImportJob.objects.filter(pk=job.pk).values().get()

    report = tasks_sweep_abandoned()

    assert report.abandoned_tasks == [str(task.pk)]  # the dead task itself is recorded
    assert report.failed_imports == []
    assert ImportJob.objects.filter(pk=job.pk).values().get() == before


def test_dry_run_lists_and_changes_nothing(capsys):
    job = _job()
    task = _task(import_job_run_task, job)

    call_command("sweep_abandoned_tasks", "--dry-run")

    output = capsys.readouterr().out
    assert "would mark 1 abandoned task(s) and 1 import job(s) failed" in output
    assert str(task.pk) in output and str(job.pk) in output
    assert _state(job, task) == (ImportStatus.IMPORTING, "", "RUNNING")


def test_the_command_reports_what_it_marked(capsys):
    job = _job()
    _task(import_job_run_task, job)
    call_command("sweep_abandoned_tasks")
    assert "marked 1 abandoned task(s) and 1 import job(s) failed" in capsys.readouterr().out
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
