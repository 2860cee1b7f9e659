"""Ministry staff's listings: every filter, search, CSV and XLSX export of the filtered rows, inspect views."""

import csv
import io

import openpyxl
import pytest

from registry.agencies import services as agency_services
from registry.agencies.models import AgencyType
from registry.audit.models import AuditEvent
from registry.geo.models import Regency
from registry.innovations.models import ModerationStatus, Sector
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(agency_a, agency_b, submitter_a, verifier_b, ministry_admin, submitted_innovation):
    """Agencies of three types and regions, memberships of both roles, innovations in several states."""
    ministry = factories.AgencyFactory(
        code="kemenkes", name="Kementerian Kesehatan", short_name="Kemenkes", type=AgencyType.KEMENTERIAN,
        regency=None, province=None,
    )
    agency_services.agency_update(user=ministry_admin, agency=agency_b, data={"short_name": "Pemkot Sby", "is_active": False})
    health = Sector.objects.get(code="kesehatan")
    telemedicine = factories.InnovationFactory(
        agency=ministry, title="Telemedisin Puskesmas", kind="teknologi", year_implemented=2018,
        external_id="lan:7", sectors=[health],
    )
    # The shared factory sets the (parental) sectors in memory only; saving writes them.
    telemedicine.save()
    factories.InnovationFactory(agency=agency_b, title="Surabaya Single Window", year_implemented=2016)
    factories.InnovationFactory(
        agency=agency_a, title="Inovasi Ditarik", live=False, moderation_status=ModerationStatus.UNPUBLISHED
    )
    factories.MembershipFactory(agency=ministry, role="verifier", is_verified=False, user__username="calon_verif")
    return {"ministry": ministry}


def _rows(response):
    assert response.status_code == 200
    return sorted(str(row) for row in response.context["object_list"])


def _titles(response):
    return sorted(row.title for row in response.context["object_list"])


INNOVATION_FILTERS = [
    ("moderation_status=in_moderation", ["Akta Kelahiran Jemput Bola"]),
    ("moderation_status=unpublished", ["Inovasi Ditarik"]),
    ("live=true", ["Surabaya Single Window", "Telemedisin Puskesmas"]),
    ("live=false", ["Akta Kelahiran Jemput Bola", "Inovasi Ditarik"]),
    ("province=35", ["Surabaya Single Window"]),
    ("agency_type=kementerian", ["Telemedisin Puskesmas"]),
    ("sector={health}", ["Telemedisin Puskesmas"]),
    ("kind=teknologi", ["Telemedisin Puskesmas"]),
    ("year=2016", ["Surabaya Single Window"]),
    ("q=telemedisin", ["Telemedisin Puskesmas"]),
    ("q=Surabaya", ["Surabaya Single Window"]),  # by agency name
    ("q=lan:7", ["Telemedisin Puskesmas"]),  # by external id
    ("live=true&province=35", ["Surabaya Single Window"]),
]


@pytest.mark.parametrize("query, expected", INNOVATION_FILTERS)
def test_innovation_listing_filters_and_search(ministry_client, catalog, query, expected):
    query = query.format(health=Sector.objects.get(code="kesehatan").pk)
    response = ministry_client.get(f"/admin/innovation/?{query}")
    assert _titles(response) == expected
    for title in expected:
        assert title in response.content.decode()


def test_innovation_listing_shows_every_agency(ministry_client, catalog):
    assert len(_titles(ministry_client.get("/admin/innovation/"))) == 4


AGENCY_FILTERS = [
    ("type=kementerian", ["Kementerian Kesehatan"]),
    ("province=33", ["Pemerintah Kota Surakarta"]),
    ("is_active=false", ["Pemerintah Kota Surabaya"]),
    ("verifier=ada", ["Pemerintah Kota Surabaya"]),
    ("verifier=belum", ["Kementerian Kesehatan", "Pemerintah Kota Surakarta"]),
    ("q=kesehatan", ["Kementerian Kesehatan"]),
    ("q=Pemkot Sby", ["Pemerintah Kota Surabaya"]),  # short name
    ("q=pemkot-surakarta", ["Pemerintah Kota Surakarta"]),  # code
]


