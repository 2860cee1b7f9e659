"""The implementer badge follows the replication projects, never the reviewer's say-so."""

import pytest

from registry.ratings import selectors, services
from registry.replication.models import ReplicationStage
from registry.replication.signals import replication_stage_changed
from tests.factories import AgencyFactory, MembershipFactory
from tests.factories_ratings import SCORES
from tests.factories_replication import ReplicationProjectFactory, advance_with_evidence

pytestmark = pytest.mark.django_db


def _send(project, stage):
    replication_stage_changed.send(
        type(project), project_id=project.pk, origin_id=project.origin_id, adopter_id=project.adopter_id, stage=stage
    )


def test_the_signal_sets_and_clears_the_badge(review, agency_b, innovation):
    project = ReplicationProjectFactory(origin=innovation, adopter=agency_b, stage=ReplicationStage.IMPLEMENTASI)
    _send(project, ReplicationStage.IMPLEMENTASI)
    review.refresh_from_db()
    assert review.is_implementer
    project.stage = ReplicationStage.DIHENTIKAN
    project.save()
    _send(project, ReplicationStage.DIHENTIKAN)
    review.refresh_from_db()
    assert not review.is_implementer


@pytest.mark.parametrize("stage, badge", [("minat", False), ("kesepakatan", False), ("adaptasi", False), ("implementasi", True), ("evaluasi", True), ("berlanjut", True), ("dihentikan", False)])
def test_which_stages_give_the_badge(review, agency_b, innovation, stage, badge):
    project = ReplicationProjectFactory(origin=innovation, adopter=agency_b, stage=stage)
    _send(project, stage)
    review.refresh_from_db()
    assert review.is_implementer is badge


def test_other_agencies_reviews_are_untouched(innovation, review, make_reviewer):
    other_review = services.review_create(user=make_reviewer(), innovation=innovation, scores=SCORES)
    project = ReplicationProjectFactory(origin=innovation, adopter=review.reviewer_agency, stage="implementasi")
    _send(project, "implementasi")
    other_review.refresh_from_db()
    assert not other_review.is_implementer


def test_a_unit_under_the_adopter_shares_the_badge(innovation):
    pemkab = AgencyFactory(type="pemkab")
    dinas = AgencyFactory(type="unit", parent=pemkab)
    reviewer = MembershipFactory(agency=dinas).user
    review = services.review_create(user=reviewer, innovation=innovation, scores=SCORES)
    project = ReplicationProjectFactory(origin=innovation, adopter=pemkab, stage="evaluasi")
    _send(project, "evaluasi")
    review.refresh_from_db()
    assert review.is_implementer


def test_a_review_written_during_implementation_starts_with_the_badge(innovation, agency_b, reviewer):
    ReplicationProjectFactory(origin=innovation, adopter=agency_b, stage="berlanjut")
    review = services.review_create(user=reviewer, innovation=innovation, scores=SCORES)
    assert review.is_implementer


def test_a_real_project_through_the_replication_services(innovation, agency_b, reviewer, make_reviewer, django_capture_on_commit_callbacks):
    from registry.replication import services as replication_services

    plain = services.review_create(user=make_reviewer(), innovation=innovation, scores={"usefulness": 2, "ease": 2, "documentation": 2})
    review = services.review_create(user=reviewer, innovation=innovation, scores=SCORES)
    with django_capture_on_commit_callbacks(execute=True):
        project = replication_services.replication_start(user=reviewer, origin=innovation, adopter=agency_b)
        project = advance_with_evidence(project, reviewer, to=ReplicationStage.ADAPTASI)
    review.refresh_from_db()
    assert not review.is_implementer
    with django_capture_on_commit_callbacks(execute=True):
        advance_with_evidence(project, reviewer, to=ReplicationStage.IMPLEMENTASI)
    review.refresh_from_db()
    assert review.is_implementer
    # Implementers' reviews come first on the page, whatever their date.
    assert list(selectors.review_list_for_innovation(innovation)) == [review, plain]
    with django_capture_on_commit_callbacks(execute=True):
        replication_services.replication_stop(user=reviewer, project=project, reason="Anggaran dialihkan.")
    review.refresh_from_db()
    assert not review.is_implementer
