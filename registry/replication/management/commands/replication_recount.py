"""Compare the innovations' replication counters with a recount (`--fix` repairs them).

The services keep them exact; this is the check after a restore or a manual
database edit. Exits non-zero when `--check` finds drift.
"""

from django.core.management.base import BaseCommand, CommandError

from registry.replication.services import replication_counter_drift, replication_counters_fix


class Command(BaseCommand):
    help = "Check (or with --fix repair) Innovation.replications_active/_completed against the projects."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true")

    def handle(self, *args, fix=False, **options):
        if fix:
            fixed = replication_counters_fix()
            self.stdout.write(self.style.SUCCESS(f"{fixed} innovation(s) repaired"))
            return
        drift = replication_counter_drift()
        for row in drift:
            self.stdout.write(f"innovation {row['innovation_id']}: stored {row['stored']}, expected {row['expected']}")
        if drift:
            raise CommandError(f"{len(drift)} innovation(s) with drifting replication counters")
        self.stdout.write(self.style.SUCCESS("replication counters are exact"))
