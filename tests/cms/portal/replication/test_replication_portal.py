"""The replication portal: who sees which page, and every form going through the services."""

import pytest
from django.urls import reverse

from registry.replication.models import ReplicationProject, ReplicationStage
from tests.factories import PASSWORD
from tests.factories_replication import pdf_file, provide_evidence, snapshot

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def _detail(project):
    return reverse("portal:replication_detail", kwargs={"pk": project.pk})


@pytest.mark.parametrize(
    ("role", "detail_status", "edit_status"),
    [
        ("submitter_b", 200, 200),
        ("verifier_b", 200, 200),
        ("verifier_a", 200, 302),  # may see it, may not edit it: back to the page with a message
        ("submitter_a", 200, 302),
        ("facilitator_member", 200, 302),
        ("other_member", 404, 404),
        ("ministry_admin", 200, 200),
    ],
)
def test_who_can_open_a_project(request, client, project, verifier_b, facilitator_agency, role, detail_status, edit_status):
    from registry.replication import services

    services.replication_update(user=verifier_b, project=project, data={"facilitator": facilitator_agency})
    _login(client, request.getfixturevalue(role))
    assert client.get(_detail(project)).status_code == detail_status
    assert client.get(reverse("portal:replication_edit", kwargs={"pk": project.pk})).status_code == edit_status
    assert client.get(reverse("portal:replication_outcomes", kwargs={"pk": project.pk})).status_code == edit_status


def test_anonymous_is_sent_to_login(client, project):
    response = client.get(_detail(project))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_another_agency_gets_404_on_every_action(client, project, other_member):
    _login(client, other_member)
    before = snapshot(project)
    for name in ["replication_advance", "replication_stop", "replication_acknowledge", "replication_mentoring",
                 "replication_document_add", "replication_monitoring_add", "replication_edit", "replication_outcomes"]:
        assert client.post(reverse(f"portal:{name}", kwargs={"pk": project.pk}), {}).status_code == 404
    assert snapshot(project) == before


def test_the_list_shows_only_the_users_projects(client, project, submitter_b, other_member):
    _login(client, submitter_b)
    assert "Akta Lahir Keliling" in client.get(reverse("portal:replication_list")).content.decode()
    _login(client, other_member)
    assert "Akta Lahir Keliling" not in client.get(reverse("portal:replication_list")).content.decode()


def test_starting_from_the_form(client, origin, submitter_b, adopter):
    _login(client, submitter_b)
    url = reverse("portal:replication_start", kwargs={"innovation_id": origin.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"adopter": adopter.pk, "local_name": "Akta <b>Keliling</b>", "interest_statement": "Banyak bayi belum berakta.",
         "letter": pdf_file("surat.pdf")},
    )
    project = ReplicationProject.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(project)
    assert project.local_name == "Akta Keliling"
    assert project.documents.get().kind == "surat_minat"


def test_the_origin_agency_cannot_open_the_start_form(client, origin, verifier_a):
    _login(client, verifier_a)
    assert client.get(reverse("portal:replication_start", kwargs={"innovation_id": origin.pk})).status_code == 404


def test_a_bad_upload_is_refused_with_a_message(client, project, submitter_b):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _login(client, submitter_b)
    before = snapshot(project)
    fake = SimpleUploadedFile("surat.pdf", b"MZ this is not a pdf", content_type="application/pdf")
    response = client.post(
        reverse("portal:replication_document_add", kwargs={"pk": project.pk}), {"kind": "surat_minat", "file": fake}, follow=True
    )
    assert "Isi berkas tidak sesuai" in response.content.decode()
    assert snapshot(project) == before


def test_evidence_and_advance_through_the_forms(client, project, verifier_b):
    _login(client, verifier_b)
    client.post(reverse("portal:replication_document_add", kwargs={"pk": project.pk}), {"kind": "surat_minat", "file": pdf_file()})
    response = client.post(reverse("portal:replication_advance", kwargs={"pk": project.pk}), {"advance-note": "MoU disiapkan."}, follow=True)
    project.refresh_from_db()
    assert project.stage == ReplicationStage.KESEPAKATAN
    assert "Tahap proyek diperbarui." in response.content.decode()

    # Missing evidence: the page says what is missing and nothing moves.
    before = snapshot(project)
    response = client.post(reverse("portal:replication_advance", kwargs={"pk": project.pk}), {}, follow=True)
    assert "Dokumen kesepakatan bertanda tangan diunggah" in response.content.decode()
    assert snapshot(project) == before

    response = client.post(
        reverse("portal:replication_edit", kwargs={"pk": project.pk}),
        {"local_name": "Akta Lahir Keliling", "interest_statement": "", "agreement_signed_on": "2024-05-20", "budget": "1000000"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert str(project.agreement_signed_on) == "2024-05-20" and project.budget == 1000000


def test_a_submitter_cannot_advance_through_the_form(client, project, submitter_b):
    provide_evidence(project, submitter_b)
    _login(client, submitter_b)
    before = snapshot(project)
    response = client.post(reverse("portal:replication_advance", kwargs={"pk": project.pk}), {}, follow=True)
    assert "Hanya verifikator instansi pereplikasi" in response.content.decode()
    assert snapshot(project) == before


def test_monitoring_outcomes_and_the_origins_answer(client, project, submitter_b, verifier_a, origin):
    _login(client, submitter_b)
    client.post(
        reverse("portal:replication_monitoring_add", kwargs={"pk": project.pk}),
        {"reported_on": "2024-06-01", "milestone": "Layanan keliling pertama", "percent_complete": "20"},
    )
    assert project.monitoring_updates.get().milestone == "Layanan keliling pertama"

    url = reverse("portal:replication_outcomes", kwargs={"pk": project.pk})
    page = client.get(url).content.decode()
    assert "Cakupan akta kelahiran" in page  # starts from the origin's indicators
    indicator = origin.indicators.get()
    response = client.post(url, {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "30",
        "form-0-origin_indicator": indicator.pk, "form-0-name": "Cakupan akta kelahiran", "form-0-unit": "%",
        "form-0-baseline": "50", "form-0-target": "90", "form-0-actual": "80",
    })
    assert response.status_code == 302
    detail = client.get(_detail(project)).content.decode()
    assert "60,0%" in detail  # (80 - 50) / 50 for the replica
    assert "58,3%" in detail  # (95 - 60) / 60 for the origin, side by side

    _login(client, verifier_a)
    client.post(reverse("portal:replication_acknowledge", kwargs={"pk": project.pk}))
    client.post(reverse("portal:replication_mentoring", kwargs={"pk": project.pk}), {"mentoring-note": "Kunjungan ke Solo."})
    project.refresh_from_db()
    assert project.acknowledged_by == verifier_a and project.mentoring_note == "Kunjungan ke Solo."


def test_stop_through_the_form(client, project, verifier_b):
    _login(client, verifier_b)
    client.post(reverse("portal:replication_stop", kwargs={"pk": project.pk}), {"stop-reason": "Anggaran dialihkan."})
    project.refresh_from_db()
    assert project.stage == ReplicationStage.DIHENTIKAN
    assert "Anggaran dialihkan." in client.get(_detail(project)).content.decode()


def test_login_with_password_reaches_the_list(client, submitter_b):
    assert client.login(username=submitter_b.username, password=PASSWORD)
    assert client.get(reverse("portal:replication_list")).status_code == 200
