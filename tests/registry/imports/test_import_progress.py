"""Progress of an import is visible to other requests while the import's transaction is open."""

import pytest
from django.db import connections, transaction

from registry.imports.models import ImportJob
from registry.imports.services import _ProgressWriter
from tests.factories import UserFactory


def _progress_seen_from_another_connection(job_id) -> int:
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute(f"SELECT progress_done FROM {ImportJob._meta.db_table} WHERE id = %s", [job_id])
            return cursor.fetchone()[0]
    finally:
        other.close()


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_progress_inside_the_import_transaction_is_visible_on_postgresql():
    job = ImportJob.objects.create(
        resource="innovations", original_name="i.xlsx", file_format="xlsx", row_count=1000, progress_total=1000,
        created_by=UserFactory(username="pengimpor"), file="imports/i.xlsx",
    )  # fmt: skip
    writer = _ProgressWriter(job, in_transaction=True)
    with transaction.atomic():
        writer(500)
        assert _progress_seen_from_another_connection(job.pk) == 500
        writer(501)  # only every 250 rows
        assert _progress_seen_from_another_connection(job.pk) == 500
    del writer


@pytest.mark.django_db
def test_progress_of_the_dry_run_is_a_plain_update():
    job = ImportJob.objects.create(
        resource="innovations", original_name="i.xlsx", file_format="xlsx", row_count=1000, progress_total=1000,
        created_by=UserFactory(username="pengimpor"), file="imports/i.xlsx",
    )  # fmt: skip
    _ProgressWriter(job)(750)
    job.refresh_from_db()
    assert (job.progress_done, job.progress_percent) == (750, 75)
