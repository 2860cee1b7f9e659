"""Rounds: closing, aggregation, moderation of disagreements, advancement, publication."""

import hashlib
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from registry.audit.services import audit_record
from registry.competitions import scoring
from registry.competitions.assignment import AssignmentInfeasible
from registry.competitions.models import (
    Advancement,
    Assignment,
    AssignmentSource,
    AssignmentStatus,
    Decision,
    DecisionOutcome,
    DisagreementAction,
    Entry,
    EntryRoundResult,
    EntryStatus,
    Round,
    RoundKind,
    RoundStatus,
    Score,
)
from registry.competitions.permissions import require_secretariat
from registry.competitions.services._common import listing, now_or, required_text
from registry.competitions.services.judging import _plan, criterion_specs, round_entries
from registry.core.exceptions import TransitionNotAllowed


@dataclass
class RoundComputation:
    totals: dict  # entry id -> judge id -> total
    scores: dict  # entry id -> the round's score
    disagreement: dict
    heaviest: dict  # entry id -> mean score on the heaviest criterion
    ranking: list
    alpha: float | None
    entries: dict  # entry id -> (submitted_at, category_id, code)


def compute_round(round_: Round) -> RoundComputation:
    """Everything §4 says about a round, from the submitted scores of the entries in it."""
    criteria = list(round_.criteria.all())
    if not criteria:
        raise ValidationError(_("Babak ini belum memiliki kriteria penilaian."))
    specs = criterion_specs(criteria)
    top_weight = max(c.weight for c in criteria)
    heaviest_id = next(c.pk for c in criteria if c.weight == top_weight)
    entries = {
        pk: (submitted_at, category_id, code)
        for pk, submitted_at, category_id, code in round_entries(round_).values_list("pk", "submitted_at", "category_id", "code")
    }
    per_assignment: dict[int, tuple] = {}
    rows = Score.objects.filter(
        assignment__round=round_, assignment__status=AssignmentStatus.SUBMITTED, assignment__entry_id__in=list(entries)
    ).values_list("assignment_id", "assignment__entry_id", "assignment__judge_id", "criterion_id", "value")
    for assignment_id, entry_id, judge_id, criterion_id, value in rows.iterator(chunk_size=5000):
        per_assignment.setdefault(assignment_id, (entry_id, judge_id, {}))[2][criterion_id] = float(value)
    totals: dict = {}
    heaviest_values: dict = {}
    for entry_id, judge_id, values in per_assignment.values():
        totals.setdefault(entry_id, {})[judge_id] = scoring.judge_total(values, specs)
        heaviest_values.setdefault(entry_id, []).append(values.get(heaviest_id, 0.0))
    scores = scoring.aggregate(totals, round_.aggregation, trim_fraction=round_.trim_fraction)
    heaviest = {entry_id: sum(v) / len(v) for entry_id, v in heaviest_values.items()}
    ranking = scoring.rank(scores, heaviest_criterion_scores=heaviest, submitted_at={pk: e[0] for pk, e in entries.items()})
    return RoundComputation(
        totals=totals,
        scores=scores,
        disagreement={entry_id: scoring.disagreement(list(j.values())) for entry_id, j in totals.items()},
        heaviest=heaviest,
        ranking=ranking,
        alpha=scoring.krippendorff_alpha_interval(totals),
        entries=entries,
    )


def _store(round_: Round, computation: RoundComputation, now) -> list[EntryRoundResult]:
    previous = {r.entry_id: r for r in EntryRoundResult.objects.filter(round=round_)}
    ranks = {row.entry: row.rank for row in computation.ranking}
    results = []
    for entry_id in computation.entries:
        judges = computation.totals.get(entry_id, {})
        spread = computation.disagreement.get(entry_id, 0.0)
        flagged = len(judges) > 1 and spread > round_.disagreement_threshold
        resolved, note = False, ""
        old = previous.get(entry_id)
        if flagged and old is not None and old.flag_resolved and abs(old.disagreement - spread) < 1e-9:
            resolved, note = True, old.flag_note  # the same scores the secretariat already looked at
        if flagged and round_.disagreement_action == DisagreementAction.ADD_JUDGE and len(judges) > round_.judges_per_entry:
            resolved, note = True, note or _("Juri tambahan sudah menilai.")
        results.append(
            EntryRoundResult(
                round=round_,
                entry_id=entry_id,
                score=computation.scores.get(entry_id),
                judge_count=len(judges),
                disagreement=spread,
                flagged=flagged,
                flag_resolved=resolved,
                flag_note=note,
                heaviest_criterion_score=computation.heaviest.get(entry_id, 0.0),
                rank=ranks.get(entry_id),
                computed_at=now,
            )
        )
    EntryRoundResult.objects.filter(round=round_).delete()
    return EntryRoundResult.objects.bulk_create(results, batch_size=1000)


