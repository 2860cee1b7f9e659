"""Judges: assignment (automatic, manual, CSV), declared conflicts, scoring, reopening."""

import csv
import io
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from registry.audit.services import audit_record
from registry.competitions.assignment import (
    AssignmentInfeasible,
    EntrySlot,
    JudgeSlot,
    plan_assignment,
)
from registry.competitions.conflicts import ConflictIndex, affiliation_of, entry_conflicted
from registry.competitions.integrity import SCORE_SUBMIT_ACTION, scores_digest
from registry.competitions.models import (
    ACTIVE_ASSIGNMENT,
    EDITABLE_ASSIGNMENT,
    Assignment,
    AssignmentSource,
    AssignmentStatus,
    Confidence,
    ConflictDeclaration,
    Entry,
    EntryStatus,
    JudgeProfile,
    Round,
    RoundStatus,
    Score,
)
from registry.competitions.permissions import judge_profile, require_secretariat
from registry.competitions.scoring import CriterionSpec, judge_total
from registry.competitions.services._common import now_or, required_text
from registry.core.exceptions import TransitionNotAllowed
from registry.core.text import clean_plain_text
from registry.innovations.models import Innovation


def _lock_round(round_: Round) -> Round:
    return Round.objects.select_for_update(of=("self",)).select_related("competition").get(pk=round_.pk)


def _require_assignable(round_: Round) -> None:
    if not round_.is_judged:
        raise ValidationError(_("Babak seleksi administrasi tidak memakai juri."))
    if round_.status not in {RoundStatus.DRAFT, RoundStatus.SCORING}:
        raise TransitionNotAllowed(_("Penugasan hanya dapat diubah sebelum penilaian babak ditutup."))


def round_entries(round_: Round):
    return Entry.objects.filter(current_round=round_, status=EntryStatus.IN_ROUND)


def _entry_sectors(entries) -> dict[int, frozenset]:
    through = Innovation.sectors.through
    by_innovation: dict[int, set] = {}
    rows = through.objects.filter(innovation_id__in=[e.innovation_id for e in entries]).values_list("innovation_id", "sector_id")
    for innovation_id, sector_id in rows:
        by_innovation.setdefault(innovation_id, set()).add(sector_id)
    return {e.pk: frozenset(by_innovation.get(e.innovation_id, ())) for e in entries}


def _panel(round_: Round) -> list[JudgeProfile]:
    return list(round_.judges.filter(is_active=True).select_related("agency").prefetch_related("sectors"))


def _plan(round_: Round, entries: list[Entry], needs: dict[int, int], seed: int):
    """Plan judges for `entries` (needing `needs[entry_id]` more each) against the round's panel."""
    slots, judges = assignment_instance(round_, entries, needs)
    return plan_assignment(slots, judges, seed=seed)


def assignment_instance(round_: Round, entries: list[Entry], needs: dict[int, int]):
    """The planning problem: entry slots (need, sectors, blocked judges) and judge slots (sectors, load, capacity)."""
    panel = _panel(round_)
    conflicts = ConflictIndex(affiliation_of(judge) for judge in panel)
    existing = Assignment.objects.filter(round=round_)
    taken: dict[int, set] = {}
    loads: dict[int, int] = {judge.pk: 0 for judge in panel}
    for entry_id, judge_id, status in existing.values_list("entry_id", "judge_id", "status"):
        taken.setdefault(entry_id, set()).add(judge_id)
        if status in ACTIVE_ASSIGNMENT and judge_id in loads:
            loads[judge_id] += 1
    sectors = _entry_sectors(entries)
    slots = []
    for entry in entries:
        blocked = set(taken.get(entry.pk, ()))
        blocked.update(conflicts.judges_conflicted_with(entry))
        slots.append(EntrySlot(entry.pk, needs[entry.pk], sectors[entry.pk], frozenset(blocked)))
    judges = [
        JudgeSlot(
            judge.pk,
            frozenset(s.pk for s in judge.sectors.all()),
            loads[judge.pk],
            None if judge.max_assignments is None else max(judge.max_assignments, loads[judge.pk]),
        )
        for judge in panel
    ]
    return slots, judges


