"""The "implementer" badge: the reviewer's agency replicates the innovation.

Never self-declared. A review carries the badge when a replication project of
the innovation, adopted by the reviewer's agency or an agency above it (a dinas
reviewing what its pemkot replicates), is in one of IMPLEMENTER_STAGES. The
replication app announces every stage change with
`registry.replication.signals.replication_stage_changed`; receivers.py turns
that into `services.review_refresh_implementer`.
"""

from registry.agencies.models import Agency
from registry.replication.models import ReplicationProject, ReplicationStage

IMPLEMENTER_STAGES = frozenset({ReplicationStage.IMPLEMENTASI, ReplicationStage.EVALUASI, ReplicationStage.BERLANJUT})


def agency_implements(*, innovation_id: int, agency: Agency) -> bool:
    """Whether `agency` (or an agency above it) runs a replication of the innovation past adaptation."""
    adopters = [agency.pk, *agency.ancestor_ids()]
    return ReplicationProject.objects.filter(
        origin_id=innovation_id, adopter_id__in=adopters, stage__in=IMPLEMENTER_STAGES
    ).exists()
