"""Entrants: an agency's entries, submitting one (verifiers), withdrawing it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.portal.competitions.common import run_service
from cms.portal.competitions.forms import EntryForm, ReasonForm
from registry.agencies.permissions import agency_roles
from registry.competitions import selectors, services
from registry.competitions.models import Competition
from registry.competitions.permissions import is_secretariat, judge_profile
from registry.competitions.snapshot import localized
from registry.replication.models import ReplicationProject


@login_required
def competition_home(request):
    """The competition corner of the portal: entries, the judge's queue, the secretariat's editions."""
    return TemplateResponse(
        request,
        "competitions/portal/home.html",
        {
            "entries": selectors.entries_for_entrant(request.user).order_by("-submitted_at")[:50],
            "open_competitions": selectors.competitions_open_for_entries(),
            "is_verifier": "verifier" in agency_roles(request.user).values(),
            "queue": selectors.judge_queue(request.user) if judge_profile(request.user) else [],
            "is_judge": judge_profile(request.user) is not None,
            "is_secretariat": is_secretariat(request.user),
            "competitions": Competition.objects.order_by("-year") if is_secretariat(request.user) else [],
        },
    )


@login_required
def competition_entry_create(request, slug):
    competition = get_object_or_404(selectors.competitions_open_for_entries(), slug=slug)
    verifier_of = [agency_id for agency_id, role in agency_roles(request.user).items() if role == "verifier"]
    form = EntryForm(
        request.POST or None,
        competition=competition,
        innovations=selectors.innovations_enterable(request.user),
        replication_projects=ReplicationProject.objects.filter(adopter_id__in=verifier_of).select_related("origin"),
    )
    if request.method == "POST" and form.is_valid():
        created = {}

        def submit():
            created["entry"] = services.entry_submit(
                user=request.user,
                competition=competition,
                innovation=form.cleaned_data["innovation"],
                group=form.cleaned_data["group"],
                category=form.cleaned_data["category"],
                replication_project=form.cleaned_data["replication_project"],
            )

        if run_service(request, submit, _("Entri terkirim. Sekretariat akan memeriksa kelengkapannya.")):
            return redirect("portal:competition_entry_detail", pk=created["entry"].pk)
    return TemplateResponse(request, "competitions/portal/entry_form.html", {"competition": competition, "form": form})


@login_required
def competition_entry_detail(request, pk):
    entry = get_object_or_404(selectors.entries_for_entrant(request.user), pk=pk)
    can_withdraw = entry.status == "submitted" and timezone.now() <= entry.competition.submission_deadline
    return TemplateResponse(
        request,
        "competitions/portal/entry_detail.html",
        {
            "entry": entry,
            "view": localized(entry.snapshot),
            "decisions": selectors.public_entry_decisions(entry),
            "can_withdraw": can_withdraw and entry.agency_id in agency_roles(request.user),
            "withdraw_form": ReasonForm(),
        },
    )


@login_required
@require_POST
def competition_entry_withdraw(request, pk):
    entry = get_object_or_404(selectors.entries_for_entrant(request.user), pk=pk)
    reason = request.POST.get("reason", "")
    run_service(request, lambda: services.entry_withdraw(user=request.user, entry=entry, reason=reason), _("Entri ditarik."))
    return redirect("portal:competition_entry_detail", pk=entry.pk)
