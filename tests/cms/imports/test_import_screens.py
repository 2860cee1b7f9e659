"""The import screens of the admin and the portal, and the exports of their listings."""

import html
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from registry.imports.models import ImportJob, ImportStatus
from registry.innovations.models import Innovation
from tests.factories import InnovationFactory
from tests.factories_imports import good_row, xlsx


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.django_db
def test_ministry_admin_sees_bad_rows_fixes_them_and_imports(client, ministry_admin, agency_a):
    client.force_login(ministry_admin)
    rows = [good_row(n) for n in range(1, 6)]
    rows[1][4] = "99.99"  # row 3: unknown kab/kota
    rows[3][1] = ""  # row 5: no title
    response = client.post("/admin/impor/", {"resource": "innovations", "publish": "on", "file": upload("inovasi.xlsx", xlsx(rows))})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == f"/admin/impor/{job.pk}/"
    page = html.unescape(client.get(response.url).content.decode())
    assert 'Kode wilayah "99.99" tidak dikenal.' in page and "Wajib diisi." in page
    assert "Jalankan impor" not in page
    assert client.post(f"/admin/impor/{job.pk}/jalankan/").status_code == 302
    assert Innovation.objects.count() == 0

    fixed = [good_row(n) for n in range(1, 6)]
    client.post("/admin/impor/", {"resource": "innovations", "publish": "on", "file": upload("inovasi.xlsx", xlsx(fixed))})
    job = ImportJob.objects.order_by("-created_at").first()
    assert job.status == ImportStatus.VALID
    assert "Jalankan impor" in client.get(f"/admin/impor/{job.pk}/").content.decode()
    client.post(f"/admin/impor/{job.pk}/jalankan/")
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert Innovation.objects.published().count() == 5


@pytest.mark.django_db
def test_refused_file_is_a_form_error(client, ministry_admin):
    client.force_login(ministry_admin)
    response = client.post("/admin/impor/", {"resource": "agencies", "file": upload("gambar.png", b"\x89PNG")})
    assert response.status_code == 200
    assert "bukan lembar kerja yang didukung" in response.content.decode()
    assert ImportJob.objects.count() == 0


@pytest.mark.django_db
def test_large_file_runs_in_the_background_with_progress(client, ministry_admin, agency_a, settings, django_capture_on_commit_callbacks):
    settings.REGISTRY_IMPORT_BACKGROUND_ROWS = 3
    client.force_login(ministry_admin)
    content = xlsx([good_row(n) for n in range(1, 8)])
    response = client.post("/admin/impor/", {"resource": "innovations", "publish": "on", "file": upload("besar.xlsx", content)})
    job = ImportJob.objects.get()
    # Not validated yet: the task is queued when the upload commits.
    assert job.status == ImportStatus.VALIDATING
    page = client.get(response.url).content.decode()
    assert "data-import-progress" in page and "js/imports.js" in page
    assert client.get(f"/admin/impor/{job.pk}/status/").json()["running"] is True
    # The task worker runs it (immediate backend in tests).
    from registry.imports.tasks import import_job_validate_task

    import_job_validate_task.enqueue(str(job.pk))
    assert client.get(f"/admin/impor/{job.pk}/status/").json() == {
        "status": "valid", "status_label": "Siap diimpor", "running": False, "done": 7, "total": 7, "percent": 100,
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/impor/{job.pk}/jalankan/")
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and Innovation.objects.count() == 7


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "index", "upload_status"),
    [("anonymous", 302, 302), ("submitter_a", 403, 403), ("verifier_a", 200, 302), ("ministry_admin", 200, 302)],
)
def test_portal_import_permissions(who, index, upload_status, client, request, agency_a):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get("/portal/impor/").status_code == index
    response = client.post("/portal/impor/", {"resource": "innovations", "file": upload("i.xlsx", xlsx([good_row(1)]))})
    assert response.status_code == upload_status
    if who in ("anonymous", "submitter_a"):
        assert ImportJob.objects.count() == 0


