"""Judging at KIPP scale: assign judges to, and aggregate, a round of 3,500 entries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry_judging_bench .venv/bin/python benchmarks/judging_bench.py

An edition with 3,500 entries from 350 agencies, 60 judges (10 of them affiliated
with an agency, so conflicts are real), 2 judges per entry and KIPP 2023's 8
criteria. It times, through the services (database included):

- `entry_assign_judges` (min-cost flow; goal < 10 s), against a first-fit
  greedy baseline on the same instance (speed and quality: load spread, sector
  mismatches);
- `round_aggregate` with z-score normalisation (goal < 10 s), against the same
  service with the plain mean, measured in the same run.

Scores are written in bulk (not through `scores_save`), since submitting is not
what is measured. Use a throwaway database: the script migrates it and replaces
its own earlier data (everything named bench-*, except the audit events and the
secretariat account they refer to).
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRIES, AGENCIES, JUDGES, PER_ENTRY = 3500, 350, 60, 2
GOAL_SECONDS = 10.0


def setup_edition(rng):
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from registry.agencies.models import Agency
    from registry.competitions.models import (
        Category,
        Competition,
        CompetitionGroup,
        Criterion,
        Entry,
        JudgeProfile,
        Round,
    )
    from registry.competitions.permissions import SECRETARIAT_GROUP
    from registry.geo.models import Regency
    from registry.innovations.models import Innovation, Sector

    User = get_user_model()  # noqa: N806
    now = timezone.now()
    regencies = list(Regency.objects.order_by("code"))
    sectors = list(Sector.objects.all())
    agencies = Agency.objects.bulk_create(
        [
            Agency(code=f"bench-{i}", name=f"Pemerintah Daerah Uji {i}", type="pemkab", regency=r, province_id=r.province_id)
            for i, r in enumerate(rng.sample(regencies, AGENCIES))
        ]
    )
    innovations = Innovation.objects.bulk_create(
        [
            Innovation(
                title=f"Inovasi Uji {i}", slug=f"bench-{i}", summary="Ringkasan.", agency=agencies[i % AGENCIES],
                province_id=agencies[i % AGENCIES].province_id, regency_id=agencies[i % AGENCIES].regency_id,
                live=True, moderation_status="published", year_implemented=2018,
            )
            for i in range(ENTRIES)
        ],
        batch_size=1000,
    )
    through = Innovation.sectors.through
    through.objects.bulk_create(
        [through(innovation_id=inn.pk, sector_id=s.pk) for inn in innovations for s in rng.sample(sectors, rng.randint(1, 2))],
        batch_size=2000,
    )
    competition = Competition.objects.create(
        year=2099, name="Bench edition", slug="bench-edition", submission_opens=now - timedelta(days=90), submission_deadline=now - timedelta(days=30)
    )
    group = CompetitionGroup.objects.create(competition=competition, name="Umum", quota_per_agency=20)
    categories = [Category.objects.create(competition=competition, name=f"Kategori {i}") for i in range(3)]
    desk = Round.objects.create(
        competition=competition, name="Penilaian proposal", kind="desk", judges_per_entry=PER_ENTRY, is_blind=True,
        aggregation="zscore", advancement="top_n", advance_count=99, weight=1, deadline=now + timedelta(days=30),
    )
    rubric = [("Latar belakang", 10), ("Kebaruan", 15), ("Implementasi", 5), ("Signifikansi", 30), ("Adaptabilitas", 20), ("Sumber daya", 5), ("Keberlanjutan", 15), ("Ringkasan", 0)]
    for position, (name, weight) in enumerate(rubric):
        Criterion.objects.create(round=desk, name=name, weight=weight, scale_min=1, scale_max=10, sort_order=position)
    users = User.objects.bulk_create([User(username=f"bench-judge-{i}", password="!") for i in range(JUDGES)])
    profiles = JudgeProfile.objects.bulk_create(
        [
            JudgeProfile(user=u, institution="Universitas Uji", agency=agencies[i] if i < 10 else None)
            for i, u in enumerate(users)
        ]
    )
    judge_through = JudgeProfile.sectors.through
    judge_through.objects.bulk_create(
        [judge_through(judgeprofile_id=p.pk, sector_id=s.pk) for p in profiles for s in rng.sample(sectors, 4)]
    )
    desk.judges.set(profiles)
    desk.save()
    Entry.objects.bulk_create(
        [
            Entry(
                competition=competition, group=group, category=categories[i % 3], innovation=inn, agency_id=inn.agency_id,
                province_id=inn.province_id, regency_id=inn.regency_id, code=f"2099-{i:05d}",
                snapshot={"title": inn.title}, status="in_round", current_round=desk, submitted_at=now - timedelta(days=31, minutes=i),
            )
            for i, inn in enumerate(innovations)
        ],
        batch_size=1000,
    )
    secretariat, _created = User.objects.get_or_create(username="bench-secretariat", defaults={"password": "!"})
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    return desk, secretariat


def clean_previous():
    from django.contrib.auth import get_user_model

    from registry.agencies.models import Agency
    from registry.competitions.models import (
        Assignment,
        Competition,
        Entry,
        EntryRoundResult,
        JudgeProfile,
        Round,
        Score,
    )
    from registry.innovations.models import Innovation

    Score.objects.filter(assignment__round__competition__slug="bench-edition").delete()
    Assignment.objects.filter(round__competition__slug="bench-edition").delete()
    EntryRoundResult.objects.filter(round__competition__slug="bench-edition").delete()
    Entry.objects.filter(competition__slug="bench-edition").delete()
    Round.objects.filter(competition__slug="bench-edition").delete()
    Competition.objects.filter(slug="bench-edition").delete()
    JudgeProfile.objects.filter(user__username__startswith="bench-").delete()
    # The secretariat account stays: the (append-only) audit chain refers to it.
    get_user_model().objects.filter(username__startswith="bench-judge-").delete()
    Innovation.objects.filter(slug__startswith="bench-").delete()
    Agency.objects.filter(code__startswith="bench-").delete()


def greedy_baseline(slots, judges):
    """First fit: each entry takes its least-loaded allowed judges, preferring a sector match."""
    loads = {j.id: j.load for j in judges}
    mismatches = short = 0
    for entry in slots:
        allowed = [j for j in judges if j.id not in entry.blocked]
        allowed.sort(key=lambda j: (loads[j.id], 0 if j.sectors & entry.sectors else 1, str(j.id)))
        chosen = allowed[: entry.need]
        short += entry.need - len(chosen)
        for judge in chosen:
            loads[judge.id] += 1
            mismatches += 0 if judge.sectors & entry.sectors else 1
    return loads, mismatches, short


def capture_instance(desk):
    """The planning instance exactly as the service builds it (same conflicts, loads, sectors)."""
    from registry.competitions.services import judging

    entries = list(judging.round_entries(desk))
    return judging.assignment_instance(desk, entries, {e.pk: PER_ENTRY for e in entries})


def write_scores(desk, rng):
    from django.db import connection
    from django.utils import timezone

    from registry.competitions.models import Assignment, Score

    criteria = list(desk.criteria.all())
    rows, quality, bias = [], {}, {}
    assignments = list(Assignment.objects.filter(round=desk).only("pk", "entry_id", "judge_id"))
    for a in assignments:
        q = quality.setdefault(a.entry_id, rng.uniform(3, 9))
        b = bias.setdefault(a.judge_id, rng.uniform(-1.5, 1.5))
        for c in criteria:
            rows.append(Score(assignment_id=a.pk, criterion_id=c.pk, value=max(1, min(10, round(q + b + rng.gauss(0, 1))))))
    Score.objects.bulk_create(rows, batch_size=5000)
    Assignment.objects.filter(round=desk).update(status="submitted", submitted_at=timezone.now())
    return len(assignments), len(rows), connection.vendor


def timed(callable_):
    start = time.perf_counter()
    result = callable_()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from registry.competitions import assignment as algorithm
    from registry.competitions import services
    from registry.competitions.models import Assignment

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    with transaction.atomic():
        clean_previous()
        desk, secretariat = setup_edition(rng)
    print(f"database: {connection.vendor}; {ENTRIES} entries, {AGENCIES} agencies, {JUDGES} judges, {PER_ENTRY} per entry, 8 criteria")

    slots, judges = capture_instance(desk)
    plan_seconds, plan = timed(lambda: algorithm.plan_assignment(slots, judges, seed=args.seed))
    greedy_seconds, (greedy_loads, greedy_mismatch, greedy_short) = timed(lambda: greedy_baseline(slots, judges))
    assign_seconds, created = timed(lambda: services.entry_assign_judges(user=secretariat, round=desk, seed=args.seed))
    loads = list(plan.loads.values())
    print(f"assign (service, min-cost flow):  {assign_seconds:6.2f} s  {len(created)} assignments "
          f"[{'OK' if assign_seconds < GOAL_SECONDS else 'OVER'} goal {GOAL_SECONDS:.0f} s]")
    print(f"  of which planning alone:        {plan_seconds:6.2f} s  loads {min(loads)}–{max(loads)}, sector mismatches {plan.mismatches}")
    print(f"  baseline first-fit greedy:      {greedy_seconds:6.2f} s  loads {min(greedy_loads.values())}–{max(greedy_loads.values())}, "
          f"sector mismatches {greedy_mismatch}, left short {greedy_short}")

    with transaction.atomic():
        count, score_rows, _vendor = write_scores(desk, rng)
    print(f"scores written in bulk: {count} sheets, {score_rows} rows")
    zscore_seconds, computation = timed(lambda: services.round_aggregate(user=secretariat, round=desk))
    desk.aggregation = "mean"
    desk.save(update_fields=["aggregation"])
    mean_seconds, _ = timed(lambda: services.round_aggregate(user=secretariat, round=desk))
    flagged = sum(1 for r in desk.results.all() if r.flagged)
    print(f"aggregate (service, z-score):     {zscore_seconds:6.2f} s  {len(computation.scores)} entries, "
          f"alpha {computation.alpha:.3f}, flagged {flagged} [{'OK' if zscore_seconds < GOAL_SECONDS else 'OVER'} goal {GOAL_SECONDS:.0f} s]")
    print(f"  baseline same service, mean:    {mean_seconds:6.2f} s")
    assert Assignment.objects.filter(round=desk).count() == ENTRIES * PER_ENTRY
    return 0 if assign_seconds < GOAL_SECONDS and zscore_seconds < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
