from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the uploaded media into a new folder under --output."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help="folder that receives the backup folder")

    def handle(self, *args, output, **options):
        try:
            target = backup_create(output_dir=Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"backup written to {target}"))