@pytest.mark.django_db
def test_verifier_imports_drafts_in_the_portal_and_nobody_else_sees_the_job(client, verifier_a, verifier_b, agency_a):
    client.force_login(verifier_a)
    response = client.post("/portal/impor/", {"resource": "innovations", "file": upload("i.xlsx", xlsx([good_row(1), good_row(2)]))})
    job = ImportJob.objects.get()
    assert response.url == f"/portal/impor/{job.pk}/"
    assert "Impor sekarang" in client.get(response.url).content.decode()
    client.post(f"/portal/impor/{job.pk}/jalankan/")
    assert list(Innovation.objects.values_list("live", "moderation_status")) == [(False, "draft")] * 2

    client.force_login(verifier_b)
    assert client.get(f"/portal/impor/{job.pk}/").status_code == 404
    assert client.post(f"/portal/impor/{job.pk}/jalankan/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/impor/templat/innovations.xlsx", "/portal/impor/templat/innovations.xlsx"])
def test_template_has_indonesian_headers_an_example_row_and_notes(client, ministry_admin, verifier_a, url):
    client.force_login(verifier_a if url.startswith("/portal") else ministry_admin)
    response = client.get(url)
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Data", "Petunjuk"]
    headers = [c.value for c in workbook["Data"][1]]
    assert headers[:4] == ["ID eksternal", "Slug", "Judul", "Ringkasan"] and "Status" not in headers
    assert workbook["Data"]["A2"].value == "pemkot-surakarta:2019-01"
    notes = {row[0]: row for row in workbook["Petunjuk"].iter_rows(min_row=2, values_only=True) if row and row[0]}
    assert set(headers) <= set(notes)
    assert "kesehatan (Kesehatan)" in notes["Sektor"][3] and notes["Judul"][1] == "ya"


@pytest.mark.django_db
def test_every_admin_template_downloads(client, ministry_admin):
    client.force_login(ministry_admin)
    for resource in ["provinces", "regencies", "agencies", "memberships", "innovations"]:
        response = client.get(f"/admin/impor/templat/{resource}.xlsx")
        assert response.status_code == 200 and response.content.startswith(b"PK")


@pytest.mark.django_db
def test_admin_export_keeps_the_listing_filters(client, ministry_admin, agency_a, agency_b):
    InnovationFactory(agency=agency_a, title="Di Jawa Tengah")
    InnovationFactory(agency=agency_b, title="Di Jawa Timur")
    client.force_login(ministry_admin)
    content = client.get("/admin/impor/ekspor/innovations.csv", {"province": "35"}).content.decode("utf-8-sig")
    assert "Di Jawa Timur" in content and "Di Jawa Tengah" not in content
    assert "Di Jawa Tengah" in client.get("/admin/impor/ekspor/innovations.csv").content.decode("utf-8-sig")


@pytest.mark.django_db
def test_portal_export_is_the_list_of_the_users_agencies_with_its_filters(client, submitter_a, agency_a, agency_b):
    InnovationFactory(agency=agency_a, title="Draf kami", live=False, moderation_status="draft")
    InnovationFactory(agency=agency_a, title="Terbit kami")
    InnovationFactory(agency=agency_b, title="Milik Surabaya")
    client.force_login(submitter_a)
    everything = client.get("/portal/impor/ekspor/inovasi.csv").content.decode("utf-8-sig")
    assert "Draf kami" in everything and "Terbit kami" in everything and "Milik Surabaya" not in everything
    drafts = client.get("/portal/impor/ekspor/inovasi.xlsx", {"status": "draft"})
    sheet = openpyxl.load_workbook(io.BytesIO(drafts.content))["Data"]
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Draf kami"]


@pytest.mark.django_db
def test_admin_screens_are_for_ministry_staff_only(client, verifier_a):
    client.force_login(verifier_a)
    for url in ["/admin/impor/", "/admin/impor/ekspor/innovations.csv", "/admin/impor/templat/agencies.xlsx"]:
        assert client.get(url).status_code in (302, 403)
