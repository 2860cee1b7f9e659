"""The stage machine: every legal move, and every refused one leaving nothing changed."""

import itertools

import pytest

from registry.core.exceptions import PermissionDenied, TransitionNotAllowed, ValidationError
from registry.innovations.models import Innovation
from registry.replication import services
from registry.replication.models import STAGE_ORDER, ReplicationStage
from registry.replication.stages import EXIT_REQUIREMENTS, allowed_targets
from tests.factories_replication import advance_with_evidence, provide_evidence, snapshot

pytestmark = pytest.mark.django_db

ALL_STAGES = [*STAGE_ORDER, ReplicationStage.DIHENTIKAN]
FORWARD_PAIRS = list(zip(STAGE_ORDER, STAGE_ORDER[1:], strict=False))


@pytest.mark.parametrize(("from_stage", "to_stage"), FORWARD_PAIRS)
def test_each_forward_move_with_its_evidence(project, verifier_b, from_stage, to_stage):
    project = advance_with_evidence(project, verifier_b, to=from_stage)
    provide_evidence(project, verifier_b)
    before = project.stage_changes.count()

    project = services.replication_transition(user=verifier_b, project=project, to_stage=to_stage)

    assert project.stage == to_stage
    last = project.stage_changes.last()
    assert (last.from_stage, last.to_stage, last.changed_by) == (from_stage, to_stage, verifier_b)
    assert project.stage_changes.count() == before + 1


@pytest.mark.parametrize("from_stage", STAGE_ORDER[:-1])
def test_stop_from_every_active_stage_with_a_reason(project, verifier_b, from_stage):
    project = advance_with_evidence(project, verifier_b, to=from_stage)
    project = services.replication_stop(user=verifier_b, project=project, reason="Anggaran dialihkan untuk bencana.")
    assert project.stage == ReplicationStage.DIHENTIKAN
    assert project.stop_reason == "Anggaran dialihkan untuk bencana."
    assert project.stage_changes.last().note == "Anggaran dialihkan untuk bencana."
    assert Innovation.objects.get(pk=project.origin_id).replications_active == 0


def test_a_stage_change_is_audited(project, verifier_b):
    from registry.audit.services import audit_events_for

    provide_evidence(project, verifier_b)
    services.replication_advance(user=verifier_b, project=project)
    event = audit_events_for(project).filter(action="replication.transition").get()
    assert event.actor == verifier_b
    assert (event.data["from"], event.data["to"]) == ("minat", "kesepakatan")


@pytest.mark.parametrize(("stage", "requirement"), [
    (stage, requirement.code) for stage, requirements in EXIT_REQUIREMENTS.items() for requirement in requirements
])
def test_missing_evidence_is_refused(project, verifier_b, stage, requirement):
    """Each requirement on its own: everything else on file, this one missing."""
    project = advance_with_evidence(project, verifier_b, to=stage)
    provide_evidence(project, verifier_b)
    # Take the one requirement away again.
    if requirement in {"letter_of_interest", "agreement_document"}:
        project.documents.all().delete()
    elif requirement == "agreement_date":
        project.agreement_signed_on = None
        project.save()
    elif requirement == "adaptation_plan":
        project.adaptation_plan = ""
        project.save()
    elif requirement == "implementation_start":
        project.implementation_started_on = None
        project.save()
    elif requirement == "monitoring_update":
        project.monitoring_updates.all().delete()
    elif requirement == "outcome_values":
        project.outcomes.update(actual=None)
    elif requirement == "evaluation_summary":
        project.evaluation_summary = ""
        project.save()
    before = snapshot(project)

    with pytest.raises(ValidationError) as error:
        services.replication_advance(user=verifier_b, project=project)

    label = next(str(r.label) for r in EXIT_REQUIREMENTS[stage] if r.code == requirement)
    assert label in " ".join(error.value.messages)
    assert snapshot(project) == before


def test_outcomes_without_any_row_are_missing_evidence(project, verifier_b):
    project = advance_with_evidence(project, verifier_b, to=ReplicationStage.EVALUASI)
    services.replication_update(user=verifier_b, project=project, data={"evaluation_summary": "Baik."})
    before = snapshot(project)
    with pytest.raises(ValidationError):
        services.replication_advance(user=verifier_b, project=project)
    assert snapshot(project) == before


