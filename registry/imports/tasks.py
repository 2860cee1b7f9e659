"""Background work of imports and open data (django-tasks)."""

from django.utils import translation
from django_tasks import task


@task()
def import_job_validate_task(job_id: str) -> None:
    from registry.imports.models import ImportJob
    from registry.imports.services import import_job_validate

    with translation.override("id"):
        import_job_validate(job=ImportJob.objects.get(pk=job_id))


@task()
def import_job_run_task(job_id: str) -> None:
    from registry.imports.models import ImportJob
    from registry.imports.services import import_job_run

    with translation.override("id"):
        import_job_run(job=ImportJob.objects.get(pk=job_id))


@task()
def opendata_regenerate_task() -> None:
    from registry.imports.opendata import opendata_regenerate

    opendata_regenerate()
