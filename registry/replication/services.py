"""Every state change of a replication project.

One function per action, keyword-only arguments, one transaction each: the
permission check first (permissions.py), then refusals with a clear message,
the write, the audit event, and the signals and e-mails after commit. Stage
moves all go through `replication_transition` (stages.py names the evidence).

The origin's `replications_active` / `replications_completed` are recounted
under a row lock in the same transaction as every start and stage change, so
they always equal a fresh count (active = minat..evaluasi, completed = berlanjut).
"""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from registry.agencies.models import Agency
from registry.agencies.permissions import is_member, is_ministry_admin
from registry.audit.services import audit_record
from registry.core.exceptions import PermissionDenied, TransitionNotAllowed, ValidationError
from registry.core.text import clean_plain_text
from registry.innovations.models import (
    SUMMARY_MAX_WORDS,
    Innovation,
    LifecycleStage,
    OutcomeIndicator,
)
from registry.innovations.services import innovation_create
from registry.innovations.signals import innovation_changed
from registry.replication import notifications, signals
from registry.replication.documents import store_document
from registry.replication.models import (
    ACTIVE_STAGES,
    COMPLETED_STAGES,
    DocumentKind,
    MonitoringUpdate,
    ReplicationDocument,
    ReplicationOutcome,
    ReplicationProject,
    ReplicationStage,
    ReplicationStageChange,
)
from registry.replication.permissions import (
    require_decide,
    require_edit,
    require_report_monitoring,
    require_respond,
)
from registry.replication.stages import allowed_targets, missing_evidence, next_stage

# What the adopter may edit with replication_update; the rest changes through its own action.
EDITABLE_FIELDS = [
    "local_name",
    "facilitator",
    "interest_statement",
    "adaptation_plan",
    "adaptations",
    "budget",
    "budget_source",
    "team",
    "planned_start",
    "planned_end",
    "agreement_signed_on",
    "implementation_started_on",
    "evaluation_summary",
]
TEXT_FIELDS = {"local_name", "interest_statement", "adaptation_plan", "adaptations", "budget_source", "team", "evaluation_summary"}
# Dates of things that already happened.
PAST_DATE_FIELDS = ["agreement_signed_on", "implementation_started_on"]


# --- Helpers --------------------------------------------------------------------------------


def _lock(project: ReplicationProject) -> ReplicationProject:
    return (
        ReplicationProject.objects.select_for_update(of=("self",))
        .select_related("origin", "origin__agency", "adopter")
        .get(pk=project.pk)
    )


def _refuse_if_stopped(project: ReplicationProject) -> None:
    if project.stage == ReplicationStage.DIHENTIKAN:
        raise TransitionNotAllowed(_("Proyek replikasi ini sudah dihentikan; tidak ada lagi yang dapat diubah."))


def _touch(project: ReplicationProject, now=None) -> None:
    project.last_activity_at = now or timezone.now()
    ReplicationProject.objects.filter(pk=project.pk).update(last_activity_at=project.last_activity_at, updated_at=project.last_activity_at)


def _lock_origin(origin_id: int) -> None:
    """Hold the origin's row until the transaction ends. Taken before anything else is written
    (the replica's innovation_create and every audit event lock the audit chain), so concurrent
    writers always lock in the same order: project, origin, audit chain."""
    list(Innovation.objects.select_for_update().filter(pk=origin_id).values_list("pk", flat=True))


def recount_origin_counters(origin_id: int) -> None:
    """Store the exact counts on the origin (whose row lock the caller holds or takes here)."""
    _lock_origin(origin_id)
    counts = ReplicationProject.objects.filter(origin_id=origin_id).aggregate(
        active=Count("pk", filter=Q(stage__in=ACTIVE_STAGES)),
        completed=Count("pk", filter=Q(stage__in=COMPLETED_STAGES)),
    )
    Innovation.objects.filter(pk=origin_id).update(
        replications_active=counts["active"], replications_completed=counts["completed"]
    )


def _announce_stage(project: ReplicationProject) -> None:
    payload = {
        "project_id": project.pk,
        "origin_id": project.origin_id,
        "adopter_id": project.adopter_id,
        "stage": project.stage,
    }
    origin_id = project.origin_id
    transaction.on_commit(lambda: signals.replication_stage_changed.send(ReplicationProject, **payload))
    # The origin's counters changed: let the search index (has_replications, "most replicated") refresh.
    transaction.on_commit(lambda: innovation_changed.send(Innovation, innovation_id=origin_id))


def _clean_data(data: dict) -> dict:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Kolom tidak dikenal: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    return {
        field: clean_plain_text(value) if field in TEXT_FIELDS and isinstance(value, str) else value
        for field, value in data.items()
    }


