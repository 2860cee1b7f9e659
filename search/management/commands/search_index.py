"""`manage.py search_index --rebuild`: index every published innovation again.

The database index is rebuilt in one transaction (searches keep the old one
until it commits); Elasticsearch, when configured, gets a new timestamped index
filled with bulk requests and the alias is swapped to it atomically. Neither
leaves a moment without results.

`manage.py search_index --similar` computes the database backend's "similar
innovations" of every published innovation that has none kept (a rebuild drops
them all), so no visitor of an innovation's page waits for that broad search.

`manage.py search_index --postings` chooses the frequent words again and keeps
their bitsets (search.postings; PostgreSQL), as a rebuild does at its end: for
an index built before they existed, or whose vocabulary has since grown.
"""

from django.core.management.base import BaseCommand
from tqdm import tqdm

import search
from registry.innovations.models import Innovation


class Command(BaseCommand):
    help = "Rebuild the search index (database, and Elasticsearch when configured) with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="index every published innovation again")
        parser.add_argument(
            "--similar", action="store_true", help="compute the missing \"similar innovations\" lists (after --rebuild)"
        )
        parser.add_argument(
            "--postings", action="store_true", help="keep the bitsets of the frequent words again (PostgreSQL)"
        )
        parser.add_argument("--batch-size", type=int, default=500, help="innovations per batch (default 500)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (for logs)")

    def handle(self, *args, rebuild, similar, postings, batch_size, no_progress, **options):
        if not (rebuild or similar or postings):
            self.stdout.write(
                "Nothing to do: pass --rebuild to index every published innovation again,"
                " --similar to compute the missing similar-innovation lists,"
                " --postings to keep the bitsets of the frequent words again."
            )
            return
        if rebuild:
            self._rebuild(batch_size, no_progress)
        elif postings:  # a rebuild keeps them too
            kept = search.database_backend().keep_postings()
            self.stdout.write(self.style.SUCCESS(f"postings: the bitsets of {kept} frequent words kept"))
        if similar:
            self._similar(no_progress)

    def _rebuild(self, batch_size, no_progress):
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

    def _similar(self, no_progress):
        from search import similar_cache
        from search.models import SearchDocument

        missing = similar_cache.missing(list(SearchDocument.objects.values_list("innovation_id", flat=True)))
        bar = tqdm(total=len(missing), unit="inovasi", disable=no_progress, file=self.stderr._out, desc="similar")
        with bar:
            count = search.database_backend().keep_similar(missing, progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"similar innovations: {count} lists computed"))
