"""The secretariat's workspace: administrative check, rounds (assign, score, moderate, advance,
publish), reopening a judge's sheet, finalists, objections and winners.

Every page is a 404 for anyone outside the secretariat; every action is a service.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.portal.competitions.common import require_secretariat_or_404, run_service
from cms.portal.competitions.forms import (
    AdminCheckForm,
    CsvUploadForm,
    ObjectionDecisionForm,
    ReasonForm,
    WindowForm,
)
from registry.competitions import selectors, services
from registry.competitions.models import (
    Assignment,
    Competition,
    Entry,
    EntryRoundResult,
    EntryStatus,
    Objection,
    Round,
    RoundKind,
)


def _secretariat_only(view):
    def wrapped(request, *args, **kwargs):
        require_secretariat_or_404(request.user)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return login_required(wrapped)


@_secretariat_only
def competition_manage(request, slug):
    competition = get_object_or_404(Competition, slug=slug)
    return TemplateResponse(
        request,
        "competitions/portal/manage.html",
        {
            **selectors.competition_dashboard(competition),
            "objections": Objection.objects.filter(entry__competition=competition).select_related("entry").order_by("status", "-created_at"),
            "finalists": Entry.objects.filter(competition=competition, status=EntryStatus.FINALIST).order_by("-final_score"),
            "window_form": WindowForm(),
        },
    )


@_secretariat_only
def competition_admin_check(request, slug):
    competition = get_object_or_404(Competition, slug=slug)
    admin_round = competition.rounds.filter(kind=RoundKind.ADMIN_CHECK).first()
    if request.method == "POST":
        entry = get_object_or_404(Entry, competition=competition, pk=request.POST.get("entry"))
        form = AdminCheckForm(request.POST)
        if form.is_valid():
            run_service(
                request,
                lambda: services.entry_admin_check(
                    user=request.user,
                    entry=entry,
                    passed=form.cleaned_data["passed"],
                    reasons=form.cleaned_data["reasons"],
                    note=form.cleaned_data["note"],
                ),
                _("Hasil pemeriksaan %(code)s tersimpan.") % {"code": entry.code},
            )
        return redirect("portal:competition_admin_check", slug=slug)
    entries = Entry.objects.filter(competition=competition).exclude(status=EntryStatus.WITHDRAWN)
    entries = entries.select_related("agency", "category", "group").prefetch_related("decisions").order_by("status", "code")
    return TemplateResponse(
        request,
        "competitions/portal/admin_check.html",
        {"competition": competition, "admin_round": admin_round, "entries": entries, "form": AdminCheckForm()},
    )


ROUND_PAGE_SIZE = 100


@_secretariat_only
def competition_round(request, pk):
    round_ = get_object_or_404(Round.objects.select_related("competition"), pk=pk)
    page_obj = Paginator(selectors.round_entries_with_results(round_), ROUND_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "competitions/portal/round.html",
        {
            "round": round_,
            "overview": selectors.round_overview(round_),
            "judges": selectors.round_judge_progress(round_),
            "page_obj": page_obj,
            "rows": page_obj.object_list,
            "panel": round_.judges.filter(is_active=True).select_related("user"),
            "csv_form": CsvUploadForm(),
            "reason_form": ReasonForm(),
        },
    )


@_secretariat_only
@require_POST
def competition_assignment_add(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    entry = Entry.objects.filter(competition_id=round_.competition_id, code=request.POST.get("entry", "").strip()).first()
    judge = round_.judges.filter(pk=request.POST.get("judge") or None).first()
    if entry is None or judge is None:
        messages.error(request, _("Pilih entri (nomornya) dan juri panel babak ini."))
    else:
        run_service(
            request,
            lambda: services.assignment_add(user=request.user, round=round_, entry=entry, judge=judge),
            _("%(judge)s ditugaskan pada %(code)s.") % {"judge": judge, "code": entry.code},
        )
    return redirect("portal:competition_round", pk=pk)


@_secretariat_only
@require_POST
def competition_assignment_remove(request, pk):
    assignment = get_object_or_404(Assignment, pk=pk)
    reason = request.POST.get("reason", "")
    run_service(
        request,
        lambda: services.assignment_remove(user=request.user, assignment=assignment, reason=reason),
        _("Penugasan dicabut."),
    )
    return redirect("portal:competition_round", pk=assignment.round_id)


ROUND_ACTIONS = {
    "assign": (lambda user, r, post: services.entry_assign_judges(user=user, round=r, seed=_seed(post)), gettext_lazy("Juri telah ditugaskan.")),
    "close": (lambda user, r, post: services.round_close(user=user, round=r), gettext_lazy("Penilaian babak ditutup.")),
    "aggregate": (lambda user, r, post: services.round_aggregate(user=user, round=r), gettext_lazy("Nilai babak dihitung ulang.")),
    "advance": (lambda user, r, post: services.round_advance(user=user, round=r), gettext_lazy("Entri teratas diloloskan sesuai aturan babak.")),
    "publish": (lambda user, r, post: services.round_publish_results(user=user, round=r), gettext_lazy("Hasil babak diumumkan.")),
}


def _seed(post) -> int:
    try:
        return int(post.get("seed", 0))
    except ValueError:
        return 0


@_secretariat_only
@require_POST
def competition_round_action(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    action = ROUND_ACTIONS.get(request.POST.get("action", ""))
    if action is not None:
        call, done = action
        run_service(request, lambda: call(request.user, round_, request.POST), done)
    target = "portal:competition_admin_check" if round_.kind == RoundKind.ADMIN_CHECK else "portal:competition_round"
    return redirect(target, **({"slug": round_.competition.slug} if round_.kind == RoundKind.ADMIN_CHECK else {"pk": pk}))


@_secretariat_only
@require_POST
def competition_round_csv(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    form = CsvUploadForm(request.POST, request.FILES)
    if form.is_valid():
        text = form.cleaned_data["file"].read().decode("utf-8-sig", errors="replace")
        run_service(
            request,
            lambda: services.assignments_import_csv(user=request.user, round=round_, csv_text=text),
            _("Penugasan dari CSV tersimpan."),
        )
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect("portal:competition_round", pk=pk)


@_secretariat_only
@require_POST
def competition_reopen(request, pk):
    assignment = get_object_or_404(Assignment, pk=pk)
    reason = request.POST.get("reason", "")
    run_service(
        request,
        lambda: services.assignment_reopen(user=request.user, assignment=assignment, reason=reason),
        _("Penilaian dibuka kembali; juri dapat mengubah dan mengirim ulang."),
    )
    return redirect("portal:competition_round", pk=assignment.round_id)


@_secretariat_only
@require_POST
def competition_moderate(request, pk):
    result = get_object_or_404(EntryRoundResult, pk=pk)
    if request.POST.get("action") == "add_judge":
        run_service(request, lambda: services.result_add_judge(user=request.user, result=result), _("Juri tambahan ditugaskan."))
    else:
        note = request.POST.get("note", "")
        run_service(request, lambda: services.result_resolve_flag(user=request.user, result=result, note=note), _("Moderasi dicatat."))
    return redirect("portal:competition_round", pk=result.round_id)


@_secretariat_only
@require_POST
def competition_finalists(request, slug):
    competition = get_object_or_404(Competition, slug=slug)
    action = request.POST.get("action")
    if action == "publish_finalists":
        form = WindowForm(request.POST)
        if form.is_valid():
            run_service(
                request,
                lambda: services.competition_publish_finalists(
                    user=request.user,
                    competition=competition,
                    objection_opens=form.cleaned_data["objection_opens"],
                    objection_closes=form.cleaned_data["objection_closes"],
                ),
                _("Daftar finalis diumumkan; masa sanggah dijadwalkan."),
            )
    elif action == "decide_winners":
        run_service(request, lambda: services.competition_decide_winners(user=request.user, competition=competition), _("Pemenang ditetapkan."))
    elif action == "publish_results":
        run_service(request, lambda: services.competition_publish_results(user=request.user, competition=competition), _("Hasil diumumkan."))
    return redirect("portal:competition_manage", slug=slug)


@_secretariat_only
@require_POST
def competition_objection_decide(request, pk):
    objection = get_object_or_404(Objection.objects.select_related("entry__competition"), pk=pk)
    form = ObjectionDecisionForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.objection_decide(
                user=request.user, objection=objection, upheld=form.cleaned_data["upheld"], note=form.cleaned_data["note"]
            ),
            _("Keputusan atas sanggahan dicatat."),
        )
    return redirect("portal:competition_manage", slug=objection.entry.competition.slug)
