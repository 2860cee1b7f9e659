"""Public competition pages: editions, published lists, finalists, winners, and the objection form.

Only what has been published is shown, and only aggregated scores per round,
never an individual judge's.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.portal.competitions.common import run_service
from cms.portal.competitions.forms import ObjectionForm
from registry.competitions import selectors, services
from registry.competitions.models import Entry
from registry.competitions.services.results import objection_window_open


def competition_list(request):
    return TemplateResponse(request, "competitions/public/list.html", {"competitions": selectors.competitions_public()})


def competition_detail(request, slug):
    competition = get_object_or_404(selectors.competitions_public(), slug=slug)
    return TemplateResponse(
        request,
        "competitions/public/detail.html",
        {
            "competition": competition,
            "results": selectors.public_results(competition),
            "finalists": selectors.public_finalists(competition),
            "round_lists": selectors.public_round_lists(competition),
            "objections_open": objection_window_open(competition, timezone.now()),
        },
    )


def competition_objection(request, slug, code):
    competition = get_object_or_404(selectors.competitions_public(), slug=slug)
    try:
        entry = selectors.finalist_for_objection(competition, code)
    except Entry.DoesNotExist:
        raise Http404 from None
    if not objection_window_open(competition, timezone.now()):
        raise Http404
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submitted = run_service(
            request,
            lambda: services.objection_submit(
                entry=entry,
                name=form.cleaned_data["name"],
                contact=form.cleaned_data["contact"],
                reason=form.cleaned_data["reason"],
                user=request.user if request.user.is_authenticated else None,
            ),
            _("Sanggahan Anda diterima dan akan diputuskan oleh sekretariat."),
        )
        if submitted:
            return redirect("competition_public_detail", slug=slug)
    return TemplateResponse(request, "competitions/public/objection.html", {"competition": competition, "entry": entry, "form": form})