def _infeasible_message(exc: AssignmentInfeasible, entries: dict[int, Entry]) -> list[str]:
    lines = []
    for problem in exc.problems:
        code = entries[problem.entry].code if problem.entry in entries else str(problem.entry)
        if problem.code == "too_few_judges":
            lines.append(
                _("Entri %(code)s: hanya %(allowed)d juri panel yang bebas konflik, padahal perlu %(need)d.")
                % {"code": code, **problem.detail}
            )
        else:
            lines.append(
                _("Entri %(code)s: juri bebas konflik yang masih punya kapasitas tidak cukup (perlu %(need)d lagi).")
                % {"code": code, **problem.detail}
            )
    head = _("Penugasan tidak mungkin dipenuhi; tidak ada yang disimpan.")
    more = [_("… dan %(count)d entri lainnya.") % {"count": len(lines) - 20}] if len(lines) > 20 else []
    return [head, *lines[:20], *more]


@transaction.atomic
def entry_assign_judges(*, user, round: Round, seed: int = 0) -> list[Assignment]:
    """Give every entry of the round its missing judges: conflict-free, balanced, sector-aware."""
    require_secretariat(user)
    round_ = _lock_round(round)
    _require_assignable(round_)
    entries = list(round_entries(round_))
    active = {}
    for entry_id in Assignment.objects.filter(round=round_, status__in=ACTIVE_ASSIGNMENT).values_list("entry_id", flat=True):
        active[entry_id] = active.get(entry_id, 0) + 1
    needs = {entry.pk: max(round_.judges_per_entry - active.get(entry.pk, 0), 0) for entry in entries}
    entries = [entry for entry in entries if needs[entry.pk] > 0]
    if not entries:
        raise ValidationError(_("Semua entri babak ini sudah memiliki juri yang cukup."))
    try:
        plan = _plan(round_, entries, needs, seed)
    except AssignmentInfeasible as exc:
        raise ValidationError(_infeasible_message(exc, {e.pk: e for e in entries})) from None
    created = Assignment.objects.bulk_create(
        [Assignment(round=round_, entry_id=entry_id, judge_id=judge_id) for entry_id, judge_id in plan.pairs()],
        batch_size=2500,
    )
    if round_.status == RoundStatus.DRAFT:
        round_.status = RoundStatus.SCORING
        round_.save(update_fields=["status"])
    audit_record(
        actor=user,
        action="competition.assign",
        target=round_,
        data={"seed": seed, "created": len(created), "mismatches": plan.mismatches, "pairs": sorted(plan.pairs())},
    )
    return created


def _check_manual(round_: Round, entry: Entry, judge: JudgeProfile) -> None:
    if entry.current_round_id != round_.pk or entry.status != EntryStatus.IN_ROUND:
        raise ValidationError(_("Entri %(code)s tidak sedang berada di babak ini.") % {"code": entry.code})
    if not round_.judges.filter(pk=judge.pk, is_active=True).exists():
        raise ValidationError(_("%(judge)s bukan anggota panel juri babak ini.") % {"judge": judge})
    if entry_conflicted(affiliation_of(judge), entry):
        raise ValidationError(
            _("%(judge)s memiliki konflik kepentingan dengan entri %(code)s.") % {"judge": judge, "code": entry.code}
        )
    if Assignment.objects.filter(round=round_, entry=entry, judge=judge).exclude(status=AssignmentStatus.REMOVED).exists():
        raise ValidationError(_("%(judge)s sudah ditugaskan pada entri %(code)s.") % {"judge": judge, "code": entry.code})


def _add(round_, entry, judge, source) -> Assignment:
    assignment, _created = Assignment.objects.update_or_create(
        round=round_, entry=entry, judge=judge, defaults={"status": AssignmentStatus.PENDING, "source": source}
    )
    return assignment


