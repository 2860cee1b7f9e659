"""/portal/replikasi/: adopters run their replication projects; origins answer them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.portal.replication.access import apply_service_error, project_view
from cms.portal.replication.forms import (
    DocumentForm,
    MentoringForm,
    MonitoringForm,
    NoteForm,
    OutcomeFormSet,
    ProjectForm,
    StartForm,
    StopForm,
)
from registry.agencies.permissions import agency_roles, is_ministry_admin
from registry.core.exceptions import ValidationError
from registry.innovations.models import Innovation
from registry.replication import permissions, services
from registry.replication.models import STAGE_ORDER, ReplicationStage
from registry.replication.selectors import (
    project_detail_queryset,
    project_list_for_user,
    project_open_for,
)
from registry.replication.stages import checklist, next_stage

PAGE_SIZE = 20
ROLE_FILTERS = {"pereplikasi": "adopter_id__in", "asal": "origin__agency_id__in", "fasilitator": "facilitator_id__in"}


@login_required
def project_list(request):
    queryset = project_list_for_user(request.user)
    role = request.GET.get("peran", "")
    if role in ROLE_FILTERS:
        queryset = queryset.filter(**{ROLE_FILTERS[role]: list(agency_roles(request.user))})
    stage = request.GET.get("tahap", "")
    if stage in ReplicationStage.values:
        queryset = queryset.filter(stage=stage)
    page_obj = Paginator(queryset.order_by("-last_activity_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return TemplateResponse(
        request,
        "portal/replication/list.html",
        {
            "page_obj": page_obj,
            "projects": page_obj.object_list,
            "role": role,
            "stage": stage,
            "stages": ReplicationStage.choices,
            "agency_ids": set(agency_roles(request.user)),
            "is_ministry_admin": is_ministry_admin(request.user),
            "query_without_page": query_without_page.urlencode(),
        },
    )


@login_required
def project_start(request, innovation_id):
    """"Replicate this": the form behind the button on an innovation's public page."""
    origin = get_object_or_404(Innovation.objects.published().select_related("agency"), pk=innovation_id)
    adopters = permissions.eligible_adopters(request.user, origin.agency)
    existing = project_open_for(origin=origin, agency_ids=[a.pk for a in adopters]) if adopters else None
    if existing is not None and len(adopters) == 1:
        messages.info(request, _("Instansi Anda sudah memiliki proyek replikasi untuk inovasi ini."))
        return redirect("portal:replication_detail", pk=existing.pk)
    if not adopters:
        raise Http404(_("Akun Anda tidak terhubung dengan instansi lain yang dapat mereplikasi inovasi ini."))
    form = StartForm(request.POST or None, request.FILES or None, adopters=adopters)
    if request.method == "POST" and form.is_valid():
        data = {
            "local_name": form.cleaned_data["local_name"],
            "interest_statement": form.cleaned_data["interest_statement"],
            "facilitator": form.cleaned_data["facilitator"],
        }
        try:
            project = services.replication_start(
                user=request.user,
                origin=origin,
                adopter=form.cleaned_data["adopter"],
                data=data,
                letter=form.cleaned_data["letter"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Proyek replikasi dimulai. Instansi asal sudah diberi tahu."))
            return redirect("portal:replication_detail", pk=project.pk)
    return TemplateResponse(request, "portal/replication/start.html", {"form": form, "origin": origin})


@project_view()
def project_detail(request, project):
    project = project_detail_queryset(project_list_for_user(request.user)).get(pk=project.pk)
    user = request.user
    can_edit = permissions.can_edit(user, project) and not project.is_stopped
    can_decide = permissions.can_decide(user, project) and project.is_active
    can_respond = permissions.can_respond(user, project) and not project.is_stopped
    can_monitor = permissions.can_report_monitoring(user, project) and not project.is_stopped
    origin_indicators = {indicator.pk: indicator for indicator in project.origin.indicators.all()}
    return TemplateResponse(
        request,
        "portal/replication/detail.html",
        {
            "project": project,
            "stages": [(stage, ReplicationStage(stage).label) for stage in STAGE_ORDER],
            "stage_index": STAGE_ORDER.index(project.stage) if project.stage in STAGE_ORDER else -1,
            "checklist": checklist(project) if project.is_active else [],
            "next_stage": ReplicationStage(next_stage(project.stage)).label if next_stage(project.stage) else None,
            "can_edit": can_edit,
            "can_decide": can_decide,
            "can_respond": can_respond,
            "can_monitor": can_monitor,
            "outcomes": project.outcomes.all(),
            "unmatched_origin_indicators": [
                indicator
                for pk, indicator in origin_indicators.items()
                if pk not in {outcome.origin_indicator_id for outcome in project.outcomes.all()}
            ],
            "document_form": DocumentForm() if can_edit else None,
            "monitoring_form": MonitoringForm() if can_monitor else None,
            "advance_form": NoteForm(prefix="advance") if can_decide else None,
            "stop_form": StopForm(prefix="stop") if can_decide else None,
            "mentoring_form": MentoringForm(prefix="mentoring") if can_respond and not project.mentoring_offered_at else None,
        },
    )


@project_view()
def project_edit(request, project):
    permissions.require_edit(request.user, project)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.replication_update(
                user=request.user, project=project, data={field: form.cleaned_data[field] for field in form.fields}
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("portal:replication_detail", pk=project.pk)
    return TemplateResponse(request, "portal/replication/form.html", {"form": form, "project": project})


def _post_form(request, project, form, action, success):
    """Run a service with a bound form; on refusal, show the reason on the project page."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, success)
    else:
        messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
    return redirect("portal:replication_detail", pk=project.pk)


@project_view(post_only=True)
def document_add(request, project):
    form = DocumentForm(request.POST, request.FILES)
    return _post_form(
        request,
        project,
        form,
        lambda data: services.replication_document_add(
            user=request.user, project=project, kind=data["kind"], file=data["file"], title=data["title"]
        ),
        _("Dokumen diunggah."),
    )


@project_view(post_only=True)
def monitoring_add(request, project):
    form = MonitoringForm(request.POST)
    return _post_form(
        request,
        project,
        form,
        lambda data: services.replication_monitoring_add(user=request.user, project=project, data=data),
        _("Laporan pemantauan ditambahkan."),
    )


@project_view()
def outcomes_edit(request, project):
    permissions.require_edit(request.user, project)
    origin_indicators = project.origin.indicators.all()
    initial = [
        {
            "origin_indicator": outcome.origin_indicator_id,
            "name": outcome.name,
            "unit": outcome.unit,
            "baseline": outcome.baseline,
            "target": outcome.target,
            "actual": outcome.actual,
            "note": outcome.note,
        }
        for outcome in project.outcomes.all()
    ] or [
        # Start from the origin's indicators, so the replica measures what the original did.
        {"origin_indicator": indicator.pk, "name": indicator.name, "unit": indicator.unit}
        for indicator in origin_indicators
    ]
    formset = OutcomeFormSet(
        request.POST or None, initial=initial, form_kwargs={"origin_indicators": origin_indicators}
    )
    if request.method == "POST" and formset.is_valid():
        rows = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("name")
        ]
        try:
            services.replication_outcomes_set(
                user=request.user,
                project=project,
                rows=[{key: value for key, value in row.items() if key != "DELETE"} for row in rows],
            )
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, _("Indikator hasil disimpan."))
            return redirect("portal:replication_detail", pk=project.pk)
    return TemplateResponse(
        request, "portal/replication/outcomes.html", {"formset": formset, "project": project}
    )


@project_view(post_only=True)
def advance(request, project):
    return _post_form(
        request,
        project,
        NoteForm(request.POST, prefix="advance"),
        lambda data: services.replication_advance(user=request.user, project=project, note=data["note"]),
        _("Tahap proyek diperbarui."),
    )


@project_view(post_only=True)
def stop(request, project):
    return _post_form(
        request,
        project,
        StopForm(request.POST, prefix="stop"),
        lambda data: services.replication_stop(user=request.user, project=project, reason=data["reason"]),
        _("Proyek dihentikan."),
    )


@project_view(post_only=True)
def acknowledge(request, project):
    try:
        services.replication_acknowledge(user=request.user, project=project)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Minat replikasi ditanggapi; instansi pereplikasi sudah diberi tahu."))
    return redirect("portal:replication_detail", pk=project.pk)


@project_view(post_only=True)
def mentoring(request, project):
    return _post_form(
        request,
        project,
        MentoringForm(request.POST, prefix="mentoring"),
        lambda data: services.replication_offer_mentoring(user=request.user, project=project, note=data["note"]),
        _("Tawaran pendampingan dikirim."),
    )
