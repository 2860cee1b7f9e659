"""PostgreSQL ranks candidates exactly; a process keeps the scores and title candidates
of recent queries until its bitsets reload (search/facet_index.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import search
from search.backends import database
from search.params import SearchParams
from tests.factories_search import innovation

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def _at(year):
    return datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)


def _ranking_queries(ctx) -> int:
    return sum("ts_rank" in q["sql"] or "registry_search_title_candidates" in q["sql"] for q in ctx.captured_queries)


@pytest.fixture
def water():
    return {
        "title": innovation("Air Bersih untuk Desa", "Sambungan pipa ke rumah warga.", published=_at(2018)),
        "twin_old": innovation("Layanan Pengaduan", "Warga melapor kebocoran air lewat pesan singkat.", published=_at(2016)),
        "twin_new": innovation("Layanan Pengaduan", "Warga melapor kebocoran air lewat pesan singkat.", published=_at(2020)),
        "other": innovation("Bank Sampah", "Warga menabung sampah.", published=_at(2019)),
    }


def test_a_repeated_query_ranks_from_the_kept_scores_in_the_same_order(water):
    backend = search.database_backend()
    first = backend.query(SearchParams(q="air"))
    # The title match first; equal scores: the newest first, as the SQL ranking orders them.
    assert [hit.id for hit in first.items] == [water["title"].pk, water["twin_new"].pk, water["twin_old"].pk]
    with CaptureQueriesContext(connection) as ctx:
        second = backend.query(SearchParams(q="air"))
    assert _ranking_queries(ctx) == 0
    assert [(hit.id, hit.score) for hit in second.items] == [(hit.id, hit.score) for hit in first.items]


def test_title_candidates_of_a_broad_query_are_kept_too(water, monkeypatch):
    monkeypatch.setattr(database, "EXACT_RANK_LIMIT", 1)
    backend = search.database_backend()
    first = backend.query(SearchParams(q="air"))
    with CaptureQueriesContext(connection) as ctx:
        again = backend.query(SearchParams(q="air"))
    assert _ranking_queries(ctx) == 0
    assert [hit.id for hit in again.items] == [hit.id for hit in first.items]
    assert first.items[0].id == water["title"].pk


def test_a_write_to_the_index_ranks_again(water):
    backend = search.database_backend()
    backend.query(SearchParams(q="air"))
    newcomer = innovation("Air Minum Sekolah", "Keran air minum di setiap sekolah.", published=_at(2021))
    with CaptureQueriesContext(connection) as ctx:
        results = backend.query(SearchParams(q="air"))
    assert _ranking_queries(ctx) >= 1
    assert newcomer.pk in [hit.id for hit in results.items]


def test_other_pages_and_sorts_reuse_what_is_known(water):
    backend = search.database_backend()
    whole = [hit.id for hit in backend.query(SearchParams(q="air")).items]
    paged = [hit.id for page in (1, 2, 3) for hit in backend.query(SearchParams(q="air", page=page, page_size=1)).items]
    assert paged == whole
    newest = backend.query(SearchParams(q="air", sort="newest")).items
    assert [hit.id for hit in newest] == [water["twin_new"].pk, water["title"].pk, water["twin_old"].pk]
    assert all(hit.score > 0 for hit in newest)
