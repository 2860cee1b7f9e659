"""Assignment, conflicts, scoring, reopening, aggregation and advancement through the services."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from registry.audit.models import AuditEvent
from registry.competitions import selectors, services
from registry.competitions.models import (
    Assignment,
    AssignmentStatus,
    ConflictDeclaration,
    EntryRoundResult,
    EntryStatus,
    RoundStatus,
    Score,
)
from registry.core.exceptions import TransitionNotAllowed
from tests.factories_competitions import JudgeFactory, entry_in_round

pytestmark = pytest.mark.django_db


def sheet(round_, value=7, **overrides):
    """{criterion_id: value} for every criterion of the round (overrides by criterion name)."""
    return {c.pk: overrides.get(c.name, value) for c in round_.criteria.all()}


def submit_scores(assignment, value=7, **overrides):
    user = assignment.judge.user
    return services.scores_save(
        user=user, assignment=assignment, values=sheet(assignment.round, value, **overrides), confidence=3, submit=True
    )


def test_every_entry_gets_its_judges_without_conflicts_and_balanced(edition, panel, conflicted_judge, desk_entry, secretariat):
    others = [entry_in_round(edition) for _ in range(5)]
    created = services.entry_assign_judges(user=secretariat, round=edition["desk"], seed=1)
    assert len(created) == 12
    for entry in [desk_entry, *others]:
        judges = list(Assignment.objects.filter(entry=entry).values_list("judge_id", flat=True))
        assert len(judges) == 2 == len(set(judges))
    assert not Assignment.objects.filter(entry=desk_entry, judge=conflicted_judge).exists()
    loads = [Assignment.objects.filter(judge=j).count() for j in [*panel, conflicted_judge]]
    assert max(loads) - min(loads) <= 1
    edition["desk"].refresh_from_db()
    assert edition["desk"].status == RoundStatus.SCORING
    assert AuditEvent.objects.filter(action="competition.assign").count() == 1


def test_infeasible_assignment_names_the_entry_and_writes_nothing(edition, desk_entry, conflicted_judge, secretariat):
    panel_of_one = JudgeFactory(user__username="juri_tunggal")
    edition["desk"].judges.set([panel_of_one, conflicted_judge])
    edition["desk"].save()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as info:
        services.entry_assign_judges(user=secretariat, round=edition["desk"])
    assert "2023-0001" in " ".join(info.value.messages)
    assert "hanya 1 juri" in " ".join(info.value.messages)
    assert not Assignment.objects.exists()
    assert AuditEvent.objects.count() == events
    edition["desk"].refresh_from_db()
    assert edition["desk"].status == RoundStatus.DRAFT


def test_regional_conflict_keeps_a_judge_of_the_same_city_away(edition, panel, desk_entry, secretariat):
    same_city = JudgeFactory(user__username="juri_madiun", regency_id="35.77")
    edition["desk"].judges.add(same_city)
    edition["desk"].save()
    services.entry_assign_judges(user=secretariat, round=edition["desk"])
    assert not Assignment.objects.filter(judge=same_city, entry=desk_entry).exists()
    with pytest.raises(ValidationError):
        services.assignment_add(user=secretariat, round=edition["desk"], entry=desk_entry, judge=same_city)


@pytest.fixture
def assigned(edition, panel, desk_entry, secretariat):
    services.entry_assign_judges(user=secretariat, round=edition["desk"], seed=0)
    return list(Assignment.objects.filter(entry=desk_entry).select_related("judge__user", "round"))


def test_draft_then_submit_then_only_a_reopening_allows_changes(assigned, secretariat):
    assignment = assigned[0]
    judge = assignment.judge.user
    values = sheet(assignment.round)
    draft = services.scores_save(user=judge, assignment=assignment, values={k: v for k, v in list(values.items())[:3]}, submit=False)
    assert draft.status == AssignmentStatus.DRAFT and Score.objects.filter(assignment=assignment).count() == 3
    done = services.scores_save(user=judge, assignment=assignment, values=values, comments={next(iter(values)): "<b>Bagus</b>"}, confidence=2, submit=True)
    assert done.status == AssignmentStatus.SUBMITTED
    # All sevens on 1–10: (7 − 1)/9 × 100 = 66.67 whatever the weights.
    assert done.total == pytest.approx(600 / 9)
    assert Score.objects.get(assignment=assignment, criterion_id=next(iter(values))).comment == "Bagus"
    with pytest.raises(TransitionNotAllowed):
        services.scores_save(user=judge, assignment=assignment, values=sheet(assignment.round, 9), confidence=2, submit=True)
    assert Assignment.objects.get(pk=assignment.pk).total == pytest.approx(600 / 9)
    with pytest.raises(ValidationError):
        services.assignment_reopen(user=secretariat, assignment=assignment, reason="  ")
    services.assignment_reopen(user=secretariat, assignment=assignment, reason="Juri salah memasukkan nilai signifikansi")
    services.scores_save(user=judge, assignment=assignment, values=sheet(assignment.round, 10), confidence=3, submit=True)
    assert Assignment.objects.get(pk=assignment.pk).total == pytest.approx(100)
    actions = list(AuditEvent.objects.filter(target_id=str(assignment.pk)).values_list("action", flat=True))
    assert actions == ["competition.score.submit", "competition.score.reopen", "competition.score.submit"]


def test_scores_outside_the_scale_or_incomplete_are_refused(assigned):
    assignment = assigned[0]
    judge = assignment.judge.user
    with pytest.raises(ValidationError):
        services.scores_save(user=judge, assignment=assignment, values=sheet(assignment.round, 11), confidence=2, submit=False)
    incomplete = sheet(assignment.round)
    incomplete.pop(next(c.pk for c in assignment.round.criteria.all() if c.name == "Signifikansi"))
    with pytest.raises(ValidationError) as info:
        services.scores_save(user=judge, assignment=assignment, values=incomplete, confidence=2, submit=True)
    assert "Signifikansi" in " ".join(info.value.messages)
    with pytest.raises(ValidationError):
        services.scores_save(user=judge, assignment=assignment, values=sheet(assignment.round), confidence=None, submit=True)
    assert not Score.objects.exists()
    # Ringkasan weighs 0, so it may stay empty.
    optional = sheet(assignment.round)
    optional.pop(next(c.pk for c in assignment.round.criteria.all() if c.name == "Ringkasan"))
    assert services.scores_save(user=judge, assignment=assignment, values=optional, confidence=1, submit=True).status == "submitted"


def test_after_the_deadline_only_a_reopened_sheet_can_change(assigned, secretariat):
    assignment = assigned[0]
    late = assignment.round.deadline + timedelta(hours=1)
    with pytest.raises(TransitionNotAllowed):
        services.scores_save(user=assignment.judge.user, assignment=assignment, values=sheet(assignment.round), confidence=2, submit=True, now=late)
    assert not Score.objects.exists()


def test_someone_elses_assignment_is_refused(assigned):
    mine, theirs = assigned
    with pytest.raises(PermissionDenied):
        services.scores_save(user=mine.judge.user, assignment=theirs, values=sheet(theirs.round), confidence=2, submit=True)
    assert not Score.objects.exists()


def test_declared_conflict_reassigns_and_hides_the_entry(assigned, panel, desk_entry):
    declared = assigned[0]
    judge_user = declared.judge.user
    replacement = services.conflict_declare(user=judge_user, assignment=declared, reason="Saya pernah menjadi konsultan program ini")
    declared.refresh_from_db()
    assert declared.status == AssignmentStatus.DECLINED
    assert replacement is not None and replacement.judge_id not in {a.judge_id for a in assigned}
    assert ConflictDeclaration.objects.filter(judge=declared.judge, entry=desk_entry).exists()
    with pytest.raises(Assignment.DoesNotExist):
        selectors.assignment_for_judge(judge_user, declared.pk)
    assert desk_entry.pk not in {a.entry_id for a in selectors.assignments_for_judge(judge_user)}
    active = Assignment.objects.filter(entry=desk_entry, status__in=["pending", "draft", "submitted", "reopened"]).count()
    assert active == 2


def test_csv_bulk_assignment_is_all_or_nothing(edition, panel, desk_entry, conflicted_judge, secretariat):
    other = entry_in_round(edition)
    bad = "entri,juri\n2023-0001,juri_ugm\n2023-0001,juri_konflik\n9999-0001,juri_ui\n"
    with pytest.raises(ValidationError) as info:
        services.assignments_import_csv(user=secretariat, round=edition["desk"], csv_text=bad)
    text = " ".join(info.value.messages)
    assert "baris 3" in text and "konflik" in text and "baris 4" in text
    assert not Assignment.objects.exists()
    good = f"entri,juri\n2023-0001,juri_ugm\n{other.code},{panel[1].user.email}\n"
    created = services.assignments_import_csv(user=secretariat, round=edition["desk"], csv_text=good)
    assert {(a.entry_id, a.judge_id, a.source) for a in created} == {(desk_entry.pk, panel[0].pk, "csv"), (other.pk, panel[1].pk, "csv")}


def test_manual_change_remove_and_add(assigned, panel, secretariat, desk_entry):
    removed = services.assignment_remove(user=secretariat, assignment=assigned[0], reason="Juri berhalangan")
    assert removed.status == AssignmentStatus.REMOVED
    spare = next(j for j in panel if j.pk not in {a.judge_id for a in assigned})
    added = services.assignment_add(user=secretariat, round=desk_entry.current_round, entry=desk_entry, judge=spare)
    assert added.source == "manual"
    with pytest.raises(ValidationError):
        services.assignment_add(user=secretariat, round=desk_entry.current_round, entry=desk_entry, judge=spare)


def _score_round(round_, values_by_entry):
    """values_by_entry: {entry: [value per judge, in assignment order]} — each judge gives that value on every criterion."""
    for entry, values in values_by_entry.items():
        for assignment, value in zip(Assignment.objects.filter(entry=entry, round=round_).order_by("pk"), values, strict=True):
            submit_scores(assignment, value)


def test_aggregate_flag_moderate_and_advance_the_top_entries(edition, panel, secretariat, desk_entry):
    desk = edition["desk"]
    entries = [desk_entry] + [entry_in_round(edition) for _ in range(3)]
    services.entry_assign_judges(user=secretariat, round=desk)
    # Totals: 7 → 66.67, 9 → 88.89, 3 → 22.22, 10 → 100, 1 → 0.
    _score_round(desk, {entries[0]: [9, 9], entries[1]: [7, 7], entries[2]: [10, 1], entries[3]: [3, 3]})
    computation = services.round_aggregate(user=secretariat, round=desk)
    assert computation.scores[entries[0].pk] == pytest.approx(800 / 9)
    assert computation.scores[entries[2].pk] == pytest.approx(50)
    flagged = EntryRoundResult.objects.get(round=desk, entry=entries[2])
    assert flagged.flagged and flagged.needs_moderation  # SD of 100 and 0 is 70.7 > 15
    with pytest.raises(TransitionNotAllowed):
        services.round_advance(user=secretariat, round=desk)  # still scoring
    services.round_close(user=secretariat, round=desk)
    with pytest.raises(ValidationError) as info:
        services.round_advance(user=secretariat, round=desk)
    assert entries[2].code in " ".join(info.value.messages)
    assert EntryStatus.IN_ROUND == type(entries[0]).objects.get(pk=entries[0].pk).status
    services.result_resolve_flag(user=secretariat, result=flagged, note="Dua juri berbeda pandangan; keduanya beralasan.")
    advancing = services.round_advance(user=secretariat, round=desk)
    assert advancing == {entries[0].pk, entries[1].pk}
    refreshed = {e.pk: type(e).objects.get(pk=e.pk) for e in entries}
    assert refreshed[entries[0].pk].current_round == edition["presentation"]
    assert refreshed[entries[0].pk].status == EntryStatus.IN_ROUND
    assert refreshed[entries[3].pk].status == EntryStatus.ELIMINATED
    assert refreshed[entries[0].pk].final_score == pytest.approx(800 / 9)
    desk.refresh_from_db()
    assert desk.status == RoundStatus.DECIDED and desk.agreement_alpha is not None
    with pytest.raises(TransitionNotAllowed):
        services.assignment_reopen(user=secretariat, assignment=Assignment.objects.filter(round=desk).first(), reason="terlambat")


def test_add_judge_action_for_a_disagreement(edition, panel, secretariat, desk_entry):
    desk = edition["desk"]
    desk.disagreement_action = "add_judge"
    desk.save()
    services.entry_assign_judges(user=secretariat, round=desk)
    _score_round(desk, {desk_entry: [10, 1]})
    services.round_aggregate(user=secretariat, round=desk)
    result = EntryRoundResult.objects.get(round=desk, entry=desk_entry)
    extra = services.result_add_judge(user=secretariat, result=result)
    submit_scores(extra, 6)
    services.round_aggregate(user=secretariat, round=desk)
    result = EntryRoundResult.objects.get(round=desk, entry=desk_entry)
    assert result.judge_count == 3 and result.flagged and not result.needs_moderation


def test_from_finalists_to_published_winners(edition, panel, secretariat):
    desk, presentation = edition["desk"], edition["presentation"]
    desk.advance_count = 3
    desk.save()
    entries = [entry_in_round(edition, category=edition["services"] if i % 2 == 0 else edition["governance"]) for i in range(4)]
    services.entry_assign_judges(user=secretariat, round=desk)
    _score_round(desk, {entries[0]: [9, 9], entries[1]: [8, 8], entries[2]: [7, 7], entries[3]: [2, 2]})
    services.round_close(user=secretariat, round=desk)
    services.round_advance(user=secretariat, round=desk)
    services.round_publish_results(user=secretariat, round=desk)
    services.entry_assign_judges(user=secretariat, round=presentation)
    _score_round(presentation, {entries[0]: [5, 5], entries[1]: [9, 9], entries[2]: [10, 10]})
    services.round_close(user=secretariat, round=presentation)
    assert services.round_advance(user=secretariat, round=presentation) == {e.pk for e in entries[:3]}
    now = timezone.now()
    services.competition_publish_finalists(
        user=secretariat, competition=edition["competition"], objection_opens=now - timedelta(hours=1), objection_closes=now + timedelta(days=3)
    )
    objection = services.objection_submit(entry=entries[2], name="Warga", contact="warga@example.com", reason="Inovasi ini belum berjalan.")
    with pytest.raises(TransitionNotAllowed):
        services.competition_decide_winners(user=secretariat, competition=edition["competition"])
    later = now + timedelta(days=4)
    with pytest.raises(ValidationError):  # the objection is still undecided
        services.competition_decide_winners(user=secretariat, competition=edition["competition"], now=later)
    services.objection_decide(user=secretariat, objection=objection, upheld=True, note="Terbukti belum diterapkan.")
    winners = services.competition_decide_winners(user=secretariat, competition=edition["competition"], now=later)
    # Final = mean of desk and presentation: e0 (88.9 + 44.4)/2, e1 (77.8 + 88.9)/2; e2 disqualified.
    # Services category has e0 and e2 → e0 wins; governance has e1 → e1 wins.
    assert {w.pk for w in winners} == {entries[0].pk, entries[1].pk}
    assert entries[0].innovation.award_count == 0
    services.competition_publish_results(user=secretariat, competition=edition["competition"], now=later)
    entries[0].innovation.refresh_from_db()
    entries[2].innovation.refresh_from_db()
    assert (entries[0].innovation.award_count, entries[2].innovation.award_count) == (1, 0)
    awards = selectors.innovation_awards(entries[0].innovation_id)
    assert awards[0]["won"] and awards[0]["competition"] == edition["competition"]
