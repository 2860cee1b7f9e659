"""Who may do what: roles × actions, the refused ones leaving nothing changed."""

import pytest
from django.contrib.auth.models import AnonymousUser

from registry.core.exceptions import PermissionDenied, ValidationError
from registry.replication import permissions, services
from registry.replication.models import ReplicationProject, ReplicationStage
from tests.factories_replication import pdf_file, provide_evidence, snapshot

pytestmark = pytest.mark.django_db

ROLES = ["adopter_submitter", "adopter_verifier", "origin_verifier", "facilitator", "other_agency", "ministry_admin", "anonymous"]
ACTIONS = ["view", "update", "document", "monitoring", "outcomes", "advance", "stop", "acknowledge", "mentoring"]

# The expected answer for every role and action (True = allowed).
ALLOWED = {
    "adopter_submitter": {"view", "update", "document", "monitoring", "outcomes"},
    "adopter_verifier": {"view", "update", "document", "monitoring", "outcomes", "advance", "stop"},
    "origin_verifier": {"view", "acknowledge", "mentoring"},
    "facilitator": {"view", "monitoring"},
    "other_agency": set(),
    "ministry_admin": set(ACTIONS),
    "anonymous": set(),
}


@pytest.fixture
def users(submitter_b, verifier_b, verifier_a, facilitator_member, other_member, ministry_admin):
    return {
        "adopter_submitter": submitter_b,
        "adopter_verifier": verifier_b,
        "origin_verifier": verifier_a,
        "facilitator": facilitator_member,
        "other_agency": other_member,
        "ministry_admin": ministry_admin,
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def facilitated_project(project, verifier_b, facilitator_agency):
    project = services.replication_update(user=verifier_b, project=project, data={"facilitator": facilitator_agency})
    provide_evidence(project, verifier_b)  # a letter of interest, so advance can succeed
    return ReplicationProject.objects.get(pk=project.pk)


def _perform(action, user, project):
    if action == "view":
        permissions.require_view(user, project)
    elif action == "update":
        services.replication_update(user=user, project=project, data={"team": "Sri (ketua)"})
    elif action == "document":
        services.replication_document_add(user=user, project=project, kind="lainnya", file=pdf_file())
    elif action == "monitoring":
        services.replication_monitoring_add(user=user, project=project, data={"milestone": "Rapat koordinasi"})
    elif action == "outcomes":
        services.replication_outcomes_set(user=user, project=project, rows=[{"name": "Cakupan", "baseline": 10}])
    elif action == "advance":
        services.replication_advance(user=user, project=project)
    elif action == "stop":
        services.replication_stop(user=user, project=project, reason="Prioritas berubah.")
    elif action == "acknowledge":
        services.replication_acknowledge(user=user, project=project)
    elif action == "mentoring":
        services.replication_offer_mentoring(user=user, project=project, note="Kunjungan lapangan ke Surakarta.")


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(users, facilitated_project, role, action):
    user, project = users[role], facilitated_project
    if action in ALLOWED[role]:
        _perform(action, user, project)
        return
    before = snapshot(project)
    with pytest.raises(PermissionDenied):
        _perform(action, user, project)
    assert snapshot(project) == before


START_ALLOWED = {"adopter_submitter", "adopter_verifier", "ministry_admin"}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_start_a_replication(users, origin, adopter, role):
    user = users[role]
    if role in START_ALLOWED:
        project = services.replication_start(user=user, origin=origin, adopter=adopter, data={})
        assert project.stage == ReplicationStage.MINAT
        return
    with pytest.raises(PermissionDenied):
        services.replication_start(user=user, origin=origin, adopter=adopter, data={})
    assert not ReplicationProject.objects.exists()


def test_the_origin_agency_cannot_replicate_itself(origin, agency_a, verifier_a):
    with pytest.raises(ValidationError):
        services.replication_start(user=verifier_a, origin=origin, adopter=agency_a, data={})
    assert permissions.eligible_adopters(verifier_a, agency_a) == []
    assert not ReplicationProject.objects.exists()


def test_a_unit_under_the_origin_agency_cannot_replicate_it(origin, agency_a):
    from tests import factories

    unit = factories.AgencyFactory(parent=agency_a, type="unit")
    member = factories.MembershipFactory(agency=unit).user
    with pytest.raises(ValidationError):
        services.replication_start(user=member, origin=origin, adopter=unit, data={})
    assert not ReplicationProject.objects.exists()


def test_unpublished_innovations_cannot_be_replicated(agency_a, adopter, submitter_b):
    from tests import factories

    draft = factories.InnovationFactory(agency=agency_a, live=False, moderation_status="draft")
    with pytest.raises(ValidationError):
        services.replication_start(user=submitter_b, origin=draft, adopter=adopter, data={})
    assert not ReplicationProject.objects.exists()


def test_one_open_project_per_adopter_and_a_new_one_after_a_stop(project, origin, adopter, submitter_b, verifier_b):
    with pytest.raises(ValidationError):
        services.replication_start(user=submitter_b, origin=origin, adopter=adopter, data={})
    services.replication_stop(user=verifier_b, project=project, reason="Tertunda anggaran.")
    again = services.replication_start(user=submitter_b, origin=origin, adopter=adopter, data={})
    assert again.pk != project.pk


def test_an_unverified_member_cannot_start(origin, adopter):
    from tests import factories

    user = factories.MembershipFactory(agency=adopter, is_verified=False).user
    with pytest.raises(PermissionDenied):
        services.replication_start(user=user, origin=origin, adopter=adopter, data={})
