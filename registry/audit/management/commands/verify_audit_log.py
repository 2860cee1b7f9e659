from django.core.management.base import BaseCommand, CommandError

from registry.audit.services import audit_verify_chain, audit_verify_records


class Command(BaseCommand):
    help = "Check the hash chain of the audit log and report the first broken link."

    def handle(self, *args, **options):
        report = audit_verify_chain()
        if not report.ok:
            raise CommandError(
                f"audit chain broken at event #{report.broken_at}: {report.reason} "
                f"({report.checked} events before it are intact)"
            )
        problems = audit_verify_records()
        if problems:
            raise CommandError(f"records differ from the audit chain: {problems[0]} ({len(problems)} problem(s))")
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {report.checked} events"))