@pytest.mark.parametrize("query, expected", AGENCY_FILTERS)
def test_agency_listing_filters_and_search(ministry_client, catalog, query, expected):
    assert _rows(ministry_client.get(f"/admin/agency/?{query}")) == expected


def test_agency_listing_shows_the_parent(ministry_client, agency_a):
    factories.AgencyFactory(code="dinkes-solo", name="Dinas Kesehatan Surakarta", type=AgencyType.UNIT, parent=agency_a)
    body = ministry_client.get("/admin/agency/?q=dinkes").content.decode()
    assert "Dinas Kesehatan Surakarta" in body and "Pemerintah Kota Surakarta" in body


MEMBERSHIP_FILTERS = [
    ("role=verifier", ["calon_verif", "verifikator_b"]),
    ("role=submitter", ["pengusul_a"]),
    ("is_verified=false", ["calon_verif"]),
    ("is_verified=true", ["pengusul_a", "verifikator_b"]),
    ("agency_type=kementerian", ["calon_verif"]),
    ("q=pengusul_a", ["pengusul_a"]),  # by user
    ("q=Surabaya", ["verifikator_b"]),  # by agency
]


@pytest.mark.parametrize("query, expected", MEMBERSHIP_FILTERS)
def test_membership_listing_filters_and_search(ministry_client, catalog, query, expected):
    response = ministry_client.get(f"/admin/membership/?{query}")
    assert response.status_code == 200
    assert sorted(row.user.username for row in response.context["object_list"]) == expected


REGENCY_FILTERS = [
    ("province=33&kind=kota", ["Kota Magelang", "Kota Pekalongan", "Kota Salatiga", "Kota Semarang", "Kota Surakarta", "Kota Tegal"]),
    ("q=surakarta", ["Kota Surakarta"]),
    ("q=35.78", ["Kota Surabaya"]),
]


@pytest.mark.parametrize("query, expected", REGENCY_FILTERS)
def test_regency_listing_filters_and_search(ministry_client, query, expected):
    response = ministry_client.get(f"/admin/regency/?{query}")
    assert response.status_code == 200
    assert sorted(row.name for row in response.context["object_list"]) == expected


def test_regency_listing_filters_by_kind_and_lists_all_514(ministry_client):
    response = ministry_client.get("/admin/regency/?kind=kabupaten&export=csv")
    rows = _csv(response)
    assert len(rows) - 1 == Regency.objects.filter(kind="kabupaten").count()
    assert len(_csv(ministry_client.get("/admin/regency/?export=csv"))) - 1 == 514


@pytest.mark.parametrize("query, expected", [("q=jawa tengah", ["Jawa Tengah"]), ("q=35", ["Jawa Timur"])])
def test_province_listing_search(ministry_client, query, expected):
    response = ministry_client.get(f"/admin/province/?{query}")
    assert sorted(row.name for row in response.context["object_list"]) == expected


def test_audit_listing_filters_and_search(ministry_client, catalog, ministry_admin):
    assert AuditEvent.objects.filter(action="agency.update").count() == 1
    response = ministry_client.get("/admin/auditevent/?action=agency.update")
    assert [row.action for row in response.context["object_list"]] == ["agency.update"]
    response = ministry_client.get("/admin/auditevent/?target_type=innovations.innovation")
    assert {row.action for row in response.context["object_list"]} == {"innovation.create", "innovation.submit"}
    response = ministry_client.get(f"/admin/auditevent/?q={ministry_admin.username}")
    assert [row.action for row in response.context["object_list"]] == ["agency.update"]
    response = ministry_client.get("/admin/auditevent/?q=Surabaya")
    assert [row.target_label for row in response.context["object_list"]] == ["Pemerintah Kota Surabaya"]


# --- Export -----------------------------------------------------------------------------------


def _body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_body(response).decode("utf-8"))))


def _xlsx(response) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(_body(response)), read_only=True)
    return list(workbook.active.iter_rows(values_only=True))


