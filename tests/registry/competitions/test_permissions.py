"""Who may do what: (secretariat, judges, entrants, public) × (see entry, see scores, score, reopen, decide, publish).

Every refusal must leave the database as it was.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from registry.audit.models import AuditEvent
from registry.competitions import selectors, services
from registry.competitions.models import Assignment, Decision, EntryStatus, Round, Score
from tests.factories import InnovationFactory
from tests.factories_competitions import entry_in_round

pytestmark = pytest.mark.django_db

ROLES = [
    "secretariat",
    "judge_assigned",
    "judge_not_assigned",
    "judge_conflicted",
    "entrant_verifier",
    "entrant_submitter",
    "public",
]

ALLOWED = {
    "see_entry": {"secretariat", "judge_assigned", "entrant_verifier", "entrant_submitter"},
    "see_scores": {"secretariat"},
    "score": {"judge_assigned"},
    "reopen": {"secretariat"},
    "decide": {"secretariat"},
    "publish": {"secretariat"},
}


@pytest.fixture
def world(edition, panel, desk_entry, conflicted_judge, secretariat, entrant_verifier, entrant_submitter):
    services.entry_assign_judges(user=secretariat, round=edition["desk"], seed=0)
    mine, submitted = Assignment.objects.filter(entry=desk_entry).order_by("pk")
    # A conflicted judge who was assigned anyway (say their affiliation changed later).
    Assignment.objects.create(round=edition["desk"], entry=desk_entry, judge=conflicted_judge)
    values = {c.pk: 6 for c in edition["desk"].criteria.all()}
    services.scores_save(user=submitted.judge.user, assignment=submitted, values=values, confidence=2, submit=True)
    assigned_ids = {mine.judge_id, submitted.judge_id}
    users = {
        "secretariat": secretariat,
        "judge_assigned": mine.judge.user,
        "judge_not_assigned": next(j.user for j in panel if j.pk not in assigned_ids),
        "judge_conflicted": conflicted_judge.user,
        "entrant_verifier": entrant_verifier,
        "entrant_submitter": entrant_submitter,
        "public": AnonymousUser(),
    }
    return {"edition": edition, "entry": desk_entry, "mine": mine, "submitted": submitted, "users": users, "conflicted": conflicted_judge}


def _own_or_first(world, role):
    """The assignment a user would try to score: their own if they have one."""
    if role == "judge_conflicted":
        return Assignment.objects.get(judge=world["conflicted"])
    return world["mine"]


def _prepare(action, world, role):
    user, edition = world["users"][role], world["edition"]
    if action == "see_entry":
        return lambda: selectors.entry_visible_to(user, world["entry"])
    if action == "see_scores":
        return lambda: selectors.entry_scores_visible_to(user, world["entry"])
    if action == "score":
        assignment = _own_or_first(world, role)
        values = {c.pk: 8 for c in edition["desk"].criteria.all()}
        return lambda: services.scores_save(user=user, assignment=assignment, values=values, confidence=3, submit=True)
    if action == "reopen":
        return lambda: services.assignment_reopen(user=user, assignment=world["submitted"], reason="Salah ketik")
    if action == "decide":
        fresh = entry_in_round(edition, innovation=InnovationFactory(agency=world["entry"].agency))
        type(fresh).objects.filter(pk=fresh.pk).update(status=EntryStatus.SUBMITTED, current_round=None)
        return lambda: services.entry_admin_check(user=user, entry=fresh, passed=True)
    if action == "publish":
        return lambda: services.round_publish_results(user=user, round=edition["admin"])
    raise AssertionError(action)


def _state():
    return (
        Score.objects.count(),
        AuditEvent.objects.count(),
        Decision.objects.count(),
        sorted(Assignment.objects.values_list("pk", "status")),
        list(Round.objects.order_by("pk").values_list("results_published_at", flat=True)),
    )


@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, role, action):
    call = _prepare(action, world, role)
    before = _state()
    expected = role in ALLOWED[action]
    if action.startswith("see_"):
        assert call() is expected
        return
    if expected:
        call()
        assert _state() != before
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert _state() == before
