"""Create many realistic published innovations for scale tests (see registry/innovations/generator.py)."""

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from registry.innovations.generator import innovations_generate


class Command(BaseCommand):
    help = "Generate N published innovations recombined from the real ones; deterministic for a seed, idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="how many innovations (gen:<seed>:0 … N-1)")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same innovations (default 1)")
        parser.add_argument("--batch-size", type=int, default=2000, help="rows written per transaction")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, count, seed, batch_size, no_progress, **options):
        if count < 0 or seed < 0 or batch_size < 1:
            raise CommandError("--count and --seed must be ≥ 0, --batch-size ≥ 1")
        started = time.perf_counter()
        with tqdm(total=count, unit=" inovasi", disable=no_progress, file=self.stderr._out) as bar:
            result = innovations_generate(count=count, seed=seed, batch_size=batch_size, progress=bar.update)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{result.created} innovations created, {result.skipped} already there (seed {seed}) in {seconds:.1f} s"
        )