EXPORTS = [
    ("/admin/innovation/?agency_type=kementerian", "Judul", ["Telemedisin Puskesmas"]),
    ("/admin/innovation/?live=true", "Judul", ["Surabaya Single Window", "Telemedisin Puskesmas"]),
    ("/admin/agency/?type=pemkot", "Nama", ["Pemerintah Kota Surabaya", "Pemerintah Kota Surakarta"]),
    ("/admin/membership/?role=verifier", "Nama pengguna", ["calon_verif", "verifikator_b"]),
    ("/admin/regency/?q=surakarta", "Nama", ["Kota Surakarta"]),
    ("/admin/province/?q=jawa", "Nama", ["Jawa Barat", "Jawa Tengah", "Jawa Timur"]),
    ("/admin/auditevent/?action=agency.update", "Tindakan", ["agency.update"]),
]


@pytest.mark.parametrize("url, column, expected", EXPORTS)
def test_csv_export_has_exactly_the_filtered_rows(ministry_client, catalog, url, column, expected):
    header, *rows = _csv(ministry_client.get(f"{url}&export=csv"))
    index = header.index(column)
    assert sorted(row[index] for row in rows) == expected


@pytest.mark.parametrize("url, column, expected", EXPORTS)
def test_xlsx_export_has_exactly_the_filtered_rows(ministry_client, catalog, url, column, expected):
    response = ministry_client.get(f"{url}&export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    header, *rows = _xlsx(response)
    index = header.index(column)
    assert sorted(row[index] for row in rows) == expected


def test_innovation_export_has_region_agency_and_sectors(ministry_client, catalog):
    header, row = _csv(ministry_client.get("/admin/innovation/?q=telemedisin&export=csv"))
    record = dict(zip(header, row, strict=True))
    assert record["Instansi"] == "Kementerian Kesehatan"
    assert record["Jenis instansi"] == "Kementerian"
    assert record["Provinsi"] == ""  # a ministry has no region: an empty cell, not an error
    assert record["Sektor"] == "Kesehatan"
    assert record["ID eksternal"] == "lan:7"


def test_audit_export_keeps_the_data_as_json(ministry_client, catalog):
    header, row = _csv(ministry_client.get("/admin/auditevent/?action=agency.update&export=csv"))
    record = dict(zip(header, row, strict=True))
    assert record["Data"] == '{"changes": {"is_active": [true, false], "short_name": ["", "Pemkot Sby"]}}'


# --- Inspect ----------------------------------------------------------------------------------


def test_inspect_views_render(ministry_client, catalog, agency_a, submitted_innovation):
    event = AuditEvent.objects.first()
    pages = {
        f"/admin/agency/inspect/{agency_a.pk}/": "pemkot-surakarta",
        "/admin/province/inspect/33/": "Jawa Tengah",
        "/admin/regency/inspect/33.72/": "Kota Surakarta",
        f"/admin/auditevent/inspect/{event.pk}/": event.hash,
        f"/admin/innovation/inspect/{submitted_innovation.pk}/": "Cakupan akta",
    }
    for url, text in pages.items():
        response = ministry_client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url


def test_innovation_inspect_shows_every_field_of_the_latest_revision(ministry_client, submitted_innovation):
    from registry.innovations.models import Innovation

    response = ministry_client.get(f"/admin/innovation/inspect/{submitted_innovation.pk}/")
    labels = {str(field["label"]) for field in response.context["fields"]}
    for field in Innovation._meta.concrete_fields:
        assert str(field.verbose_name).capitalize() in {label.capitalize() for label in labels}, field.name
    body = response.content.decode()
    for text in ["Akta Kelahiran Jemput Bola", "Administrasi kependudukan", "Cakupan akta", "innovation.submit"]:
        assert text in body
    # What awaits approval: approve and return are offered, unpublishing is not (it is not live).
    assert f"/admin/innovation/approve/{submitted_innovation.pk}/" in body
    assert f"/admin/innovation/return/{submitted_innovation.pk}/" in body
    assert f"/admin/innovation/unpublish/{submitted_innovation.pk}/" not in body


def test_listings_render_their_filters(ministry_client, catalog):
    for url, fields in {
        "/admin/innovation/": ["moderation_status", "live", "province", "agency_type", "sector", "kind", "year"],
        "/admin/agency/": ["type", "province", "is_active", "verifier"],
        "/admin/membership/": ["role", "is_verified", "agency_type"],
        "/admin/regency/": ["province", "kind"],
        "/admin/auditevent/": ["action", "target_type"],
    }.items():
        response = ministry_client.get(url)
        assert sorted(response.context["filters"].form.fields) == sorted(fields), url

