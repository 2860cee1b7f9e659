"""/healthz: 200 when the database, search and task queue are fine (or search fell back), 503 otherwise.

An unreachable database is simulated in-process: a connection of the same
vendor whose settings point at a closed port (PostgreSQL) or an impossible file
(SQLite), either under a second alias or swapped in for "default" during one
request.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.ops.health import check_database, check_tasks
from registry.imports.tasks import opendata_regenerate_task
from tests.cms.ops.conftest import CLOSED_PORT

pytestmark = pytest.mark.django_db

def _enqueue(*, age_seconds: float = 0, status="READY", finished_ago=None):
    result = opendata_regenerate_task.enqueue()
    updates = {"enqueued_at": timezone.now() - timedelta(seconds=age_seconds), "status": status}
    if finished_ago is not None:
        updates["finished_at"] = timezone.now() - finished_ago
    DBTaskResult.objects.filter(pk=result.id).update(**updates)
    return result


def test_everything_fine_is_200_with_every_check(client, database_queue):
    _enqueue(age_seconds=5)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert "warnings" not in body
    assert body["checks"]["database"] == {"status": "ok", "vendor": connection.vendor}
    assert body["checks"]["search"] == {"backend": "database", "status": "ok", "detail": ""}
    assert body["checks"]["cache"] == {"status": "ok", "backend": "django.core.cache.backends.locmem.LocMemCache", "detail": "per-process cache"}
    tasks = body["checks"]["tasks"]
    assert tasks["status"] == "ok"
    assert tasks["ready"] == 1
    assert 4 <= tasks["oldest_ready_age_seconds"] < 60
    assert tasks["failed_last_hour"] == 0
    assert tasks["running"] == 0


def test_an_empty_queue_is_fine(client, database_queue):
    body = client.get("/healthz").json()
    assert body["checks"]["tasks"]["ready"] == 0
    assert body["checks"]["tasks"]["oldest_ready_age_seconds"] == 0.0
    assert body["status"] == "ok"


def test_a_queue_nobody_takes_from_is_503(client, database_queue, settings):
    settings.REGISTRY_HEALTHZ_QUEUE_MAX_AGE = 600
    _enqueue(age_seconds=5)
    _enqueue(age_seconds=1200)
    response = client.get("/healthz")
    assert response.status_code == 503
    tasks = response.json()["checks"]["tasks"]
    assert tasks["status"] == "error"
    assert tasks["ready"] == 2
    assert tasks["oldest_ready_age_seconds"] >= 1200
    assert response.json()["status"] == "error"


def test_a_deferred_task_waits_from_its_run_after_not_from_when_it_was_enqueued(client, database_queue):
    result = opendata_regenerate_task.using(run_after=timezone.now() - timedelta(seconds=30)).enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=timezone.now() - timedelta(days=2))
    tasks = client.get("/healthz").json()["checks"]["tasks"]
    assert tasks["ready"] == 1
    assert 29 <= tasks["oldest_ready_age_seconds"] < 600


def test_failed_tasks_in_the_last_hour_are_a_warning_not_an_outage(client, database_queue):
    _enqueue(status="FAILED", finished_ago=timedelta(minutes=10))
    _enqueue(status="FAILED", finished_ago=timedelta(hours=3))  # older than an hour: not counted
    _enqueue(status="SUCCESSFUL", finished_ago=timedelta(minutes=1))
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["tasks"]["failed_last_hour"] == 1
    assert body["warnings"] == ["1 task(s) failed in the last hour"]


def test_elasticsearch_unreachable_is_degraded_but_200(client, settings):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{CLOSED_PORT}"
    settings.ELASTICSEARCH_INDEX_ALIAS = "registry-healthz-test"
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"]["backend"] == "elasticsearch"
    assert body["checks"]["search"]["status"] == "degraded"
    assert "database index" in body["checks"]["search"]["detail"]
    assert body["warnings"][0].startswith("search backend degraded: Elasticsearch unreachable")
    assert body["checks"]["database"]["status"] == "ok"


def test_the_database_check_against_an_unreachable_database(unreachable_alias):
    result = check_database(unreachable_alias)
    assert result == {"status": "error", "vendor": connection.vendor, "detail": "OperationalError"}


def test_the_task_queue_check_against_an_unreachable_database(unreachable_alias, database_queue):
    result = check_tasks(unreachable_alias)
    assert result["status"] == "error"
    assert result["detail"] == "OperationalError"


def test_database_down_is_503_and_every_check_says_why(client, database_queue, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"]["status"] == "error"
    assert body["checks"]["search"]["status"] == "error"
    assert body["checks"]["tasks"]["status"] == "error"
    # Exception class names only: a public page never shows the driver's message (host names).
    assert "127.0.0.1" not in response.content.decode()


def test_healthz_has_no_language_prefix_and_answers_head(client):
    assert reverse("healthz") == "/healthz"
    assert client.head("/healthz").status_code == 200


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405
