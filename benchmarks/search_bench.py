"""Search latency at scale: p50/p95 of mixed queries, always with facets, next to two baselines.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry_bench .venv/bin/python benchmarks/search_bench.py --setup
    REGISTRY_VAR_DIR=/tmp/bench .venv/bin/python benchmarks/search_bench.py --setup

--setup migrates the database, generates the innovations (`generate_innovations
--count N --seed S`, idempotent) and rebuilds the search index when it does not
hold every published innovation. Then every query runs through `search.query`
(what the catalog page and the API call: ranked page of 20, total, all eleven
facets with multi-select counts, spelling):

- cold: the first run of the query since the index last changed (the database
  backend keeps the match bitsets, title candidates and scores of recent queries
  until the next index write, like Elasticsearch's query cache; the per-process
  facet bitsets are loaded once beforehand, as they are after the first search
  following a write). On PostgreSQL, the bitsets of the frequent words
  (search.postings) are read as a search of a web process reads them: a rebuild
  keeps them, and `--setup` keeps them for an index built before they existed;
- warm: --repeat more runs.

The process starts as a web process does (cms/wsgi.py: objects loaded at start
are frozen out of the garbage collector's full collections).

In the same run, on the same data, each query also runs as:

- icontains: Django `icontains` over title and summary (every word), count + first page;
- ranked (PostgreSQL only): a plain `SearchVector("title", "summary")` /
  `SearchRank` query over all matches, count + first page by rank.

Goal (issue 3): p95 ≤ 50 ms on PostgreSQL, and on broad queries at least 5×
faster than the plain ranked baseline. Use a throwaway database.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (words, filters, is_broad): broad = a word most innovations contain.
QUERIES = [
    ("pelayanan", {}, True),
    ("masyarakat", {}, True),
    ("sistem informasi", {}, True),
    ("pelayanan publik", {}, True),
    ("desa", {}, True),
    ("kesehatan", {}, True),
    ("pendidikan", {}, True),
    ("aplikasi online", {}, True),
    ("pelayanan", {"province": ["33"]}, True),
    ("masyarakat", {"digital": ["true"], "kind": ["teknologi"]}, True),
    ("kesehatan", {"sector": ["kesehatan"], "year_from": ["2015"]}, True),
    ("pelayanan", {"sort": ["newest"]}, True),
    ("ktp", {}, False),
    ("akta kelahiran", {}, False),
    ("pedagang kaki lima", {}, False),
    ("bank sampah", {}, False),
    ("perijinan usaha", {}, False),
    ("ppdb", {}, False),
    ("paspor", {}, False),
    ("puskesmas", {}, False),
    ("gelandangan pengemis", {}, False),
    ("air minum pdam", {}, False),
    ("kesehtan", {}, False),
    ("umkm", {"province": ["35"]}, False),
    ("ktp", {"regency": ["33.72", "33.19"]}, False),
    ("bank sampah", {"stage": ["penerapan"], "sort": ["rating"]}, False),
    ("diklat aparatur", {"agency_type": ["pemprov", "kementerian"]}, False),
    ("", {}, False),
    ("", {"province": ["33"], "sector": ["kesehatan"]}, False),
    ("", {"digital": ["true"], "year_from": ["2016"], "year_to": ["2018"]}, False),
    ("", {"sdg": ["3"], "sort": ["replications"]}, False),
    ("", {"kind": ["proses", "metode"], "page": ["3"]}, False),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    low, high = int(position), min(int(position) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def timed(function) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def setup(count: int, seed: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    import search
    from registry.innovations.models import Innovation
    from search.models import SearchDocument, SearchPosting

    call_command("migrate", verbosity=0)
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    call_command("generate_innovations", count=count, seed=seed, no_progress=True)
    if SearchDocument.objects.count() != Innovation.objects.published().count():
        print("rebuilding the search index …", flush=True)
        seconds, counts = timed(search.rebuild)
        print(f"  {counts} in {seconds / 1000:.0f} s")
    elif connection.vendor == "postgresql" and not SearchPosting.objects.exists():  # an index built before them
        print("keeping the bitsets of the frequent words …", flush=True)
        seconds, kept = timed(search.database_backend().keep_postings)
        print(f"  {kept} words in {seconds / 1000:.0f} s")


def icontains_baseline(words: str, filters: dict):
    from django.db.models import Q

    from registry.innovations.models import Innovation

    queryset = Innovation.objects.published()
    for word in words.split():
        queryset = queryset.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    queryset = _filter(queryset, filters)
    return queryset.count(), list(queryset.order_by("-first_published_at", "-pk").values_list("pk", flat=True)[:20])


def ranked_baseline(words: str, filters: dict):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    from registry.innovations.models import Innovation

    vector = SearchVector("title", weight="A", config="indonesian") + SearchVector("summary", weight="B", config="indonesian")
    query = SearchQuery(words, config="indonesian")
    queryset = _filter(Innovation.objects.published().annotate(search=vector).filter(search=query), filters)
    page = queryset.annotate(rank=SearchRank(vector, query)).order_by("-rank").values_list("pk", flat=True)[:20]
    return queryset.count(), list(page)


def _filter(queryset, filters: dict):
    fields = {"province": "province_id__in", "regency": "regency_id__in", "kind": "kind__in", "stage": "stage__in",
              "sector": "sectors__code__in", "sdg": "sdgs__number__in", "agency_type": "agency__type__in"}  # fmt: skip
    for name, values in filters.items():
        if name in fields:
            queryset = queryset.filter(**{fields[name]: values})
        elif name == "digital":
            queryset = queryset.filter(is_digital=values[0] == "true")
        elif name == "year_from":
            queryset = queryset.filter(year_implemented__gte=int(values[0]))
        elif name == "year_to":
            queryset = queryset.filter(year_implemented__lte=int(values[0]))
    return queryset.distinct() if {"sector", "sdg"} & set(filters) else queryset


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", action="store_true", help="migrate, generate and index first")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5, help="measured runs of each query (default 5)")
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    from django.conf import settings
    from django.db import connection
    from django.http import QueryDict

    import cms.wsgi  # noqa: F401  (as the web processes start: Django set up, then startup objects frozen)
    import search
    from registry.innovations.models import Innovation
    from search.params import params_from_querydict

    if args.setup:
        setup(args.count, args.seed)
    published = Innovation.objects.published().count()
    vendor = connection.vendor
    from search.models import SearchPosting

    kept = SearchPosting.objects.values("lexeme").distinct().count()
    print(f"{published} published innovations; search backend {settings.SEARCH_BACKEND} on {vendor}"
          + (f"; the bitsets of {kept} frequent words kept (search.postings)" if vendor == "postgresql" else ""))  # fmt: skip
    print(f"{len(QUERIES)} queries, each run once cold and {args.repeat}× warm; times in ms\n")
    print(f"{'query':44} {'matches':>8} {'cold':>7} {'warm':>7} {'icontains':>10} {'ranked':>9}")

    from search import facet_index

    search.query(params_from_querydict(QueryDict())[0])  # loads the facet bitsets once
    # All searches first, then the baselines: the baselines read the whole innovations
    # table and would push the search tables out of the caches between two searches.
    search_times, cold_times, measured = [], [], []
    for words, filters, broad in QUERIES:
        data = QueryDict(mutable=True)
        if words:
            data["q"] = words
        for name, values in filters.items():
            data.setlist(name, values)
        params, errors = params_from_querydict(data)
        assert not errors, errors
        kept = facet_index.current()  # emptied as after an index write (a reload starts them empty)
        for store in (kept.matches, kept.titles, kept.scores):
            store.clear()
        cold, results = timed(lambda params=params: search.query(params))
        cold_times.append(cold)
        runs = [timed(lambda params=params: search.query(params))[0] for _ in range(args.repeat)]
        search_times += runs
        label = f"{words or '(no words)'} {data.urlencode() if filters else ''}".strip()[:44]
        measured.append((label, words, filters, broad, results.total, cold, statistics.median(runs)))

    medians = {}
    for label, words, filters, broad, total, cold, warm in measured:
        baseline = {"icontains": None, "ranked": None}
        if not args.no_baselines:
            filters_only = {k: v for k, v in filters.items() if k not in {"sort", "page"}}
            baseline["icontains"] = timed(lambda w=words, f=filters_only: icontains_baseline(w, f))[0]
            if vendor == "postgresql" and words:
                baseline["ranked"] = timed(lambda w=words, f=filters_only: ranked_baseline(w, f))[0]
        medians[label] = (cold, broad, baseline)
        fmt = lambda v: "–" if v is None else f"{v:.1f}"  # noqa: E731
        print(
            f"{label:44} {total:>8} {cold:>7.1f} {warm:>7.1f}"
            f" {fmt(baseline['icontains']):>10} {fmt(baseline['ranked']):>9}",
            flush=True,
        )

    print(f"\nsearch.query (with facets), cold: p50 {percentile(cold_times, 50):.1f} ms, p95 {percentile(cold_times, 95):.1f} ms"
          f" over {len(cold_times)} queries")  # fmt: skip
    print(f"search.query (with facets), warm: p50 {percentile(search_times, 50):.1f} ms, p95 {percentile(search_times, 95):.1f} ms"
          f" over {len(search_times)} runs")  # fmt: skip
    if not args.no_baselines:
        icontains = [b["icontains"] for _m, _b, b in medians.values()]
        print(f"icontains baseline (no facets): p50 {percentile(icontains, 50):.1f} ms, p95 {percentile(icontains, 95):.1f} ms")
        ranked = [b["ranked"] for _m, _b, b in medians.values() if b["ranked"] is not None]
        if ranked:
            print(f"plain SearchVector/SearchRank baseline (no facets): p50 {percentile(ranked, 50):.1f} ms, p95 {percentile(ranked, 95):.1f} ms")
            broad = [(m, b["ranked"]) for m, is_broad, b in medians.values() if is_broad and b["ranked"] is not None]
            speedups = [r / m for m, r in broad]
            print(
                f"broad queries: search (cold) median {statistics.median(m for m, _r in broad):.1f} ms vs ranked baseline median"
                f" {statistics.median(r for _m, r in broad):.1f} ms; speed-up min {min(speedups):.1f}×, median {statistics.median(speedups):.1f}×"
            )
        else:
            print("plain SearchVector/SearchRank baseline: PostgreSQL only")
    return 0


if __name__ == "__main__":
    sys.exit(main())
