"""Index updates as tasks of the queue (django-tasks), run by the worker after commit."""

from django_tasks import task

import search


@task()
def index_innovations_task(innovation_ids: list[int]) -> int:
    """Index the published ones among these innovations and remove the others."""
    search.index_innovations(innovation_ids)
    return len(innovation_ids)


@task()
def remove_innovations_task(innovation_ids: list[int]) -> int:
    search.remove_innovations(innovation_ids)
    return len(innovation_ids)


@task()
def similar_innovations_task(innovation_ids: list[int]) -> int:
    """Compute again the kept "similar innovations" of these innovations (database backend)."""
    return search.database_backend().keep_similar(innovation_ids)
