"""Read queries shared by the portal, the admin, the public pages and the API.

Judge-facing lookups go through `assignments_for_judge` / `assignment_for_judge`,
which drop every assignment whose entry the judge is conflicted with, so a
conflicted judge gets a 404, never the entry.
"""

from collections import Counter, defaultdict

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from registry.agencies.permissions import agency_roles
from registry.competitions.conflicts import affiliation_of, entry_conflicted
from registry.competitions.models import (
    ACTIVE_ASSIGNMENT,
    Assignment,
    AssignmentStatus,
    Competition,
    Entry,
    EntryRoundResult,
    EntryStatus,
    Objection,
    ObjectionStatus,
    Round,
    RoundKind,
)
from registry.competitions.permissions import is_secretariat, judge_profile
from registry.competitions.snapshot import for_judge
from registry.innovations.models import Innovation

# --- Entrants -----------------------------------------------------------------------


def competitions_open_for_entries(now=None) -> QuerySet[Competition]:
    now = now or timezone.now()
    return Competition.objects.filter(submission_opens__lte=now, submission_deadline__gte=now).prefetch_related(
        "groups", "categories"
    )


def entries_for_entrant(user) -> QuerySet[Entry]:
    """Entries of the user's agencies (any verified role): another agency's entry is a 404."""
    return Entry.objects.filter(agency_id__in=list(agency_roles(user))).select_related(
        "competition", "group", "category", "current_round"
    )


def innovations_enterable(user) -> QuerySet[Innovation]:
    verifier_of = [agency_id for agency_id, role in agency_roles(user).items() if role == "verifier"]
    return Innovation.objects.published().filter(agency_id__in=verifier_of).select_related("agency").order_by("title")


def public_entry_decisions(entry: Entry) -> list:
    """Decisions the entrant may read: those of rounds whose results are published."""
    return [
        d for d in entry.decisions.select_related("round").order_by("decided_at")
        if d.round is None and entry.competition.results_published_at or d.round and d.round.results_published_at
    ]


# --- Judges --------------------------------------------------------------------------


def assignments_for_judge(user) -> list[Assignment]:
    """The judge's active, non-conflicted assignments (all rounds), newest round first."""
    profile = judge_profile(user)
    if profile is None:
        return []
    affiliation = affiliation_of(profile)
    rows = (
        Assignment.objects.filter(judge=profile, status__in=ACTIVE_ASSIGNMENT)
        .exclude(round__status="decided")
        .select_related("round", "round__competition", "entry")
        .order_by("round__deadline", "entry__code")
    )
    return [a for a in rows if not entry_conflicted(affiliation, a.entry)]


def assignment_for_judge(user, pk: int) -> Assignment:
    """One of the judge's assignments, or Assignment.DoesNotExist (a 404) for anything else."""
    profile = judge_profile(user)
    if profile is None:
        raise Assignment.DoesNotExist
    assignment = (
        Assignment.objects.filter(judge=profile, status__in=ACTIVE_ASSIGNMENT)
        .select_related("round", "round__competition", "entry", "entry__category", "entry__group")
        .get(pk=pk)
    )
    if entry_conflicted(affiliation_of(profile), assignment.entry):
        raise Assignment.DoesNotExist
    return assignment


def judge_queue(user) -> list[dict]:
    """Per round: the judge's assignments and progress (submitted / assigned)."""
    by_round: dict[int, dict] = {}
    for assignment in assignments_for_judge(user):
        block = by_round.setdefault(
            assignment.round_id, {"round": assignment.round, "assignments": [], "submitted": 0, "total": 0}
        )
        block["assignments"].append(assignment)
        block["total"] += 1
        block["submitted"] += assignment.status == AssignmentStatus.SUBMITTED
    return list(by_round.values())


def entry_view_for_judge(assignment: Assignment) -> dict:
    """The frozen innovation as this round lets the judge see it (blind rounds hide the entrant)."""
    return for_judge(assignment.entry.snapshot, blind=assignment.round.is_blind)


# --- Secretariat ---------------------------------------------------------------------------


