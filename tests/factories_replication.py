"""Factories and helpers for replication tests.

Projects made by the factory skip the services (no counters, no timeline);
tests of behaviour start projects with `replication_start` and move them with
`advance_with_evidence`, which files each stage's evidence through the services.
"""

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from registry.replication import services
from registry.replication.models import DocumentKind, ReplicationProject, ReplicationStage
from tests.factories import AgencyFactory, InnovationFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_file(name="dokumen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


class ReplicationProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReplicationProject

    origin = factory.SubFactory(InnovationFactory)
    adopter = factory.SubFactory(AgencyFactory)
    stage = ReplicationStage.MINAT


def provide_evidence(project: ReplicationProject, user) -> None:
    """File what the project's current stage needs before it may be left."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    stage = project.stage
    if stage == ReplicationStage.MINAT:
        services.replication_document_add(user=user, project=project, kind=DocumentKind.LETTER_OF_INTEREST, file=pdf_file("surat-minat.pdf"))
    elif stage == ReplicationStage.KESEPAKATAN:
        services.replication_document_add(user=user, project=project, kind=DocumentKind.AGREEMENT, file=pdf_file("mou.pdf"))
        services.replication_update(user=user, project=project, data={"agreement_signed_on": yesterday})
    elif stage == ReplicationStage.ADAPTASI:
        services.replication_update(user=user, project=project, data={"adaptation_plan": "Petugas keliling ke desa setiap Kamis."})
    elif stage == ReplicationStage.IMPLEMENTASI:
        services.replication_update(user=user, project=project, data={"implementation_started_on": yesterday})
        services.replication_monitoring_add(user=user, project=project, data={"milestone": "Layanan keliling pertama", "reported_on": yesterday})
    elif stage == ReplicationStage.EVALUASI:
        services.replication_outcomes_set(
            user=user, project=project, rows=[{"name": "Cakupan akta kelahiran", "unit": "%", "baseline": 60, "target": 90, "actual": 85}]
        )
        services.replication_update(user=user, project=project, data={"evaluation_summary": "Cakupan naik 25 poin."})


def advance_with_evidence(project: ReplicationProject, user, *, to: str) -> ReplicationProject:
    """Move a project forward stage by stage, filing the evidence of each, until it reaches `to`."""
    from registry.replication.models import STAGE_ORDER

    project.refresh_from_db()
    while STAGE_ORDER.index(project.stage) < STAGE_ORDER.index(to):
        provide_evidence(project, user)
        project = services.replication_advance(user=user, project=project)
    return project


def snapshot(project: ReplicationProject) -> dict:
    """Everything a refused action must leave as it was."""
    from registry.audit.models import AuditEvent
    from registry.innovations.models import Innovation

    project = ReplicationProject.objects.get(pk=project.pk)
    origin = Innovation.objects.get(pk=project.origin_id)
    return {
        "project": {f.attname: getattr(project, f.attname) for f in ReplicationProject._meta.concrete_fields},
        "timeline": list(project.stage_changes.values_list("pk", "to_stage")),
        "documents": list(project.documents.values_list("pk", flat=True)),
        "monitoring": list(project.monitoring_updates.values_list("pk", flat=True)),
        "outcomes": list(project.outcomes.values_list("name", "baseline", "target", "actual")),
        "counters": (origin.replications_active, origin.replications_completed),
        "innovations": Innovation.objects.count(),
        "audit": AuditEvent.objects.count(),
    }
