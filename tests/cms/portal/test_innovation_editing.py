"""Writing an innovation in the portal: the sectioned form, autosave and uploads."""

import re

import pytest

from registry.audit.models import AuditEvent
from registry.innovations.models import Innovation, ModerationStatus
from tests import factories_portal as portal
from tests.factories import AgencyFactory, MembershipFactory

pytestmark = pytest.mark.django_db

CREATE_URL = "/portal/inovasi/baru/"


def _selected(html: str, name: str) -> str:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    match = re.search(r'<option value="([^"]*)"[^>]*selected', select)
    return match.group(1) if match else ""


def test_new_form_has_every_section_with_guidance_and_the_agencys_region(client, submitter_a, agency_a):
    client.force_login(submitter_a)
    html = client.get(CREATE_URL).content.decode()
    for heading in ["Identitas", "Klasifikasi", "Wilayah &amp; waktu", "Masalah dan tujuan", "Kebaruan",
                    "Langkah penerapan", "Hasil dan manfaat", "Indikator hasil", "Dokumen &amp; gambar", "Kontak"]:
        assert f">{heading}</h2>" in html
    assert html.count('class="guidance"') >= 13
    assert 'data-word-limit="200"' in html
    assert _selected(html, "province") == agency_a.province_id
    assert _selected(html, "regency") == agency_a.regency_id
    assert "<script" in html and "portal-autosave.js" in html
    assert "style=" not in html


def test_create_saves_a_private_draft_with_ordered_indicators(client, submitter_a, agency_a):
    client.force_login(submitter_a)
    rows = [
        {"name": "Ketiga", "ORDER": 3},
        {"name": "Pertama", "unit": "%", "baseline": "61,5", "value": "94", "ORDER": 1},
        {"name": "Dihapus", "ORDER": 2, "DELETE": "on"},
        {"name": "Kedua", "ORDER": 2},
        {"name": "", "ORDER": ""},  # the blank row the form always offers
    ]
    response = client.post(CREATE_URL, portal.form_post_data(agency=agency_a, indicators=rows, province="", regency=""))
    innovation = Innovation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/portal/inovasi/{innovation.pk}/ubah/"
    assert innovation.moderation_status == ModerationStatus.DRAFT and not innovation.live
    assert list(innovation.indicators.values_list("name", flat=True)) == ["Pertama", "Kedua", "Ketiga"]
    assert str(innovation.indicators.first().baseline) == "61.5000"
    assert sorted(innovation.tags.names()) == ["akta", "jemput bola"]
    # Left empty, the region is the agency's.
    assert (innovation.province_id, innovation.regency_id) == (agency_a.province_id, agency_a.regency_id)
    assert AuditEvent.objects.filter(action="innovation.create", target_id=str(innovation.pk)).exists()


def test_summary_over_200_words_is_refused_and_nothing_is_saved(client, submitter_a, agency_a):
    client.force_login(submitter_a)
    response = client.post(CREATE_URL, portal.form_post_data(agency=agency_a, summary="kata " * 201))
    assert response.status_code == 200
    assert "Ringkasan paling banyak 200 kata; sekarang 201 kata." in response.content.decode()
    assert not Innovation.objects.exists()
    response = client.post(CREATE_URL, portal.form_post_data(agency=agency_a, summary="kata " * 200))
    assert response.status_code == 302 and Innovation.objects.count() == 1


def test_member_of_two_agencies_chooses_the_agency_and_its_region(client, submitter_a, agency_a, agency_b):
    MembershipFactory(user=submitter_a, agency=agency_b, role="submitter")
    client.force_login(submitter_a)
    html = client.get(f"{CREATE_URL}?instansi={agency_b.pk}").content.decode()
    assert _selected(html, "agency") == str(agency_b.pk)
    assert _selected(html, "regency") == agency_b.regency_id
    client.post(CREATE_URL, portal.form_post_data(agency=agency_b, province="", regency=""))
    assert Innovation.objects.get().agency == agency_b


def test_an_agency_that_is_not_yours_cannot_be_chosen(client, submitter_a):
    stranger = AgencyFactory()
    client.force_login(submitter_a)
    response = client.post(CREATE_URL, portal.form_post_data(agency=stranger))
    assert response.status_code == 200 and not Innovation.objects.exists()


