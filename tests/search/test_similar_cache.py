"""The database backend keeps each innovation's "similar innovations" once computed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import search
from search.models import SimilarInnovations
from tests.factories_search import innovation

pytestmark = pytest.mark.django_db


def _computed(ctx) -> bool:
    """Whether the list was searched for (and kept) rather than read."""
    return any(q["sql"].startswith('INSERT INTO "registry_search_similar"') for q in ctx.captured_queries)


@pytest.fixture
def market():
    return {
        "pkl": innovation("Penataan PKL Pasar Malam", "Lapak PKL ditata ulang agar trotoar kembali untuk pejalan kaki."),
        "pedagang": innovation("Relokasi Pedagang Kaki Lima", "Pedagang kaki lima dipindahkan ke pusat kuliner."),
        "ktp": innovation("Pelayanan KTP Satu Jam", "Warga mengurus identitas diri di kecamatan."),
    }


def test_the_second_page_view_reads_the_kept_list(market):
    backend = search.database_backend()
    with CaptureQueriesContext(connection) as first:
        hits = backend.similar(market["pkl"].pk, limit=3)
    assert [hit.id for hit in hits][:1] == [market["pedagang"].pk]
    assert _computed(first)
    assert SimilarInnovations.objects.filter(innovation_id=market["pkl"].pk).exists()
    with CaptureQueriesContext(connection) as second:
        again = backend.similar(market["pkl"].pk, limit=3)
    assert [hit.id for hit in again] == [hit.id for hit in hits]
    assert not _computed(second)
    assert len(second.captured_queries) < len(first.captured_queries)


def test_a_new_publication_makes_the_lists_be_computed_again(market):
    backend = search.database_backend()
    backend.similar(market["pkl"].pk, limit=3)
    newcomer = innovation("Pedagang Kaki Lima Tertib", "Lapak pedagang kaki lima ditata di pasar malam.")
    with CaptureQueriesContext(connection) as ctx:
        hits = backend.similar(market["pkl"].pk, limit=3)
    assert _computed(ctx)
    assert newcomer.pk in [hit.id for hit in hits]


def test_production_keeps_a_list_for_a_while_after_a_publication(market, settings):
    settings.SEARCH_SIMILAR_MAX_AGE = 3600
    backend = search.database_backend()
    backend.similar(market["pkl"].pk, limit=3)
    innovation("Pedagang Kaki Lima Tertib", "Lapak pedagang kaki lima ditata di pasar malam.")
    with CaptureQueriesContext(connection) as ctx:
        backend.similar(market["pkl"].pk, limit=3)
    assert not _computed(ctx)


def test_indexing_an_innovation_forgets_its_list(market):
    backend = search.database_backend()
    backend.similar(market["pkl"].pk, limit=3)
    search.index_innovation(market["pkl"].pk)
    assert not SimilarInnovations.objects.filter(innovation_id=market["pkl"].pk).exists()


def test_an_unpublished_innovation_never_shows_from_a_kept_list(market, settings, ministry_admin, django_capture_on_commit_callbacks):
    from registry.innovations.services import innovation_unpublish

    settings.SEARCH_SIMILAR_MAX_AGE = 3600  # the kept list is still used after the unpublication
    backend = search.database_backend()
    assert market["pedagang"].pk in [hit.id for hit in backend.similar(market["pkl"].pk, limit=3)]
    with django_capture_on_commit_callbacks(execute=True):
        innovation_unpublish(user=ministry_admin, innovation=market["pedagang"], reason="Data keliru")
    assert market["pedagang"].pk not in [hit.id for hit in backend.similar(market["pkl"].pk, limit=3)]


def test_a_larger_request_than_the_kept_list_computes_again(market):
    backend = search.database_backend()
    backend.similar(market["pkl"].pk, limit=1)
    with CaptureQueriesContext(connection) as ctx:
        backend.similar(market["pkl"].pk, limit=3)
    assert _computed(ctx)


def test_production_shows_a_stale_list_while_the_worker_computes_it_again(market, settings, django_capture_on_commit_callbacks):
    settings.SEARCH_SIMILAR_MAX_AGE = 3600
    backend = search.database_backend()
    backend.similar(market["pkl"].pk, limit=3)
    newcomer = innovation("Pedagang Kaki Lima Tertib", "Lapak pedagang kaki lima ditata di pasar malam.")
    SimilarInnovations.objects.update(computed_at=timezone.now() - datetime.timedelta(seconds=3601))
    with django_capture_on_commit_callbacks() as refresh, CaptureQueriesContext(connection) as ctx:
        first = backend.similar(market["pkl"].pk, limit=3)
        second = backend.similar(market["pkl"].pk, limit=3)
    # The visitors are not kept waiting: both get the old list, and the worker is asked once.
    assert not _computed(ctx)
    assert newcomer.pk not in [hit.id for hit in first] and [hit.id for hit in second] == [hit.id for hit in first]
    assert len(refresh) == 1
    refresh[0]()  # the task (run at once by the test's task backend)
    assert newcomer.pk in [hit.id for hit in backend.similar(market["pkl"].pk, limit=3)]


def test_development_computes_a_stale_list_at_once(market, settings):
    settings.SEARCH_SIMILAR_MAX_AGE = 0
    backend = search.database_backend()
    backend.similar(market["pkl"].pk, limit=3)
    newcomer = innovation("Pedagang Kaki Lima Tertib", "Lapak pedagang kaki lima ditata di pasar malam.")
    assert newcomer.pk in [hit.id for hit in backend.similar(market["pkl"].pk, limit=3)]


def test_the_command_computes_the_missing_lists(market):
    from io import StringIO

    from django.core.management import call_command

    search.database_backend().similar(market["pkl"].pk)
    kept_before = SimilarInnovations.objects.get(innovation_id=market["pkl"].pk).computed_at
    out = StringIO()
    call_command("search_index", "--similar", "--no-progress", stdout=out)
    assert "2 lists computed" in out.getvalue()
    assert set(SimilarInnovations.objects.values_list("innovation_id", flat=True)) == {item.pk for item in market.values()}
    # A list already kept is left as it is.
    assert SimilarInnovations.objects.get(innovation_id=market["pkl"].pk).computed_at == kept_before
    with CaptureQueriesContext(connection) as ctx:
        hits = search.database_backend().similar(market["ktp"].pk)
    assert not _computed(ctx) and market["ktp"].pk not in [hit.id for hit in hits]
