"""Load the demo data: the 200 real LAN innovations, their agencies and demo accounts.

Each app that has demo data provides `registry.<app>.demo.seed(stdout=...)`;
they run in the order of DEMO_SEEDERS, each idempotent, so running the
command twice leaves the same data.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: later seeders build on what earlier ones created.
DEMO_SEEDERS = [
    "registry.innovations.demo",
    "registry.ratings.demo",
    "registry.replication.demo",
    "registry.competitions.demo",
]


class Command(BaseCommand):
    help = "Load demo agencies, accounts and the 200 real LAN innovations (idempotent)."

    def handle(self, *args, **options):
        for module_path in DEMO_SEEDERS:
            module = import_module(module_path)
            with transaction.atomic():
                module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("demo data ready"))