ILLEGAL = [
    (source, target)
    for source, target in itertools.product(STAGE_ORDER, ALL_STAGES)
    if target not in allowed_targets(source)
]


@pytest.mark.parametrize(("from_stage", "to_stage"), ILLEGAL)
def test_illegal_jumps_are_refused(project, verifier_b, from_stage, to_stage):
    project = advance_with_evidence(project, verifier_b, to=from_stage)
    provide_evidence(project, verifier_b)
    before = snapshot(project)
    with pytest.raises(TransitionNotAllowed):
        services.replication_transition(user=verifier_b, project=project, to_stage=to_stage, note="alasan")
    assert snapshot(project) == before


def test_unknown_stage_is_refused(project, verifier_b):
    before = snapshot(project)
    with pytest.raises(TransitionNotAllowed):
        services.replication_transition(user=verifier_b, project=project, to_stage="selesai")
    assert snapshot(project) == before


def test_advance_past_the_end_is_refused(project, verifier_b):
    project = advance_with_evidence(project, verifier_b, to=ReplicationStage.BERLANJUT)
    before = snapshot(project)
    with pytest.raises(TransitionNotAllowed):
        services.replication_advance(user=verifier_b, project=project)
    assert snapshot(project) == before


def test_stop_needs_a_reason(project, verifier_b):
    before = snapshot(project)
    with pytest.raises(ValidationError):
        services.replication_stop(user=verifier_b, project=project, reason="  <b></b> ")
    assert snapshot(project) == before


@pytest.mark.parametrize("to_stage", ALL_STAGES)
def test_a_stopped_project_refuses_every_move(project, verifier_b, to_stage):
    project = services.replication_stop(user=verifier_b, project=project, reason="Tidak ada anggaran.")
    before = snapshot(project)
    with pytest.raises(TransitionNotAllowed):
        services.replication_transition(user=verifier_b, project=project, to_stage=to_stage, note="lagi")
    assert snapshot(project) == before


@pytest.mark.parametrize(
    "action",
    ["update", "document", "monitoring", "outcomes", "acknowledge", "mentoring"],
)
def test_a_stopped_project_refuses_every_change(project, verifier_b, verifier_a, action):
    from tests.factories_replication import pdf_file

    project = services.replication_stop(user=verifier_b, project=project, reason="Tidak ada anggaran.")
    before = snapshot(project)
    calls = {
        "update": lambda: services.replication_update(user=verifier_b, project=project, data={"team": "Budi"}),
        "document": lambda: services.replication_document_add(user=verifier_b, project=project, kind="lainnya", file=pdf_file()),
        "monitoring": lambda: services.replication_monitoring_add(user=verifier_b, project=project, data={"milestone": "x"}),
        "outcomes": lambda: services.replication_outcomes_set(user=verifier_b, project=project, rows=[{"name": "x"}]),
        "acknowledge": lambda: services.replication_acknowledge(user=verifier_a, project=project),
        "mentoring": lambda: services.replication_offer_mentoring(user=verifier_a, project=project, note="Bantu"),
    }
    with pytest.raises(TransitionNotAllowed):
        calls[action]()
    assert snapshot(project) == before


@pytest.mark.parametrize("actor", ["submitter_b", "verifier_a", "submitter_a", "other_member", "facilitator_member"])
def test_wrong_actor_cannot_move_a_stage(request, project, verifier_b, actor):
    provide_evidence(project, verifier_b)
    user = request.getfixturevalue(actor)
    before = snapshot(project)
    with pytest.raises(PermissionDenied):
        services.replication_advance(user=user, project=project)
    with pytest.raises(PermissionDenied):
        services.replication_stop(user=user, project=project, reason="Bukan urusan saya.")
    assert snapshot(project) == before


def test_ministry_admin_may_move_stages(project, ministry_admin):
    provide_evidence(project, ministry_admin)
    project = services.replication_advance(user=ministry_admin, project=project)
    assert project.stage == ReplicationStage.KESEPAKATAN


def test_future_dates_of_past_events_are_refused(project, verifier_b):
    import datetime

    from django.utils import timezone

    before = snapshot(project)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.replication_update(user=verifier_b, project=project, data={"agreement_signed_on": tomorrow})
    assert snapshot(project) == before
