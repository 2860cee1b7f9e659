"""`manage.py search_index --rebuild`: index every published innovation again.

The database index is rebuilt in one transaction (searches keep the old one
until it commits); Elasticsearch, when configured, gets a new timestamped index
filled with bulk requests and the alias is swapped to it atomically. Neither
leaves a moment without results.
"""

from django.core.management.base import BaseCommand
from tqdm import tqdm

import search
from registry.innovations.models import Innovation


class Command(BaseCommand):
    help = "Rebuild the search index (database, and Elasticsearch when configured) with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="index every published innovation again")
        parser.add_argument("--batch-size", type=int, default=500, help="innovations per batch (default 500)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (for logs)")

    def handle(self, *args, rebuild, batch_size, no_progress, **options):
        if not rebuild:
            self.stdout.write("Nothing to do: pass --rebuild to index every published innovation again.")
            return
        backends = ["database"] + (["elasticsearch"] if search.elasticsearch_backend() else [])
        total = Innovation.objects.published().count()
        bar = tqdm(
            total=total * len(backends),
            unit="inovasi",
            disable=no_progress,
            file=self.stderr._out,
            desc=" + ".join(backends),
        )
        with bar:
            counts = search.rebuild(progress=bar.update, batch_size=batch_size)
        for name, count in counts.items():
            self.stdout.write(self.style.SUCCESS(f"{name}: {count} innovations indexed"))
