"""The API answers as its own OpenAPI schema says (schemathesis, in-process WSGI).

Bounded: a few examples per operation and no per-example deadline; every
operation of /api/v1/ is exercised with a token of an agency's submitter, so
the write endpoints are covered too (their refusals must match the schema).
`positive_data_acceptance` is left out: a schema-valid body may still name a
sector or region code that does not exist, which is a documented 400.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from cms.wsgi import application
from registry.imports.catalog import RESOURCES
from tests.factories import InnovationFactory
from tests.factories_imports import FullInnovationFactory, token_client

assert RESOURCES  # the import catalog loads with the API (no circular imports)


@pytest.fixture
def keep_test_connection():
    """The real WSGI app closes the database connection after each request, which on
    PostgreSQL would end the test's transaction; Django's test client avoids this the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, settings, agency_a, submitter_a, keep_test_connection):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}
    FullInnovationFactory.create_batch(2, agency=agency_a)
    InnovationFactory(agency=agency_a, live=False, moderation_status="draft")
    return schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture
def token(submitter_a):
    return token_client(submitter_a)._credentials["HTTP_AUTHORIZATION"]


# schemathesis' own pytest integration (from_fixture) does not run on pytest 9, so each
# operation's strategy is driven by hypothesis inside one ordinary pytest-django test.
# The operations of this feature and the search list; the ratings, replication and
# competition endpoints are validated the same way by their own tests.
CHECKED_PATHS = {
    "/api/v1/innovations/", "/api/v1/innovations/{slug}/", "/api/v1/agency/innovations/",
    "/api/v1/agency/innovations/{id}/", "/api/v1/agencies/", "/api/v1/agencies/{code}/",
    "/api/v1/provinces/", "/api/v1/provinces/{code}/", "/api/v1/regencies/", "/api/v1/regencies/{code}/",
}  # fmt: skip


def test_api_conforms_to_its_schema(api_schema, token):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    operations = [operation for operation in operations if operation.path in CHECKED_PATHS]
    assert len(operations) >= 11
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=6, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(headers={"Authorization": token}, excluded_checks=[positive_data_acceptance])

        check()


@pytest.mark.django_db
def test_schema_documents_every_endpoint_and_the_docs_load_without_a_cdn(client):
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]
    for path in [
        "/api/v1/innovations/{slug}/", "/api/v1/agency/innovations/", "/api/v1/agency/innovations/{id}/",
        "/api/v1/agencies/", "/api/v1/agencies/{code}/", "/api/v1/provinces/", "/api/v1/provinces/{code}/",
        "/api/v1/regencies/", "/api/v1/regencies/{code}/",
    ]:  # fmt: skip
        assert path in paths
    docs = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower() and "//unpkg" not in docs
    assert "/static/drf_spectacular_sidecar/" in docs
    assert "<script>" not in docs  # the start-up script is a separate URL (no inline script)
