"""Search: one interface, two backends (DESIGN.md §5).

    search.query(params) -> Results(items, total, facets, suggestion, ...)
    search.similar(innovation_id) -> [Hit]
    search.index_innovation(id) / search.index_innovations(ids)
    search.remove_innovation(id) / search.remove_innovations(ids)
    search.rebuild(progress=...)

`SEARCH_BACKEND` picks who answers queries: "database" (default, embedded) or
"elasticsearch" (needs `ELASTICSEARCH_URL`). The database index is always kept
up to date, also with Elasticsearch, because it is the fallback: when
Elasticsearch cannot be reached a search answers from the database, logs a
warning and says so (`Results.degraded`), and nothing crashes.

Writes come from the task queue (search.tasks), enqueued by search.receivers
after the innovation's transaction commits.
"""

import logging

logger = logging.getLogger("search")
# "Similar innovations" shown under an innovation's page.
SIMILAR_LIMIT = 4


def database_backend():
    from search.backends.database import DatabaseBackend

    return DatabaseBackend()


def elasticsearch_backend():
    """The Elasticsearch backend when it is configured, else None."""
    from django.conf import settings

    if settings.SEARCH_BACKEND != "elasticsearch":
        return None
    from search.backends.elastic import ElasticsearchBackend

    return ElasticsearchBackend.from_settings()


def get_backend():
    return elasticsearch_backend() or database_backend()


def _unreachable_errors() -> tuple[type[BaseException], ...]:
    from elastic_transport import TransportError
    from elasticsearch import ApiError

    return (TransportError, ApiError)


def index_innovations(ids) -> None:
    ids = [int(pk) for pk in ids]
    database_backend().index(ids)
    elastic = elasticsearch_backend()
    if elastic is not None:
        elastic.index(ids)


def index_innovation(innovation_id: int) -> None:
    index_innovations([innovation_id])


def remove_innovations(ids) -> None:
    ids = [int(pk) for pk in ids]
    database_backend().remove(ids)
    elastic = elasticsearch_backend()
    if elastic is not None:
        elastic.remove(ids)


def remove_innovation(innovation_id: int) -> None:
    remove_innovations([innovation_id])


def rebuild(*, progress=None, batch_size: int = 500) -> dict[str, int]:
    """Rebuild every index in use; returns how many innovations each one holds."""
    counts = {"database": database_backend().rebuild(progress=progress, batch_size=batch_size)}
    elastic = elasticsearch_backend()
    if elastic is not None:
        counts["elasticsearch"] = elastic.rebuild(progress=progress, batch_size=batch_size)
    return counts


def query(params=None, **kwargs):
    """Search; `params` is a search.params.SearchParams (or pass its fields as keywords)."""
    from dataclasses import replace

    from search.params import SearchParams

    params = replace(params or SearchParams(), **kwargs) if kwargs else (params or SearchParams())
    elastic = elasticsearch_backend()
    if elastic is not None:
        try:
            return elastic.query(params)
        except _unreachable_errors() as error:
            logger.warning("Elasticsearch is unreachable, answering from the database index: %s", error)
            results = database_backend().query(params)
            results.degraded = True
            return results
    return database_backend().query(params)


def similar(innovation_id: int, *, limit: int = SIMILAR_LIMIT):
    elastic = elasticsearch_backend()
    if elastic is not None:
        try:
            return elastic.similar(innovation_id, limit=limit)
        except _unreachable_errors() as error:
            logger.warning("Elasticsearch is unreachable, similar innovations from the database: %s", error)
    return database_backend().similar(innovation_id, limit=limit)


def health() -> dict:
    """For /healthz (cms/ops): {"backend", "status": "ok" | "degraded" | "error", "detail"}.

    "degraded": Elasticsearch is configured but cannot answer (down, or no index behind
    the alias), so searches come from the database index and say results may be
    incomplete. "error": the database index itself cannot be read.
    """
    from django.conf import settings
    from django.db import DatabaseError

    from search.models import SearchDocument

    backend = settings.SEARCH_BACKEND
    try:
        SearchDocument.objects.exists()
    except DatabaseError as error:
        return {"backend": backend, "status": "error", "detail": f"database index unreadable ({type(error).__name__})"}
    elastic = elasticsearch_backend()
    if elastic is None:
        return {"backend": backend, "status": "ok", "detail": ""}
    try:
        # A short timeout and no retry: a health probe must answer quickly.
        present = elastic.client.options(request_timeout=2, max_retries=0).indices.exists_alias(name=elastic.alias)
    except _unreachable_errors() as error:
        detail = f"Elasticsearch unreachable ({type(error).__name__}); searches answer from the database index"
        return {"backend": backend, "status": "degraded", "detail": detail}
    if not present:
        detail = f"no index behind alias {elastic.alias!r} (run search_index --rebuild); searches answer from the database index"
        return {"backend": backend, "status": "degraded", "detail": detail}
    return {"backend": backend, "status": "ok", "detail": ""}
