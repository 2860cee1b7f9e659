"""The registry panel on the admin home: innovations per status, verification queues, agencies without a verifier."""

import pytest

from cms.backoffice.dashboard import RegistryDashboardPanel
from registry.agencies.models import AgencyType
from tests import factories

pytestmark = pytest.mark.django_db


def _waiting(agency, count):
    for _ in range(count):
        factories.InnovationFactory(agency=agency, moderation_status="in_moderation", live=False)


@pytest.fixture
def queues(agency_a, agency_b, verifier_b):
    """Twelve agencies with a queue (1 to 12 waiting), plus published and returned innovations."""
    agencies = [factories.AgencyFactory(name=f"Dinas Uji {n:02d}", type=AgencyType.UNIT) for n in range(1, 11)]
    for count, agency in enumerate([agency_b, *agencies, agency_a], start=1):
        _waiting(agency, count)
    factories.InnovationFactory(agency=agency_a)
    factories.InnovationFactory(agency=agency_a, moderation_status="returned", live=False)
    inactive = factories.AgencyFactory(name="Instansi Lama", is_active=False)
    return {"agencies": agencies, "inactive": inactive}


def test_panel_counts(queues, agency_a, agency_b):
    context = RegistryDashboardPanel().get_context_data()
    counts = {str(status["label"]): status["count"] for status in context["statuses"]}
    assert counts == {"Draf": 0, "Menunggu verifikasi": 78, "Dikembalikan": 1, "Terbit": 1, "Ditarik": 0}
    assert context["total"] == 80
    # The ten longest queues, longest first: Surakarta (12), then Dinas Uji 10 (11) ... Dinas Uji 02 (3).
    assert [(agency.name, agency.awaiting) for agency in context["awaiting"]][:2] == [
        ("Pemerintah Kota Surakarta", 12),
        ("Dinas Uji 10", 11),
    ]
    assert len(context["awaiting"]) == 10
    assert context["awaiting"][-1].name == "Dinas Uji 02"
    # Every active agency without a verified verifier: all but Surabaya (which has one) and the inactive one.
    assert context["without_verifier_count"] == 11
    assert agency_b not in context["without_verifier"]
    assert queues["inactive"] not in context["without_verifier"]


def test_panel_is_on_the_admin_home_of_ministry_staff(ministry_client, queues):
    body = ministry_client.get("/admin/").content.decode()
    assert "Inovasi menurut status" in body
    assert "Instansi tanpa verifikator (11)" in body
    assert "/admin/innovation/?moderation_status=in_moderation" in body
    assert "/admin/agency/?verifier=belum&amp;is_active=true" in body


def test_agencies_without_verifier_link_lists_them(ministry_client, queues):
    response = ministry_client.get("/admin/agency/?verifier=belum&is_active=true")
    assert response.context["paginator"].count == 11
