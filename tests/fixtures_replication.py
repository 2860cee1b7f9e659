"""Fixtures of the replication tests, imported by the conftest.py of each replication test folder."""

import pytest

from registry.agencies.models import AgencyType
from registry.geo.models import Regency
from tests import factories
from tests.factories_replication import pdf_file


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"



@pytest.fixture
def origin(agency_a):
    """A published innovation of Kota Surakarta, with an outcome indicator."""
    from registry.innovations.models import OutcomeIndicator

    innovation = factories.InnovationFactory(agency=agency_a, title="Akte Kelahiran Jemput Bola", external_id="lan:52")
    # InnovationFactory sets the (parental) sectors in memory only; store them.
    innovation.sectors.commit()
    OutcomeIndicator.objects.create(innovation=innovation, name="Cakupan akta kelahiran", unit="%", baseline=60, value=95)
    return innovation


@pytest.fixture
def adopter(agency_b):
    return agency_b


@pytest.fixture
def facilitator_agency(db):
    return factories.AgencyFactory(
        code="pemprov-35", name="Pemerintah Provinsi Jawa Timur", type=AgencyType.PEMPROV, regency=None,
        province=Regency.objects.get(code="35.78").province,
    )


@pytest.fixture
def facilitator_member(facilitator_agency):
    return factories.MembershipFactory(agency=facilitator_agency, role="verifier", user__username="fasilitator").user


@pytest.fixture
def other_agency(db):
    return factories.AgencyFactory(code="pemkab-lain", name="Pemerintah Kabupaten Lain", type=AgencyType.PEMKAB, regency=Regency.objects.get(code="11.01"))


@pytest.fixture
def other_member(other_agency):
    return factories.MembershipFactory(agency=other_agency, role="verifier", user__username="instansi_lain").user


@pytest.fixture
def project(origin, adopter, submitter_b, verifier_b, verifier_a, django_capture_on_commit_callbacks):
    """A project of Surabaya replicating Surakarta's innovation, at minat (e-mails already sent)."""
    from registry.replication import services

    with django_capture_on_commit_callbacks(execute=True):
        return services.replication_start(
            user=submitter_b, origin=origin, adopter=adopter, data={"local_name": "Akta Lahir Keliling"}, letter=None
        )


@pytest.fixture
def letter():
    return pdf_file("surat-minat.pdf")
