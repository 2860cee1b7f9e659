import os

import pytest
from django.db import connection

from tests import factories


def pytest_configure(config):
    # Hashing passwords properly is slow on purpose; tests create many users.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config, items):
    _restore_reference_data_after_transactional_tests(items)
    _deselect_postgresql_only_tests_on_sqlite(config, items)


def _restore_reference_data_after_transactional_tests(items):
    """A transactional test ends by emptying every table, which would take the regions,
    taxonomy and Wagtail pages created by migrations away from the tests after it.
    Serialized rollback puts them back; it is added here so no test can forget it."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        kwargs = dict(marker.kwargs) if marker else {}
        # A test that asks for live_server or transactional_db is transactional too.
        fixtures = getattr(item, "fixturenames", ())
        transactional = kwargs.get("transaction") or "live_server" in fixtures or "transactional_db" in fixtures
        if transactional and not kwargs.get("serialized_rollback"):
            item.add_marker(
                pytest.mark.django_db(**{**kwargs, "transaction": True, "serialized_rollback": True}), append=False
            )


def _deselect_postgresql_only_tests_on_sqlite(config, items):
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
def django_db_setup(django_db_setup):
    """Make the serialized reference data visible to every connection object.

    Once Playwright's sync API is running, asgiref sees an event loop in the test
    thread and Django hands out a new connection object, which would lack the
    serialized contents that serialized rollback restores from.
    """
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            type(connections[alias])._test_serialized_contents = contents


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


# --- Browser tests (Playwright driving Debian's Chromium) ------------------------------
# Playwright's sync API runs an event loop in the test thread; Django would then refuse
# ORM calls made by the test itself, which is safe here because nothing else runs in it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}
