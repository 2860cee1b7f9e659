"""Elasticsearch configured but unreachable: searches answer from the database and say so."""

import logging

import pytest
from elastic_transport import ConnectionError as TransportConnectionError

import search
from search.models import SearchDocument
from search.params import SearchParams
from tests.factories_search import innovation

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every request fails to connect, as with a server that is down.
UNREACHABLE = "http://127.0.0.1:1"


@pytest.fixture
def elasticsearch_down(settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = UNREACHABLE
    settings.ELASTICSEARCH_INDEX_ALIAS = "registry-outage-test"


@pytest.fixture
def bank_sampah(settings):
    # Indexed while Elasticsearch is not configured: the database index has them.
    settings.SEARCH_BACKEND = "database"
    innovation("Bank Sampah Sekolah", "Murid menabung sampah plastik.")
    return innovation("Bank Sampah Kelurahan", "Warga menabung sampah plastik.")


def test_a_search_answers_from_the_database_and_logs_a_warning(bank_sampah, elasticsearch_down, caplog):
    with caplog.at_level(logging.WARNING, logger="search"):
        results = search.query(SearchParams(q="sampah"))
    assert bank_sampah.pk in [hit.id for hit in results.items]
    assert results.degraded is True
    assert any("unreachable" in record.message for record in caplog.records)


def test_the_catalog_page_says_results_may_be_incomplete(bank_sampah, elasticsearch_down, client):
    response = client.get("/inovasi/", {"q": "sampah"})
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="/inovasi/{bank_sampah.slug}/"' in body
    assert "mungkin belum lengkap" in body


def test_the_api_answers_and_flags_it(bank_sampah, elasticsearch_down, client):
    response = client.get("/api/v1/innovations/", {"q": "sampah"})
    assert response.status_code == 200
    assert response.json()["degraded"] is True
    assert bank_sampah.pk in [item["id"] for item in response.json()["results"]]


def test_similar_innovations_come_from_the_database(bank_sampah, elasticsearch_down, client):
    response = client.get(f"/inovasi/{bank_sampah.slug}/")
    assert response.status_code == 200
    assert "Inovasi serupa" in response.content.decode()
    assert "Bank Sampah Sekolah" in response.content.decode()


def test_indexing_keeps_the_database_index_right_and_reports_the_failure(bank_sampah, elasticsearch_down):
    SearchDocument.objects.all().delete()
    with pytest.raises(TransportConnectionError):
        search.index_innovation(bank_sampah.pk)
    assert SearchDocument.objects.filter(innovation_id=bank_sampah.pk).exists()
