"""Import and export in the portal (/portal/impor/), for an agency's verifier.

A verifier imports its own agencies' innovations, always as drafts (see
registry/innovations/resources.py); any member exports the innovation list of
its agencies with the list's filters. Jobs are looked up among the user's own,
so someone else's import is a 404.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.portal.imports.common import (
    export_response,
    handle_upload,
    job_status_json,
    template_response,
)
from cms.portal.imports.forms import ImportUploadForm
from registry.agencies.permissions import is_ministry_admin, user_agencies
from registry.core.exceptions import TransitionNotAllowed
from registry.imports.files import FORMATS
from registry.imports.models import ImportJob, ImportSource
from registry.imports.services import import_job_confirm, importable_resources
from registry.innovations.selectors import PORTAL_STATUS_FILTERS, innovation_list_for_portal

PORTAL_RESOURCES = ["innovations"]


def _portal_resources(user) -> list[str]:
    return [name for name in importable_resources(user) if name in PORTAL_RESOURCES]


def _own_job(request, job_id) -> ImportJob:
    return get_object_or_404(ImportJob.objects.filter(created_by=request.user, source=ImportSource.PORTAL), pk=job_id)


@login_required
def import_index(request):
    resources = _portal_resources(request.user)
    if not resources:
        raise PermissionDenied(_("Hanya verifikator instansi yang boleh mengimpor inovasi."))
    form = ImportUploadForm(request.POST or None, request.FILES or None, resources=resources, allow_publish=False)
    if request.method == "POST" and form.is_valid():
        job = handle_upload(request, form, source=ImportSource.PORTAL)
        if job is not None:
            return redirect("portal:import_job", job_id=job.pk)
    jobs = ImportJob.objects.filter(created_by=request.user, source=ImportSource.PORTAL)[:20]
    return TemplateResponse(request, "portal/imports/index.html", {"form": form, "jobs": jobs, "agencies": user_agencies(request.user)})


@login_required
def import_job(request, job_id):
    job = _own_job(request, job_id)
    return TemplateResponse(request, "portal/imports/job.html", {"job": job, "status_url_name": "portal:import_status"})


@login_required
def import_status(request, job_id):
    return job_status_json(_own_job(request, job_id))


@login_required
@require_POST
def import_confirm(request, job_id):
    job = _own_job(request, job_id)
    try:
        import_job_confirm(user=request.user, job=job)
    except (TransitionNotAllowed, PermissionDenied) as error:
        from django.contrib import messages

        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("portal:import_job", job_id=job.pk)


@login_required
def import_template(request, resource):
    if resource not in _portal_resources(request.user):
        raise Http404
    return template_response(resource)


@login_required
def import_export(request, file_format):
    """The portal's innovation list, with its filters (status, instansi, q), as a spreadsheet."""
    if file_format not in FORMATS:
        raise Http404
    agencies = {agency.pk for agency in user_agencies(request.user)}
    if not agencies and not is_ministry_admin(request.user):
        raise Http404
    status = request.GET.get("status", "")
    status = status if status in PORTAL_STATUS_FILTERS else ""
    try:
        agency_id = int(request.GET.get("instansi", ""))
    except ValueError:
        agency_id = None
    if agency_id not in agencies:
        agency_id = None
    queryset = innovation_list_for_portal(request.user, status=status, agency_id=agency_id, query=request.GET.get("q", "")[:100])
    queryset = queryset.prefetch_related("sectors", "sdgs", "indicators")
    return export_response("innovations", queryset, file_format)