def round_judge_progress(round_: Round) -> list[dict]:
    rows = (
        Assignment.objects.filter(round=round_, status__in=ACTIVE_ASSIGNMENT)
        .values("judge_id", "judge__user__username", "judge__user__first_name", "judge__user__last_name")
        .annotate(total=Count("pk"), submitted=Count("pk", filter=Q(status=AssignmentStatus.SUBMITTED)))
        .order_by("judge__user__username")
    )
    return [
        {
            "judge_id": row["judge_id"],
            "name": f"{row['judge__user__first_name']} {row['judge__user__last_name']}".strip() or row["judge__user__username"],
            "total": row["total"],
            "submitted": row["submitted"],
        }
        for row in rows
    ]


def round_overview(round_: Round) -> dict:
    entries = Entry.objects.filter(current_round=round_, status=EntryStatus.IN_ROUND)
    active = Assignment.objects.filter(round=round_, status__in=ACTIVE_ASSIGNMENT)
    per_entry = Counter(active.values_list("entry_id", flat=True))
    entry_ids = list(entries.values_list("pk", flat=True))
    short = [pk for pk in entry_ids if per_entry.get(pk, 0) < round_.judges_per_entry] if round_.is_judged else []
    return {
        "round": round_,
        "entries": len(entry_ids),
        "assignments": active.count(),
        "submitted": active.filter(status=AssignmentStatus.SUBMITTED).count(),
        "short_of_judges": Entry.objects.filter(pk__in=short).order_by("code"),
        "flagged": EntryRoundResult.objects.filter(round=round_, flagged=True, flag_resolved=False).select_related("entry"),
        "alpha": round_.agreement_alpha,
    }


def competition_dashboard(competition: Competition) -> dict:
    """Entries per stage, and per round: judge progress, flagged entries, agreement."""
    by_status = dict(
        Entry.objects.filter(competition=competition).values_list("status").annotate(n=Count("pk")).order_by()
    )
    stages = [(label, by_status.get(value, 0)) for value, label in EntryStatus.choices]
    rounds = []
    for round_ in competition.rounds.order_by("sort_order"):
        overview = round_overview(round_)
        overview["judges"] = round_judge_progress(round_) if round_.is_judged else []
        rounds.append(overview)
    return {
        "competition": competition,
        "stages": stages,
        "rounds": rounds,
        "objections_pending": Objection.objects.filter(entry__competition=competition, status=ObjectionStatus.RECEIVED).count(),
    }


def round_entries_with_results(round_: Round) -> list[dict]:
    """Entries of the round (or decided in it), their judges' progress and the latest aggregate."""
    results = {r.entry_id: r for r in EntryRoundResult.objects.filter(round=round_)}
    assignments = defaultdict(list)
    for a in Assignment.objects.filter(round=round_).select_related("judge__user").order_by("pk"):
        assignments[a.entry_id].append(a)
    entry_ids = set(results) | set(
        Entry.objects.filter(current_round=round_, status=EntryStatus.IN_ROUND).values_list("pk", flat=True)
    )
    if round_.kind == RoundKind.ADMIN_CHECK:
        entry_ids |= set(Entry.objects.filter(competition=round_.competition).exclude(status=EntryStatus.WITHDRAWN).values_list("pk", flat=True))
    entries = Entry.objects.filter(pk__in=entry_ids).select_related("category", "group", "agency")
    rows = [{"entry": e, "result": results.get(e.pk), "assignments": assignments.get(e.pk, [])} for e in entries]
    rows.sort(key=lambda r: (r["result"].rank if r["result"] and r["result"].rank else 10**9, r["entry"].code or ""))
    return rows


# --- Public ---------------------------------------------------------------------------------


def competitions_public() -> QuerySet[Competition]:
    return Competition.objects.filter(is_public=True).order_by("-year", "name")