@transaction.atomic
def assignment_add(*, user, round: Round, entry: Entry, judge: JudgeProfile) -> Assignment:
    require_secretariat(user)
    round_ = _lock_round(round)
    _require_assignable(round_)
    _check_manual(round_, entry, judge)
    assignment = _add(round_, entry, judge, AssignmentSource.MANUAL)
    if round_.status == RoundStatus.DRAFT:
        round_.status = RoundStatus.SCORING
        round_.save(update_fields=["status"])
    audit_record(actor=user, action="competition.assign.add", target=assignment, data={"entry": entry.pk, "judge": judge.pk})
    return assignment


@transaction.atomic
def assignment_remove(*, user, assignment: Assignment, reason: str) -> Assignment:
    require_secretariat(user)
    assignment = Assignment.objects.select_for_update(of=("self",)).select_related("round").get(pk=assignment.pk)
    _require_assignable(assignment.round)
    reason = required_text(reason, _("Tuliskan alasan pencabutan penugasan."))
    if assignment.status not in {AssignmentStatus.PENDING, AssignmentStatus.DRAFT}:
        raise TransitionNotAllowed(_("Penugasan yang sudah dinilai atau dicabut tidak dapat dicabut."))
    assignment.status = AssignmentStatus.REMOVED
    assignment.save(update_fields=["status"])
    audit_record(actor=user, action="competition.assign.remove", target=assignment, data={"reason": reason})
    return assignment


@transaction.atomic
def assignments_import_csv(*, user, round: Round, csv_text: str) -> list[Assignment]:
    """Bulk assignment from CSV with columns `entri` (entry number) and `juri` (username or e-mail).

    All or nothing: any bad line refuses the whole file with its line number.
    """
    require_secretariat(user)
    round_ = _lock_round(round)
    _require_assignable(round_)
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    fields = {name.strip().lower() for name in (reader.fieldnames or [])}
    entry_col = "entri" if "entri" in fields else "entry"
    judge_col = "juri" if "juri" in fields else "judge"
    if entry_col not in fields or judge_col not in fields:
        raise ValidationError(_("Berkas CSV harus berkolom \"entri\" dan \"juri\"."))
    entries = {e.code: e for e in round_entries(round_)}
    panel = {judge.pk: judge for judge in _panel(round_)}
    by_login = {}
    for judge in panel.values():
        by_login[judge.user.username.lower()] = judge
        if judge.user.email:
            by_login[judge.user.email.lower()] = judge
    errors, pairs, seen = [], [], set()
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        code, login = row.get(entry_col, ""), row.get(judge_col, "").lower()
        entry, judge = entries.get(code), by_login.get(login)
        if entry is None:
            errors.append(_("baris %(line)d: entri \"%(code)s\" tidak ada di babak ini") % {"line": line, "code": code})
            continue
        if judge is None:
            errors.append(_("baris %(line)d: \"%(login)s\" bukan juri panel babak ini") % {"line": line, "login": login})
            continue
        if (entry.pk, judge.pk) in seen:
            errors.append(_("baris %(line)d: pasangan ini sudah ada di baris sebelumnya") % {"line": line})
            continue
        try:
            _check_manual(round_, entry, judge)
        except ValidationError as exc:
            errors.append(_("baris %(line)d: %(error)s") % {"line": line, "error": " ".join(exc.messages)})
            continue
        seen.add((entry.pk, judge.pk))
        pairs.append((entry, judge))
    if errors:
        raise ValidationError([_("Berkas CSV ditolak; tidak ada yang disimpan."), *errors])
    if not pairs:
        raise ValidationError(_("Berkas CSV tidak berisi penugasan."))
    created = [_add(round_, entry, judge, AssignmentSource.CSV) for entry, judge in pairs]
    if round_.status == RoundStatus.DRAFT:
        round_.status = RoundStatus.SCORING
        round_.save(update_fields=["status"])
    audit_record(
        actor=user,
        action="competition.assign.csv",
        target=round_,
        data={"pairs": sorted([entry.pk, judge.pk] for entry, judge in pairs)},
    )
    return created


