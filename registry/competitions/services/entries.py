"""Entries: submission by an agency's verifier, withdrawal, the administrative check."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import audit_record
from registry.competitions.models import (
    AdminFailReason,
    Competition,
    Decision,
    DecisionOutcome,
    Entry,
    EntryStatus,
    GroupKind,
    RoundKind,
)
from registry.competitions.permissions import require_entry_verifier, require_secretariat
from registry.competitions.services._common import now_or
from registry.competitions.snapshot import freeze
from registry.core.exceptions import TransitionNotAllowed
from registry.core.text import clean_plain_text
from registry.innovations.models import Innovation


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    # The same day of the month, or the month's last day when it is shorter.
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def implemented_since(innovation: Innovation) -> date | None:
    """The date the innovation was first implemented; a bare year counts from 1 January."""
    if innovation.implemented_on:
        return innovation.implemented_on
    if innovation.year_implemented:
        return date(innovation.year_implemented, 1, 1)
    return None


def eligibility_problems(*, competition: Competition, innovation: Innovation, group, replication_project=None) -> list[str]:
    """Every rule the innovation breaks for this competition and group (empty when eligible)."""
    problems = []
    if not innovation.live:
        problems.append(_("Hanya inovasi yang sudah terbit di katalog yang dapat diikutkan."))
    since = implemented_since(innovation)
    deadline = timezone.localtime(competition.submission_deadline).date()
    latest_start = months_before(deadline, competition.min_months_implemented)
    if since is None:
        problems.append(_("Tanggal atau tahun mulai diterapkan belum diisi pada inovasi."))
    elif since > latest_start:
        problems.append(
            _("Inovasi harus sudah diterapkan paling lambat %(date)s (%(months)d bulan sebelum batas pendaftaran).")
            % {"date": latest_start.strftime("%d-%m-%Y"), "months": competition.min_months_implemented}
        )
    if competition.exclude_recent_winners:
        recent_win = Entry.objects.filter(
            innovation=innovation,
            status=EntryStatus.WINNER,
            competition__results_published_at__isnull=False,
            competition__year__gte=competition.year - competition.exclude_recent_winners,
            competition__year__lt=competition.year,
        ).select_related("competition").first()
        if recent_win:
            problems.append(
                _("Inovasi ini sudah menang di %(name)s; pemenang %(count)d edisi terakhir tidak boleh ikut lagi.")
                % {"name": recent_win.competition.name, "count": competition.exclude_recent_winners}
            )
    if group.kind == GroupKind.REPLIKASI:
        if replication_project is None:
            problems.append(_("Entri kelompok replikasi harus menautkan proyek replikasinya."))
        elif (
            replication_project.adopter_id != innovation.agency_id
            or replication_project.is_stopped
            or not (
                replication_project.replica_id == innovation.pk
                or (innovation.replicated_from_id and replication_project.origin_id == innovation.replicated_from_id)
            )
        ):
            problems.append(_("Proyek replikasi itu bukan replikasi aktif instansi ini atas inovasi ini."))
    return problems


@transaction.atomic
def entry_submit(
    *, user, competition: Competition, innovation: Innovation, group, category, replication_project=None, now=None
) -> Entry:
    now = now_or(now)
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    innovation = Innovation.objects.select_related("agency", "province", "regency").get(pk=innovation.pk)
    require_entry_verifier(user, innovation.agency_id)
    if group.competition_id != competition.pk or category.competition_id != competition.pk:
        raise ValidationError(_("Kelompok atau kategori itu bukan bagian dari kompetisi ini."))
    if not competition.submission_opens <= now <= competition.submission_deadline:
        raise TransitionNotAllowed(_("Pendaftaran kompetisi ini sedang tidak dibuka."))
    if Entry.objects.filter(competition=competition, innovation=innovation).exclude(status=EntryStatus.WITHDRAWN).exists():
        raise ValidationError(_("Inovasi ini sudah didaftarkan pada kompetisi ini."))
    problems = eligibility_problems(
        competition=competition, innovation=innovation, group=group, replication_project=replication_project
    )
    if problems:
        raise ValidationError(problems)
    used = (
        Entry.objects.filter(competition=competition, group=group, agency_id=innovation.agency_id)
        .exclude(status=EntryStatus.WITHDRAWN)
        .count()
    )
    if used >= group.quota_per_agency:
        raise ValidationError(
            _("Kuota instansi Anda di kelompok %(group)s sudah terpakai (%(quota)d entri).")
            % {"group": group.name, "quota": group.quota_per_agency}
        )
    people = [user.get_full_name()]
    if innovation.created_by_id:
        people.append(innovation.created_by.get_full_name())
    number = Entry.objects.filter(competition=competition).count() + 1
    entry = Entry.objects.create(
        competition=competition,
        group=group,
        category=category,
        innovation=innovation,
        agency_id=innovation.agency_id,
        province_id=innovation.province_id or innovation.agency.province_id,
        regency_id=innovation.regency_id or innovation.agency.regency_id,
        replication_project=replication_project if group.kind == GroupKind.REPLIKASI else None,
        code=f"{competition.year}-{number:04d}",
        revision_id=innovation.live_revision_id,
        snapshot=freeze(innovation, people=people),
        status=EntryStatus.SUBMITTED,
        submitted_by=user,
        submitted_at=now,
    )
    audit_record(
        actor=user,
        action="competition.entry.submit",
        target=entry,
        data={"competition": competition.pk, "innovation": innovation.pk, "revision": entry.revision_id, "group": group.pk, "category": category.pk},
    )
    return entry


@transaction.atomic
def entry_withdraw(*, user, entry: Entry, reason: str = "", now=None) -> Entry:
    now = now_or(now)
    entry = Entry.objects.select_for_update(of=("self",)).select_related("competition").get(pk=entry.pk)
    require_entry_verifier(user, entry.agency_id)
    if entry.status != EntryStatus.SUBMITTED:
        raise TransitionNotAllowed(_("Entri yang sudah diperiksa sekretariat tidak dapat ditarik."))
    if now > entry.competition.submission_deadline:
        raise TransitionNotAllowed(_("Batas pendaftaran sudah lewat; entri tidak dapat ditarik lagi."))
    entry.status = EntryStatus.WITHDRAWN
    entry.withdrawn_at = now
    entry.withdrawal_reason = clean_plain_text(reason)
    entry.save(update_fields=["status", "withdrawn_at", "withdrawal_reason"])
    audit_record(actor=user, action="competition.entry.withdraw", target=entry, data={"reason": entry.withdrawal_reason})
    return entry


@transaction.atomic
def entry_admin_check(*, user, entry: Entry, passed: bool, reasons: list[str] | None = None, note: str = "", now=None) -> Decision:
    """Pass or fail an entry's administrative check (changeable until the list is published)."""
    require_secretariat(user)
    now = now_or(now)
    entry = Entry.objects.select_for_update(of=("self",)).select_related("competition").get(pk=entry.pk)
    admin_round = entry.competition.rounds.filter(kind=RoundKind.ADMIN_CHECK).order_by("sort_order").first()
    if admin_round is None:
        raise ValidationError(_("Kompetisi ini tidak memiliki babak seleksi administrasi."))
    if admin_round.results_published_at:
        raise TransitionNotAllowed(_("Hasil seleksi administrasi sudah diumumkan."))
    first_judged = entry.competition.rounds.filter(sort_order__gt=admin_round.sort_order).order_by("sort_order").first()
    checkable = entry.status in {EntryStatus.SUBMITTED, EntryStatus.ADMIN_FAILED} or (
        entry.status == EntryStatus.IN_ROUND
        and entry.current_round_id == (first_judged.pk if first_judged else None)
        and not entry.assignments.exists()
    )
    if not checkable:
        raise TransitionNotAllowed(
            _("Entri berstatus \"%(status)s\" tidak dapat diperiksa lagi.") % {"status": entry.get_status_display()}
        )
    reasons = list(dict.fromkeys(reasons or []))
    unknown = [code for code in reasons if code not in AdminFailReason.values]
    if unknown:
        raise ValidationError(_("Alasan tidak dikenal: %(codes)s.") % {"codes": ", ".join(unknown)})
    note = clean_plain_text(note)
    if not passed and not reasons:
        raise ValidationError(_("Pilih sekurang-kurangnya satu alasan entri tidak lolos."))
    if AdminFailReason.OTHER in reasons and not note:
        raise ValidationError(_("Alasan \"lainnya\" perlu dijelaskan dalam catatan."))
    outcome = DecisionOutcome.PASSED if passed else DecisionOutcome.FAILED
    decision, _created = Decision.objects.update_or_create(
        entry=entry,
        round=admin_round,
        defaults={
            "outcome": outcome,
            "reasons": [] if passed else reasons,
            "note": note,
            "decided_by": user,
            "decided_at": now,
        },
    )
    entry.status = EntryStatus.IN_ROUND if passed else EntryStatus.ADMIN_FAILED
    entry.current_round = first_judged if passed else None
    entry.save(update_fields=["status", "current_round"])
    audit_record(
        actor=user,
        action="competition.decision.admin_check",
        target=entry,
        data={"outcome": outcome, "reasons": decision.reasons, "note": note, "round": admin_round.pk},
    )
    return decision
