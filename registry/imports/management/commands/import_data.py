"""manage.py import_data <resource> <file> [--dry-run] [--user NAME] [--draft]

Checks every row first; with errors it prints them (row, column, message) and
exits with status 1 without writing. Otherwise it writes every row in one
transaction, as the admin screen does, with one audit event.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from registry.audit.services import audit_record
from registry.imports.catalog import RESOURCES
from registry.imports.engine import run_resource_import
from registry.imports.files import read_dataset
from registry.imports.models import ImportJob, ImportSource, ImportStatus
from registry.imports.services import import_scope


class Command(BaseCommand):
    help = "Impor berkas XLSX, CSV atau JSON: provinces, regencies, agencies, memberships, innovations."

    def add_arguments(self, parser):
        parser.add_argument("resource", choices=sorted(RESOURCES))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Periksa saja, tanpa menulis.")
        parser.add_argument("--user", help="Nama pengguna pelaku (default: superuser pertama).")
        parser.add_argument("--draft", action="store_true", help="Inovasi disimpan sebagai draf, tidak langsung terbit.")

    def handle(self, *args, resource, file, dry_run, user, draft, **options):
        actor = self._actor(user)
        try:
            scope = import_scope(actor, resource)
            dataset = read_dataset(content=file.read_bytes(), filename=file.name)
        except OSError as error:
            raise CommandError(f"Berkas tidak dapat dibaca: {error}") from error
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        bar = tqdm(total=len(dataset), unit="baris", disable=options["verbosity"] == 0, file=self.stderr)

        def progress(row_number):
            bar.n = row_number
            bar.refresh()

        publish = not draft and resource == "innovations"
        with transaction.atomic():
            try:
                report = run_resource_import(
                    resource_name=resource, dataset=dataset, user=actor, publish=publish,
                    allowed_agency_ids=scope, write=not dry_run, progress=progress,
                )  # fmt: skip
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            bar.n = len(dataset)
            bar.close()
            if not report.ok:
                transaction.set_rollback(True)
            elif not dry_run:
                job = _record_job(actor, resource, file, len(dataset), publish, report)
                audit_record(
                    actor=actor, action=f"import.{resource}", target=job,
                    data={"file": file.name, "rows": len(dataset), "publish": publish, **report.as_counts()},
                )  # fmt: skip
                if resource == "innovations" and report.written_ids:
                    ids = list(report.written_ids)
                    transaction.on_commit(lambda: _announce(ids))
        counts = report.as_counts()
        self.stdout.write(
            f"baru {counts['new']}, diperbarui {counts['update']}, tidak berubah {counts['skip']}, "
            f"gagal {counts['invalid'] + counts['error']}"
        )
        if not report.ok:
            for row, column, message, value in report.errors:
                self.stderr.write(f"baris {row}, kolom {column or '-'}: {message}" + (f" (isi: {value})" if value else ""))
            raise CommandError(f"{len(report.errors)} kesalahan; tidak ada yang ditulis.", returncode=1)
        self.stdout.write(self.style.SUCCESS("pemeriksaan selesai, tidak ada yang ditulis" if dry_run else "impor selesai"))

    def _actor(self, username):
        users = get_user_model().objects
        if username:
            try:
                return users.get(username=username)
            except users.model.DoesNotExist:
                raise CommandError(f"Pengguna {username} tidak ada.") from None
        actor = users.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if actor is None:
            raise CommandError("Tidak ada superuser; sebutkan --user.")
        return actor


def _announce(ids):
    from registry.imports.services import _announce_innovations

    _announce_innovations(ids)


def _record_job(actor, resource, file, rows, publish, report) -> ImportJob:
    """The command's import is listed with the others in the admin, and is the audit event's target."""
    job = ImportJob(
        resource=resource, publish=publish, original_name=file.name[-255:], file_format=file.suffix.lstrip(".").lower(),
        row_count=rows, progress_total=rows, progress_done=rows, source=ImportSource.COMMAND, created_by=actor,
        status=ImportStatus.DONE, counts=report.as_counts(), preview=report.preview[:2000], finished_at=timezone.now(),
    )  # fmt: skip
    job.file.save(f"{job.pk}{file.suffix.lower()}", ContentFile(file.read_bytes()), save=False)
    job.save()
    return job