def _own_assignment(user, assignment: Assignment) -> Assignment:
    """The judge's own, active, non-conflicted assignment, locked; anything else is refused."""
    profile = judge_profile(user)
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("round", "round__competition", "entry", "judge", "judge__agency")
        .get(pk=assignment.pk)
    )
    if profile is None or assignment.judge_id != profile.pk or assignment.status not in ACTIVE_ASSIGNMENT:
        raise PermissionDenied(_("Penugasan ini bukan milik Anda."))
    if entry_conflicted(affiliation_of(assignment.judge), assignment.entry):
        raise PermissionDenied(_("Anda memiliki konflik kepentingan dengan entri ini."))
    return assignment


@transaction.atomic
def conflict_declare(*, user, assignment: Assignment, reason: str, seed: int = 0) -> Assignment | None:
    """The judge declares a conflict: the assignment is dropped and another judge takes it.

    Returns the replacement assignment, or None when no panel judge is free of
    conflicts (the secretariat sees the entry short of judges on its dashboard).
    """
    assignment = _own_assignment(user, assignment)
    reason = required_text(reason, _("Jelaskan singkat konflik kepentingan Anda."))
    round_ = _lock_round(assignment.round)
    if round_.status == RoundStatus.DECIDED:
        raise TransitionNotAllowed(_("Babak ini sudah diputuskan."))
    ConflictDeclaration.objects.get_or_create(judge=assignment.judge, entry=assignment.entry, defaults={"reason": reason})
    assignment.status = AssignmentStatus.DECLINED
    assignment.save(update_fields=["status"])
    replacement = None
    try:
        plan = _plan(round_, [assignment.entry], {assignment.entry_id: 1}, seed)
    except AssignmentInfeasible:
        plan = None
    if plan is not None:
        (judge_id,) = plan.judges_of[assignment.entry_id]
        replacement = Assignment.objects.create(round=round_, entry=assignment.entry, judge_id=judge_id)
    audit_record(
        actor=user,
        action="competition.conflict.declare",
        target=assignment,
        data={"entry": assignment.entry_id, "reason": reason, "replacement_judge": replacement.judge_id if replacement else None},
    )
    return replacement


