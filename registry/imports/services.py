"""Every state change of an import: upload (with its dry run), confirm, run.

    upload ──▶ validating ──▶ valid ──confirm──▶ importing ──▶ done
                    │                               │
                    └──▶ invalid                    └──▶ invalid (the data changed since the
                                                         dry run: nothing written) / failed

Who may import what:
- ministry admins: every resource, publishing innovations or as drafts;
- an agency's verifier: innovations of its own agencies only, always as drafts
  (see registry/innovations/resources.py for why);
- nobody else.

A file is validated and imported in the request when it has at most
REGISTRY_IMPORT_BACKGROUND_ROWS rows, otherwise in a django-tasks task whose
progress the job records. Every import run writes one audit event with its counts.
"""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.agencies.models import MembershipRole
from registry.agencies.permissions import agency_roles, is_ministry_admin
from registry.audit.services import audit_record
from registry.core.exceptions import PermissionDenied, TransitionNotAllowed, ValidationError
from registry.core.storage import refuse_when_storage_full
from registry.imports.catalog import RESOURCES, resource_entry
from registry.imports.engine import run_resource_import
from registry.imports.files import read_dataset
from registry.imports.models import ImportJob, ImportSource, ImportStatus

logger = logging.getLogger(__name__)


def background_threshold() -> int:
    return getattr(settings, "REGISTRY_IMPORT_BACKGROUND_ROWS", 300)


# --- Permissions -------------------------------------------------------------------------------
def verifier_agency_ids(user) -> set[int]:
    return {agency_id for agency_id, role in agency_roles(user).items() if role == MembershipRole.VERIFIER}


def importable_resources(user) -> list[str]:
    if is_ministry_admin(user):
        return list(RESOURCES)
    if verifier_agency_ids(user):
        return [name for name, entry in RESOURCES.items() if not entry.ministry_only]
    return []


def import_scope(user, resource: str) -> set[int] | None:
    """The agencies whose rows the user may import (None: all); PermissionDenied when none."""
    try:
        entry = resource_entry(resource)
    except LookupError:
        raise ValidationError(_("Jenis data \"%(name)s\" tidak dikenal.") % {"name": resource}) from None
    if is_ministry_admin(user):
        return None
    if entry.ministry_only:
        raise PermissionDenied(_("Hanya admin kementerian yang boleh mengimpor %(label)s.") % {"label": entry.label})
    agencies = verifier_agency_ids(user)
    if not agencies:
        raise PermissionDenied(_("Hanya verifikator instansi yang boleh mengimpor inovasi instansinya."))
    return agencies


def _require_job_owner(user, job: ImportJob) -> None:
    if job.created_by_id == user.pk or is_ministry_admin(user):
        return
    raise PermissionDenied(_("Impor ini milik pengguna lain."))


# --- Upload and dry run --------------------------------------------------------------------
def import_job_create(*, user, resource: str, filename: str, content: bytes, publish: bool = False,
                      source: str = ImportSource.ADMIN) -> ImportJob:  # fmt: skip
    """Check the file, store it and run (or enqueue) the dry run. Refuses with ValidationError."""
    import_scope(user, resource)
    publish = bool(publish) and is_ministry_admin(user) and resource == "innovations"
    dataset = read_dataset(content=content, filename=filename)
    problems = resource_entry(resource).resource_class.header_problems(dataset.headers)
    if problems:
        raise ValidationError(problems)
    job = ImportJob(
        resource=resource,
        publish=publish,
        original_name=filename[-255:],
        file_format=filename.rsplit(".", 1)[-1].lower(),
        row_count=len(dataset),
        progress_total=len(dataset),
        source=source,
        created_by=user,
        status=ImportStatus.VALIDATING,
    )
    with refuse_when_storage_full():  # disk or quota full: no job, no file, a clear message
        job.file.save(f"{job.pk}.{job.file_format}", ContentFile(content), save=False)
    job.save()
    if job.row_count > background_threshold():
        from registry.imports.tasks import import_job_validate_task

        transaction.on_commit(lambda: import_job_validate_task.enqueue(str(job.pk)))
    else:
        import_job_validate(job=job)
    return job


def _load_dataset(job: ImportJob):
    with job.file.open("rb") as handle:
        return read_dataset(content=handle.read(), filename=job.original_name)


def import_job_validate(*, job: ImportJob) -> ImportJob:
    """The dry run: every row checked, nothing written. Runs outside any transaction so progress shows."""
    user = job.created_by
    try:
        scope = import_scope(user, job.resource)
        dataset = _load_dataset(job)
        report = run_resource_import(
            resource_name=job.resource, dataset=dataset, user=user, publish=job.publish,
            allowed_agency_ids=scope, write=False, progress=_ProgressWriter(job),
        )  # fmt: skip
    except (ValidationError, PermissionDenied) as error:
        _finish(job, ImportStatus.INVALID, message=_messages(error))
        return job
    _finish(job, ImportStatus.VALID if report.ok else ImportStatus.INVALID, report=report, validated=True)
    return job


