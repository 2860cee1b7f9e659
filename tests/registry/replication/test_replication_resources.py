"""Spreadsheets: export then import gives the same data; an import never moves a stage."""

import pytest
import tablib

from registry.innovations.models import Innovation
from registry.replication.models import ReplicationProject
from registry.replication.resources import ReplicationProjectResource
from tests import factories

pytestmark = pytest.mark.django_db


def _import(dataset, user):
    resource = ReplicationProjectResource(user=user)
    result = resource.import_data(dataset, dry_run=False, raise_errors=False)
    return resource, result


def _row_errors(result):
    return [(row.number, {k: [str(m) for m in v] for k, v in row.error_dict.items()}) for row in result.invalid_rows]


def test_round_trip_in_every_format(project, verifier_b, ministry_admin, facilitator_agency):
    from registry.replication import services

    services.replication_update(
        user=verifier_b, project=project, data={"facilitator": facilitator_agency, "budget": 150000000, "team": "Sri\nBudi"}
    )
    for fmt in ("csv", "xlsx", "json"):
        exported = ReplicationProjectResource().export()
        assert exported.dict[0]["Inovasi asal"] == "lan:52"
        assert exported.dict[0]["Kode instansi pereplikasi"] == "pemkot-surabaya"
        data = getattr(exported, fmt)
        dataset = tablib.Dataset().load(data, format=fmt)
        before = list(ReplicationProject.objects.values())
        resource, result = _import(dataset, ministry_admin)
        assert not result.has_errors() and not result.has_validation_errors(), _row_errors(result)
        assert [row.import_type for row in result.rows] == ["skip"]
        assert list(ReplicationProject.objects.values()) == before


def test_import_creates_historical_projects_and_recounts(origin, ministry_admin, django_capture_on_commit_callbacks):
    boyolali = factories.AgencyFactory(code="pemkab-33-09", regency=factories._regency("33.09"))
    dataset = tablib.Dataset(headers=["Inovasi asal", "Kode instansi pereplikasi", "Tanggal mulai", "Tahap", "Nama lokal"])
    dataset.append(["lan:52", "pemkab-33-09", "2019-03-01", "berlanjut", "Akta Jemput Bola Boyolali"])
    with django_capture_on_commit_callbacks(execute=True):
        resource, result = _import(dataset, ministry_admin)
    assert not result.has_validation_errors(), _row_errors(result)
    project = ReplicationProject.objects.get(adopter=boyolali)
    assert project.stage == "berlanjut" and project.started_on.isoformat() == "2019-03-01"
    assert list(project.stage_changes.values_list("to_stage", flat=True)) == ["berlanjut"]
    assert Innovation.objects.get(pk=origin.pk).replications_completed == 1


def test_import_refuses_to_move_a_stage_and_bad_rows(project, ministry_admin):
    exported = ReplicationProjectResource().export()
    exported_row = exported.dict[0]
    bad = tablib.Dataset(headers=list(exported_row))
    bad.append([{"Tahap": "berlanjut"}.get(k, v) for k, v in exported_row.items()])
    bad.append([{"Kode instansi pereplikasi": "tidak-ada", "Tanggal mulai": "2020-01-01"}.get(k, v) for k, v in exported_row.items()])
    before = list(ReplicationProject.objects.values())
    resource, result = _import(bad, ministry_admin)
    errors = _row_errors(result)
    assert [number for number, _e in errors] == [1, 2]
    assert "stage" in errors[0][1] and "adopter" in errors[1][1]
    assert list(ReplicationProject.objects.values()) == before
