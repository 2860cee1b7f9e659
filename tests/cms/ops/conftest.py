"""Fixtures of the operations tests: a database that cannot be reached, a database task queue."""

import pytest
from django.db import connections

# Nothing listens on port 1: a connection is refused at once, as with a stopped server.
CLOSED_PORT = "1"


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _unreachable_connection(alias: str):
    working = connections["default"]
    broken = {**working.settings_dict}
    if working.vendor == "postgresql":
        broken.update(PORT=CLOSED_PORT, OPTIONS={**broken.get("OPTIONS", {}), "connect_timeout": 2})
    else:
        broken["NAME"] = "/nonexistent-directory/registry.sqlite3"
    return working.__class__(broken, alias=alias)


@pytest.fixture
def unreachable_alias():
    connections["unreachable"] = _unreachable_connection("unreachable")
    yield "unreachable"
    connections["unreachable"].close()
    del connections["unreachable"]


@pytest.fixture
def database_down():
    """For the length of the test, every query on "default" goes to a database that is not there."""
    working = connections["default"]
    connections["default"] = _unreachable_connection("default")
    yield
    connections["default"].close()
    connections["default"] = working
