"""Finalists, the public objection window, winners and the published results."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from registry.audit.services import audit_record
from registry.competitions.models import (
    Competition,
    Decision,
    DecisionOutcome,
    Entry,
    EntryRoundResult,
    EntryStatus,
    Objection,
    ObjectionStatus,
)
from registry.competitions.permissions import require_secretariat
from registry.competitions.services._common import now_or, required_text
from registry.core.exceptions import TransitionNotAllowed
from registry.innovations import signals as innovation_signals
from registry.innovations.models import Innovation


@transaction.atomic
def competition_publish_finalists(*, user, competition: Competition, objection_opens, objection_closes, now=None) -> Competition:
    require_secretariat(user)
    now = now_or(now)
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    if competition.finalists_published_at:
        raise TransitionNotAllowed(_("Daftar finalis sudah diumumkan."))
    if not Entry.objects.filter(competition=competition, status=EntryStatus.FINALIST).exists():
        raise ValidationError(_("Belum ada finalis: putuskan dulu babak terakhir."))
    if not objection_opens or not objection_closes or objection_opens >= objection_closes:
        raise ValidationError(_("Masa sanggah harus ditutup setelah dibuka."))
    competition.finalists_published_at = now
    competition.objection_opens, competition.objection_closes = objection_opens, objection_closes
    competition.save(update_fields=["finalists_published_at", "objection_opens", "objection_closes"])
    audit_record(
        actor=user,
        action="competition.finalists.publish",
        target=competition,
        data={
            "finalists": sorted(Entry.objects.filter(competition=competition, status=EntryStatus.FINALIST).values_list("pk", flat=True)),
            "objection_opens": objection_opens.isoformat(),
            "objection_closes": objection_closes.isoformat(),
        },
    )
    return competition


def objection_window_open(competition: Competition, now) -> bool:
    return bool(
        competition.finalists_published_at
        and competition.objection_opens
        and competition.objection_closes
        and competition.objection_opens <= now <= competition.objection_closes
    )


@transaction.atomic
def objection_submit(*, entry: Entry, name: str, contact: str, reason: str, user=None, now=None) -> Objection:
    """Anyone may object to a published finalist while the window is open."""
    now = now_or(now)
    entry = Entry.objects.select_related("competition").get(pk=entry.pk)
    if entry.status != EntryStatus.FINALIST or not objection_window_open(entry.competition, now):
        raise TransitionNotAllowed(_("Masa sanggah untuk entri ini tidak sedang dibuka."))
    name = required_text(name, _("Tuliskan nama Anda."))[:150]
    contact = required_text(contact, _("Tuliskan surel atau nomor telepon yang dapat dihubungi."))[:150]
    reason = required_text(reason, _("Tuliskan alasan sanggahan."))
    objection = Objection.objects.create(entry=entry, name=name, contact=contact, reason=reason)
    # The objector's contact stays out of the audit data: the chain is kept forever.
    audit_record(actor=user, action="competition.objection.submit", target=objection, data={"entry": entry.pk})
    return objection


@transaction.atomic
def objection_decide(*, user, objection: Objection, upheld: bool, note: str, now=None) -> Objection:
    require_secretariat(user)
    now = now_or(now)
    objection = Objection.objects.select_for_update(of=("self",)).select_related("entry").get(pk=objection.pk)
    if objection.status != ObjectionStatus.RECEIVED:
        raise TransitionNotAllowed(_("Sanggahan ini sudah diputuskan."))
    note = required_text(note, _("Tuliskan pertimbangan keputusan atas sanggahan ini."))
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    objection.decision_note, objection.decided_by, objection.decided_at = note, user, now
    objection.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    entry = objection.entry
    if upheld and entry.status == EntryStatus.FINALIST:
        entry.status = EntryStatus.NOT_AWARDED
        entry.save(update_fields=["status"])
        Decision.objects.create(
            entry=entry, round=None, outcome=DecisionOutcome.NOT_AWARDED, reasons=["objection_upheld"], note=note,
            decided_by=user, decided_at=now,
        )
    audit_record(
        actor=user, action="competition.objection.decide", target=objection,
        data={"entry": entry.pk, "upheld": upheld, "note": note},
    )
    return objection


def _tiebreak(entry_ids) -> dict:
    """(heaviest-criterion score, submitted_at) from the entries' last weighted round, for ties."""
    rows = EntryRoundResult.objects.filter(entry_id__in=entry_ids).order_by("round__sort_order")
    return {entry_id: heaviest for entry_id, heaviest in rows.values_list("entry_id", "heaviest_criterion_score")}