def _validate(project: ReplicationProject) -> None:
    errors = {}
    today = timezone.localdate()
    for field in PAST_DATE_FIELDS:
        value = getattr(project, field)
        if isinstance(value, date) and value > today:
            errors[field] = _("Tanggal ini belum terjadi; isi setelah kegiatannya berlangsung.")
    if project.planned_start and project.planned_end and project.planned_end < project.planned_start:
        errors["planned_end"] = _("Rencana selesai tidak boleh sebelum rencana mulai.")
    if project.facilitator_id and project.facilitator_id in {project.adopter_id, project.origin.agency_id}:
        errors["facilitator"] = _("Fasilitator harus instansi lain, bukan instansi asal atau pereplikasi.")
    if errors:
        raise ValidationError(errors)
    project.full_clean(exclude=["origin", "adopter", "stage", "replica"], validate_constraints=False)


# --- Starting and editing -----------------------------------------------------------------


@transaction.atomic
def replication_start(*, user, origin: Innovation, adopter: Agency, data: dict | None = None, letter=None) -> ReplicationProject:
    """"Replicate this": a verified member of another agency records its interest (stage minat)."""
    if not (is_ministry_admin(user) or is_member(user, adopter)):
        raise PermissionDenied(_("Anda bukan anggota terverifikasi instansi pereplikasi ini."))
    _lock_origin(origin.pk)
    origin = Innovation.objects.select_related("agency").get(pk=origin.pk)
    if not origin.live:
        raise ValidationError(_("Hanya inovasi yang sudah terbit yang dapat direplikasi."))
    if adopter.pk in origin.agency.related_ids():
        raise ValidationError(_("Inovasi instansi sendiri (atau instansi induk/bawahannya) tidak dapat direplikasi."))
    if ReplicationProject.objects.filter(origin=origin, adopter=adopter).exclude(stage=ReplicationStage.DIHENTIKAN).exists():
        raise ValidationError(_("Instansi ini sudah memiliki proyek replikasi untuk inovasi tersebut."))
    now = timezone.now()
    project = ReplicationProject(
        origin=origin,
        adopter=adopter,
        stage=ReplicationStage.MINAT,
        stage_changed_at=now,
        created_at=now,
        last_activity_at=now,
        created_by=user,
    )
    for field, value in _clean_data(data or {}).items():
        setattr(project, field, value)
    _validate(project)
    project.save()
    ReplicationStageChange.objects.create(project=project, to_stage=ReplicationStage.MINAT, changed_at=now, changed_by=user)
    if letter is not None:
        _add_document(user=user, project=project, kind=DocumentKind.LETTER_OF_INTEREST, file=letter, title="")
    recount_origin_counters(origin.pk)
    audit_record(
        actor=user,
        action="replication.start",
        target=project,
        data={"origin": origin.pk, "adopter": adopter.code},
    )
    _announce_stage(project)
    notifications.send_after_commit(notifications.notify_interest, project.pk)
    return project


@transaction.atomic
def replication_update(*, user, project: ReplicationProject, data: dict) -> ReplicationProject:
    project = _lock(project)
    require_edit(user, project)
    _refuse_if_stopped(project)
    cleaned = _clean_data(data)
    changed = sorted(field for field, value in cleaned.items() if getattr(project, field) != value)
    for field, value in cleaned.items():
        setattr(project, field, value)
    _validate(project)
    project.last_activity_at = timezone.now()
    project.save()
    audit_record(actor=user, action="replication.edit", target=project, data={"fields": changed})
    return project


def _add_document(*, user, project, kind, file, title) -> ReplicationDocument:
    if kind not in DocumentKind.values:
        raise ValidationError(_("Jenis dokumen tidak dikenal."))
    title = clean_plain_text(title) or f"{DocumentKind(kind).label} — {project.display_name}"[:255]
    document = store_document(user=user, file=file, title=title)
    return ReplicationDocument.objects.create(project=project, kind=kind, document=document, title=title, uploaded_by=user)


@transaction.atomic
def replication_document_add(*, user, project: ReplicationProject, kind: str, file, title: str = "") -> ReplicationDocument:
    project = _lock(project)
    require_edit(user, project)
    _refuse_if_stopped(project)
    item = _add_document(user=user, project=project, kind=kind, file=file, title=title)
    _touch(project)
    audit_record(actor=user, action="replication.document", target=project, data={"kind": kind, "document": item.document_id})
    return item


