from django.core.management.base import BaseCommand, CommandError

from registry.audit.services import audit_verify_chain


class Command(BaseCommand):
    help = "Check the hash chain of the audit log and report the first broken link."

    def handle(self, *args, **options):
        report = audit_verify_chain()
        if not report.ok:
            raise CommandError(
                f"audit chain broken at event #{report.broken_at}: {report.reason} "
                f"({report.checked} events before it are intact)"
            )
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {report.checked} events"))
