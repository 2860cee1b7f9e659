"""Read-only API: projects and the lineage of an innovation, with nothing private in them."""

import pytest

from registry.replication.models import ReplicationStage
from tests.factories_replication import advance_with_evidence
from tests.fixtures_replication import *  # noqa: F403 (the replication fixtures)

pytestmark = pytest.mark.django_db


def test_list_and_filters(api, project):
    data = api.get("/api/v1/replications/").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert (row["origin"], row["adopter"], row["stage"], row["adopter_province"]) == (
        project.origin.slug, "pemkot-surabaya", "minat", "35",
    )
    assert api.get("/api/v1/replications/", {"stage": "berlanjut"}).json()["count"] == 0
    assert api.get("/api/v1/replications/", {"province": "35"}).json()["count"] == 1
    assert api.get("/api/v1/replications/", {"adopter": "lain"}).json()["count"] == 0
    assert api.get("/api/v1/replications/", {"stage": "entah"}).status_code == 400


def test_detail_has_timeline_and_outcomes_but_no_working_papers(api, project, verifier_b):
    from registry.replication import services

    project = advance_with_evidence(project, verifier_b, to=ReplicationStage.EVALUASI)
    services.replication_update(user=verifier_b, project=project, data={"team": "Sri Rahayu (ketua)"})
    response = api.get(f"/api/v1/replications/{project.pk}/")
    data = response.json()
    assert response["ETag"]
    assert [step["to_stage"] for step in data["timeline"]] == ["minat", "kesepakatan", "adaptasi", "implementasi", "evaluasi"]
    assert "team" not in data and "documents" not in data and "Sri Rahayu" not in response.content.decode()
    assert api.get(f"/api/v1/replications/{project.pk}/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_lineage(api, project, verifier_b, origin):
    advance_with_evidence(project, verifier_b, to=ReplicationStage.EVALUASI)
    data = api.get(f"/api/v1/innovations/{origin.slug}/lineage/").json()
    assert data["replications_active"] == 1
    node = data["tree"][0]
    assert (node["generation"], node["adopter"], node["region"], node["stage"], node["replica"]) == (
        1, "pemkot-surabaya", "35.78", "evaluasi", None,  # the replica is still a draft
    )
    assert node["children"] == []
    assert api.get("/api/v1/innovations/tidak-ada/lineage/").status_code == 404


def test_the_api_is_read_only(api, project, verifier_b):
    api.force_authenticate(verifier_b)
    assert api.post("/api/v1/replications/", {}).status_code == 405
    assert api.delete(f"/api/v1/replications/{project.pk}/").status_code == 405
