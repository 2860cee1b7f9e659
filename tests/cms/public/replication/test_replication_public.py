"""Public pages: the tree and "replicate this" on an innovation's page, and the map page /replikasi/."""

import json

import pytest
from django.urls import reverse

from registry.replication.models import ReplicationStage
from tests.factories_replication import advance_with_evidence

pytestmark = pytest.mark.django_db


def _page(client, innovation):
    return client.get(f"/inovasi/{innovation.slug}/").content.decode()


def test_the_innovation_page_shows_the_tree_and_counts(client, project, verifier_b, origin):
    advance_with_evidence(project, verifier_b, to=ReplicationStage.EVALUASI)
    html = _page(client, origin)
    assert "Pohon replikasi" in html
    assert "Akta Lahir Keliling" in html and "Pemerintah Kota Surabaya" in html and "Evaluasi" in html
    assert 'data-testid="replications-active">1<' in html


def test_replicate_this_for_a_member_of_another_agency(client, origin, other_member):
    client.force_login(other_member)
    html = _page(client, origin)
    assert reverse("portal:replication_start", kwargs={"innovation_id": origin.pk}) in html


def test_anonymous_visitors_are_invited_to_sign_in(client, origin):
    html = _page(client, origin)
    assert "Masuk untuk mereplikasi" in html


def test_the_origins_own_staff_get_no_button(client, origin, verifier_a):
    client.force_login(verifier_a)
    html = _page(client, origin)
    assert reverse("portal:replication_start", kwargs={"innovation_id": origin.pk}) not in html


def test_an_adopter_with_a_project_sees_a_link_to_it(client, project, submitter_b, origin):
    client.force_login(submitter_b)
    html = _page(client, origin)
    assert reverse("portal:replication_detail", kwargs={"pk": project.pk}) in html


def test_the_map_page(client, project, origin):
    response = client.get(reverse("replication_map"), {"inovasi": origin.slug})
    html = response.content.decode()
    assert response.status_code == 200
    assert "vendor/leaflet/leaflet.js" in html
    data = json.loads(html.split('id="replication-map-data" type="application/json">')[1].split("</script>")[0])
    assert data["totals"]["started"] == 1
    assert data["lines"][0]["from"] == "33" and data["lines"][0]["to"] == "35"
    assert 'data-testid="total-started">1<' in html


def test_the_map_page_loads_nothing_from_other_sites(client, project):
    html = client.get(reverse("replication_map")).content.decode()
    for tag in ("<script", "<link"):
        for chunk in html.split(tag)[1:]:
            source = chunk.split(">")[0]
            assert "http://" not in source and "https://" not in source and "//" not in source.replace("://", "")


def test_map_filters_change_the_numbers(client, project):
    assert 'data-testid="total-started">0<' in client.get(reverse("replication_map"), {"provinsi": "11"}).content.decode()
    assert 'data-testid="total-started">1<' in client.get(reverse("replication_map"), {"provinsi": "35"}).content.decode()


def test_the_province_geojson_is_served_with_its_codes(client):
    response = client.get(reverse("replication_provinces_geojson"))
    geojson = json.loads(b"".join(response.streaming_content))
    assert response["Content-Type"] == "application/geo+json"
    assert len(geojson["features"]) == 38 and {"33", "35"} <= {f["properties"]["code"] for f in geojson["features"]}


def test_an_invalid_filter_does_not_drop_the_others(client, project):
    html = client.get(reverse("replication_map"), {"provinsi": "35", "tahun": "1800"}).content.decode()
    assert 'data-testid="total-started">1<' in html
    html = client.get(reverse("replication_map"), {"provinsi": "11", "sektor": "tidak-ada"}).content.decode()
    assert 'data-testid="total-started">0<' in html
