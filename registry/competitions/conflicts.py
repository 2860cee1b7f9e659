"""Conflicts of interest between judges and entries, computed and declared.

A judge is conflicted with an entry when
- the entry's agency is the judge's affiliated agency, or an agency above or
  below it (Agency.related_ids());
- the entry is regional and shares the judge's region at the judge's level of
  detail: a judge of a kab/kota is conflicted with entries of that kab/kota and
  with province-level entries of its province; a judge known only by province
  is conflicted with every entry of that province;
- the judge declared a conflict with the entry.

Computed conflicts use the entry's agency and region as frozen at submission.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Affiliation:
    judge_id: int
    related_agency_ids: frozenset
    province_id: str | None
    regency_id: str | None
    declared_entry_ids: frozenset = frozenset()


def affiliation_of(judge) -> Affiliation:
    agency = judge.agency
    related = frozenset(agency.related_ids()) if agency is not None else frozenset()
    province_id, regency_id = judge.province_id, judge.regency_id
    if province_id is None and agency is not None:
        province_id, regency_id = agency.province_id, agency.regency_id
    declared = frozenset(judge.declared_conflicts.values_list("entry_id", flat=True))
    return Affiliation(judge.pk, related, province_id, regency_id, declared)


def conflicted(affiliation: Affiliation, *, entry_id, agency_id, province_id, regency_id) -> bool:
    if entry_id in affiliation.declared_entry_ids or agency_id in affiliation.related_agency_ids:
        return True
    if province_id is None or affiliation.province_id is None:
        return False  # a national entry, or a judge with no region
    if affiliation.regency_id and regency_id:
        return affiliation.regency_id == regency_id
    return affiliation.province_id == province_id


def entry_conflicted(affiliation: Affiliation, entry) -> bool:
    return conflicted(
        affiliation,
        entry_id=entry.pk,
        agency_id=entry.agency_id,
        province_id=entry.province_id,
        regency_id=entry.regency_id,
    )


def judge_conflicted_with_entry(judge, entry) -> bool:
    return entry_conflicted(affiliation_of(judge), entry)


class ConflictIndex:
    """Which of many judges are conflicted with an entry, in a few dictionary lookups.

    Same rules as `conflicted`, inverted: instead of testing every judge against
    every entry (3,500 × 60 calls in a KIPP round), index the judges by the
    agencies, kab/kota and provinces that conflict them.
    """

    def __init__(self, affiliations):
        self.by_agency: dict = {}
        self.by_entry: dict = {}
        self.by_regency: dict = {}  # judges of a kab/kota: entries of that kab/kota
        self.by_province_any: dict = {}  # judges known by province only: every entry of it
        self.by_province_level: dict = {}  # any judge of a province: its province-level entries
        for aff in affiliations:
            for agency_id in aff.related_agency_ids:
                self.by_agency.setdefault(agency_id, set()).add(aff.judge_id)
            for entry_id in aff.declared_entry_ids:
                self.by_entry.setdefault(entry_id, set()).add(aff.judge_id)
            if aff.province_id is None:
                continue
            self.by_province_level.setdefault(aff.province_id, set()).add(aff.judge_id)
            if aff.regency_id:
                self.by_regency.setdefault(aff.regency_id, set()).add(aff.judge_id)
            else:
                self.by_province_any.setdefault(aff.province_id, set()).add(aff.judge_id)

    def judges_conflicted_with(self, entry) -> set:
        found = set(self.by_agency.get(entry.agency_id, ()))
        found.update(self.by_entry.get(entry.pk, ()))
        if entry.province_id is not None:
            found.update(self.by_province_any.get(entry.province_id, ()))
            if entry.regency_id:
                found.update(self.by_regency.get(entry.regency_id, ()))
            else:
                found.update(self.by_province_level.get(entry.province_id, ()))
        return found
