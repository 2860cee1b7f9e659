import pytest
from django.core.management import call_command
from django.db import connection

from tests import factories


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` only make sense on PostgreSQL: deselect them (not skip) on SQLite."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgresql") else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the real 38 provinces and 514 kab/kota."""
    with django_db_blocker.unblock():
        call_command("load_regions", verbosity=0)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    # Tasks run in-process during tests; tests of the queue itself override this.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def is_postgresql():
    return connection.vendor == "postgresql"


@pytest.fixture
def agency_a(db):
    return factories.AgencyFactory(code="pemkot-surakarta", name="Pemerintah Kota Surakarta")


@pytest.fixture
def agency_b(db):
    from registry.geo.models import Regency

    return factories.AgencyFactory(
        code="pemkot-surabaya", name="Pemerintah Kota Surabaya", regency=Regency.objects.get(code="35.78")
    )


def _member(agency, role, username):
    return factories.MembershipFactory(agency=agency, role=role, user__username=username).user


@pytest.fixture
def submitter_a(agency_a):
    return _member(agency_a, "submitter", "pengusul_a")


@pytest.fixture
def verifier_a(agency_a):
    return _member(agency_a, "verifier", "verifikator_a")


@pytest.fixture
def submitter_b(agency_b):
    return _member(agency_b, "submitter", "pengusul_b")


@pytest.fixture
def verifier_b(agency_b):
    return _member(agency_b, "verifier", "verifikator_b")


@pytest.fixture
def ministry_admin(db):
    return factories.MinistryAdminFactory(username="admin_kementerian")