def test_a_user_without_agency_is_told_why_they_cannot_write(client):
    user = MembershipFactory(is_verified=False).user
    client.force_login(user)
    response = client.get(CREATE_URL, follow=True)
    assert "belum terhubung dengan instansi terverifikasi" in response.content.decode()


def test_regency_outside_the_province_is_refused(client, submitter_a, agency_a):
    client.force_login(submitter_a)
    response = client.post(CREATE_URL, portal.form_post_data(agency=agency_a, province="35", regency="33.72"))
    assert "tidak berada di provinsi" in response.content.decode()
    assert not Innovation.objects.exists()


def test_editing_a_published_innovation_keeps_the_public_version(client, make_innovation, submitter_a):
    innovation = make_innovation("published")
    client.force_login(submitter_a)
    edit_page = client.get(f"/portal/inovasi/{innovation.pk}/ubah/").content.decode()
    assert 'value="Akta Kelahiran Jemput Bola"' in edit_page and "Inovasi ini sudah terbit" in edit_page
    response = client.post(f"/portal/inovasi/{innovation.pk}/ubah/", portal.form_post_data(title="Judul perbaikan"))
    assert response.status_code == 302
    assert "Akta Kelahiran Jemput Bola" in client.get(f"/inovasi/{innovation.slug}/").content.decode()
    detail = client.get(f"/portal/inovasi/{innovation.pk}/").content.decode()
    assert "Perubahan dibanding versi terbit" in detail and "Judul perbaikan" in detail
    row = Innovation.objects.get(pk=innovation.pk)
    assert row.live and row.title == "Akta Kelahiran Jemput Bola" and row.moderation_status == ModerationStatus.DRAFT


def test_save_and_submit_in_one_step(client, make_innovation, submitter_a):
    innovation = make_innovation("draft")
    client.force_login(submitter_a)
    client.post(f"/portal/inovasi/{innovation.pk}/ubah/", {**portal.form_post_data(), "action": "submit"})
    assert Innovation.objects.get(pk=innovation.pk).moderation_status == ModerationStatus.IN_MODERATION


def test_save_and_submit_of_an_incomplete_draft_saves_and_says_what_is_missing(client, make_innovation, submitter_a):
    innovation = make_innovation("draft")
    client.force_login(submitter_a)
    response = client.post(
        f"/portal/inovasi/{innovation.pk}/ubah/", {**portal.form_post_data(results=""), "action": "submit"}, follow=True
    )
    assert "Lengkapi dulu sebelum diajukan: hasil dan manfaat." in response.content.decode()
    row = Innovation.objects.get(pk=innovation.pk)
    assert row.moderation_status == ModerationStatus.DRAFT and row.results == ""


def test_innovation_in_verification_cannot_be_opened_for_editing(client, make_innovation, submitter_a):
    innovation = make_innovation("in_moderation")
    client.force_login(submitter_a)
    before = portal.database_state(innovation.pk)
    response = client.post(f"/portal/inovasi/{innovation.pk}/ubah/", portal.form_post_data(), follow=True)
    assert "tidak dapat diubah sekarang" in response.content.decode()
    assert portal.database_state(innovation.pk) == before


# --- Autosave -------------------------------------------------------------------------------------


def test_autosave_overwrites_the_users_own_draft_and_says_when(client, make_innovation, submitter_a):
    innovation = make_innovation("draft")
    client.force_login(submitter_a)
    url = f"/portal/inovasi/{innovation.pk}/simpan-otomatis/"
    revisions, events = innovation.revisions.count(), AuditEvent.objects.count()
    first = client.post(url, portal.form_post_data(title="Versi satu")).json()
    second = client.post(url, portal.form_post_data(title="Versi dua")).json()
    assert first["saved"] and second["saved"]
    assert re.fullmatch(r"Tersimpan otomatis pukul \d\d:\d\d", second["message"])
    assert innovation.revisions.count() == revisions
    assert AuditEvent.objects.count() == events
    assert Innovation.objects.get(pk=innovation.pk).get_latest_revision_as_object().title == "Versi dua"


