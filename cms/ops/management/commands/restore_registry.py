from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder into the configured (empty) database and media folder, "
        "then compare every table's row count and the audit chain with the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="a folder written by backup_registry")

    def handle(self, *args, source, **options):
        try:
            report = backup_restore(source=Path(source))
        except BackupError as error:
            raise CommandError(str(error)) from error
        if not report.ok:
            raise CommandError(
                f"restore does not match the backup: tables {report.mismatched_tables}, audit chain ok={report.audit_ok}"
            )
        self.stdout.write(self.style.SUCCESS(f"restored and verified {report.tables_checked} tables and the audit chain"))
