"""The database backend's kept "similar innovations" (search.models.SimilarInnovations).

One primary-key read per innovation page instead of a broad search; see the model
for when a kept list is still used.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from search.models import SimilarInnovations


def kept(innovation_id: int, *, size: int, membership: str | None, using: str) -> list[tuple[int, float]] | None:
    """The kept list, or None when there is none good enough to use.

    A list computed before innovations entered or left the catalog is used for
    SEARCH_SIMILAR_MAX_AGE seconds. After that, in production (a positive age), it is
    still shown while the task worker computes it again: a visitor never waits for
    the broad search once a list exists. With 0 (development) it is computed at once.
    """
    row = SimilarInnovations.objects.using(using).filter(innovation_id=innovation_id).first()
    if row is None or row.size < size:
        return None
    scored = [(pk, score) for pk, score in row.scored]
    max_age = datetime.timedelta(seconds=settings.SEARCH_SIMILAR_MAX_AGE)
    if row.membership == (membership or "") or timezone.now() - row.computed_at < max_age:
        return scored
    if not max_age:
        return None
    _refresh_later(row, using)
    return scored


def _refresh_later(row: SimilarInnovations, using: str) -> None:
    """Ask the worker to compute the list again, once: the first visitor to find it stale
    moves its time forward, so the others keep using it without asking again."""
    from search.tasks import similar_innovations_task

    claimed = (
        SimilarInnovations.objects.using(using)
        .filter(innovation_id=row.innovation_id, computed_at=row.computed_at)
        .update(computed_at=timezone.now())
    )
    if claimed:
        transaction.on_commit(lambda: similar_innovations_task.enqueue([row.innovation_id]), using=using)


def keep(innovation_id: int, scored: list[tuple[int, float]], *, size: int, membership: str | None, using: str) -> None:
    """Store (or replace) the list; two processes computing it at once both write the same."""
    row = SimilarInnovations(
        innovation_id=innovation_id,
        scored=[[pk, score] for pk, score in scored],
        size=size,
        membership=membership or "",
        computed_at=timezone.now(),
    )
    SimilarInnovations.objects.using(using).bulk_create(
        [row],
        update_conflicts=True,
        unique_fields=["innovation"],
        update_fields=["scored", "size", "membership", "computed_at"],
    )


def missing(ids, *, using: str = "default") -> list[int]:
    """Those of these innovations that have no kept list (for computing them ahead of visitors).

    Callers pass thousands of ids (every indexed innovation): the kept ids are read whole
    rather than in an IN list longer than SQLite allows.
    """
    kept_ids = set(SimilarInnovations.objects.using(using).values_list("innovation_id", flat=True))
    return [pk for pk in ids if pk not in kept_ids]


def forget(cursor, ids: list[int]) -> None:
    """Inside an index write: the written documents' lists are computed again when next asked for."""
    if ids:
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(f"DELETE FROM registry_search_similar WHERE innovation_id IN ({marks})", ids)


def forget_all(cursor) -> None:
    cursor.execute("DELETE FROM registry_search_similar")
