from django.core.management.base import BaseCommand

from registry.geo.models import Province, Regency
from registry.geo.services import regions_load


class Command(BaseCommand):
    help = "Load the 38 provinces and 514 kab/kota with their Kemendagri codes (idempotent)."

    def handle(self, *args, **options):
        result = regions_load()
        self.stdout.write(
            f"provinces: {Province.objects.count()} ({result.provinces_created} new, "
            f"{result.provinces_updated} updated); kab/kota: {Regency.objects.count()} "
            f"({result.regencies_created} new, {result.regencies_updated} updated)"
        )
