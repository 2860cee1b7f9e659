"""Demo replication projects of real LAN innovations, in every stage.

Run by `manage.py seed_demo` after the innovations' seeder (it needs the LAN
innovations, their agencies and the demo accounts); idempotent: a project
that already exists for an origin and adopter is left as it is.

Everything goes through the services, with the evidence each stage needs, so
the timeline, the audit trail, the counters and the replicas are real. Only the
dates are moved into the past afterwards, so the map's year filter and the
reminder command have something to show. Kota Surakarta's "Akte Kelahiran
Jemput Bola" (lan:52) is replicated by Kota Surabaya, whose replica is
replicated again by Kabupaten Sidoarjo (a replica of a replica).
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from registry.agencies.models import Agency, MembershipRole
from registry.innovations.models import Innovation
from registry.innovations.services import innovation_approve, innovation_submit, innovation_update
from registry.replication import notifications, services
from registry.replication.models import (
    STAGE_ORDER,
    DocumentKind,
    MonitoringUpdate,
    ReplicationProject,
    ReplicationStage,
    ReplicationStageChange,
)
from registry.replication.permissions import can_respond

DEMO_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
MINISTRY_ACCOUNT = "kementerian"
# Days between one stage and the next in the back-dated timeline.
STAGE_SPACING_DAYS = 45


@dataclass(frozen=True)
class DemoProject:
    origin: str  # external ID of the LAN innovation, or "replica:<key>" of an earlier demo project
    adopter_region: str  # Kemendagri code of the adopting pemda
    stage: str
    started: datetime.date
    key: str
    local_name: str = ""
    facilitator_region: str = ""
    stop_at: str = ""  # the stage at which a stopped project was stopped
    answered: bool = False
    publish_replica: bool = False
    extra: dict = field(default_factory=dict)


DEMO_PROJECTS = [
    DemoProject("lan:52", "35.78", ReplicationStage.BERLANJUT, datetime.date(2019, 2, 11), "surabaya",
                "Akta Lahir Jemput Bola Surabaya", answered=True, publish_replica=True),
    DemoProject("replica:surabaya", "35.15", ReplicationStage.EVALUASI, datetime.date(2021, 9, 6), "sidoarjo",
                "Akta Lahir Keliling Sidoarjo", facilitator_region="35"),
    DemoProject("lan:52", "33.09", ReplicationStage.IMPLEMENTASI, datetime.date(2022, 3, 14), "boyolali",
                "Jemput Bola Akta Boyolali", facilitator_region="33", answered=True),
    DemoProject("lan:52", "34.04", ReplicationStage.KESEPAKATAN, datetime.date(2023, 1, 9), "sleman"),
    DemoProject("lan:52", "33.10", ReplicationStage.MINAT, datetime.date(2024, 5, 20), "klaten", answered=True),
    DemoProject("lan:52", "33.11", ReplicationStage.DIHENTIKAN, datetime.date(2020, 6, 1), "sukoharjo",
                stop_at=ReplicationStage.ADAPTASI),
    DemoProject("lan:65", "73.71", ReplicationStage.ADAPTASI, datetime.date(2023, 8, 21), "makassar",
                "Makassar Single Window"),
    DemoProject("lan:135", "51.71", ReplicationStage.BERLANJUT, datetime.date(2018, 4, 2), "denpasar",
                "Bank Sampah Denpasar"),
    DemoProject("lan:128", "11.71", ReplicationStage.EVALUASI, datetime.date(2022, 10, 3), "banda-aceh",
                "Rumah Gizi Banda Aceh"),
    DemoProject("lan:49", "33.19", ReplicationStage.MINAT, datetime.date(2024, 2, 5), "kudus"),
]


def _pdf(name: str) -> ContentFile:
    return ContentFile(DEMO_PDF, name=name)


def _pemda(code: str) -> Agency:
    from registry.innovations.agency_names import RegionIndex
    from registry.innovations.lan_import import ensure_agency

    return ensure_agency(RegionIndex.from_database().pemda(code), cache={})


def _actor_for(agency: Agency, fallback):
    """The agency's verifier when the demo has one (Surabaya), else the ministry account."""
    membership = agency.memberships.filter(role=MembershipRole.VERIFIER, is_verified=True).select_related("user").first()
    return membership.user if membership else fallback


def _evidence(project: ReplicationProject, user, on: datetime.date) -> None:
    """File what the project's current stage needs, with plausible content."""
    stage = project.stage
    if stage == ReplicationStage.MINAT:
        services.replication_document_add(
            user=user, project=project, kind=DocumentKind.LETTER_OF_INTEREST, file=_pdf("surat-minat.pdf")
        )
    elif stage == ReplicationStage.KESEPAKATAN:
        services.replication_document_add(user=user, project=project, kind=DocumentKind.AGREEMENT, file=_pdf("mou.pdf"))
        services.replication_update(user=user, project=project, data={"agreement_signed_on": on})
    elif stage == ReplicationStage.ADAPTASI:
        services.replication_update(user=user, project=project, data={
            "adaptation_plan": "Petugas dukcapil keliling ke puskesmas dan kelurahan dua kali sepekan; "
                               "data kelahiran dari bidan desa dikirim lewat aplikasi pesan.",
            "adaptations": "Jadwal keliling disesuaikan dengan hari pasar; formulir disederhanakan.",
            "budget": 185_000_000, "budget_source": f"APBD {on.year}",
            "team": "Kepala Bidang Pencatatan Sipil (ketua)\nDua operator SIAK\nKoordinator bidan desa",
        })
    elif stage == ReplicationStage.IMPLEMENTASI:
        services.replication_update(user=user, project=project, data={"implementation_started_on": on})
        services.replication_monitoring_add(user=user, project=project, data={
            "reported_on": on, "milestone": "Layanan keliling pertama di tiga kecamatan",
            "progress": "312 akta terbit di tempat; kendala jaringan di dua desa.", "percent_complete": 40,
        })
    elif stage == ReplicationStage.EVALUASI:
        origin_indicator = project.origin.indicators.first()
        services.replication_outcomes_set(user=user, project=project, rows=[{
            "name": origin_indicator.name if origin_indicator else "Cakupan akta kelahiran anak 0-18 tahun",
            "unit": origin_indicator.unit if origin_indicator else "%",
            "origin_indicator": origin_indicator,
            "baseline": 62, "target": 90, "actual": 87,
        }])
        services.replication_update(user=user, project=project, data={
            "evaluation_summary": "Cakupan naik 25 poin dalam satu tahun; biaya per akta turun karena warga tidak perlu datang ke kantor.",
        })


