"""Fixtures shared by the competition tests (imported by their conftest.py files)."""

import pytest

from registry.geo.models import Regency
from registry.innovations.models import Sector
from tests.factories import AgencyFactory, InnovationFactory, MembershipFactory
from tests.factories_competitions import (
    JudgeFactory,
    SecretariatFactory,
    build_edition,
    entry_in_round,
)


@pytest.fixture
def secretariat(db):
    return SecretariatFactory(username="sekretariat")


@pytest.fixture
def edition(db):
    return build_edition()


@pytest.fixture
def panel(edition):
    """Three university judges, without affiliation, on both judged rounds."""
    health = list(Sector.objects.filter(code="kesehatan"))
    judges = [
        JudgeFactory(user__username="juri_ugm", user__first_name="Ratna", user__last_name="Juri", sectors=health),
        JudgeFactory(user__username="juri_ui", user__first_name="Bambang", user__last_name="Juri", institution="Universitas Indonesia"),
        JudgeFactory(user__username="juri_itb", user__first_name="Sari", user__last_name="Juri", institution="Institut Teknologi Bandung"),
    ]
    for key in ("desk", "presentation"):
        edition[key].judges.add(*judges)
        edition[key].save()  # a ParentalManyToManyField is written on save
    return judges


@pytest.fixture
def entrant_agency(db):
    return AgencyFactory(
        code="pemkot-madiun",
        name="Pemerintah Kota Madiun",
        short_name="Pemkot Madiun",
        regency=Regency.objects.get(code="35.77"),
    )


@pytest.fixture
def entrant_verifier(entrant_agency):
    return MembershipFactory(agency=entrant_agency, role="verifier", user__username="verifikator_madiun").user


@pytest.fixture
def entrant_submitter(entrant_agency):
    return MembershipFactory(agency=entrant_agency, role="submitter", user__username="pengusul_madiun").user


@pytest.fixture
def entrant_innovation(entrant_agency):
    return InnovationFactory(
        agency=entrant_agency,
        title="Layanan Kesehatan Keliling Kota Madiun",
        unit_name="Dinas Kesehatan Kota Madiun",
        contact_name="Dr. Wahyu Prasetyo",
        contact_email="wahyu.prasetyo@madiunkota.go.id",
        problem="Warga Kota Madiun di pinggiran kota jauh dari puskesmas; Pemkot Madiun mencari cara baru.",
    )


@pytest.fixture
def desk_entry(edition, entrant_innovation):
    return entry_in_round(edition, innovation=entrant_innovation)


@pytest.fixture
def conflicted_judge(edition, entrant_agency):
    """Works for the entrant's own agency: a computed conflict."""
    judge = JudgeFactory(user__username="juri_konflik", agency=entrant_agency, institution="Bappeda")
    edition["desk"].judges.add(judge)
    edition["desk"].save()
    return judge
