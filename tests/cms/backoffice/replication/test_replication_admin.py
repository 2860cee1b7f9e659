"""Ministry staff see every replication project in the Wagtail admin, filter and export them."""

import csv
import io

import pytest
from django.urls import reverse

from tests import factories
from tests.factories_replication import ReplicationProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(project, origin):
    aceh = factories.AgencyFactory(code="pemkab-11-01", name="Pemerintah Kabupaten Simeulue", regency=factories._regency("11.01"))
    ReplicationProjectFactory(origin=origin, adopter=aceh, stage="implementasi", local_name="Akta Simeulue")
    return project


def test_the_listing_with_filters(client, ministry_admin, projects):
    client.force_login(ministry_admin)
    url = reverse("replicationproject:index")
    html = client.get(url).content.decode()
    assert "Akta Lahir Keliling" in html and "Akta Simeulue" in html
    html = client.get(url, {"province": "11"}).content.decode()
    assert "Akta Simeulue" in html and "Akta Lahir Keliling" not in html
    html = client.get(url, {"stage": "minat"}).content.decode()
    assert "Akta Lahir Keliling" in html and "Akta Simeulue" not in html


def test_the_export_uses_the_resource_columns_and_the_filters(client, ministry_admin, projects):
    from registry.replication.resources import ReplicationProjectResource

    client.force_login(ministry_admin)
    response = client.get(reverse("replicationproject:index"), {"export": "csv", "stage": "implementasi"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert list(rows[0]) == [field.column_name for field in ReplicationProjectResource().get_export_fields()]
    assert [(row["Nama lokal"], row["Kode instansi pereplikasi"], row["Inovasi asal"]) for row in rows] == [
        ("Akta Simeulue", "pemkab-11-01", "lan:52")
    ]


def test_inspect_and_history(client, ministry_admin, project):
    client.force_login(ministry_admin)
    assert client.get(reverse("replicationproject:inspect", args=[project.pk])).status_code == 200
    history = client.get(reverse("replicationproject:history", args=[project.pk])).content.decode()
    assert "replication.start" in history


@pytest.mark.parametrize("role", ["verifier_b", "verifier_a", "other_member"])
def test_agency_staff_have_no_admin(request, client, project, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("replicationproject:index"))
    assert response.status_code in {302, 403}


def test_no_add_or_edit_in_the_admin(client, ministry_admin, project):
    from django.urls import NoReverseMatch

    client.force_login(ministry_admin)
    for name in ("add", "edit", "delete"):
        with pytest.raises(NoReverseMatch):
            reverse(f"replicationproject:{name}", args=[project.pk] if name != "add" else [])
