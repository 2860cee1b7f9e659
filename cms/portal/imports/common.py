"""What the portal's and the admin's import screens share: upload handling and job status."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse

from registry.imports.exporting import export_file, template_file
from registry.imports.models import ImportJob
from registry.imports.services import import_job_create


def handle_upload(request, form, *, source: str) -> ImportJob | None:
    """Run the upload through the service; a refusal becomes a form error (None returned)."""
    upload = form.cleaned_data["file"]
    try:
        return import_job_create(
            user=request.user,
            resource=form.cleaned_data["resource"],
            filename=upload.name,
            content=upload.read(),
            publish=form.cleaned_data.get("publish", False),
            source=source,
        )
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", [str(error)]):
            form.add_error("file", message)
        return None


def job_status_json(job: ImportJob) -> JsonResponse:
    return JsonResponse(
        {
            "status": job.status,
            "status_label": str(job.get_status_display()),
            "running": job.is_running,
            "done": job.progress_done,
            "total": job.progress_total,
            "percent": job.progress_percent,
        }
    )


def file_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def template_response(resource: str) -> HttpResponse:
    content, filename = template_file(resource)
    return file_response(content, filename, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def export_response(resource: str, queryset, file_format: str) -> HttpResponse:
    return file_response(*export_file(resource, queryset, file_format=file_format))
