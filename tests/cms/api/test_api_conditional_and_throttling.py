import pytest
from django.utils.http import http_date

from tests.factories import InnovationFactory


@pytest.mark.django_db
def test_innovation_detail_has_etag_and_answers_304_while_unchanged(api, agency_a):
    innovation = InnovationFactory(agency=agency_a, slug="jemput-bola")
    first = api.get("/api/v1/innovations/jemput-bola/")
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first.json()["agency"]["code"] == agency_a.code

    again = api.get("/api/v1/innovations/jemput-bola/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    since = api.get("/api/v1/innovations/jemput-bola/", HTTP_IF_MODIFIED_SINCE=modified)
    assert since.status_code == 304

    innovation.title = "Judul baru"
    innovation.save()
    changed = api.get("/api/v1/innovations/jemput-bola/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    older = http_date(innovation.first_published_at.timestamp() - 3600)
    assert api.get("/api/v1/innovations/jemput-bola/", HTTP_IF_MODIFIED_SINCE=older).status_code == 200


@pytest.mark.django_db
def test_drafts_are_not_in_the_public_detail(api, agency_a):
    InnovationFactory(agency=agency_a, slug="draf", live=False, moderation_status="draft")
    assert api.get("/api/v1/innovations/draf/").status_code == 404


@pytest.mark.django_db
def test_region_detail_etag(api):
    first = api.get("/api/v1/provinces/33/")
    assert api.get("/api/v1/provinces/33/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert api.get("/api/v1/provinces/34/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.django_db
def test_anonymous_clients_are_rate_limited_but_token_clients_are_not(settings, api, submitter_a):
    from tests.factories_imports import token_client

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"}}
    statuses = [api.get("/api/v1/provinces/33/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api.get("/api/v1/provinces/")
    assert refused.json()["error"]["status"] == 429 and refused.json()["error"]["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    client = token_client(submitter_a)
    assert [client.get("/api/v1/provinces/33/").status_code for _ in range(5)] == [200] * 5
