"""Prepare the load test's database: 100,000 innovations, the search index, reviewer accounts.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry_load .venv/bin/python benchmarks/load/prepare.py \
        --count 100000 --reviewers 200 --out benchmarks/results/load_fixture.json

Idempotent: migrations, `generate_innovations --count N --seed 1` (adds nothing the
second time), a search index rebuild only when the index does not hold every
published innovation, and reviewer accounts `load-reviewer-<i>`, each a verified
verifier of its own agency (an agency unrelated to every generated innovation, so
it may review any of them). Reviews the previous run wrote are deleted (with the
innovations' aggregates recomputed), so every run starts from the same state.
The "similar innovations" of the sampled innovations are computed and kept, as
`search_index --similar` keeps every innovation's in production (for all 100,000
that takes about three hours here).

Writes a JSON fixture for locustfile.py: reviewer credentials, a sample of
published slugs and ids, search words and facet values.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "load-test-reviewer-password"
REVIEWER_PREFIX = "load-reviewer-"
SEARCH_WORDS = [
    "pelayanan", "masyarakat", "kesehatan", "pendidikan", "desa", "ktp", "akta kelahiran",
    "bank sampah", "umkm", "puskesmas", "perizinan", "aplikasi online", "pedagang kaki lima",
    "air minum", "sistem informasi", "posyandu", "pajak daerah", "kependudukan",
]  # fmt: skip


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    # The index is rebuilt below in one go; no per-innovation index tasks while generating.
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    import django

    django.setup()


def ensure_innovations(count: int) -> None:
    from django.core.management import call_command

    import search
    from registry.innovations.models import Innovation
    from search.models import SearchDocument

    call_command("migrate", verbosity=0)
    call_command("generate_innovations", count=count, seed=1, no_progress=True)
    published = Innovation.objects.published().count()
    if SearchDocument.objects.count() != published:
        print(f"rebuilding the search index for {published} innovations …", flush=True)
        print(search.rebuild())
    # Fresh planner statistics, as autovacuum would gather after a bulk load. Without them
    # PostgreSQL guesses ~1,000 sectors per innovation and plans a parallel query for every
    # page's prefetch (~20 ms instead of 1); a server with autovacuum off never catches up.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def ensure_reviewers(n: int) -> list[str]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from registry.agencies.models import Agency, AgencyType, Membership, MembershipRole
    from registry.geo.models import Regency

    User = get_user_model()
    regencies = list(Regency.objects.order_by("code").select_related("province"))
    # One hash for every account: hashing 200 passwords one by one takes minutes.
    password = make_password(PASSWORD)
    names = []
    for i in range(n):
        username = f"{REVIEWER_PREFIX}{i}"
        regency = regencies[i % len(regencies)]
        agency, _ = Agency.objects.get_or_create(
            code=f"load-agency-{i}",
            defaults={"name": f"Instansi Uji Beban {i}", "type": AgencyType.PEMKOT, "regency": regency,
                      "province": regency.province},
        )  # fmt: skip
        user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.go.id"})
        user.password = password
        user.save(update_fields=["password"])
        Membership.objects.update_or_create(
            user=user, agency=agency, defaults={"role": MembershipRole.VERIFIER, "is_verified": True}
        )
        names.append(username)
    return names


def delete_previous_reviews() -> int:
    """Reviews of the load reviewers, gone through the ratings aggregates so nothing drifts."""
    from django.db import transaction

    from registry.ratings.models import Review
    from registry.ratings.services import aggregates_refresh

    reviews = Review.objects.filter(reviewer__username__startswith=REVIEWER_PREFIX)
    innovation_ids = sorted(set(reviews.values_list("innovation_id", flat=True)))
    with transaction.atomic():
        deleted, _ = reviews.delete()
        for innovation_id in innovation_ids:
            aggregates_refresh(innovation_id=innovation_id)
    return deleted


def fixture(reviewers: list[str], sample: int) -> dict:
    from registry.geo.models import Province
    from registry.innovations.models import Innovation

    rng = random.Random(1)
    ids = list(Innovation.objects.published().values_list("pk", flat=True))
    chosen = rng.sample(ids, min(sample, len(ids)))
    rows = Innovation.objects.filter(pk__in=chosen).values_list("pk", "slug")
    return {
        "password": PASSWORD,
        "reviewers": reviewers,
        "innovations": [{"id": pk, "slug": slug} for pk, slug in rows],
        "words": SEARCH_WORDS,
        "provinces": list(Province.objects.values_list("code", flat=True)),
        "sectors": ["kesehatan", "pendidikan", "administrasi-kependudukan", "perizinan", "perdagangan"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--reviewers", type=int, default=200)
    parser.add_argument("--sample", type=int, default=5000, help="innovations the load test visits")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--reset-only", action="store_true", help="only delete the reviews of an earlier run")
    args = parser.parse_args()
    setup_django()
    if args.reset_only:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # the code may have moved on since the database was prepared
        print(f"{delete_previous_reviews()} reviews of an earlier run deleted")
        # Reviews re-index their innovations, which drops those lists: compute them again.
        keep_similar([row["id"] for row in json.loads(args.out.read_text())["innovations"]])
        return
    ensure_innovations(args.count)
    reviewers = ensure_reviewers(args.reviewers)
    print(f"{len(reviewers)} reviewer accounts; {delete_previous_reviews()} reviews of an earlier run deleted")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    visited = fixture(reviewers, args.sample)
    args.out.write_text(json.dumps(visited))
    print(f"fixture written to {args.out}")
    keep_similar([row["id"] for row in visited["innovations"]])


def keep_similar(ids: list[int]) -> None:
    """The "similar innovations" of the visited innovations, as `search_index --similar` leaves
    them in production after a rebuild (there for all 100,000: ~3 hours here, so only these)."""
    import search
    from search import similar_cache

    missing = similar_cache.missing(ids)
    if missing:
        print(f"computing the similar innovations of {len(missing)} visited innovations …", flush=True)
        started = time.monotonic()
        search.database_backend().keep_similar(missing)
        print(f"  in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
