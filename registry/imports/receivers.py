"""The open-data files follow the catalog: every change to it queues a regeneration."""

from django.dispatch import receiver

from registry.innovations import signals


@receiver(signals.innovation_published, dispatch_uid="opendata_on_published")
@receiver(signals.innovation_unpublished, dispatch_uid="opendata_on_unpublished")
@receiver(signals.innovation_deleted, dispatch_uid="opendata_on_deleted")
@receiver(signals.innovations_bulk_changed, dispatch_uid="opendata_on_bulk")
def regenerate_open_data(sender, **kwargs):
    from registry.imports.tasks import opendata_regenerate_task

    # The signals are sent after commit; the task reads the committed catalog.
    opendata_regenerate_task.enqueue()
