"""Lineage: at evaluasi the replica becomes the adopter's own innovation, which can be replicated again."""

import pytest

from registry.innovations.models import Innovation, ModerationStatus
from registry.innovations.services import innovation_approve, innovation_submit, innovation_update
from registry.replication import services
from registry.replication.models import ReplicationStage
from registry.replication.selectors import (
    lineage_flat,
    lineage_lines,
    lineage_summary,
    lineage_tree,
)
from tests import factories
from tests.factories_replication import advance_with_evidence

pytestmark = pytest.mark.django_db


def _publish(replica, user):
    """The adopter completes its replica's draft and its verifier publishes it."""
    innovation_update(
        user=user, innovation=replica, data={"problem": "Akta lahir lambat.", "results": "Cakupan naik.", "implementation_steps": "Keliling."}
    )
    innovation_submit(user=user, innovation=replica)
    return innovation_approve(user=user, innovation=replica)


def test_reaching_evaluasi_creates_the_replica_as_a_draft_of_the_adopter(project, verifier_b, origin):
    project = advance_with_evidence(project, verifier_b, to=ReplicationStage.IMPLEMENTASI)
    assert project.replica is None
    project = advance_with_evidence(project, verifier_b, to=ReplicationStage.EVALUASI)

    replica = project.replica
    assert replica.agency == project.adopter
    assert replica.replicated_from == origin
    assert replica.title == "Akta Lahir Keliling"
    assert not replica.live and replica.moderation_status == ModerationStatus.DRAFT
    assert replica.province_id == project.adopter.province_id
    assert list(replica.sectors.all()) == list(origin.sectors.all())
    assert replica.replica_project == project


def test_three_generations(project, verifier_b, origin):
    """Surakarta → Surabaya → Kabupaten Aceh Selatan → Kota Jayapura."""
    gen1 = advance_with_evidence(project, verifier_b, to=ReplicationStage.BERLANJUT)
    replica1 = _publish(gen1.replica, verifier_b)

    aceh = factories.AgencyFactory(code="pemkab-11-01", regency=factories._regency("11.01"))
    aceh_verifier = factories.MembershipFactory(agency=aceh, role="verifier").user
    gen2 = services.replication_start(user=aceh_verifier, origin=replica1, adopter=aceh, data={})
    gen2 = advance_with_evidence(gen2, aceh_verifier, to=ReplicationStage.EVALUASI)
    replica2 = _publish(gen2.replica, aceh_verifier)

    jayapura = factories.AgencyFactory(code="pemkot-91-71", regency=factories._regency("91.71"))
    jayapura_verifier = factories.MembershipFactory(agency=jayapura, role="verifier").user
    gen3 = services.replication_start(user=jayapura_verifier, origin=replica2, adopter=jayapura, data={})

    assert replica2.replicated_from == replica1 and replica1.replicated_from == origin
    tree = lineage_tree(origin)
    assert [node.project for node in tree] == [gen1]
    assert [node.project for node in tree[0].children] == [gen2]
    assert [node.project for node in tree[0].children[0].children] == [gen3]
    assert [node.generation for node in lineage_flat(tree)] == [1, 2, 3]
    assert lineage_summary(Innovation.objects.get(pk=origin.pk)) == {
        "active": 0, "completed": 1, "descendants": 3, "generations": 3,
    }
    # Each generation counts on its own origin only.
    assert Innovation.objects.get(pk=replica1.pk).replications_active == 1
    assert Innovation.objects.get(pk=replica2.pk).replications_active == 1
    assert [(line["from"], line["to"], line["generation"]) for line in lineage_lines(origin)] == [
        ("33", "35", 1), ("35", "11", 2), ("11", "91", 3),
    ]


def test_lineage_queries_do_not_grow_with_the_number_of_replications(origin, django_assert_max_num_queries):
    from tests.factories_replication import ReplicationProjectFactory

    for _ in range(15):
        ReplicationProjectFactory(origin=origin)
    with django_assert_max_num_queries(6):
        nodes = lineage_flat(lineage_tree(origin))
        [node.region for node in nodes]
    assert len(nodes) == 15


def test_a_replica_recorded_without_a_project_is_in_the_tree(origin):
    standalone = factories.InnovationFactory(replicated_from=origin)
    nodes = lineage_flat(lineage_tree(origin))
    assert [(node.project, node.replica) for node in nodes] == [(None, standalone)]