def _results_digest(computation: RoundComputation) -> str:
    payload = json.dumps(sorted([k, round(v, 6)] for k, v in computation.scores.items()))
    return hashlib.sha256(payload.encode()).hexdigest()


def _lock_judged_round(round_: Round) -> Round:
    round_ = Round.objects.select_for_update(of=("self",)).select_related("competition").get(pk=round_.pk)
    if not round_.is_judged:
        raise ValidationError(_("Babak seleksi administrasi tidak memiliki nilai juri."))
    return round_


@transaction.atomic
def round_close(*, user, round: Round) -> Round:
    require_secretariat(user)
    round_ = _lock_judged_round(round)
    if round_.status != RoundStatus.SCORING:
        raise TransitionNotAllowed(_("Hanya babak yang sedang dinilai yang dapat ditutup."))
    round_.status = RoundStatus.CLOSED
    round_.save(update_fields=["status"])
    audit_record(actor=user, action="competition.round.close", target=round_)
    return round_


@transaction.atomic
def round_aggregate(*, user, round: Round, now=None) -> RoundComputation:
    require_secretariat(user)
    now = now_or(now)
    round_ = _lock_judged_round(round)
    if round_.status not in {RoundStatus.SCORING, RoundStatus.CLOSED}:
        raise TransitionNotAllowed(_("Nilai babak ini hanya dapat dihitung selama penilaian atau setelah ditutup."))
    computation = compute_round(round_)
    results = _store(round_, computation, now)
    round_.agreement_alpha = computation.alpha
    round_.aggregated_at = now
    round_.save(update_fields=["agreement_alpha", "aggregated_at"])
    audit_record(
        actor=user,
        action="competition.round.aggregate",
        target=round_,
        data={
            "method": round_.aggregation,
            "alpha": computation.alpha,
            "entries": len(results),
            "flagged": sum(1 for r in results if r.flagged),
            "results_digest": _results_digest(computation),
        },
    )
    return computation


@transaction.atomic
def result_resolve_flag(*, user, result: EntryRoundResult, note: str) -> EntryRoundResult:
    """The secretariat looked at a disagreement and accepts the scores as they are."""
    require_secretariat(user)
    result = EntryRoundResult.objects.select_for_update(of=("self",)).select_related("round").get(pk=result.pk)
    note = required_text(note, _("Tuliskan hasil moderasi."))
    if not result.needs_moderation:
        raise TransitionNotAllowed(_("Entri ini tidak sedang menunggu moderasi."))
    if result.round.status == RoundStatus.DECIDED:
        raise TransitionNotAllowed(_("Babak ini sudah diputuskan."))
    result.flag_resolved, result.flag_note = True, note
    result.save(update_fields=["flag_resolved", "flag_note"])
    audit_record(actor=user, action="competition.result.moderate", target=result.entry, data={"round": result.round_id, "note": note})
    return result


@transaction.atomic
def result_add_judge(*, user, result: EntryRoundResult, seed: int = 0) -> Assignment:
    """A further judge for an entry whose judges disagree (the round goes back to scoring)."""
    require_secretariat(user)
    result = EntryRoundResult.objects.select_related("entry").get(pk=result.pk)
    round_ = _lock_judged_round(result.round)
    if round_.status not in {RoundStatus.SCORING, RoundStatus.CLOSED}:
        raise TransitionNotAllowed(_("Juri hanya dapat ditambahkan sebelum babak diputuskan."))
    try:
        plan = _plan(round_, [result.entry], {result.entry_id: 1}, seed)
    except AssignmentInfeasible:
        raise ValidationError(_("Tidak ada lagi juri panel yang bebas konflik untuk entri ini.")) from None
    (judge_id,) = plan.judges_of[result.entry_id]
    assignment = Assignment.objects.create(round=round_, entry=result.entry, judge_id=judge_id, source=AssignmentSource.MANUAL)
    if round_.status == RoundStatus.CLOSED:
        round_.status = RoundStatus.SCORING
        round_.save(update_fields=["status"])
    audit_record(
        actor=user, action="competition.assign.extra_judge", target=assignment, data={"entry": result.entry_id, "judge": judge_id}
    )
    return assignment


def _rule(round_: Round) -> scoring.AdvancementRule:
    quotas = {q.category_id: q.quota for q in round_.category_quotas.all()}
    return scoring.AdvancementRule(round_.advancement, round_.advance_count, round_.advance_threshold, quotas)