# --- Confirm and run ------------------------------------------------------------------------
def import_job_confirm(*, user, job: ImportJob) -> ImportJob:
    """The user saw the preview and asks for the import: run it now or in the background."""
    _require_job_owner(user, job)
    import_scope(user, job.resource)
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.VALID).update(
        status=ImportStatus.IMPORTING, progress_done=0, message=""
    )
    if not updated:
        job.refresh_from_db()
        raise TransitionNotAllowed(
            _("Impor berstatus \"%(status)s\" tidak dapat dijalankan.") % {"status": job.get_status_display()}
        )
    job.refresh_from_db()
    if job.row_count > background_threshold():
        from registry.imports.tasks import import_job_run_task

        transaction.on_commit(lambda: import_job_run_task.enqueue(str(job.pk)))
    else:
        import_job_run(job=job)
    return job


class _RollBack(Exception):
    def __init__(self, report):
        self.report = report


def import_job_run(*, job: ImportJob) -> ImportJob:
    """Validate again and write every row in one transaction; any error writes nothing."""
    user = job.created_by
    try:
        scope = import_scope(user, job.resource)
        dataset = _load_dataset(job)
        with transaction.atomic():
            report = run_resource_import(
                resource_name=job.resource, dataset=dataset, user=user, publish=job.publish,
                allowed_agency_ids=scope, write=True, progress=_ProgressWriter(job, in_transaction=True),
            )  # fmt: skip
            if not report.ok:
                raise _RollBack(report)
            counts = report.as_counts()
            audit_record(
                actor=user,
                action=f"import.{job.resource}",
                target=job,
                data={"file": job.original_name, "rows": job.row_count, "publish": job.publish, **counts},
            )
            if job.resource == "innovations" and report.written_ids:
                ids = list(report.written_ids)
                transaction.on_commit(lambda: _announce_innovations(ids))
    except _RollBack as rollback:
        _finish(job, ImportStatus.INVALID, report=rollback.report,
                message=_("Data berubah sejak pemeriksaan; tidak ada yang ditulis. Perbaiki kesalahan lalu unggah ulang."))  # fmt: skip
        return job
    except (ValidationError, PermissionDenied) as error:
        _finish(job, ImportStatus.INVALID, message=_messages(error))
        return job
    except Exception as error:  # noqa: BLE001 - the job records why it failed; the log keeps the trace
        logger.exception("import %s failed", job.pk)
        _finish(job, ImportStatus.FAILED, message=_("Impor gagal, tidak ada yang ditulis: %(error)s") % {"error": error})
        return job
    _finish(job, ImportStatus.DONE, report=report)
    return job


def _announce_innovations(ids: list[int]) -> None:
    from registry.innovations.models import Innovation
    from registry.innovations.signals import innovations_bulk_changed

    innovations_bulk_changed.send(Innovation, innovation_ids=ids)


# --- Bookkeeping ------------------------------------------------------------------------------
def _messages(error) -> str:
    messages = getattr(error, "messages", None) or [str(error)]
    return " ".join(str(m) for m in messages)


def _finish(job, status, *, report=None, message="", validated=False) -> None:
    job.status = status
    job.message = message
    job.progress_done = job.progress_total
    if report is not None:
        job.counts, job.errors, job.preview = report.as_counts(), report.errors, report.preview
    now = timezone.now()
    if validated:
        job.validated_at = now
    if status in {ImportStatus.DONE, ImportStatus.FAILED} or (status == ImportStatus.INVALID and not validated):
        job.finished_at = now
    job.save(update_fields=["status", "message", "progress_done", "counts", "errors", "preview", "validated_at", "finished_at"])


class _ProgressWriter:
    """Records how many rows are done, every few hundred rows.

    Outside a transaction (the dry run) a plain UPDATE shows at once. Inside the
    import's transaction an UPDATE would stay invisible until the end, so on
    PostgreSQL it goes through a second connection; SQLite allows one writer at
    a time, so there the page shows the write phase without a percentage.
    """

    EVERY = 250

    def __init__(self, job, *, in_transaction=False):
        self.job_id, self.in_transaction = job.pk, in_transaction
        self._side_connection = None

    def __call__(self, row_number: int) -> None:
        if row_number % self.EVERY:
            return
        if not self.in_transaction:
            ImportJob.objects.filter(pk=self.job_id).update(progress_done=row_number)
        elif connection.vendor == "postgresql":
            if self._side_connection is None:
                self._side_connection = connections.create_connection("default")
            with self._side_connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {ImportJob._meta.db_table} SET progress_done = %s WHERE id = %s", [row_number, self.job_id]
                )

    def __del__(self):
        if self._side_connection is not None:
            self._side_connection.close()


# --- Jobs whose task died (cms/ops: `manage.py sweep_abandoned_tasks`) --------------------------
def import_job_fail_abandoned(*, job: ImportJob, worker_lost: bool = True) -> bool:
    """Record as failed a job whose background task died or failed outside the service.

    Nothing of the import was written: the rows go in one transaction, which the
    database rolls back when the dead worker's connection closes. The job can be
    run again by uploading the file again. False when the job finished meanwhile.
    """
    if worker_lost:
        message = _("Proses latar belakang terhenti di tengah jalan; tidak ada yang ditulis. Unggah ulang berkasnya untuk mengulang.")
    else:
        message = _("Tugas latar belakang gagal; tidak ada yang ditulis. Unggah ulang berkasnya untuk mengulang.")
    updated = ImportJob.objects.filter(
        pk=job.pk, status__in=[ImportStatus.VALIDATING, ImportStatus.IMPORTING]
    ).update(status=ImportStatus.FAILED, message=message, finished_at=timezone.now())
    return bool(updated)