@transaction.atomic
def replication_monitoring_add(*, user, project: ReplicationProject, data: dict) -> MonitoringUpdate:
    project = _lock(project)
    require_report_monitoring(user, project)
    _refuse_if_stopped(project)
    update = MonitoringUpdate(
        project=project,
        reported_on=data.get("reported_on") or timezone.localdate(),
        milestone=clean_plain_text(data.get("milestone", "")),
        progress=clean_plain_text(data.get("progress", "")),
        percent_complete=data.get("percent_complete"),
        created_by=user,
    )
    if not update.milestone:
        raise ValidationError({"milestone": _("Tuliskan tonggak atau kegiatan yang dilaporkan.")})
    if update.reported_on > timezone.localdate():
        raise ValidationError({"reported_on": _("Tanggal laporan tidak boleh di masa depan.")})
    update.full_clean(exclude=["project"])
    update.save()
    _touch(project)
    audit_record(actor=user, action="replication.monitoring", target=project, data={"update": update.pk})
    return update


@transaction.atomic
def replication_outcomes_set(*, user, project: ReplicationProject, rows: Iterable[dict]) -> list[ReplicationOutcome]:
    """Replace the replica's outcome indicators (baseline, target, actual)."""
    project = _lock(project)
    require_edit(user, project)
    _refuse_if_stopped(project)
    origin_indicators = set(OutcomeIndicator.objects.filter(innovation_id=project.origin_id).values_list("pk", flat=True))
    outcomes = []
    for index, row in enumerate(rows):
        indicator = row.get("origin_indicator")
        indicator_id = getattr(indicator, "pk", indicator)
        if indicator_id is not None and indicator_id not in origin_indicators:
            raise ValidationError(_("Indikator pembanding harus milik inovasi asal."))
        outcome = ReplicationOutcome(
            project=project,
            origin_indicator_id=indicator_id,
            name=clean_plain_text(row.get("name", "")),
            unit=clean_plain_text(row.get("unit", "")),
            baseline=row.get("baseline"),
            target=row.get("target"),
            actual=row.get("actual"),
            note=clean_plain_text(row.get("note", "")),
            sort_order=index,
        )
        if not outcome.name:
            raise ValidationError({"name": _("Setiap indikator hasil perlu nama.")})
        outcome.full_clean(exclude=["project"])
        outcomes.append(outcome)
    project.outcomes.all().delete()
    ReplicationOutcome.objects.bulk_create(outcomes)
    _touch(project)
    audit_record(actor=user, action="replication.outcomes", target=project, data={"count": len(outcomes)})
    return list(project.outcomes.all())


# --- The origin's answer ------------------------------------------------------------------


@transaction.atomic
def replication_acknowledge(*, user, project: ReplicationProject) -> ReplicationProject:
    project = _lock(project)
    require_respond(user, project)
    _refuse_if_stopped(project)
    if project.acknowledged_at is not None:
        raise TransitionNotAllowed(_("Minat ini sudah ditanggapi."))
    project.acknowledged_at, project.acknowledged_by = timezone.now(), user
    project.save(update_fields=["acknowledged_at", "acknowledged_by", "updated_at"])
    audit_record(actor=user, action="replication.acknowledge", target=project)
    notifications.send_after_commit(notifications.notify_response, project.pk, kind="acknowledged")
    return project


@transaction.atomic
def replication_offer_mentoring(*, user, project: ReplicationProject, note: str) -> ReplicationProject:
    project = _lock(project)
    require_respond(user, project)
    _refuse_if_stopped(project)
    note = clean_plain_text(note)
    if not note:
        raise ValidationError({"mentoring_note": _("Jelaskan bentuk pendampingan yang ditawarkan.")})
    now = timezone.now()
    project.mentoring_note, project.mentoring_offered_at, project.mentoring_offered_by = note, now, user
    if project.acknowledged_at is None:
        # Offering help answers the letter of interest too.
        project.acknowledged_at, project.acknowledged_by = now, user
    project.save(
        update_fields=["mentoring_note", "mentoring_offered_at", "mentoring_offered_by", "acknowledged_at", "acknowledged_by", "updated_at"]
    )
    audit_record(actor=user, action="replication.mentoring", target=project, data={"note": note})
    notifications.send_after_commit(notifications.notify_response, project.pk, kind="mentoring")
    return project


# --- The stage machine --------------------------------------------------------------------


