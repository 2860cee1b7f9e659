"""The portal's read queries: status filters, scope, revision history and field-by-field changes."""

import pytest

from registry.innovations import services
from registry.innovations.selectors import (
    innovation_list_for_portal,
    innovation_list_for_user,
    innovation_pending_changes,
    innovation_revision_history,
    innovation_status_counts,
)
from tests import factories_portal as portal

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each(submitter_a, verifier_a, agency_a):
    published_with_edit = portal.published(submitter_a, verifier_a, agency_a, title="Terbit lalu diubah")
    services.innovation_update(user=submitter_a, innovation=published_with_edit, data={"title": "Usulan judul"})
    return {
        "draft": portal.draft(submitter_a, agency_a, title="Draf"),
        "in_moderation": portal.submitted(submitter_a, agency_a, title="Diajukan"),
        "returned": portal.returned(submitter_a, verifier_a, agency_a, title="Dikembalikan"),
        "published": portal.published(submitter_a, verifier_a, agency_a, title="Terbit"),
        "unpublished": portal.unpublished(submitter_a, verifier_a, agency_a, title="Ditarik"),
        "published_with_edit": published_with_edit,
    }


EXPECTED = {
    "draft": {"draft", "published_with_edit"},
    "in_moderation": {"in_moderation"},
    "returned": {"returned"},
    "published": {"published", "published_with_edit"},
    "unpublished": {"unpublished"},
    "pending_changes": {"published_with_edit"},
    "": {"draft", "in_moderation", "returned", "published", "unpublished", "published_with_edit"},
}


@pytest.mark.parametrize("status", list(EXPECTED))
def test_status_filters(one_of_each, submitter_a, status):
    found = set(innovation_list_for_portal(submitter_a, status=status).values_list("pk", flat=True))
    assert found == {one_of_each[name].pk for name in EXPECTED[status]}


def test_status_counts_match_the_filters_in_one_query(one_of_each, submitter_a, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = innovation_status_counts(submitter_a)
    assert counts == {"all": 6, **{status: len(names) for status, names in EXPECTED.items() if status}}


def test_scope_is_the_users_agencies_and_everything_for_ministry(one_of_each, submitter_b, ministry_admin, agency_b):
    own = portal.draft(submitter_b, agency_b)
    assert list(innovation_list_for_user(submitter_b)) == [own]
    assert innovation_list_for_user(ministry_admin).count() == 7


def test_member_of_two_agencies_filters_by_agency(one_of_each, submitter_a, agency_b, submitter_b):
    from tests.factories import MembershipFactory

    MembershipFactory(user=submitter_a, agency=agency_b, role="submitter")
    own_b = portal.draft(submitter_b, agency_b)
    fresh = type(submitter_a).objects.get(pk=submitter_a.pk)  # roles are cached per user object
    assert innovation_list_for_portal(fresh).count() == 7
    assert list(innovation_list_for_portal(fresh, agency_id=agency_b.pk)) == [own_b]


def test_revision_history_says_what_happened_to_each_revision(submitter_a, verifier_a, agency_a):
    innovation = portal.returned(submitter_a, verifier_a, agency_a)
    services.innovation_update(user=submitter_a, innovation=innovation, data={"title": "Diperbaiki"})
    services.innovation_submit(user=submitter_a, innovation=innovation)
    services.innovation_approve(user=verifier_a, innovation=innovation)
    innovation.refresh_from_db()
    history = innovation_revision_history(innovation)
    assert [(str(entry.status), entry.is_live, entry.is_latest) for entry in history] == [
        ("Diterbitkan", True, True),
        ("Dikembalikan", False, False),
    ]
    assert history[0].revision.user == submitter_a


def test_pending_changes_field_by_field(submitter_a, verifier_a, agency_a):
    innovation = portal.published(submitter_a, verifier_a, agency_a)
    assert innovation_pending_changes(innovation) == []
    services.innovation_update(
        user=submitter_a,
        innovation=innovation,
        data={"title": "Judul baru", "is_digital": True},
        indicators=[{"name": "Cakupan akta kelahiran anak", "unit": "%", "baseline": 61, "value": 97, "year": 2019}],
    )
    innovation.refresh_from_db()
    changes = {change.name: (change.before, change.after) for change in innovation_pending_changes(innovation)}
    assert changes == {
        "title": ("Akta Kelahiran Jemput Bola", "Judul baru"),
        "is_digital": ("Tidak", "Ya"),
        "indicators": ("Cakupan akta kelahiran anak: 61 → 94 % (2018)", "Cakupan akta kelahiran anak: 61 → 97 % (2019)"),
    }


def test_pending_changes_after_unpublish_compare_with_the_last_published_revision(submitter_a, verifier_a, agency_a):
    innovation = portal.unpublished(submitter_a, verifier_a, agency_a)
    services.innovation_update(user=submitter_a, innovation=innovation, data={"title": "Versi baru"})
    innovation.refresh_from_db()
    changes = innovation_pending_changes(innovation)
    assert [(c.name, c.before, c.after) for c in changes] == [("title", "Akta Kelahiran Jemput Bola", "Versi baru")]


def test_never_published_has_no_comparison(submitter_a, agency_a):
    assert innovation_pending_changes(portal.draft(submitter_a, agency_a)) is None
