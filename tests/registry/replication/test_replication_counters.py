"""The origin's replication counters always equal a recount, whatever happens."""

import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from registry.core.exceptions import PermissionDenied, ValidationError
from registry.innovations.models import Innovation
from registry.replication import services
from registry.replication.models import ACTIVE_STAGES, ReplicationProject, ReplicationStage
from tests import factories
from tests.factories_replication import provide_evidence

pytestmark = pytest.mark.django_db


def _recount(innovation):
    projects = ReplicationProject.objects.filter(origin=innovation)
    return (projects.filter(stage__in=ACTIVE_STAGES).count(), projects.filter(stage=ReplicationStage.BERLANJUT).count())


def _stored(innovation):
    innovation = Innovation.objects.get(pk=innovation.pk)
    return (innovation.replications_active, innovation.replications_completed)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counters_equal_a_recount_after_random_sequences(seed, agency_a):
    rng = random.Random(seed)
    origins = [factories.InnovationFactory(agency=agency_a) for _ in range(2)]
    adopters = []
    for n in range(4):
        agency = factories.AgencyFactory(code=f"adopter-{n}", regency=factories._regency("35.78"))
        adopters.append((agency, factories.MembershipFactory(agency=agency, role="verifier").user))
    for _ in range(30):
        move = rng.choice(["start", "advance", "advance", "advance", "stop", "evidence_only"])
        origin = rng.choice(origins)
        agency, user = rng.choice(adopters)
        project = ReplicationProject.objects.filter(origin=origin, adopter=agency).exclude(stage="dihentikan").first()
        try:
            if move == "start" or project is None:
                services.replication_start(user=user, origin=origin, adopter=agency, data={})
            elif move == "advance":
                if rng.random() < 0.8:
                    provide_evidence(project, user)
                services.replication_advance(user=user, project=project)
            elif move == "stop":
                services.replication_stop(user=user, project=project, reason="Acak.")
            else:
                provide_evidence(project, user)
        except (ValidationError, PermissionDenied):
            pass  # refused moves are part of the sequence too
        for innovation in origins:
            assert _stored(innovation) == _recount(innovation)
    assert ReplicationProject.objects.exists()


def test_recount_command_finds_and_repairs_drift(project, origin):
    call_command("replication_recount")
    Innovation.objects.filter(pk=origin.pk).update(replications_active=7, replications_completed=2)
    with pytest.raises(CommandError):
        call_command("replication_recount")
    call_command("replication_recount", "--fix")
    assert _stored(origin) == (1, 0)
    call_command("replication_recount")


def test_evaluasi_counts_as_active_and_berlanjut_as_completed(project, verifier_b, origin):
    from tests.factories_replication import advance_with_evidence

    project = advance_with_evidence(project, verifier_b, to=ReplicationStage.EVALUASI)
    assert _stored(origin) == (1, 0)
    advance_with_evidence(project, verifier_b, to=ReplicationStage.BERLANJUT)
    assert _stored(origin) == (0, 1)


def test_a_stage_change_tells_the_search_index_and_the_ratings(project, verifier_b, origin, django_capture_on_commit_callbacks):
    from registry.innovations.signals import innovation_changed
    from registry.replication.signals import replication_stage_changed

    heard = []

    def on_stage(sender, **kwargs):
        heard.append(("stage", kwargs))

    def on_innovation(sender, **kwargs):
        heard.append(("innovation", kwargs))

    replication_stage_changed.connect(on_stage)
    innovation_changed.connect(on_innovation)
    try:
        provide_evidence(project, verifier_b)
        with django_capture_on_commit_callbacks(execute=True):
            services.replication_advance(user=verifier_b, project=project)
    finally:
        replication_stage_changed.disconnect(on_stage)
        innovation_changed.disconnect(on_innovation)
    assert ("stage", {"signal": replication_stage_changed, "project_id": project.pk, "origin_id": origin.pk,
                      "adopter_id": project.adopter_id, "stage": "kesepakatan"}) in heard
    assert ("innovation", {"signal": innovation_changed, "innovation_id": origin.pk}) in heard
