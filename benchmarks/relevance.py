"""Relevance of the search on the 200 demo innovations: nDCG@10 over judged queries.

    DATABASE_URL=sqlite:////tmp/relevance.sqlite3 .venv/bin/python benchmarks/relevance.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry_relevance .venv/bin/python benchmarks/relevance.py

It migrates the database it is given, loads the demo data (`seed_demo`,
idempotent), rebuilds the search index and runs every query of
relevance_judgments.json through `search.query`, the way the catalog does.
Judgments use external ids (lan:<source_id>), so they do not depend on database
ids. nDCG@10 with graded gains 2^rel − 1 and a log2 discount; the ideal ranking
is the judged innovations sorted by grade. Use a throwaway database: the demo
data is added to it.
"""

import argparse
import json
import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGMENTS = Path(__file__).resolve().parent / "relevance_judgments.json"
K = 10


def dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades[:K]))


def ndcg(ranked_ids: list[str], relevant: dict[str, int]) -> float:
    ideal = dcg(sorted(relevant.values(), reverse=True))
    return dcg([relevant.get(external_id, 0) for external_id in ranked_ids]) / ideal if ideal else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print the top 10 of every query")
    parser.add_argument("--no-setup", action="store_true", help="skip migrate, seed_demo and the rebuild")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    import search
    from search.params import SearchParams

    if not args.no_setup:
        call_command("migrate", verbosity=0)
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        search.rebuild()

    judged = json.loads(JUDGMENTS.read_text(encoding="utf-8"))["queries"]
    scores = []
    print(f"backend: {settings.SEARCH_BACKEND} on {django.db.connection.vendor}")
    for item in judged:
        results = search.query(SearchParams(q=item["q"], page_size=K))
        ranked = [hit.innovation.external_id for hit in results.items]
        score = ndcg(ranked, item["relevant"])
        scores.append(score)
        note = f" (→ {results.suggestion})" if results.suggestion else ""
        print(f"  nDCG@{K} {score:.3f}  {item['q']}{note}")
        if args.verbose:
            for external_id, hit in zip(ranked, results.items, strict=True):
                grade = item["relevant"].get(external_id, 0)
                print(f"      {grade} {external_id:8} {hit.score:8.4f} {hit.innovation.title[:70]}")
    mean = sum(scores) / len(scores)
    print(f"mean nDCG@{K} over {len(scores)} queries: {mean:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
