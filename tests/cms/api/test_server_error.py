"""A failure inside the API answers with the API's JSON error body, not the HTML 500 page."""

import pytest
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_search_state():
    # A real failure of the database (the table the search reads first is gone); the
    # test's transaction puts it back.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE registry_search_state RENAME TO registry_search_state_gone")


def test_api_failure_is_a_json_500(broken_search_state):
    response = Client(raise_request_exception=False).get("/api/v1/innovations/?q=ktp")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "server_error"


def test_page_failure_is_the_html_500_page(broken_search_state):
    response = Client(raise_request_exception=False).get("/inovasi/?q=ktp")
    assert response.status_code == 500
    assert "text/html" in response["Content-Type"]
    assert "Maaf, terjadi gangguan sementara" in response.content.decode()
