"""My agency's innovations: status filters, agency filter, pagination and the dashboard."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.innovations import services
from tests.factories import InnovationFactory, MembershipFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/portal/inovasi/"


@pytest.fixture
def mixed(make_innovation, submitter_a):
    edited = make_innovation("published", title="Terbit Sedang Diubah")
    services.innovation_update(user=submitter_a, innovation=edited, data={"summary": "Ringkasan baru."})
    return {
        state: make_innovation(state, title=f"Inovasi {label}")
        for state, label in [
            ("draft", "Draf"),
            ("in_moderation", "Diajukan"),
            ("returned", "Dikembalikan"),
            ("published", "Terbit"),
            ("unpublished", "Ditarik"),
        ]
    } | {"edited": edited}


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        ("draft", {"Inovasi Draf", "Terbit Sedang Diubah"}),
        ("in_moderation", {"Inovasi Diajukan"}),
        ("returned", {"Inovasi Dikembalikan"}),
        ("published", {"Inovasi Terbit", "Terbit Sedang Diubah"}),
        ("unpublished", {"Inovasi Ditarik"}),
        ("pending_changes", {"Terbit Sedang Diubah"}),
    ],
)
def test_status_filters(client, mixed, submitter_a, status, shown):
    client.force_login(submitter_a)
    html = client.get(LIST_URL, {"status": status}).content.decode()
    titles = {innovation.title for innovation in mixed.values()}
    assert {title for title in titles if f">{title}</a>" in html} == shown


def test_status_tabs_show_counts_and_labels(client, mixed, submitter_a):
    client.force_login(submitter_a)
    html = client.get(LIST_URL).content.decode()
    for label in ["Draf", "Menunggu verifikasi", "Dikembalikan", "Terbit", "Ditarik", "Terbit dengan perubahan belum terbit"]:
        assert f"{label} <span class=\"count\">" in html
    assert 'Semua <span class="count">6</span>' in html


def test_pagination_keeps_the_filter(client, submitter_a, agency_a):
    InnovationFactory.create_batch(25, agency=agency_a)
    client.force_login(submitter_a)
    first = client.get(LIST_URL, {"status": "published"}).content.decode()
    assert "Halaman 1 dari 2" in first and "?status=published&amp;page=2" in first
    second = client.get(LIST_URL, {"status": "published", "page": 2}).content.decode()
    assert second.count("/portal/inovasi/") - second.count("/portal/inovasi/baru/") >= 5


def test_member_of_several_agencies_filters_by_agency(client, submitter_a, agency_a, agency_b):
    MembershipFactory(user=submitter_a, agency=agency_b, role="submitter")
    InnovationFactory(agency=agency_a, title="Milik Surakarta")
    InnovationFactory(agency=agency_b, title="Milik Surabaya")
    client.force_login(submitter_a)
    html = client.get(LIST_URL).content.decode()
    assert 'name="instansi"' in html and "Milik Surakarta" in html and "Milik Surabaya" in html
    html = client.get(LIST_URL, {"instansi": agency_b.pk}).content.decode()
    assert "Milik Surabaya" in html and "Milik Surakarta" not in html


def test_single_agency_staff_see_only_their_agency(client, submitter_b, agency_a, agency_b):
    InnovationFactory(agency=agency_a, title="Milik Surakarta")
    client.force_login(submitter_b)
    html = client.get(LIST_URL, {"instansi": agency_a.pk}).content.decode()
    assert "Milik Surakarta" not in html and 'name="instansi"' not in html


def test_ministry_admin_sees_every_agency(client, ministry_admin, agency_a, agency_b):
    InnovationFactory(agency=agency_a, title="Milik Surakarta")
    InnovationFactory(agency=agency_b, title="Milik Surabaya")
    client.force_login(ministry_admin)
    html = client.get(LIST_URL).content.decode()
    assert "Milik Surakarta" in html and "Milik Surabaya" in html
    assert "Pemerintah Kota Surabaya" in html  # the agency column


def test_search_by_title(client, submitter_a, agency_a):
    InnovationFactory(agency=agency_a, title="Antrean Puskesmas Daring")
    InnovationFactory(agency=agency_a, title="Akta Jemput Bola")
    client.force_login(submitter_a)
    html = client.get(LIST_URL, {"q": "puskesmas"}).content.decode()
    assert "Antrean Puskesmas Daring" in html and "Akta Jemput Bola" not in html


def test_list_query_count_does_not_grow_with_the_page(client, submitter_a, agency_a, django_assert_max_num_queries):
    client.force_login(submitter_a)
    InnovationFactory.create_batch(3, agency=agency_a)
    with CaptureQueriesContext(connection) as three:
        client.get(LIST_URL)
    InnovationFactory.create_batch(17, agency=agency_a)
    with django_assert_max_num_queries(len(three.captured_queries)):
        assert client.get(LIST_URL).status_code == 200


def test_dashboard_counts_and_links(client, mixed, submitter_a):
    client.force_login(submitter_a)
    html = client.get("/portal/").content.decode()
    assert "Dikembalikan untuk diperbaiki" in html and "Inovasi Dikembalikan" in html
    assert '<strong>1</strong> Menunggu verifikasi' in html
    assert 'href="/portal/inovasi/baru/"' in html


def test_dashboard_of_a_user_without_agency(client):
    user = MembershipFactory(is_verified=False).user
    client.force_login(user)
    assert "belum terhubung dengan instansi yang terverifikasi" in client.get("/portal/").content.decode()


def test_portal_needs_signing_in(client, make_innovation):
    for url in ["/portal/", LIST_URL, "/portal/inovasi/baru/", "/portal/inovasi/verifikasi/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/masuk/")
