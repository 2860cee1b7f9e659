"""After a confirmed import commits, the search index hears about every written innovation."""

import pytest

from registry.imports.services import import_job_confirm, import_job_create
from registry.innovations.models import Innovation
from registry.innovations.signals import innovations_bulk_changed
from tests.factories_imports import good_row, xlsx


@pytest.mark.django_db
def test_bulk_changed_is_sent_once_with_the_ids_after_commit(ministry_admin, agency_a, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, innovation_ids, **kwargs):
        received.append(sorted(innovation_ids))

    innovations_bulk_changed.connect(receiver, dispatch_uid="test-import-signal")
    try:
        job = import_job_create(user=ministry_admin, resource="innovations", filename="i.xlsx", content=xlsx([good_row(1), good_row(2)]))
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            import_job_confirm(user=ministry_admin, job=job)
        assert received == []  # nothing before the transaction commits
        for callback in callbacks:
            callback()
    finally:
        innovations_bulk_changed.disconnect(dispatch_uid="test-import-signal")
    assert received == [sorted(Innovation.objects.values_list("pk", flat=True))]