def _parse_value(raw, criterion) -> Decimal | None:
    if raw is None or raw == "":
        return None
    try:
        value = Decimal(str(raw)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Nilai %(criterion)s bukan angka.") % {"criterion": criterion.name}) from None
    if not criterion.scale_min <= value <= criterion.scale_max:
        raise ValidationError(
            _("Nilai %(criterion)s harus antara %(min)d dan %(max)d.")
            % {"criterion": criterion.name, "min": criterion.scale_min, "max": criterion.scale_max}
        )
    return value


def criterion_specs(criteria) -> list[CriterionSpec]:
    return [CriterionSpec(c.pk, float(c.weight), c.scale_min, c.scale_max) for c in criteria]


@transaction.atomic
def scores_save(
    *,
    user,
    assignment: Assignment,
    values: dict,
    comments: dict | None = None,
    confidence: int | None = None,
    submit: bool = False,
    now=None,
) -> Assignment:
    """Save the judge's scores as a draft, or submit them (then only a reopening allows changes)."""
    now = now_or(now)
    assignment = _own_assignment(user, assignment)
    round_ = assignment.round
    if assignment.status not in EDITABLE_ASSIGNMENT:
        raise TransitionNotAllowed(_("Nilai sudah dikirim; perubahan hanya setelah dibuka kembali oleh sekretariat."))
    reopened = assignment.status == AssignmentStatus.REOPENED
    if not (round_.status == RoundStatus.SCORING or (reopened and round_.status == RoundStatus.CLOSED)):
        raise TransitionNotAllowed(_("Penilaian babak ini sedang tidak dibuka."))
    if round_.deadline and now > round_.deadline and not reopened:
        raise TransitionNotAllowed(_("Batas penilaian sudah lewat; hubungi sekretariat untuk membukanya kembali."))
    criteria = list(round_.criteria.all())
    known = {c.pk for c in criteria}
    unknown = [key for key in values if int(key) not in known]
    if unknown:
        raise ValidationError(_("Kriteria tidak dikenal pada babak ini."))
    comments = comments or {}
    parsed = {c.pk: _parse_value(values.get(c.pk, values.get(str(c.pk))), c) for c in criteria}
    if confidence not in (None, "") and int(confidence) not in Confidence.values:
        raise ValidationError(_("Tingkat keyakinan tidak dikenal."))
    if submit:
        missing = [c.name for c in criteria if c.weight > 0 and parsed[c.pk] is None]
        if missing:
            raise ValidationError(_("Isi dulu nilai untuk: %(names)s.") % {"names": ", ".join(missing)})
        if confidence in (None, ""):
            raise ValidationError(_("Pilih tingkat keyakinan Anda sebelum mengirim."))
    existing = {score.criterion_id: score for score in assignment.scores.all()}
    for criterion in criteria:
        value = parsed[criterion.pk]
        comment = clean_plain_text(comments.get(criterion.pk, comments.get(str(criterion.pk), "")))
        if value is None:
            if criterion.pk in existing:
                existing[criterion.pk].delete()
            continue
        if criterion.pk in existing:
            score = existing[criterion.pk]
            if score.value != value or score.comment != comment:
                score.value, score.comment = value, comment
                score.save(update_fields=["value", "comment", "updated_at"])
        else:
            Score.objects.create(assignment=assignment, criterion=criterion, value=value, comment=comment)
    assignment.confidence = int(confidence) if confidence not in (None, "") else None
    if not submit:
        assignment.status = AssignmentStatus.REOPENED if reopened else AssignmentStatus.DRAFT
        assignment.save(update_fields=["status", "confidence"])
        return assignment
    scored = {c.pk: parsed[c.pk] for c in criteria if parsed[c.pk] is not None}
    assignment.total = judge_total({k: float(v) for k, v in scored.items()}, criterion_specs(criteria))
    assignment.digest = scores_digest(scored)
    assignment.status = AssignmentStatus.SUBMITTED
    assignment.submitted_at = now
    assignment.save(update_fields=["status", "confidence", "total", "digest", "submitted_at"])
    audit_record(
        actor=user,
        action=SCORE_SUBMIT_ACTION,
        target=assignment,
        data={
            "round": round_.pk,
            "entry": assignment.entry_id,
            "values": {str(k): str(v) for k, v in scored.items()},
            "total": round(assignment.total, 6),
            "confidence": assignment.confidence,
            "digest": assignment.digest,
            "resubmission": reopened,
        },
    )
    return assignment


@transaction.atomic
def assignment_reopen(*, user, assignment: Assignment, reason: str) -> Assignment:
    require_secretariat(user)
    assignment = Assignment.objects.select_for_update(of=("self",)).select_related("round").get(pk=assignment.pk)
    reason = required_text(reason, _("Tuliskan alasan membuka kembali penilaian ini."))
    if assignment.status != AssignmentStatus.SUBMITTED:
        raise TransitionNotAllowed(_("Hanya penilaian yang sudah dikirim yang dapat dibuka kembali."))
    if assignment.round.status not in {RoundStatus.SCORING, RoundStatus.CLOSED}:
        raise TransitionNotAllowed(_("Babak ini sudah diputuskan; penilaian tidak dapat dibuka kembali."))
    assignment.status = AssignmentStatus.REOPENED
    assignment.save(update_fields=["status"])
    audit_record(
        actor=user, action="competition.score.reopen", target=assignment, data={"reason": reason, "entry": assignment.entry_id}
    )
    return assignment