def public_round_lists(competition: Competition) -> list[dict]:
    """Each published round: who passed (administrative check) or who advanced, with the round's score."""
    lists = []
    for round_ in competition.rounds.filter(results_published_at__isnull=False).order_by("sort_order"):
        if round_.kind == RoundKind.ADMIN_CHECK:
            entries = Entry.objects.filter(decisions__round=round_, decisions__outcome="passed").select_related("agency", "category")
            rows = [{"entry": e, "score": None} for e in entries.order_by("code")]
        else:
            results = (
                EntryRoundResult.objects.filter(round=round_, advanced=True)
                .select_related("entry", "entry__agency", "entry__category")
                .order_by("rank")
            )
            rows = [{"entry": r.entry, "score": r.score, "rank": r.rank} for r in results]
        lists.append({"round": round_, "rows": rows})
    return lists


def public_finalists(competition: Competition) -> list[Entry]:
    if not competition.finalists_published_at:
        return []
    statuses = [EntryStatus.FINALIST, EntryStatus.WINNER, EntryStatus.NOT_AWARDED]
    upheld = Objection.objects.filter(entry=OuterRef("pk"), status=ObjectionStatus.UPHELD)
    entries = Entry.objects.filter(competition=competition, status__in=statuses).annotate(disqualified=Exists(upheld))
    return list(entries.select_related("agency", "group", "category").order_by("group__sort_order", "category__sort_order", "code"))


def public_results(competition: Competition) -> dict:
    """Winners by group and category, each with its aggregated score per round (never a judge's)."""
    if not competition.results_published_at:
        return {"published": False, "groups": []}
    winners = list(
        Entry.objects.filter(competition=competition, status=EntryStatus.WINNER)
        .select_related("agency", "group", "category")
        .order_by("group__sort_order", "category__sort_order", "final_rank")
    )
    round_scores = defaultdict(list)
    rows = EntryRoundResult.objects.filter(entry__in=winners, round__results_published_at__isnull=False)
    for result in rows.select_related("round").order_by("round__sort_order"):
        round_scores[result.entry_id].append((result.round.name, result.score))
    groups: dict = {}
    for entry in winners:
        categories = groups.setdefault(entry.group, {})
        categories.setdefault(entry.category, []).append({"entry": entry, "round_scores": round_scores[entry.pk]})
    return {
        "published": True,
        "groups": [{"group": g, "categories": [{"category": c, "entries": e} for c, e in cats.items()]} for g, cats in groups.items()],
    }


def finalist_for_objection(competition: Competition, code: str) -> Entry:
    return Entry.objects.select_related("agency").get(competition=competition, code=code, status=EntryStatus.FINALIST)


def innovation_awards(innovation_id: int) -> list[dict]:
    """What the innovation's public page shows: wins, and finalist places of published lists."""
    entries = (
        Entry.objects.filter(innovation_id=innovation_id)
        .filter(
            Q(status=EntryStatus.WINNER, competition__results_published_at__isnull=False)
            | Q(
                status__in=[EntryStatus.FINALIST, EntryStatus.NOT_AWARDED, EntryStatus.WINNER],
                competition__finalists_published_at__isnull=False,
            )
        )
        .exclude(objections__status=ObjectionStatus.UPHELD)
        .select_related("competition", "category", "group")
        .order_by("-competition__year")
        .distinct()
    )
    awards = []
    for entry in entries:
        won = entry.status == EntryStatus.WINNER and entry.competition.results_published_at is not None
        awards.append(
            {
                "competition": entry.competition,
                "category": entry.category,
                "group": entry.group,
                "won": won,
                "final_score": entry.final_score if entry.competition.results_published_at else None,
            }
        )
    return awards


def can_see_secretariat(user) -> bool:
    return is_secretariat(user)


def entry_visible_to(user, entry: Entry) -> bool:
    """May the user read the entry's frozen content? The secretariat, the entrant's
    agency, and a judge with an active, non-conflicted assignment on it."""
    if is_secretariat(user):
        return True
    if entry.agency_id in agency_roles(user):
        return True
    profile = judge_profile(user)
    if profile is None:
        return False
    if not Assignment.objects.filter(judge=profile, entry=entry, status__in=ACTIVE_ASSIGNMENT).exists():
        return False
    return not entry_conflicted(affiliation_of(profile), entry)


def entry_scores_visible_to(user, entry: Entry) -> bool:
    """Individual judges' scores of an entry are for the secretariat only."""
    return is_secretariat(user)
