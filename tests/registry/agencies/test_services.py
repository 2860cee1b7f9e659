"""registry.agencies.services: only ministry staff manage agencies and memberships, and every write is audited."""

import pytest

from registry.agencies import services
from registry.agencies.models import Agency, AgencyType, Membership
from registry.audit.models import AuditEvent
from registry.core.exceptions import PermissionDenied, TransitionNotAllowed, ValidationError
from registry.geo.models import Province, Regency
from tests import factories

pytestmark = pytest.mark.django_db


def _snapshot():
    """Everything these services may touch, to prove a refusal changed nothing."""
    return (
        list(Agency.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def _agency_data(**extra):
    regency = Regency.objects.get(code="33.72")
    return {
        "code": "pemkot-uji-baru",
        "name": "Pemerintah Kota Uji Baru",
        "short_name": "Pemkot Uji",
        "type": AgencyType.PEMKOT,
        "province": regency.province,
        "regency": regency,
        "parent": None,
        "website": "",
        "email": "",
        "is_active": True,
        **extra,
    }


@pytest.fixture
def people(submitter_a, verifier_a, ministry_admin, db):
    superuser = factories.UserFactory(username="akar")
    superuser.is_superuser = True
    superuser.save()
    return {
        "anonymous": None,
        "plain": factories.UserFactory(username="tanpa_instansi"),
        "submitter": submitter_a,
        "verifier": verifier_a,
        "ministry": ministry_admin,
        "superuser": superuser,
    }


@pytest.fixture
def candidate(db):
    return factories.UserFactory(username="calon_anggota")


@pytest.fixture
def scene(agency_a, candidate):
    """The rows every service below acts on, created before any snapshot is taken."""
    return {
        "agency": agency_a,
        "candidate": candidate,
        "pending": factories.MembershipFactory(agency=agency_a, is_verified=False, user__username="menunggu"),
        "verified": factories.MembershipFactory(agency=agency_a, is_verified=True, user__username="sudah"),
        "unused_agency": factories.AgencyFactory(code="hapus-saya"),
    }


# action name -> (audit action, call)
ACTIONS = {
    "agency_create": ("agency.create", lambda user, s: services.agency_create(user=user, data=_agency_data())),
    "agency_update": (
        "agency.update",
        lambda user, s: services.agency_update(user=user, agency=s["agency"], data={"name": "Nama Baru"}),
    ),
    "agency_delete": ("agency.delete", lambda user, s: services.agency_delete(user=user, agency=s["unused_agency"])),
    "membership_create": (
        "membership.create",
        lambda user, s: services.membership_create(
            user=user, member=s["candidate"], agency=s["agency"], role="submitter"
        ),
    ),
    "membership_update": (
        "membership.update",
        lambda user, s: services.membership_update(user=user, membership=s["pending"], role="verifier"),
    ),
    "membership_verify": (
        "membership.verify",
        lambda user, s: services.membership_verify(user=user, membership=s["pending"]),
    ),
    "membership_unverify": (
        "membership.unverify",
        lambda user, s: services.membership_unverify(user=user, membership=s["verified"]),
    ),
    "membership_remove": (
        "membership.remove",
        lambda user, s: services.membership_remove(user=user, membership=s["pending"]),
    ),
}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("who", ["anonymous", "plain", "submitter", "verifier"])
def test_non_ministry_users_are_refused_and_nothing_changes(people, scene, who, action):
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        ACTIONS[action][1](people[who], scene)
    assert _snapshot() == before


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("who", ["ministry", "superuser"])
def test_ministry_staff_may_and_each_write_is_audited(people, scene, who, action):
    events = AuditEvent.objects.count()
    ACTIONS[action][1](people[who], scene)
    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.order_by("-sequence").first()
    assert (event.action, event.actor) == (ACTIONS[action][0], people[who])


def test_agency_create_records_every_field(ministry_admin):
    agency = services.agency_create(user=ministry_admin, data=_agency_data(name="<b>Pemkot</b> Uji Baru"))
    assert agency.name == "Pemkot Uji Baru"
    event = AuditEvent.objects.get(action="agency.create")
    assert event.target_id == str(agency.pk)
    assert event.data["code"] == "pemkot-uji-baru"
    assert event.data["regency"] == "33.72"


def test_agency_update_records_what_changed(ministry_admin, agency_a):
    services.agency_update(user=ministry_admin, agency=agency_a, data={"short_name": "Solo", "is_active": False})
    event = AuditEvent.objects.get(action="agency.update")
    assert event.data["changes"] == {"short_name": ["", "Solo"], "is_active": [True, False]}
    agency_a.refresh_from_db()
    assert agency_a.short_name == "Solo" and not agency_a.is_active


@pytest.mark.parametrize(
    "data, field",
    [
        ({"regency": None}, "regency"),  # a pemkot needs its kota
        ({"province": "35"}, "regency"),  # Surakarta is not in Jawa Timur
        ({"code": "pemkot-surakarta"}, "code"),  # taken
        ({"type": "bukan-jenis"}, "type"),
        ({"email": "bukan surel"}, "email"),
        ({"type": AgencyType.PEMPROV, "regency": None, "province": None}, "province"),
    ],
)
def test_agency_create_refuses_invalid_data(ministry_admin, agency_a, data, field):
    if data.get("province") == "35":
        data = {**data, "province": Province.objects.get(code="35")}
    before = _snapshot()
    with pytest.raises(ValidationError) as error:
        services.agency_create(user=ministry_admin, data=_agency_data(**data))
    assert field in error.value.message_dict
    assert _snapshot() == before


def test_agency_update_refuses_unknown_fields(ministry_admin, agency_a):
    before = _snapshot()
    with pytest.raises(ValidationError):
        services.agency_update(user=ministry_admin, agency=agency_a, data={"created_at": None})
    assert _snapshot() == before


def test_agency_cannot_sit_under_itself_or_its_units(ministry_admin, agency_a):
    unit = factories.AgencyFactory(code="dinas-uji", type=AgencyType.UNIT, parent=agency_a)
    subunit = factories.AgencyFactory(code="upt-uji", type=AgencyType.UNIT, parent=unit)
    before = _snapshot()
    for parent in (agency_a, unit, subunit):
        with pytest.raises(ValidationError) as error:
            services.agency_update(user=ministry_admin, agency=agency_a, data={"parent": parent})
        assert "parent" in error.value.message_dict
    assert _snapshot() == before


def test_agency_with_innovations_or_units_is_not_deleted(ministry_admin, agency_a, agency_b):
    factories.InnovationFactory(agency=agency_a)
    factories.AgencyFactory(code="dinas-surabaya", type=AgencyType.UNIT, parent=agency_b)
    before = _snapshot()
    for agency in (agency_a, agency_b):
        with pytest.raises(TransitionNotAllowed):
            services.agency_delete(user=ministry_admin, agency=agency)
    assert _snapshot() == before


def test_agency_delete_records_its_memberships(ministry_admin, submitter_a, agency_a):
    services.agency_delete(user=ministry_admin, agency=agency_a)
    assert not Agency.objects.filter(code="pemkot-surakarta").exists()
    event = AuditEvent.objects.get(action="agency.delete")
    assert event.data == {"code": "pemkot-surakarta", "memberships": [["pengusul_a", "submitter"]]}


def test_duplicate_membership_is_refused(ministry_admin, submitter_a, agency_a):
    before = _snapshot()
    with pytest.raises(ValidationError) as error:
        services.membership_create(user=ministry_admin, member=submitter_a, agency=agency_a, role="verifier")
    assert "user" in error.value.message_dict
    assert _snapshot() == before


def test_membership_of_inactive_account_or_unknown_role_is_refused(ministry_admin, candidate, agency_a):
    before = _snapshot()
    with pytest.raises(ValidationError):
        services.membership_create(user=ministry_admin, member=candidate, agency=agency_a, role="ketua")
    candidate.is_active = False
    candidate.save()
    before = _snapshot()
    with pytest.raises(ValidationError):
        services.membership_create(user=ministry_admin, member=candidate, agency=agency_a, role="submitter")
    assert _snapshot() == before


def test_verification_gives_the_member_their_role(ministry_admin, candidate, agency_a):
    from registry.agencies.permissions import is_verifier

    membership = services.membership_create(user=ministry_admin, member=candidate, agency=agency_a, role="verifier")
    assert not is_verifier(candidate, agency_a)
    services.membership_verify(user=ministry_admin, membership=membership)
    fresh = type(candidate).objects.get(pk=candidate.pk)
    assert is_verifier(fresh, agency_a)
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["membership.create", "membership.verify"]


def test_verifying_twice_or_unverifying_a_pending_membership_is_refused(ministry_admin, submitter_a, agency_a):
    membership = Membership.objects.get(user=submitter_a)
    before = _snapshot()
    with pytest.raises(TransitionNotAllowed):
        services.membership_verify(user=ministry_admin, membership=membership)
    assert _snapshot() == before
    services.membership_unverify(user=ministry_admin, membership=membership)
    before = _snapshot()
    with pytest.raises(TransitionNotAllowed):
        services.membership_unverify(user=ministry_admin, membership=membership)
    assert _snapshot() == before


def test_membership_update_to_the_same_role_writes_nothing(ministry_admin, submitter_a):
    membership = Membership.objects.get(user=submitter_a)
    before = _snapshot()
    services.membership_update(user=ministry_admin, membership=membership, role="submitter")
    assert _snapshot() == before


def test_membership_remove_keeps_who_it_was_in_the_audit_trail(ministry_admin, verifier_a):
    membership = Membership.objects.get(user=verifier_a)
    services.membership_remove(user=ministry_admin, membership=membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    event = AuditEvent.objects.get(action="membership.remove")
    assert event.data == {"user": "verifikator_a", "agency": "pemkot-surakarta", "role": "verifier", "verified": True}