@transaction.atomic
def replication_transition(*, user, project: ReplicationProject, to_stage: str, note: str = "") -> ReplicationProject:
    """Move a project to `to_stage`: the next stage (with its evidence on file) or dihentikan (with a reason)."""
    project = _lock(project)
    require_decide(user, project)
    _refuse_if_stopped(project)
    _lock_origin(project.origin_id)
    note = clean_plain_text(note)
    if to_stage not in allowed_targets(project.stage):
        target = ReplicationStage(to_stage).label if to_stage in ReplicationStage.values else to_stage
        raise TransitionNotAllowed(
            _("Proyek pada tahap \"%(stage)s\" tidak dapat dipindahkan ke \"%(target)s\".")
            % {"stage": project.get_stage_display(), "target": target}
        )
    if to_stage == ReplicationStage.DIHENTIKAN:
        if not note:
            raise ValidationError({"note": _("Tuliskan alasan proyek ini dihentikan.")})
        project.stop_reason = note
    else:
        missing = missing_evidence(project)
        if missing:
            raise ValidationError(
                _("Tahap \"%(stage)s\" belum dapat ditinggalkan. Lengkapi dulu: %(missing)s.")
                % {"stage": project.get_stage_display(), "missing": "; ".join(missing)}
            )
    from_stage, now = project.stage, timezone.now()
    project.stage, project.stage_changed_at, project.last_activity_at = to_stage, now, now
    project.save(update_fields=["stage", "stage_changed_at", "last_activity_at", "stop_reason", "updated_at"])
    ReplicationStageChange.objects.create(
        project=project, from_stage=from_stage, to_stage=to_stage, changed_at=now, changed_by=user, note=note
    )
    if to_stage == ReplicationStage.EVALUASI and project.replica_id is None:
        project.replica = _create_replica(user=user, project=project)
        project.save(update_fields=["replica"])
    recount_origin_counters(project.origin_id)
    audit_record(
        actor=user,
        action="replication.transition",
        target=project,
        data={"from": from_stage, "to": to_stage, "note": note, "replica": project.replica_id},
    )
    _announce_stage(project)
    return project


def replication_advance(*, user, project: ReplicationProject, note: str = "") -> ReplicationProject:
    """Move the project to the next stage on the forward path."""
    target = next_stage(project.stage)
    if target is None:
        raise TransitionNotAllowed(
            _("Proyek pada tahap \"%(stage)s\" tidak memiliki tahap berikutnya.") % {"stage": project.get_stage_display()}
        )
    return replication_transition(user=user, project=project, to_stage=target, note=note)


def replication_stop(*, user, project: ReplicationProject, reason: str) -> ReplicationProject:
    return replication_transition(user=user, project=project, to_stage=ReplicationStage.DIHENTIKAN, note=reason)


def _create_replica(*, user, project: ReplicationProject) -> Innovation:
    """The adopter's own Innovation, a draft it completes and submits like any other."""
    origin = project.origin
    summary = Truncator(origin.summary or origin.title).words(SUMMARY_MAX_WORDS, truncate="")
    data = {
        "title": (project.local_name or origin.title)[:255],
        "summary": summary,
        "product": origin.product,
        "kind": origin.kind,
        "form": origin.form,
        "is_digital": origin.is_digital,
        "stage": LifecycleStage.PENERAPAN,
        "implemented_on": project.implementation_started_on,
        "problem": project.interest_statement,
        "novelty": project.adaptations,
        "implementation_steps": project.adaptation_plan,
        "resources": project.budget_source,
        "replicated_from": origin,
        "sectors": origin.sectors.all(),
        "sdgs": origin.sdgs.all(),
        "source_note": _("Replikasi dari \"%(title)s\" (%(agency)s), proyek replikasi #%(id)d.")
        % {"title": origin.title, "agency": origin.agency.name, "id": project.pk},
    }
    indicators = [
        {"name": outcome.name, "unit": outcome.unit, "baseline": outcome.baseline, "value": outcome.actual}
        for outcome in project.outcomes.all()
    ]
    return innovation_create(user=user, agency=project.adopter, data=data, indicators=indicators)


# --- Counters -------------------------------------------------------------------------------


def replication_counter_drift() -> list[dict]:
    """Innovations whose stored replication counters differ from a recount."""
    expected = {
        row["origin_id"]: (row["active"], row["completed"])
        for row in ReplicationProject.objects.values("origin_id").annotate(
            active=Count("pk", filter=Q(stage__in=ACTIVE_STAGES)),
            completed=Count("pk", filter=Q(stage__in=COMPLETED_STAGES)),
        )
    }
    stored = Innovation.objects.filter(
        Q(pk__in=list(expected)) | Q(replications_active__gt=0) | Q(replications_completed__gt=0)
    ).values_list("pk", "replications_active", "replications_completed")
    return [
        {"innovation_id": pk, "stored": (active, completed), "expected": expected.get(pk, (0, 0))}
        for pk, active, completed in stored
        if (active, completed) != expected.get(pk, (0, 0))
    ]


@transaction.atomic
def replication_counters_fix() -> int:
    drift = replication_counter_drift()
    for row in drift:
        recount_origin_counters(row["innovation_id"])
    return len(drift)


def reminder_days() -> int:
    return int(getattr(settings, "REPLICATION_REMINDER_DAYS", 90))
