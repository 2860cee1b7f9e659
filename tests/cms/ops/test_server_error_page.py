"""The 500 page renders without the database (it may be the database that failed) and says what to do."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_the_error_page_needs_no_database(database_down):
    response = server_error(RequestFactory().get("/inovasi/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Maaf, terjadi gangguan sementara" in body
    assert "coba lagi" in body
    assert "/static/css/site.css" in body
    assert "<script" not in body and "style=" not in body
