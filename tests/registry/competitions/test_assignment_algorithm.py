"""The assignment's guarantees on random instances (pure, no database).

Optimality is checked against networkx's min-cost flow on the same network
written out in full (one node per entry, one unit arc per load level), a
reference nobody here wrote.
"""

import random

import networkx as nx
import pytest

from registry.competitions.assignment import (
    AssignmentInfeasible,
    EntrySlot,
    JudgeSlot,
    plan_assignment,
)


def random_instance(rng, *, conflicts=0.2, capacities=True, loads=True):
    judge_count = rng.randint(1, 8)
    judges = []
    for i in range(judge_count):
        load = rng.choice([0, 0, 0, 1, 2]) if loads else 0
        capacity = rng.choice([None, None, rng.randint(load, load + 8)]) if capacities else None
        judges.append(JudgeSlot(f"j{i}", frozenset(rng.sample(range(5), rng.randint(0, 2))), load, capacity))
    entries = [
        EntrySlot(
            e,
            rng.randint(1, 3),
            frozenset(rng.sample(range(5), rng.randint(1, 2))),
            frozenset(j.id for j in judges if rng.random() < conflicts),
        )
        for e in range(rng.randint(1, 16))
    ]
    return entries, judges


def reference_cost(entries, judges):
    """networkx's optimum of the same objective, or None when infeasible."""
    units = sum(e.need for e in entries)
    level = units + 1
    graph = nx.DiGraph()
    graph.add_node("s", demand=-units)
    graph.add_node("t", demand=units)
    for e in entries:
        graph.add_edge("s", ("e", e.id), capacity=e.need, weight=0)
        for j in judges:
            if j.id not in e.blocked:
                graph.add_edge(("e", e.id), ("j", j.id), capacity=1, weight=0 if j.sectors & e.sectors else 1)
    for j in judges:
        room = units if j.capacity is None else j.capacity - j.load
        for load in range(j.load, j.load + room):
            graph.add_edge(("j", j.id), ("l", j.id, load), capacity=1, weight=(load + 1) * level)
            graph.add_edge(("l", j.id, load), "t", capacity=1, weight=0)
    try:
        flow = nx.min_cost_flow(graph)
    except nx.NetworkXUnfeasible:
        return None
    return nx.cost_of_flow(graph, flow)


def plan_cost(plan, entries, judges):
    level = sum(e.need for e in entries) + 1
    cost = plan.mismatches
    for j in judges:
        cost += sum((load + 1) * level for load in range(j.load, plan.loads[j.id]))
    return cost


def assert_valid(plan, entries, judges):
    by_id = {j.id: j for j in judges}
    loads = {j.id: j.load for j in judges}
    for entry in entries:
        chosen = plan.judges_of[entry.id]
        assert len(chosen) == entry.need, "exact coverage"
        assert len(set(chosen)) == entry.need, "distinct judges"
        assert not set(chosen) & entry.blocked, "no conflicted judge"
        for judge_id in chosen:
            loads[judge_id] += 1
    assert loads == plan.loads
    for judge_id, load in loads.items():
        capacity = by_id[judge_id].capacity
        assert capacity is None or load <= max(capacity, by_id[judge_id].load)


@pytest.mark.parametrize("seed", range(150))
def test_random_instances_are_covered_exactly_and_optimally_or_reported(seed):
    rng = random.Random(seed)
    entries, judges = random_instance(rng)
    expected = reference_cost(entries, judges)
    if expected is None:
        with pytest.raises(AssignmentInfeasible) as info:
            plan_assignment(entries, judges, seed=seed)
        assert info.value.problems
        assert {p.code for p in info.value.problems} <= {"too_few_judges", "capacity"}
        assert all(p.entry in {e.id for e in entries} for p in info.value.problems)
    else:
        plan = plan_assignment(entries, judges, seed=seed)
        assert_valid(plan, entries, judges)
        assert plan_cost(plan, entries, judges) == expected


@pytest.mark.parametrize("seed", range(40))
def test_loads_differ_by_at_most_one_when_no_constraint_binds(seed):
    rng = random.Random(1000 + seed)
    judges = [JudgeSlot(f"j{i}", frozenset(rng.sample(range(6), 2))) for i in range(rng.randint(3, 12))]
    entries = [
        EntrySlot(e, rng.randint(1, min(3, len(judges))), frozenset(rng.sample(range(6), 1)))
        for e in range(rng.randint(5, 60))
    ]
    plan = plan_assignment(entries, judges, seed=seed)
    assert_valid(plan, entries, judges)
    assert max(plan.loads.values()) - min(plan.loads.values()) <= 1


def test_sector_matches_are_preferred_when_balance_allows():
    health, education = frozenset({"kesehatan"}), frozenset({"pendidikan"})
    judges = [JudgeSlot("h1", health), JudgeSlot("h2", health), JudgeSlot("d1", education), JudgeSlot("d2", education)]
    entries = [EntrySlot(f"k{i}", 2, health) for i in range(4)] + [EntrySlot(f"p{i}", 2, education) for i in range(4)]
    plan = plan_assignment(entries, judges, seed=3)
    assert plan.mismatches == 0
    assert all(set(plan.judges_of[f"k{i}"]) == {"h1", "h2"} for i in range(4))
    assert set(plan.loads.values()) == {4}


def test_same_seed_same_plan_and_seeds_change_the_choice_among_equals():
    judges = [JudgeSlot(f"j{i}") for i in range(6)]
    entries = [EntrySlot(e, 2) for e in range(9)]
    first = plan_assignment(entries, judges, seed=7)
    assert plan_assignment(list(reversed(entries)), list(reversed(judges)), seed=7).judges_of == first.judges_of
    plans = {tuple(sorted((k, tuple(sorted(v))) for k, v in plan_assignment(entries, judges, seed=s).judges_of.items())) for s in range(8)}
    assert len(plans) > 1


def test_an_entry_with_too_few_free_judges_is_named():
    judges = [JudgeSlot("a"), JudgeSlot("b"), JudgeSlot("c")]
    entries = [EntrySlot("ok", 2), EntrySlot("stuck", 2, blocked=frozenset({"a", "b"}))]
    with pytest.raises(AssignmentInfeasible) as info:
        plan_assignment(entries, judges)
    (problem,) = info.value.problems
    assert (problem.entry, problem.code, problem.detail) == ("stuck", "too_few_judges", {"allowed": 1, "need": 2})


def test_capacity_shortage_is_reported_per_entry():
    judges = [JudgeSlot("a", capacity=1), JudgeSlot("b", capacity=1)]
    entries = [EntrySlot("e1", 2), EntrySlot("e2", 2)]
    with pytest.raises(AssignmentInfeasible) as info:
        plan_assignment(entries, judges)
    assert {p.code for p in info.value.problems} == {"capacity"}


def test_existing_loads_are_evened_out():
    judges = [JudgeSlot("busy", load=5), JudgeSlot("free1"), JudgeSlot("free2")]
    entries = [EntrySlot(e, 1) for e in range(10)]
    plan = plan_assignment(entries, judges)
    assert plan.loads == {"busy": 5, "free1": 5, "free2": 5}