def update_final_scores(entry_ids) -> None:
    """Σ w·s / Σ w over the entry's weighted rounds (scoring.final_score)."""
    by_entry: dict[int, list] = {}
    rows = EntryRoundResult.objects.filter(entry_id__in=entry_ids, round__weight__gt=0, score__isnull=False)
    for entry_id, weight, score in rows.values_list("entry_id", "round__weight", "score"):
        by_entry.setdefault(entry_id, []).append((weight, score))
    entries = list(Entry.objects.filter(pk__in=entry_ids).only("pk", "final_score"))
    for entry in entries:
        entry.final_score = scoring.final_score(by_entry.get(entry.pk, []))
    Entry.objects.bulk_update(entries, ["final_score"], batch_size=1000)


@transaction.atomic
def round_advance(*, user, round: Round, now=None) -> set:
    """Decide the round by its advancement rule; returns the ids of the entries that advance."""
    require_secretariat(user)
    now = now_or(now)
    round_ = _lock_judged_round(round)
    if round_.status != RoundStatus.CLOSED:
        raise TransitionNotAllowed(_("Tutup penilaian babak ini sebelum memutuskan siapa yang lolos."))
    computation = compute_round(round_)
    results = _store(round_, computation, now)
    codes = {pk: e[2] for pk, e in computation.entries.items()}
    unscored = [codes[r.entry_id] for r in results if r.score is None]
    if unscored:
        raise ValidationError(_("Entri berikut belum memiliki nilai juri: %(codes)s.") % {"codes": listing(unscored)})
    pending = [codes[r.entry_id] for r in results if r.needs_moderation]
    if pending:
        raise ValidationError(
            _("Perbedaan nilai antarjuri pada entri berikut belum dimoderasi: %(codes)s.") % {"codes": listing(pending)}
        )
    if round_.advancement == Advancement.NONE:
        advancing = set(computation.entries)
    else:
        category_of = {pk: e[1] for pk, e in computation.entries.items()}
        advancing = scoring.advancing(computation.ranking, _rule(round_), category_of=category_of)
    next_round = round_.next_round()
    entries = list(Entry.objects.filter(pk__in=list(computation.entries)))
    decisions = []
    for entry in entries:
        passed = entry.pk in advancing
        decisions.append(
            Decision(
                entry=entry,
                round=round_,
                outcome=DecisionOutcome.ADVANCED if passed else DecisionOutcome.ELIMINATED,
                reasons=[],
                note=round_.get_advancement_display(),
                decided_by=user,
                decided_at=now,
            )
        )
        if not passed:
            entry.status = EntryStatus.ELIMINATED
        elif next_round is not None:
            entry.status, entry.current_round = EntryStatus.IN_ROUND, next_round
        else:
            entry.status = EntryStatus.FINALIST
    Decision.objects.bulk_create(decisions, batch_size=1000)
    Entry.objects.bulk_update(entries, ["status", "current_round"], batch_size=1000)
    EntryRoundResult.objects.filter(round=round_).update(advanced=False)
    EntryRoundResult.objects.filter(round=round_, entry_id__in=advancing).update(advanced=True)
    update_final_scores([e.pk for e in entries])
    round_.status, round_.decided_at = RoundStatus.DECIDED, now
    round_.agreement_alpha, round_.aggregated_at = computation.alpha, now
    round_.save(update_fields=["status", "decided_at", "agreement_alpha", "aggregated_at"])
    audit_record(
        actor=user,
        action="competition.round.decide",
        target=round_,
        data={
            "rule": round_.advancement,
            "count": round_.advance_count,
            "threshold": round_.advance_threshold,
            "advanced": sorted(advancing),
            "results_digest": _results_digest(computation),
        },
    )
    return advancing


@transaction.atomic
def round_publish_results(*, user, round: Round, now=None) -> Round:
    """Publish a round's list: who passed the administrative check, or who advanced."""
    require_secretariat(user)
    now = now_or(now)
    round_ = Round.objects.select_for_update(of=("self",)).select_related("competition").get(pk=round.pk)
    if round_.results_published_at:
        raise TransitionNotAllowed(_("Hasil babak ini sudah diumumkan."))
    if round_.kind == RoundKind.ADMIN_CHECK:
        unchecked = list(
            Entry.objects.filter(competition=round_.competition, status=EntryStatus.SUBMITTED).values_list("code", flat=True)
        )
        if unchecked:
            raise ValidationError(
                _("Entri berikut belum diperiksa administrasinya: %(codes)s.") % {"codes": listing(unchecked)}
            )
        round_.status, round_.decided_at = RoundStatus.DECIDED, round_.decided_at or now
    elif round_.status != RoundStatus.DECIDED:
        raise TransitionNotAllowed(_("Putuskan dulu siapa yang lolos sebelum mengumumkan hasil babak."))
    round_.results_published_at = now
    round_.save(update_fields=["results_published_at", "status", "decided_at"])
    audit_record(actor=user, action="competition.round.publish", target=round_, data={"published_at": now.isoformat()})
    return round_
