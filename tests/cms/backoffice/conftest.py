import pytest

from registry.agencies.models import Agency, Membership
from registry.audit.models import AuditEvent
from registry.innovations import services as innovation_services
from registry.innovations.models import Innovation, Sector
from tests import factories

SUBMISSION = {
    "title": "Akta Kelahiran Jemput Bola",
    "summary": "Petugas dukcapil mendatangi rumah sakit dan kelurahan untuk menerbitkan akta kelahiran.",
    "kind": "proses",
    "form": "pelayanan_publik",
    "stage": "penerapan",
    "problem": "Banyak bayi tidak tercatat.",
    "implementation_steps": "Kerja sama dengan rumah sakit.",
    "results": "Cakupan akta naik.",
}



@pytest.fixture
def superuser(db):
    user = factories.UserFactory(username="super_admin")
    user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def plain_user(db):
    """An account with no membership and no group (a member of the public, a fresh judge)."""
    return factories.UserFactory(username="warga_biasa")


@pytest.fixture
def ministry_client(client, ministry_admin):
    client.force_login(ministry_admin)
    return client


@pytest.fixture
def people(submitter_a, verifier_a, plain_user, ministry_admin, superuser):
    return {
        "anonymous": None,
        "submitter": submitter_a,
        "verifier": verifier_a,
        "no_membership": plain_user,
        "ministry_admin": ministry_admin,
        "superuser": superuser,
    }


@pytest.fixture
def submitted_innovation(submitter_a, agency_a):
    """An innovation written in the portal and waiting for verification (it has revisions)."""
    data = {**SUBMISSION, "sectors": Sector.objects.filter(code="administrasi-kependudukan")}
    innovation = innovation_services.innovation_create(
        user=submitter_a, agency=agency_a, data=data, indicators=[{"name": "Cakupan akta", "unit": "%", "baseline": 60, "value": 95}]
    )
    return innovation_services.innovation_submit(user=submitter_a, innovation=innovation)


@pytest.fixture
def published_innovation(agency_a):
    return factories.InnovationFactory(agency=agency_a, title="Layanan Publik Terbit")


def database_state():
    """What the admin could change, to prove a refused request changed nothing."""
    return {
        "agencies": list(Agency.objects.order_by("pk").values()),
        "memberships": list(Membership.objects.order_by("pk").values()),
        "innovations": list(
            Innovation.objects.order_by("pk").values("pk", "title", "live", "moderation_status", "latest_revision_id")
        ),
        "audit": AuditEvent.objects.count(),
        "users": list(factories.UserFactory._meta.model.objects.order_by("pk").values("pk", "is_superuser", "nip")),
    }
