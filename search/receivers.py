"""Keep the index right: the domain's innovation signals become index tasks.

The services send these signals after their transaction commits; enqueueing is
deferred to the commit once more (`transaction.on_commit` runs at once outside a
transaction), so an index update never happens inside a transaction that may
still roll back, whoever sends the signal.
"""

from django.db import transaction

from registry.innovations import signals

# Bulk changes (imports, the generator) are split into tasks of this many ids.
TASK_BATCH = 1000


def _enqueue(task, ids) -> None:
    ids = [int(pk) for pk in ids]
    for start in range(0, len(ids), TASK_BATCH):
        chunk = ids[start : start + TASK_BATCH]
        transaction.on_commit(lambda chunk=chunk: task.enqueue(chunk))


def on_innovation_changed(sender, innovation_id, **kwargs) -> None:
    from search.tasks import index_innovations_task

    _enqueue(index_innovations_task, [innovation_id])


def on_innovation_deleted(sender, innovation_id, **kwargs) -> None:
    from search.tasks import remove_innovations_task

    _enqueue(remove_innovations_task, [innovation_id])


def on_innovations_bulk_changed(sender, innovation_ids, **kwargs) -> None:
    from search.tasks import index_innovations_task

    _enqueue(index_innovations_task, innovation_ids)


def connect() -> None:
    # Publishing, unpublishing and editing all mean "bring this innovation up to date":
    # the index task indexes it when it is live and removes it when it is not.
    signals.innovation_changed.connect(on_innovation_changed, dispatch_uid="search-changed")
    signals.innovation_published.connect(on_innovation_changed, dispatch_uid="search-published")
    signals.innovation_unpublished.connect(on_innovation_changed, dispatch_uid="search-unpublished")
    signals.innovation_deleted.connect(on_innovation_deleted, dispatch_uid="search-deleted")
    signals.innovations_bulk_changed.connect(on_innovations_bulk_changed, dispatch_uid="search-bulk")