def test_autosave_reports_validation_errors_and_saves_nothing(client, make_innovation, submitter_a):
    innovation = make_innovation("draft")
    client.force_login(submitter_a)
    before = portal.database_state(innovation.pk)
    response = client.post(f"/portal/inovasi/{innovation.pk}/simpan-otomatis/", portal.form_post_data(summary="kata " * 250))
    assert response.status_code == 400
    assert response.json() == {"saved": False, "errors": ["Ringkasan: Ringkasan paling banyak 200 kata; sekarang 250 kata."]}
    assert portal.database_state(innovation.pk) == before


def test_first_autosave_of_a_new_innovation_creates_its_draft(client, submitter_a, agency_a):
    client.force_login(submitter_a)
    result = client.post("/portal/inovasi/baru/simpan-otomatis/", portal.form_post_data(agency=agency_a)).json()
    innovation = Innovation.objects.get()
    assert result["saved"] and result["edit_url"] == f"/portal/inovasi/{innovation.pk}/ubah/"
    assert result["autosave_url"] == f"/portal/inovasi/{innovation.pk}/simpan-otomatis/"


def test_autosave_after_submission_is_refused_with_a_reason(client, make_innovation, submitter_a):
    innovation = make_innovation("in_moderation")
    client.force_login(submitter_a)
    before = portal.database_state(innovation.pk)
    response = client.post(f"/portal/inovasi/{innovation.pk}/simpan-otomatis/", portal.form_post_data())
    assert response.status_code == 409 and "Menunggu verifikasi" in response.json()["errors"][0]
    assert portal.database_state(innovation.pk) == before


# --- Uploads -------------------------------------------------------------------------------------------


def test_upload_a_real_pdf_and_png_then_remove_them(client, make_innovation, submitter_a):
    innovation = make_innovation("draft")
    client.force_login(submitter_a)
    base = f"/portal/inovasi/{innovation.pk}"
    response = client.post(f"{base}/dokumen/", {"file": portal.upload("sop.pdf", portal.pdf_bytes()), "title": "SOP layanan"}, follow=True)
    assert "Berkas diunggah ke draf" in response.content.decode() and "SOP layanan" in response.content.decode()
    client.post(f"{base}/gambar/", {"file": portal.upload("loket.png", portal.png_bytes()), "caption": "Loket pelayanan"})
    draft = Innovation.objects.get(pk=innovation.pk).get_latest_revision_as_object()
    document_id, image_id = draft.documents.get().document_id, draft.images.get().image_id
    assert draft.images.get().caption == "Loket pelayanan"
    detail = client.get(f"{base}/").content.decode()  # renders a rendition of the image
    assert "Loket pelayanan" in detail and "SOP layanan" in detail and "<img" in detail
    client.post(f"{base}/dokumen/{document_id}/lepas/")
    client.post(f"{base}/gambar/{image_id}/lepas/")
    draft = Innovation.objects.get(pk=innovation.pk).get_latest_revision_as_object()
    assert list(draft.documents.all()) == [] and list(draft.images.all()) == []


def test_a_fake_pdf_is_refused_with_a_message(client, make_innovation, submitter_a):
    innovation = make_innovation("draft")
    client.force_login(submitter_a)
    before = portal.database_state(innovation.pk)
    response = client.post(
        f"/portal/inovasi/{innovation.pk}/dokumen/", {"file": portal.upload("sop.pdf", b"<html>bukan pdf</html>")}, follow=True
    )
    assert "Isi berkas tidak sesuai dengan jenisnya (.pdf)" in response.content.decode()
    assert portal.database_state(innovation.pk) == before


def test_an_oversized_image_is_refused_with_a_message(client, settings, make_innovation, submitter_a):
    settings.REGISTRY_MAX_UPLOAD_BYTES = 50
    innovation = make_innovation("draft")
    client.force_login(submitter_a)
    before = portal.database_state(innovation.pk)
    response = client.post(f"/portal/inovasi/{innovation.pk}/gambar/", {"file": portal.upload("a.png", portal.png_bytes((40, 40)))}, follow=True)
    assert "Berkas terlalu besar" in response.content.decode()
    assert portal.database_state(innovation.pk) == before
