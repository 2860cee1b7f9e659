"""Import and export screens of the Wagtail admin, for ministry staff (/admin/impor/).

Upload → dry run → preview (new / updated / unchanged / failed rows, every
error with its row, column and message) → confirm. Large files are checked and
imported by the task worker while the page shows the progress. Exports take
the same filter parameters as the admin listings, so "the rows I filtered"
come out in the import format (natural keys), ready to edit and re-import.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.portal.imports.common import (
    export_response,
    handle_upload,
    job_status_json,
    template_response,
)
from cms.portal.imports.forms import ImportUploadForm
from registry.agencies.permissions import is_ministry_admin
from registry.core.exceptions import TransitionNotAllowed
from registry.imports.catalog import RESOURCES
from registry.imports.files import FORMATS
from registry.imports.models import ImportJob
from registry.imports.services import import_job_confirm

# The admin listing's filter set per resource: an export keeps the listing's filters.
LISTING_FILTERSETS = {
    "innovations": "cms.backoffice.innovations.InnovationFilterSet",
    "agencies": "cms.backoffice.agencies.AgencyFilterSet",
    "memberships": "cms.backoffice.memberships.MembershipFilterSet",
    "regencies": "cms.backoffice.regions.RegencyFilterSet",
}


def _require_ministry_admin(request):
    if not is_ministry_admin(request.user):
        raise PermissionDenied


def import_index(request):
    _require_ministry_admin(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None, resources=list(RESOURCES), allow_publish=True)
    if request.method == "POST" and form.is_valid():
        job = handle_upload(request, form, source="admin")
        if job is not None:
            return redirect("data_import_job", job_id=job.pk)
    return TemplateResponse(
        request,
        "backoffice/imports/index.html",
        {
            "form": form,
            "resources": RESOURCES.values(),
            "formats": list(FORMATS),
            "jobs": ImportJob.objects.select_related("created_by")[:25],
        },
    )


def import_job(request, job_id):
    _require_ministry_admin(request)
    job = get_object_or_404(ImportJob, pk=job_id)
    return TemplateResponse(request, "backoffice/imports/job.html", {"job": job})


def import_status(request, job_id):
    _require_ministry_admin(request)
    return job_status_json(get_object_or_404(ImportJob, pk=job_id))


@require_POST
def import_confirm(request, job_id):
    _require_ministry_admin(request)
    job = get_object_or_404(ImportJob, pk=job_id)
    try:
        import_job_confirm(user=request.user, job=job)
    except (TransitionNotAllowed, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("data_import_job", job_id=job.pk)


def import_template(request, resource):
    _require_ministry_admin(request)
    if resource not in RESOURCES:
        raise Http404
    return template_response(resource)


def export(request, resource, file_format):
    _require_ministry_admin(request)
    if resource not in RESOURCES or file_format not in FORMATS:
        raise Http404
    resource_class = RESOURCES[resource].resource_class
    queryset = resource_class().get_queryset()
    if resource in LISTING_FILTERSETS and request.GET:
        filterset = import_string(LISTING_FILTERSETS[resource])(request.GET, queryset=queryset, request=request)
        if filterset.is_valid():
            queryset = filterset.qs
    return export_response(resource, queryset, file_format)


admin_urls = [
    path("impor/", import_index, name="data_import_index"),
    path("impor/<uuid:job_id>/", import_job, name="data_import_job"),
    path("impor/<uuid:job_id>/status/", import_status, name="data_import_status"),
    path("impor/<uuid:job_id>/jalankan/", import_confirm, name="data_import_confirm"),
    path("impor/templat/<str:resource>.xlsx", import_template, name="data_import_template"),
    path("impor/ekspor/<str:resource>.<str:file_format>", export, name="data_export"),
]


class MinistryMenuItem(MenuItem):
    def is_shown(self, request):
        return is_ministry_admin(request.user)


@hooks.register("register_admin_urls")
def register_import_urls():
    return admin_urls


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return MinistryMenuItem(gettext_lazy("Impor & ekspor"), reverse("data_import_index"), icon_name="download", order=170)
