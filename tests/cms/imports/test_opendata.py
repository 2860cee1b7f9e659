"""/data/: the published catalog as CSV and JSON, regenerated when the catalog changes."""

import csv
import io
import json

import pytest

from registry.innovations import services
from tests.factories import InnovationFactory
from tests.factories_imports import FullInnovationFactory


@pytest.mark.django_db
def test_open_data_page_offers_the_published_catalog_with_date_and_licence(client, agency_a):
    FullInnovationFactory(agency=agency_a, title="Terbit")
    InnovationFactory(agency=agency_a, title="Masih draf", live=False, moderation_status="draft")

    page = client.get("/data/").content.decode()

    assert "CC BY 4.0" in page or "Creative Commons" in page
    assert "/data/inovasi.csv" in page and "/data/inovasi.json" in page and "/data/datapackage.json" in page
    rows = list(csv.DictReader(io.StringIO(b"".join(client.get("/data/inovasi.csv").streaming_content).decode("utf-8-sig"))))
    assert [row["Judul"] for row in rows] == ["Terbit"]
    assert rows[0]["Sektor"] == "administrasi-kependudukan, kesehatan" and "Status" not in rows[0]
    items = json.loads(b"".join(client.get("/data/inovasi.json").streaming_content))
    assert [item["Judul"] for item in items] == ["Terbit"]
    package = json.loads(b"".join(client.get("/data/datapackage.json").streaming_content))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["resources"][0]["rows"] == 1
    assert {"name": "Tahun dimulai", "type": "integer"}.items() <= package["resources"][0]["schema"]["fields"][16].items()


@pytest.mark.django_db
def test_files_follow_the_catalog(client, agency_a, verifier_a, django_capture_on_commit_callbacks):
    client.get("/data/")  # first generation: empty catalog
    innovation = InnovationFactory(agency=agency_a, live=False, moderation_status="in_moderation", title="Baru terbit")
    innovation.save_revision(user=verifier_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.innovation_approve(user=verifier_a, innovation=innovation)
    items = json.loads(b"".join(client.get("/data/inovasi.json").streaming_content))
    assert [item["Judul"] for item in items] == ["Baru terbit"]

    with django_capture_on_commit_callbacks(execute=True):
        services.innovation_unpublish(user=verifier_a, innovation=innovation, reason="uji")
    assert json.loads(b"".join(client.get("/data/inovasi.json").streaming_content)) == []


@pytest.mark.django_db
def test_unknown_open_data_file_is_404(client):
    assert client.get("/data/rahasia.txt").status_code == 404
    assert client.get("/data/..%2Fsettings.py").status_code == 404
