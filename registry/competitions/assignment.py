"""Conflict-free assignment of judges to entries: a min-cost flow with convex load costs.

The problem. Every entry needs `need` distinct judges from those it is allowed
(judges with a computed or declared conflict are not); each judge may have a
capacity. Among all complete assignments we want, in this order of priority:

1. balanced loads: minimise Σ_j c(l_j) with c convex (c(l) = L·l(l+1)/2), which
   yields loads that differ by at most one whenever the constraints allow it;
2. sector match: minimise the number of (entry, judge) pairs whose sectors
   do not meet;
3. determinism: among equal optima, the choice depends only on the inputs and
   the seed.

The network. source → entry (capacity need) → judge (capacity 1, cost 0 on a
sector match, 1 otherwise) → sink (marginal cost (l+1)·L for the (l+1)-th unit,
L = U + 1 so one unit of load imbalance outweighs every sector mismatch).
Entries that are interchangeable (same need, same allowed judges, same
preferred judges) are merged into one "type" node of multiplicity n; the arc
type → judge then has capacity n, and the flow is split back into entries at
the end (each judge appears at most n times in a type's slot list, so a cyclic
deal gives every entry distinct judges).

The algorithm. Successive shortest paths, one unit at a time, with Johnson
potentials and an early-stopping Dijkstra. Because the shortest path from an
entry to the sink alternates judge → type → judge, Dijkstra runs on the small
graph of judges only: arc a → b exists when some type has flow on a and room on
b, with cost c(t, b) − c(t, a) ∈ {−1, 0, 1}; the witnessing types are kept in
sets updated whenever a flow value crosses 0 or n. Each augmentation is a
shortest path in the full residual network, so the flow stays of minimum cost
for its value (the classical SSP invariant) and the final assignment is optimal.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

INFINITY = float("inf")


@dataclass(frozen=True)
class EntrySlot:
    id: Hashable
    need: int
    sectors: frozenset = frozenset()
    blocked: frozenset = frozenset()  # judges with a conflict, or already assigned to the entry


@dataclass(frozen=True)
class JudgeSlot:
    id: Hashable
    sectors: frozenset = frozenset()
    load: int = 0  # assignments the judge already has in this round
    capacity: int | None = None  # the most assignments the judge may have in this round


@dataclass(frozen=True)
class Problem:
    entry: Hashable | None
    code: str  # "too_few_judges", "capacity"
    detail: dict = field(default_factory=dict)


class AssignmentInfeasible(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s), first: {problems[0]}")


@dataclass
class AssignmentPlan:
    judges_of: dict  # entry id -> [judge ids]
    loads: dict  # judge id -> load after the plan (existing + new)
    mismatches: int  # new (entry, judge) pairs without a common sector

    def pairs(self) -> list[tuple]:
        return [(entry, judge) for entry, judges in self.judges_of.items() for judge in judges]


def plan_assignment(entries: Sequence[EntrySlot], judges: Sequence[JudgeSlot], *, seed: int = 0) -> AssignmentPlan:
    """Assign judges to every entry, or raise AssignmentInfeasible listing why not."""
    rng = random.Random(seed)
    judge_list = sorted(judges, key=lambda j: str(j.id))
    rng.shuffle(judge_list)
    entry_list = sorted((e for e in entries if e.need > 0), key=lambda e: str(e.id))
    rng.shuffle(entry_list)
    solver = _Solver(entry_list, judge_list)
    problems = solver.check_each_entry()
    if problems:
        raise AssignmentInfeasible(problems)
    solver.solve()
    if solver.short:
        raise AssignmentInfeasible(solver.capacity_problems())
    return solver.plan()


class _Solver:
    def __init__(self, entries: list[EntrySlot], judges: list[JudgeSlot]):
        self.entries, self.judges = entries, judges
        self.J = len(judges)
        index = {judge.id: i for i, judge in enumerate(judges)}
        self.load = [judge.load for judge in judges]
        self.capacity = [INFINITY if judge.capacity is None else judge.capacity for judge in judges]
        # Group interchangeable entries into types, in the (seeded) order they come.
        types: dict[tuple, int] = {}
        self.type_entries: list[list[EntrySlot]] = []
        self.type_need: list[int] = []
        self.allowed: list[list[int]] = []
        self.cost: list[list[int]] = []
        for entry in entries:
            allowed = tuple(i for i, judge in enumerate(judges) if judge.id not in entry.blocked)
            preferred = frozenset(i for i in allowed if judges[i].sectors & entry.sectors)
            key = (entry.need, allowed, preferred)
            if key not in types:
                types[key] = len(self.type_entries)
                self.type_entries.append([])
                self.type_need.append(entry.need)
                self.allowed.append(list(allowed))
                self.cost.append([0 if i in preferred else 1 for i in range(self.J)])
            self.type_entries[types[key]].append(entry)
        self.index = index
        self.size = [len(members) for members in self.type_entries]
        self.flow = [[0] * self.J for _ in self.type_entries]
        self.units = sum(entry.need for entry in entries)
        self.unit_cost = self.units + 1  # L: one unit of imbalance outweighs every mismatch
        # witness[a][b][delta + 1]: types with flow on a, room on b, cost(b) − cost(a) = delta.
        self.witness = [[[set(), set(), set()] for _ in range(self.J)] for _ in range(self.J)]
        self.short: list[int] = []  # types left short of a unit

    # --- checks that need no flow -------------------------------------------------
    def check_each_entry(self) -> list[Problem]:
        problems = []
        for t, members in enumerate(self.type_entries):
            if len(self.allowed[t]) < self.type_need[t]:
                for entry in members:
                    problems.append(
                        Problem(entry.id, "too_few_judges", {"allowed": len(self.allowed[t]), "need": entry.need})
                    )
        return problems

    def capacity_problems(self) -> list[Problem]:
        problems = []
        for t in sorted(set(self.short)):
            room = [
                self.judges[j].id
                for j in self.allowed[t]
                if self.load[j] < self.capacity[j]
            ]
            for entry in self.type_entries[t]:
                problems.append(
                    Problem(
                        entry.id,
                        "capacity",
                        {"allowed": len(self.allowed[t]), "need": entry.need, "judges_with_room": len(room)},
                    )
                )
        return problems

    # --- flow bookkeeping -------------------------------------------------------------
    def _init_sources(self) -> None:
        T, J = len(self.type_entries), self.J
        self.remaining = [self.size[t] * self.type_need[t] for t in range(T)]
        # source[j][c]: types with units left that can still put one on judge j at sector cost c.
        self.source = [[set(), set()] for _ in range(J)]
        for t in range(T):
            for j in self.allowed[t]:
                self.source[j][self.cost[t][j]].add(t)
        # arc[a][b]: the cheapest witnessed move a → b (−1, 0, 1) or None.
        self.arc = [[None] * J for _ in range(J)]

    def _touch(self, a: int, b: int) -> None:
        sets = self.witness[a][b]
        self.arc[a][b] = -1 if sets[0] else 0 if sets[1] else 1 if sets[2] else None

    def _set_flow(self, t: int, j: int, value: int) -> None:
        old, n = self.flow[t][j], self.size[t]
        self.flow[t][j] = value
        cost, flow, witness = self.cost[t], self.flow[t], self.witness
        if old == 0 and value > 0:  # t can now move a unit away from j
            for b in self.allowed[t]:
                if b != j and flow[b] < n:
                    witness[j][b][cost[b] - cost[j] + 1].add(t)
                    self._touch(j, b)
        elif old > 0 and value == 0:
            for b in self.allowed[t]:
                if b != j:
                    witness[j][b][cost[b] - cost[j] + 1].discard(t)
                    self._touch(j, b)
        if old == n and value < n:  # t can now move a unit onto j
            for a in self.allowed[t]:
                if a != j and flow[a] > 0:
                    witness[a][j][cost[j] - cost[a] + 1].add(t)
                    self._touch(a, j)
            if self.remaining[t] > 0:
                self.source[j][cost[j]].add(t)
        elif old < n and value == n:
            for a in self.allowed[t]:
                if a != j:
                    witness[a][j][cost[j] - cost[a] + 1].discard(t)
                    self._touch(a, j)
            self.source[j][cost[j]].discard(t)

    def _use_unit(self, t: int) -> None:
        self.remaining[t] -= 1
        if self.remaining[t] == 0:
            for j in self.allowed[t]:
                self.source[j][self.cost[t][j]].discard(t)

    # --- successive shortest paths -------------------------------------------------------
    def solve(self) -> None:
        """Augment one unit at a time from a super-source over every type with units left."""
        self._init_sources()
        J, L = self.J, self.unit_cost
        left = sum(self.remaining)
        if J == 0:
            self.short = [t for t, r in enumerate(self.remaining) if r]
            return
        potential = [0] * J
        sink_potential = min((self.load[j] + 1) * L for j in range(J))
        while left:
            sink_potential = self._augment(potential, sink_potential)
            if sink_potential is None:
                self.short = [t for t, r in enumerate(self.remaining) if r]
                return
            left -= 1

    def _augment(self, potential: list, sink_potential):
        """One shortest path (reduced costs ≥ 0 thanks to the potentials), stopped as soon as
        no unexplored judge can beat the best way to the sink found so far."""
        J, L, load, capacity, arc = self.J, self.unit_cost, self.load, self.capacity, self.arc
        start_cost = [0 if self.source[j][0] else 1 if self.source[j][1] else None for j in range(J)]
        starts = [j for j in range(J) if start_cost[j] is not None]
        if not starts:
            return None
        source_potential = max(potential[j] - start_cost[j] for j in starts)
        # Reduced cost of each judge's next unit to the sink; among equal distances the heap
        # pops the judge with the cheapest way out first, so the search usually stops at once.
        exit_cost = [
            (load[j] + 1) * L + potential[j] - sink_potential if load[j] < capacity[j] else INFINITY for j in range(J)
        ]
        distance = [INFINITY] * J
        parent: list = [None] * J
        heap = []
        for j in starts:
            distance[j] = start_cost[j] + source_potential - potential[j]
            heap.append((distance[j], exit_cost[j], j))
        heapq.heapify(heap)
        done = [False] * J
        best, best_end = INFINITY, None
        while heap:
            d, out, a = heapq.heappop(heap)
            if done[a] or d > distance[a]:
                continue
            if d >= best:
                break
            done[a] = True
            if d + out < best:
                best, best_end = d + out, a
            base = d + potential[a]
            row = arc[a]
            for b in range(J):
                delta = row[b]
                if delta is None or done[b]:
                    continue
                candidate = base + delta - potential[b]
                if candidate < distance[b]:
                    distance[b], parent[b] = candidate, (a, delta)
                    heapq.heappush(heap, (candidate, exit_cost[b], b))
        if best_end is None:
            return None
        potential[:] = [p + (d if d < best else best) for p, d in zip(potential, distance, strict=True)]
        # Walk back from the last judge: each arc moves one unit of a witnessing type.
        b = best_end
        while parent[b] is not None:
            a, delta = parent[b]
            t = min(self.witness[a][b][delta + 1])
            self._set_flow(t, a, self.flow[t][a] - 1)
            self._set_flow(t, b, self.flow[t][b] + 1)
            b = a
        t0 = min(self.source[b][start_cost[b]])
        self._set_flow(t0, b, self.flow[t0][b] + 1)
        self._use_unit(t0)
        load[best_end] += 1
        return sink_potential + best

    # --- back to entries ----------------------------------------------------------------
    def plan(self) -> AssignmentPlan:
        judges_of, mismatches = {}, 0
        for t, members in enumerate(self.type_entries):
            n, need = self.size[t], self.type_need[t]
            slots = [j for j in range(self.J) for _ in range(self.flow[t][j])]
            for i, entry in enumerate(members):
                chosen = [slots[i + m * n] for m in range(need)]
                mismatches += sum(self.cost[t][j] for j in chosen)
                judges_of[entry.id] = [self.judges[j].id for j in chosen]
        loads = {judge.id: self.load[j] for j, judge in enumerate(self.judges)}
        return AssignmentPlan(judges_of=judges_of, loads=loads, mismatches=mismatches)


def balance_is_possible(loads: Iterable[int]) -> bool:
    values = list(loads)
    return not values or max(values) - min(values) <= 1
