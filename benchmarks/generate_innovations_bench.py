"""Scale data: how fast `generate_innovations` writes published innovations.

    .venv/bin/python benchmarks/generate_innovations_bench.py --count 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry_gen_bench .venv/bin/python benchmarks/generate_innovations_bench.py --count 100000

Without DATABASE_URL it uses a fresh SQLite file in /tmp; with one, use a throwaway
database (the script migrates it). It times, in the same run:

- the baseline: the same rows written one by one (`save()` and the M2M `set()`), as
  a plain loader would, for `--baseline` rows, extrapolated to `--count`;
- the generator (bulk inserts in batches), for `--count` rows,

and prints both, the speed-up, and the generator's time against the goal of
100,000 innovations in at most 180 s on SQLite. Wall-clock figures depend on how
busy the machine is, so the CPU time of this process is printed too.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS_PER_100K = 180.0


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def baseline(count: int, seed: int) -> tuple[float, float]:
    """Write `count` generated rows one at a time; returns (wall, cpu) seconds."""
    from django.db import transaction

    from registry.innovations.agency_names import RegionIndex
    from registry.innovations.generator import (
        InnovationBuilder,
        build_corpus,
        ensure_pemda_agencies,
    )

    regions = RegionIndex.from_database()
    builder = InnovationBuilder(seed=seed, corpus=build_corpus(regions), regions=regions, agency_ids=ensure_pemda_agencies(regions))
    wall, cpu = _clock()
    for i in range(count):
        innovation, sector_ids, sdg_ids, indicators = builder.build(i)
        with transaction.atomic():
            innovation.save()
            innovation.sectors.through.objects.bulk_create(
                [innovation.sectors.through(innovation_id=innovation.pk, sector_id=s) for s in sector_ids]
            )
            innovation.sdgs.set(sdg_ids)
            for indicator in indicators:
                indicator.innovation = innovation
                indicator.save()
    end_wall, end_cpu = _clock()
    return end_wall - wall, end_cpu - cpu


def generator(count: int, seed: int) -> tuple[float, float, int]:
    from registry.innovations.generator import innovations_generate

    wall, cpu = _clock()
    result = innovations_generate(count=count, seed=seed)
    end_wall, end_cpu = _clock()
    return end_wall - wall, end_cpu - cpu, result.created


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=500, help="rows written one by one for the baseline")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='gen-bench-')}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from registry.innovations.models import Innovation

    call_command("migrate", verbosity=0)
    Innovation.objects.filter(external_id__startswith="gen:").delete()
    load = os.getloadavg()[0]

    base_wall, base_cpu = baseline(args.baseline, seed=999)
    Innovation.objects.filter(external_id__startswith="gen:999:").delete()
    gen_wall, gen_cpu, created = generator(args.count, seed=1)

    scale = args.count / args.baseline
    per_100k = gen_wall * 100_000 / args.count
    print(f"database: {connection.vendor}; load average at start: {load:.1f} on {os.cpu_count()} CPUs")
    print(f"baseline, row by row: {args.baseline} rows in {base_wall:.1f} s wall / {base_cpu:.1f} s CPU "
          f"→ {args.count} rows ≈ {base_wall * scale:.0f} s wall")
    print(f"generator, bulk:      {created} rows in {gen_wall:.1f} s wall / {gen_cpu:.1f} s CPU "
          f"({created / gen_wall:.0f} rows/s)")
    print(f"speed-up: {base_wall * scale / gen_wall:.1f}×; per 100,000 rows: {per_100k:.0f} s "
          f"(goal on SQLite: ≤ {GOAL_SECONDS_PER_100K:.0f} s)")
    return 0 if connection.vendor != "sqlite" or per_100k <= GOAL_SECONDS_PER_100K else 1


if __name__ == "__main__":
    sys.exit(main())
