"""Computed conflicts of interest: the rules, and the index the assignment uses agrees with them."""

import random
from types import SimpleNamespace

import pytest

from registry.competitions.conflicts import (
    Affiliation,
    ConflictIndex,
    conflicted,
    judge_conflicted_with_entry,
)
from registry.geo.models import Province, Regency
from tests.factories import AgencyFactory
from tests.factories_competitions import JudgeFactory


def entry(pk=1, agency=10, province=None, regency=None):
    return SimpleNamespace(pk=pk, agency_id=agency, province_id=province, regency_id=regency)


def check(aff, e):
    return conflicted(aff, entry_id=e.pk, agency_id=e.agency_id, province_id=e.province_id, regency_id=e.regency_id)


@pytest.mark.parametrize(
    ("judge", "the_entry", "expected"),
    [
        # own agency, or an agency above/below it
        (Affiliation(1, frozenset({10, 11}), None, None), entry(agency=11), True),
        (Affiliation(1, frozenset({10}), None, None), entry(agency=12, province="33", regency="33.72"), False),
        # a kab/kota judge: same kab/kota, and province-level entries of the province
        (Affiliation(1, frozenset(), "33", "33.72"), entry(province="33", regency="33.72"), True),
        (Affiliation(1, frozenset(), "33", "33.72"), entry(province="33", regency="33.74"), False),
        (Affiliation(1, frozenset(), "33", "33.72"), entry(province="33"), True),
        # a judge known by province only: every entry of the province
        (Affiliation(1, frozenset(), "33", None), entry(province="33", regency="33.74"), True),
        (Affiliation(1, frozenset(), "33", None), entry(province="35", regency="35.78"), False),
        # national entries have no region conflict
        (Affiliation(1, frozenset(), "33", None), entry(), False),
        # declared
        (Affiliation(1, frozenset(), None, None, frozenset({1})), entry(pk=1), True),
    ],
)
def test_conflict_rules(judge, the_entry, expected):
    assert check(judge, the_entry) is expected
    assert (1 in ConflictIndex([judge]).judges_conflicted_with(the_entry)) is expected


def test_index_agrees_with_the_rules_on_random_judges_and_entries():
    rng = random.Random(7)
    provinces = ["11", "33", "35"]
    regencies = {"11": ["11.01", "11.02"], "33": ["33.72", "33.74"], "35": ["35.77", "35.78"]}
    judges = []
    for j in range(40):
        province = rng.choice([None, *provinces])
        regency = rng.choice([None, *regencies[province]]) if province else None
        judges.append(Affiliation(j, frozenset(rng.sample(range(20), rng.randint(0, 3))), province, regency, frozenset(rng.sample(range(60), 2))))
    index = ConflictIndex(judges)
    for pk in range(60):
        province = rng.choice([None, *provinces])
        e = entry(pk=pk, agency=rng.randrange(20), province=province, regency=rng.choice([None, *regencies[province]]) if province else None)
        assert index.judges_conflicted_with(e) == {aff.judge_id for aff in judges if check(aff, e)}


@pytest.mark.django_db
def test_affiliation_follows_the_agency_tree_and_its_region():
    east_java = Province.objects.get(code="35")
    pemprov = AgencyFactory(code="pemprov-35", name="Pemerintah Provinsi Jawa Timur", type="pemprov", regency=None, province=east_java)
    dinas = AgencyFactory(code="dinkes-35", name="Dinas Kesehatan Provinsi Jawa Timur", type="unit", parent=pemprov, regency=None, province=east_java)
    judge = JudgeFactory(agency=dinas)
    surabaya = SimpleNamespace(pk=9, agency_id=AgencyFactory(regency=Regency.objects.get(code="35.78")).pk, province_id="35", regency_id="35.78")
    parent_entry = SimpleNamespace(pk=8, agency_id=pemprov.pk, province_id=None, regency_id=None)
    assert judge_conflicted_with_entry(judge, parent_entry)  # the agency above the judge's
    assert judge_conflicted_with_entry(judge, surabaya)  # a provincial judge, an entry of that province
