"""The big listings and their exports run the same number of queries for 5 rows as for 50."""

import pytest

from registry.audit.services import audit_record
from tests import factories

pytestmark = pytest.mark.django_db

# A generous ceiling for one admin page; the real check is that 50 rows need no more than 5.
CEILING = 40


def _innovations(count, **_):
    for _ in range(count):
        innovation = factories.InnovationFactory()
        innovation.save()  # writes the factory's sectors


def _agencies(count, parent=None, **_):
    for _ in range(count):
        factories.AgencyFactory(parent=parent)


def _memberships(count, **_):
    for role in ["submitter", "verifier"] * (count // 2):
        factories.MembershipFactory(role=role)


def _audit_events(count, actor=None, **_):
    for _ in range(count):
        agency = factories.AgencyFactory()
        audit_record(actor=actor, action="agency.create", target=agency, data={"code": agency.code})


LISTINGS = {
    "innovation": ("/admin/innovation/", _innovations),
    "agency": ("/admin/agency/", _agencies),
    "membership": ("/admin/membership/", _memberships),
    "auditevent": ("/admin/auditevent/", _audit_events),
}


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)  # a streamed export runs its queries while it is read
    return response


@pytest.mark.parametrize("suffix", ["", "?export=csv", "?export=xlsx"])
@pytest.mark.parametrize("listing", LISTINGS)
def test_listing_queries_do_not_grow_with_rows(
    ministry_client, ministry_admin, agency_a, django_assert_max_num_queries, listing, suffix
):
    url, make = LISTINGS[listing]
    make(5, parent=agency_a, actor=ministry_admin)
    _get(ministry_client, url + suffix)  # warm the caches (content types, site, menu) once
    with django_assert_max_num_queries(CEILING) as five:
        _get(ministry_client, url + suffix)
    make(45, parent=agency_a, actor=ministry_admin)
    with django_assert_max_num_queries(len(five.captured_queries)):
        _get(ministry_client, url + suffix)


def test_dashboard_queries_do_not_grow_with_rows(ministry_client, django_assert_max_num_queries):
    for _ in range(5):
        factories.InnovationFactory(moderation_status="in_moderation", live=False)
    _get(ministry_client, "/admin/")
    with django_assert_max_num_queries(CEILING) as five:
        _get(ministry_client, "/admin/")
    for _ in range(45):
        factories.InnovationFactory(moderation_status="in_moderation", live=False)
    with django_assert_max_num_queries(len(five.captured_queries)):
        _get(ministry_client, "/admin/")
