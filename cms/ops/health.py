"""What /healthz reports: the database, the search backend, the cache and the task queue.

Each check returns a dict with a "status" of "ok", "degraded" or "error" and its
figures. The view answers 503 when any check is "error" and 200 otherwise;
"degraded" is a working site with a warning:

- search "degraded": Elasticsearch is configured but cannot answer, and every
  search falls back to the database index (with a "results may be incomplete"
  notice). The site still serves every page, so a load balancer must keep it in
  rotation: 200, with the reason in `warnings`.
- cache "degraded": the shared cache (REDIS_URL) cannot be reached. Every page
  is then rendered afresh (slower, still correct): 200, with the reason.
- tasks "degraded": tasks failed in the last hour. A failed task is that task's
  problem (a bad import file, an unreachable mail server), not the queue's.
- tasks "error": the queue cannot be read, or the oldest task ready to run has
  waited longer than REGISTRY_HEALTHZ_QUEUE_MAX_AGE seconds (default 600): no
  worker is taking tasks, so search indexing and background imports have stopped.

Error details name the exception class only: the page is public, and messages
of database drivers can carry host names.
"""

from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone

import search

OK, DEGRADED, ERROR = "ok", "degraded", "error"
DEFAULT_QUEUE_MAX_AGE = 600


def _error(error: BaseException, **fields) -> dict:
    return {"status": ERROR, "detail": type(error).__name__, **fields}


def check_database(using: str = "default") -> dict:
    connection = connections[using]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return _error(error, vendor=connection.vendor)
    return {"status": OK, "vendor": connection.vendor}


def check_search() -> dict:
    return search.health()


def check_cache(alias: str = "default") -> dict:
    """The shared Redis cache when REDIS_URL is set; the per-process cache needs no check."""
    from django.core.cache import caches

    cache = caches[alias]
    backend = f"{type(cache).__module__}.{type(cache).__name__}"
    if not backend.startswith("django_redis."):
        return {"status": OK, "backend": backend, "detail": "per-process cache"}
    from redis.exceptions import RedisError

    try:
        cache.client.get_client().ping()
    except (RedisError, OSError) as error:
        return {"status": DEGRADED, "backend": backend, "detail": f"shared cache unreachable ({type(error).__name__})"}
    return {"status": OK, "backend": backend, "detail": "shared cache"}


def queue_max_age() -> int:
    return int(getattr(settings, "REGISTRY_HEALTHZ_QUEUE_MAX_AGE", DEFAULT_QUEUE_MAX_AGE))


def _uses_database_queue(alias: str = "default") -> bool:
    backend = settings.TASKS.get(alias, {}).get("BACKEND", "")
    return backend.startswith("django_tasks_db.")


def check_tasks(using: str = "default", *, backend_alias: str = "default") -> dict:
    """The django_tasks_db queue: ready tasks, how long the oldest has waited, recent failures."""
    backend = settings.TASKS.get(backend_alias, {}).get("BACKEND", "")
    if not _uses_database_queue(backend_alias):
        # Immediate or dummy backends (development, tests): nothing queues.
        return {"status": OK, "backend": backend, "detail": "no task queue"}
    from django.db.models import Min
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    results = DBTaskResult.objects.using(using).filter(backend_name=backend_alias)
    try:
        ready = results.ready()
        ready_count = ready.count()
        # A deferred task is waiting from its run_after, an immediate one from when it was enqueued.
        oldest = [
            ready.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"],
            ready.exclude(run_after=get_date_max()).aggregate(at=Min("run_after"))["at"],
        ]
        failed = results.failed().filter(finished_at__gte=now - timedelta(hours=1)).count()
        running = results.running().count()
    except DatabaseError as error:
        return _error(error, backend=backend)
    waiting_since = min((at for at in oldest if at is not None), default=None)
    oldest_age = round((now - waiting_since).total_seconds(), 1) if waiting_since else 0.0
    status = OK
    if failed:
        status = DEGRADED
    if oldest_age > queue_max_age():
        status = ERROR
    return {
        "status": status,
        "backend": backend,
        "ready": ready_count,
        "oldest_ready_age_seconds": oldest_age,
        "running": running,
        "failed_last_hour": failed,
    }


WARNINGS = {
    "search": "search backend degraded: {detail}",
    "cache": "{detail}; pages are rendered for every request",
    "tasks": "{failed_last_hour} task(s) failed in the last hour",
}


def health_report(using: str = "default") -> tuple[int, dict]:
    """(HTTP status, body) of /healthz."""
    checks = {
        "database": check_database(using),
        "search": check_search(),
        "cache": check_cache(),
        "tasks": check_tasks(using),
    }
    statuses = {check["status"] for check in checks.values()}
    overall = ERROR if ERROR in statuses else DEGRADED if DEGRADED in statuses else OK
    body = {"status": overall, "checks": checks}
    warnings = [WARNINGS[name].format(**check) for name, check in checks.items() if check["status"] == DEGRADED]
    if warnings:
        body["warnings"] = warnings
    return (503 if overall == ERROR else 200), body
