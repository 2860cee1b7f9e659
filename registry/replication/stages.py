"""The replication stage machine (DESIGN.md §3) and the evidence each stage needs.

    minat → kesepakatan → adaptasi → implementasi → evaluasi → berlanjut
      └──────────┴────────────┴────────────┴────────────┴──→ dihentikan (with a reason)

A project moves forward one stage at a time. Before it may leave a stage, the
evidence that stage names must be on file; stopping needs only a reason.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from registry.replication.models import (
    ACTIVE_STAGES,
    STAGE_ORDER,
    DocumentKind,
    ReplicationProject,
    ReplicationStage,
)


@dataclass(frozen=True)
class Requirement:
    code: str
    label: Promise
    is_met: Callable[[ReplicationProject], bool]


def _has_document(kind: str) -> Callable[[ReplicationProject], bool]:
    return lambda project: project.documents.filter(kind=kind).exists()


def _has_outcome_values(project: ReplicationProject) -> bool:
    outcomes = list(project.outcomes.all())
    return bool(outcomes) and all(outcome.actual is not None for outcome in outcomes)


# What must be on file before a project may leave each stage.
EXIT_REQUIREMENTS: dict[str, list[Requirement]] = {
    ReplicationStage.MINAT: [
        Requirement("letter_of_interest", _("Surat minat diunggah"), _has_document(DocumentKind.LETTER_OF_INTEREST)),
    ],
    ReplicationStage.KESEPAKATAN: [
        Requirement("agreement_document", _("Dokumen kesepakatan bertanda tangan diunggah"), _has_document(DocumentKind.AGREEMENT)),
        Requirement("agreement_date", _("Tanggal penandatanganan kesepakatan diisi"), lambda p: p.agreement_signed_on is not None),
    ],
    ReplicationStage.ADAPTASI: [
        Requirement("adaptation_plan", _("Rencana adaptasi diisi"), lambda p: bool(p.adaptation_plan.strip())),
    ],
    ReplicationStage.IMPLEMENTASI: [
        Requirement(
            "implementation_start",
            _("Tanggal mulai implementasi diisi"),
            lambda p: p.implementation_started_on is not None,
        ),
        Requirement(
            "monitoring_update",
            _("Minimal satu laporan pemantauan"),
            lambda p: p.monitoring_updates.exists(),
        ),
    ],
    ReplicationStage.EVALUASI: [
        Requirement("outcome_values", _("Nilai capaian semua indikator hasil diisi"), _has_outcome_values),
        Requirement("evaluation_summary", _("Ringkasan evaluasi diisi"), lambda p: bool(p.evaluation_summary.strip())),
    ],
}


def next_stage(stage: str) -> str | None:
    """The stage after `stage` on the forward path, or None at the end (or when stopped)."""
    if stage not in STAGE_ORDER:
        return None
    index = STAGE_ORDER.index(stage)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def allowed_targets(stage: str) -> list[str]:
    """Every stage a project at `stage` may move to."""
    if stage not in ACTIVE_STAGES:
        return []
    return [next_stage(stage), ReplicationStage.DIHENTIKAN]


def checklist(project: ReplicationProject) -> list[tuple[Requirement, bool]]:
    """The evidence of the project's current stage, each with whether it is on file."""
    return [(requirement, requirement.is_met(project)) for requirement in EXIT_REQUIREMENTS.get(project.stage, [])]


def missing_evidence(project: ReplicationProject) -> list[str]:
    return [str(requirement.label) for requirement, met in checklist(project) if not met]
