"""Export then import gives identical data, for every resource and every format."""

import pytest

from registry.agencies.models import Agency, Membership
from registry.geo.models import Province, Regency
from registry.innovations.models import Innovation, OutcomeIndicator
from tests.factories import AgencyFactory, MembershipFactory
from tests.factories_imports import (
    FullInnovationFactory,
    export_bytes,
    exported_rows,
    import_bytes,
    wipe,
)

FORMATS = ["xlsx", "csv", "json"]


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize("resource_name", ["provinces", "regencies"])
def test_regions_round_trip_changes_nothing_and_restores_edits(resource_name, file_format, ministry_admin):
    model = Province if resource_name == "provinces" else Regency
    before = exported_rows(resource_name)
    content = export_bytes(resource_name, file_format)

    report = import_bytes(resource_name, file_format, content, user=ministry_admin)
    assert report.ok, report.errors
    assert report.as_counts() == {"new": 0, "update": 0, "skip": len(before), "invalid": 0, "error": 0}

    first = model.objects.order_by("code").first()
    model.objects.filter(pk=first.pk).update(name="Nama Diubah")
    report = import_bytes(resource_name, file_format, content, user=ministry_admin)
    assert report.as_counts()["update"] == 1
    assert exported_rows(resource_name) == before


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", FORMATS)
def test_agencies_round_trip(file_format, ministry_admin):
    parent = AgencyFactory(code="pemprov-jateng", name="Pemerintah Provinsi Jawa Tengah", type="pemprov", regency=None)
    AgencyFactory(code="dinkes-jateng", name="Dinas Kesehatan", type="unit", parent=parent, regency=None, website="https://dinkes.jatengprov.go.id")
    AgencyFactory(code="pemkot-33-72", name="Pemerintah Kota Surakarta", short_name="Pemkot Surakarta", email="humas@surakarta.go.id")
    before = exported_rows("agencies")
    content = export_bytes("agencies", file_format)
    wipe(Agency)

    report = import_bytes("agencies", file_format, content, user=ministry_admin)

    assert report.ok, report.errors
    assert report.as_counts()["new"] == len(before)
    assert exported_rows("agencies") == before
    again = import_bytes("agencies", file_format, content, user=ministry_admin)
    assert again.as_counts()["skip"] == len(before)


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", FORMATS)
def test_memberships_round_trip(file_format, ministry_admin, submitter_a, verifier_b):
    MembershipFactory(role="verifier", is_verified=False)
    before = exported_rows("memberships")
    content = export_bytes("memberships", file_format)
    wipe(Membership)

    report = import_bytes("memberships", file_format, content, user=ministry_admin)

    assert report.ok, report.errors
    assert exported_rows("memberships") == before
    assert import_bytes("memberships", file_format, content, user=ministry_admin).as_counts()["skip"] == len(before)


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", FORMATS)
def test_innovations_round_trip(file_format, ministry_admin, agency_a):
    FullInnovationFactory.create_batch(3, agency=agency_a)
    FullInnovationFactory(agency=agency_a, title='=Rumus "berbahaya", koma; dan titik', summary="Ringkasan ‘kutip’ — 100%", problem="Baris satu\nBaris dua")
    before = exported_rows("innovations")
    content = export_bytes("innovations", file_format)
    wipe(Innovation)

    report = import_bytes("innovations", file_format, content, user=ministry_admin, publish=True)

    assert report.ok, report.errors
    assert report.as_counts()["new"] == 4
    assert exported_rows("innovations") == before
    assert OutcomeIndicator.objects.count() == 8
    again = import_bytes("innovations", file_format, content, user=ministry_admin, publish=True)
    assert again.as_counts() == {"new": 0, "update": 0, "skip": 4, "invalid": 0, "error": 0}


@pytest.mark.django_db
def test_innovation_made_in_the_registry_round_trips_by_its_fallback_key(ministry_admin, agency_a):
    innovation = FullInnovationFactory(agency=agency_a, external_id=None)
    content = export_bytes("innovations", "csv")
    assert f"registri:{innovation.pk}".encode() in content

    report = import_bytes("innovations", "csv", content, user=ministry_admin)

    assert report.as_counts()["skip"] == 1
    innovation.refresh_from_db()
    assert innovation.external_id is None