@transaction.atomic
def competition_decide_winners(*, user, competition: Competition, now=None) -> list[Entry]:
    """The best finalists of each category by final score become winners; the others are not awarded."""
    require_secretariat(user)
    now = now_or(now)
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    if not competition.finalists_published_at:
        raise TransitionNotAllowed(_("Umumkan dulu daftar finalis dan buka masa sanggah."))
    if competition.objection_closes and now <= competition.objection_closes:
        raise TransitionNotAllowed(_("Masa sanggah belum berakhir."))
    if Objection.objects.filter(entry__competition=competition, status=ObjectionStatus.RECEIVED).exists():
        raise ValidationError(_("Masih ada sanggahan yang belum diputuskan."))
    finalists = list(Entry.objects.filter(competition=competition, status=EntryStatus.FINALIST).select_related("category"))
    if not finalists:
        raise ValidationError(_("Tidak ada finalis yang dapat ditetapkan sebagai pemenang."))
    heaviest = _tiebreak([e.pk for e in finalists])
    ordered = sorted(
        finalists,
        key=lambda e: (-round(e.final_score or 0.0, 6), -round(heaviest.get(e.pk, 0.0), 6), e.submitted_at, e.pk),
    )
    taken, winners, decisions = {}, [], []
    for position, entry in enumerate(ordered, 1):
        entry.final_rank = position
        won = taken.get(entry.category_id, 0) < entry.category.winners
        if won:
            taken[entry.category_id] = taken.get(entry.category_id, 0) + 1
            winners.append(entry)
        entry.status = EntryStatus.WINNER if won else EntryStatus.NOT_AWARDED
        decisions.append(
            Decision(
                entry=entry, round=None, outcome=DecisionOutcome.WINNER if won else DecisionOutcome.NOT_AWARDED,
                reasons=[], note="", decided_by=user, decided_at=now,
            )
        )
    Entry.objects.bulk_update(ordered, ["status", "final_rank"])
    Decision.objects.bulk_create(decisions)
    audit_record(
        actor=user,
        action="competition.winners.decide",
        target=competition,
        data={"winners": sorted(e.pk for e in winners), "finalists": len(finalists)},
    )
    return winners


def recount_awards(innovation_ids) -> list[int]:
    """Innovation.award_count = the innovation's wins in editions whose results are published.

    Returns the innovations whose count changed."""
    counts = dict(
        Innovation.objects.filter(pk__in=innovation_ids)
        .annotate(
            wins=Count(
                "competition_entries",
                filter=Q(
                    competition_entries__status=EntryStatus.WINNER,
                    competition_entries__competition__results_published_at__isnull=False,
                ),
            )
        )
        .values_list("pk", "wins")
    )
    changed = []
    for innovation_id, wins in counts.items():
        if Innovation.objects.filter(pk=innovation_id).exclude(award_count=wins).update(award_count=wins):
            changed.append(innovation_id)
    return changed


@transaction.atomic
def competition_publish_results(*, user, competition: Competition, now=None) -> Competition:
    require_secretariat(user)
    now = now_or(now)
    competition = Competition.objects.select_for_update().get(pk=competition.pk)
    if competition.results_published_at:
        raise TransitionNotAllowed(_("Hasil kompetisi ini sudah diumumkan."))
    if not Entry.objects.filter(competition=competition, status=EntryStatus.WINNER).exists():
        raise ValidationError(_("Tetapkan dulu para pemenang."))
    competition.results_published_at = now
    competition.save(update_fields=["results_published_at"])
    innovation_ids = list(Entry.objects.filter(competition=competition).values_list("innovation_id", flat=True).distinct())
    changed = recount_awards(innovation_ids)
    audit_record(
        actor=user,
        action="competition.results.publish",
        target=competition,
        data={"winners": sorted(Entry.objects.filter(competition=competition, status=EntryStatus.WINNER).values_list("pk", flat=True))},
    )

    def notify():
        for innovation_id in changed:
            innovation_signals.innovation_changed.send(Innovation, innovation_id=innovation_id)

    transaction.on_commit(notify)
    return competition

