"""Judges: the queue with progress, the scoring page (frozen content beside the rubric), conflicts, own export.

Assignments are looked up through selectors scoped to the judge, which drop
conflicted entries: someone else's or a conflicted assignment is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.portal.competitions.common import run_service
from cms.portal.competitions.forms import ReasonForm, ScoreForm
from registry.competitions import selectors, services
from registry.competitions.models import EDITABLE_ASSIGNMENT, Assignment
from registry.competitions.permissions import judge_profile
from registry.competitions.resources import JudgeScoreResource


def _assignment_or_404(user, pk) -> Assignment:
    try:
        return selectors.assignment_for_judge(user, pk)
    except Assignment.DoesNotExist:
        raise Http404 from None


@login_required
def competition_judge_queue(request):
    queue = selectors.judge_queue(request.user)
    if not queue and judge_profile(request.user) is None:
        raise Http404
    return TemplateResponse(request, "competitions/portal/judge_queue.html", {"queue": queue})


@login_required
def competition_score(request, pk):
    assignment = _assignment_or_404(request.user, pk)
    criteria = list(assignment.round.criteria.all())
    scores = {score.criterion_id: score for score in assignment.scores.all()}
    form = ScoreForm(request.POST or None, criteria=criteria, scores=scores, initial={"confidence": assignment.confidence})
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"

        def save():
            services.scores_save(
                user=request.user,
                assignment=assignment,
                values=form.values(),
                comments=form.comments(),
                confidence=form.cleaned_data["confidence"],
                submit=submit,
            )

        done = _("Nilai terkirim. Terima kasih.") if submit else _("Draf nilai tersimpan.")
        if run_service(request, save, done):
            return redirect("portal:competition_judge_queue" if submit else "portal:competition_score", **({} if submit else {"pk": pk}))
    return TemplateResponse(
        request,
        "competitions/portal/score.html",
        {
            "assignment": assignment,
            "view": selectors.entry_view_for_judge(assignment),
            "form": form,
            "editable": assignment.status in EDITABLE_ASSIGNMENT,
            "conflict_form": ReasonForm(),
        },
    )


@login_required
@require_POST
def competition_conflict_declare(request, pk):
    assignment = _assignment_or_404(request.user, pk)
    reason = request.POST.get("reason", "")
    if run_service(request, lambda: services.conflict_declare(user=request.user, assignment=assignment, reason=reason)):
        messages.success(request, _("Konflik kepentingan dicatat; entri ini dialihkan ke juri lain."))
        return redirect("portal:competition_judge_queue")
    return redirect("portal:competition_score", pk=pk)


@login_required
def competition_judge_export(request):
    """The judge's own submitted scores as CSV; blind rounds stay blind here too."""
    assignments = selectors.assignments_for_judge(request.user)
    if judge_profile(request.user) is None:
        raise Http404
    dataset = JudgeScoreResource(assignments=assignments).export()
    response = HttpResponse(dataset.csv, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nilai-saya.csv"'
    return response