def _complete_and_publish(replica: Innovation, user) -> Innovation:
    innovation_update(user=user, innovation=replica, data={
        "problem": "Banyak anak belum memiliki akta kelahiran karena jarak dan biaya ke kantor dukcapil.",
        "results": "Cakupan akta kelahiran naik dari 62% menjadi 87% dalam setahun.",
        "implementation_steps": replica.implementation_steps or "Petugas keliling ke puskesmas dan kelurahan.",
    })
    innovation_submit(user=user, innovation=replica)
    return innovation_approve(user=user, innovation=replica)


def _backdate(project: ReplicationProject, started: datetime.date) -> None:
    """Spread the timeline from `started`, one stage every STAGE_SPACING_DAYS days."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(started, datetime.time(9, 0), tzinfo=tz)
    changes = list(project.stage_changes.order_by("changed_at", "pk"))
    for index, change in enumerate(changes):
        ReplicationStageChange.objects.filter(pk=change.pk).update(
            changed_at=start + datetime.timedelta(days=index * STAGE_SPACING_DAYS)
        )
    last = start + datetime.timedelta(days=(len(changes) - 1) * STAGE_SPACING_DAYS)
    ReplicationProject.objects.filter(pk=project.pk).update(
        created_at=start, stage_changed_at=last, last_activity_at=last + datetime.timedelta(days=10)
    )
    answered = start + datetime.timedelta(days=7)
    ReplicationProject.objects.filter(pk=project.pk, acknowledged_at__isnull=False).update(acknowledged_at=answered)
    ReplicationProject.objects.filter(pk=project.pk, mentoring_offered_at__isnull=False).update(mentoring_offered_at=answered)
    project.documents.update(uploaded_at=start)
    MonitoringUpdate.objects.filter(project=project).update(created_at=last)


def _run(spec: DemoProject, *, origin: Innovation, ministry, surakarta_verifier) -> ReplicationProject:
    adopter = _pemda(spec.adopter_region)
    user = _actor_for(adopter, ministry)
    data = {"local_name": spec.local_name, "interest_statement": (
        "Cakupan akta kelahiran di daerah kami masih rendah; warga desa jauh dari kantor."
    )}
    if spec.facilitator_region:
        data["facilitator"] = _pemda(spec.facilitator_region)
    project = services.replication_start(user=user, origin=origin, adopter=adopter, data=data)
    if spec.answered:
        responder = surakarta_verifier if can_respond(surakarta_verifier, project) else ministry
        services.replication_offer_mentoring(
            user=responder, project=project,
            note="Tim dukcapil kami siap berbagi SOP dan menerima kunjungan belajar.",
        )
    target = spec.stop_at or spec.stage
    day = spec.started
    while project.stage != target:
        day += datetime.timedelta(days=STAGE_SPACING_DAYS)
        _evidence(project, user, min(day, timezone.localdate()))
        project = services.replication_advance(user=user, project=project)
    if spec.stop_at:
        project = services.replication_stop(user=user, project=project, reason=(
            "Anggaran perubahan dialihkan untuk penanganan banjir; dilanjutkan bila anggaran tersedia."
        ))
    if spec.publish_replica and project.replica is not None:
        _complete_and_publish(project.replica, user)
    _backdate(project, spec.started)
    return project


def seed(*, stdout) -> None:
    ministry = get_user_model().objects.filter(username=MINISTRY_ACCOUNT).first()
    surakarta_verifier = get_user_model().objects.filter(username="verifikator.surakarta").first()
    if ministry is None or surakarta_verifier is None:
        stdout.write("replication demo skipped: run the innovations seeder first (demo accounts missing)")
        return
    made, kept, missing = {}, 0, []
    with notifications.suppressed(), transaction.atomic():
        for spec in DEMO_PROJECTS:
            if spec.origin.startswith("replica:"):
                source = made.get(spec.origin.split(":", 1)[1])
                origin = Innovation.objects.filter(pk=getattr(source, "replica_id", None)).select_related("agency").first()
            else:
                origin = Innovation.objects.published().filter(external_id=spec.origin).select_related("agency").first()
            if origin is None or not origin.live:
                missing.append(spec.key)
                continue
            existing = ReplicationProject.objects.filter(origin=origin, adopter__regency_id=spec.adopter_region).first()
            if existing is not None:
                made[spec.key] = existing
                kept += 1
                continue
            made[spec.key] = _run(spec, origin=origin, ministry=ministry, surakarta_verifier=surakarta_verifier)
    stages = sorted({project.stage for project in made.values()}, key=lambda s: (STAGE_ORDER + ["dihentikan"]).index(s))
    stdout.write(
        f"replication projects: {len(made) - kept} new, {kept} kept"
        + (f", skipped (origin not in the catalog): {', '.join(missing)}" if missing else "")
        + f"; stages: {', '.join(stages)}"
    )
