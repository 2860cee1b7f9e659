"""SEARCH_REFRESH_SECONDS: how often a process reloads its facet bitsets after index writes.

Found by the load test (issue 8): every review changes the index token, and each
web process then spent 1-3 s of CPU reloading every bitset, so a few reviews a
second starved the site. In production a process reloads at most every
SEARCH_REFRESH_SECONDS (like Elasticsearch's refresh interval); 0 keeps the
immediate reload that development and the search tests rely on.
"""

import pytest

import search
from search import facet_index
from search.params import SearchParams
from tests.factories_search import innovation

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(facet_index.time, "monotonic", clock)
    facet_index._cache.clear()
    yield clock
    facet_index._cache.clear()


def _found(words: str) -> set[int]:
    return {hit.id for hit in search.query(SearchParams(q=words)).items}


def test_without_an_interval_a_new_innovation_is_found_at_once(settings, clock):
    settings.SEARCH_REFRESH_SECONDS = 0
    first = innovation("Bank Sampah Sekolah", "Murid menabung sampah plastik.")
    assert _found("sampah") == {first.pk}
    second = innovation("Bank Sampah Kelurahan", "Warga menabung sampah plastik.")
    assert _found("sampah") == {first.pk, second.pk}


def _count_of_kind(kind: str) -> int:
    """What the bitsets count (the cards themselves are always read fresh from the database)."""
    return search.query(SearchParams(q="sampah", filters=(("kind", (kind,)),))).total


def test_with_an_interval_a_changed_innovation_waits_for_the_interval(settings, clock):
    settings.SEARCH_REFRESH_SECONDS = 30
    first = innovation("Bank Sampah Sekolah", "Murid menabung sampah plastik.", kind="metode")
    assert _count_of_kind("metode") == 1  # the first load is immediate
    loaded = facet_index._cache["default"]

    # A change inside the index (its kind, a rating, a replication count) waits.
    type(first).objects.filter(pk=first.pk).update(kind="produk")
    search.index_innovation(first.pk)
    clock.now += 29
    assert _count_of_kind("metode") == 1 and _count_of_kind("produk") == 0
    assert facet_index._cache["default"] is loaded  # no reload inside the interval

    clock.now += 2
    assert _count_of_kind("metode") == 0 and _count_of_kind("produk") == 1
    assert facet_index._cache["default"] is not loaded


def test_with_an_interval_a_publication_or_unpublication_shows_at_once(settings, clock):
    settings.SEARCH_REFRESH_SECONDS = 30
    first = innovation("Bank Sampah Sekolah", "Murid menabung sampah plastik.")
    assert _found("sampah") == {first.pk}
    second = innovation("Bank Sampah Kelurahan", "Warga menabung sampah plastik.")
    clock.now += 1
    assert _found("sampah") == {first.pk, second.pk}  # entered the index: no waiting
    search.remove_innovation(first.pk)
    clock.now += 1
    assert _found("sampah") == {second.pk}


def test_with_an_interval_nothing_is_reloaded_while_the_index_is_unchanged(settings, clock):
    settings.SEARCH_REFRESH_SECONDS = 30
    innovation("Bank Sampah Sekolah", "Murid menabung sampah plastik.")
    _found("sampah")
    loaded = facet_index._cache["default"]
    clock.now += 3600
    _found("sampah")
    assert facet_index._cache["default"] is loaded


def test_production_waits_and_development_does_not(tmp_path):
    """The settings module is read once per process: each environment starts its own, as an operator's would."""
    import json

    from tests.security.test_deploy_settings import production_env, run

    report = (
        "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps("
        "[s.SEARCH_REFRESH_SECONDS, s.PAGE_CACHE_SECONDS, s.SEARCH_SIMILAR_MAX_AGE]))"
    )
    production = production_env(tmp_path)
    development = {key: value for key, value in production.items() if key != "REGISTRY_ENV"}
    figures = {}
    for name, env in (("production", production), ("development", development)):
        result = run(["-c", report], env)
        assert result.returncode == 0, result.stderr
        figures[name] = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["production"] == [30, 30, 3600]
    assert figures["development"] == [0, 0, 0]
