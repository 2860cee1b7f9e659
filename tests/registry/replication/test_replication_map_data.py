"""The numbers behind /replikasi/: provinces, funnel, lines and filters."""

import datetime

import pytest
from django.utils import timezone

from registry.innovations.models import Sector
from registry.replication.models import ReplicationStageChange
from registry.replication.selectors import map_data, project_years
from tests import factories
from tests.factories_replication import ReplicationProjectFactory

pytestmark = pytest.mark.django_db


def _agency(code, regency):
    return factories.AgencyFactory(code=code, regency=factories._regency(regency))


def _project(origin, adopter, path, year=2023):
    """A project that went through `path` (its stages in order), started in `year`."""
    started = timezone.make_aware(datetime.datetime(year, 3, 1))
    project = ReplicationProjectFactory(origin=origin, adopter=adopter, stage=path[-1], created_at=started)
    previous = ""
    for stage in path:
        ReplicationStageChange.objects.create(project=project, from_stage=previous, to_stage=stage, changed_at=started)
        previous = stage
    return project


@pytest.fixture
def spread(origin):
    """Surakarta's innovation replicated in Jawa Timur (twice), Aceh and Papua; another origin in health."""
    health = factories.InnovationFactory(sectors=Sector.objects.filter(code="kesehatan"))
    health.sectors.commit()
    surabaya, malang = _agency("a-35-78", "35.78"), _agency("a-35-73", "35.73")
    aceh, jayapura = _agency("a-11-01", "11.01"), _agency("a-91-71", "91.71")
    _project(origin, surabaya, ["minat", "kesepakatan", "adaptasi", "implementasi", "evaluasi", "berlanjut"])
    _project(origin, malang, ["minat", "kesepakatan", "dihentikan"], year=2022)
    _project(origin, aceh, ["minat", "kesepakatan", "adaptasi", "implementasi"])
    _project(health, jayapura, ["minat"], year=2024)
    return origin


def _province(data, code):
    return next(row for row in data["provinces"] if row["code"] == code)


def test_provinces_are_counted_by_the_adopters_province(spread):
    data = map_data()
    assert len(data["provinces"]) == 38
    assert (_province(data, "35")["started"], _province(data, "35")["active"], _province(data, "35")["completed"]) == (2, 0, 1)
    assert _province(data, "11")["active"] == 1
    assert data["totals"] == {"started": 4, "active": 2, "completed": 1}


def test_the_funnel_counts_reached_and_current_stages(spread):
    funnel = {row["stage"]: (row["reached"], row["current"]) for row in map_data()["funnel"]}
    assert funnel == {
        "minat": (4, 1),
        "kesepakatan": (3, 0),
        "adaptasi": (2, 0),
        "implementasi": (2, 1),
        "evaluasi": (1, 0),
        "berlanjut": (1, 1),
        "dihentikan": (1, 1),
    }


def test_filters_by_year_sector_and_province(spread):
    assert map_data(year=2022)["totals"]["started"] == 1
    assert map_data(sector="kesehatan")["totals"]["started"] == 1
    assert map_data(sector="administrasi-kependudukan")["totals"]["started"] == 3
    assert map_data(province="35")["totals"] == {"started": 2, "active": 0, "completed": 1}
    assert project_years() == [2024, 2023, 2022]


def test_lines_for_a_chosen_innovation(spread):
    lines = map_data(innovation=spread)["lines"]
    assert sorted((line["from"], line["to"], line["stage"]) for line in lines) == [
        ("33", "11", "implementasi"), ("33", "35", "berlanjut"), ("33", "35", "dihentikan"),
    ]
    assert map_data()["lines"] == []


def test_map_data_takes_a_constant_number_of_queries(spread, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        map_data(year=2023, sector="administrasi-kependudukan", province="35", innovation=spread)
