"""A submitter of Kota Surakarta writes an innovation in the portal and submits it; the
agency's verifier approves it; the public catalog shows it."""

import re

import pytest
from playwright.sync_api import expect

from registry.innovations.models import Innovation
from tests import factories_portal as portal
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Antrean Puskesmas Daring Surakarta"
SUMMARY = "Warga mengambil nomor antrean puskesmas dari ponsel dan datang tepat waktu, sehingga ruang tunggu tidak lagi penuh."


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _sign_in(page, base_url, username):
    page.goto(f"{base_url}/masuk/?next=/portal/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Portal instansi")


def test_submitter_writes_verifier_publishes_public_sees_it(live_server, page, settings, agency_a, submitter_a, verifier_a):
    settings.REGISTRY_AUTOSAVE_SECONDS = 1

    # The submitter writes the innovation section by section.
    _sign_in(page, live_server.url, submitter_a.username)
    page.get_by_role("link", name="Tulis inovasi baru").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tulis inovasi baru")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(SUMMARY)
    expect(page.locator("#summary-word-counter")).to_have_text("17 dari 200 kata")
    # The first autosave creates the draft; the page then edits it.
    expect(page.locator("#autosave-status")).to_contain_text(re.compile(r"Tersimpan otomatis pukul \d\d:\d\d"), timeout=15000)
    expect(page).to_have_url(re.compile(r"/portal/inovasi/\d+/ubah/$"))

    page.locator("#id_form").select_option("pelayanan_publik")
    page.locator("#id_kind").select_option("teknologi")
    page.get_by_label("Inovasi digital").check()
    page.get_by_label("Kesehatan", exact=True).check()
    expect(page.locator("#id_regency")).to_have_value("33.72")  # the agency's own kota
    page.locator("#id_problem").fill("Ruang tunggu puskesmas penuh sejak pagi; warga menunggu hingga tiga jam.")
    page.locator("#id_implementation_steps").fill("Aplikasi antrean, pelatihan petugas, sosialisasi di kelurahan.")
    page.locator("#id_results").fill("Waktu tunggu rata-rata turun dari 150 menjadi 25 menit.")
    page.locator("#id_indicators-0-name").fill("Waktu tunggu rata-rata")
    page.locator("#id_indicators-0-unit").fill("menit")
    page.get_by_role("button", name="Tambah indikator").click()
    page.locator("#id_indicators-1-name").fill("Kunjungan terlayani per hari")
    page.locator("[data-indicator-row]").nth(1).get_by_role("button", name="Naik").click()
    page.get_by_role("button", name="Simpan dan ajukan verifikasi").click()
    expect(page.get_by_text("Inovasi disimpan dan diajukan untuk verifikasi.")).to_be_visible()
    expect(page.locator(".badge").first).to_have_text("Menunggu verifikasi")
    indicators = page.locator(".readonly-innovation table tbody tr td:first-child")
    expect(indicators).to_have_text(["Kunjungan terlayani per hari", "Waktu tunggu rata-rata (menit)"])
    page.get_by_role("button", name="Keluar").click()

    # The public cannot see it yet.
    page.goto(f"{live_server.url}/inovasi/")
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)

    # The verifier approves it from the queue.
    _sign_in(page, live_server.url, verifier_a.username)
    page.get_by_role("navigation", name="Navigasi portal").get_by_role("link", name="Menunggu verifikasi").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Verifikasi: {TITLE}")
    page.get_by_role("button", name="Setujui dan terbitkan").click()
    expect(page.get_by_text("Inovasi diterbitkan dan tampil di katalog publik.")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()

    # The public catalog shows it, with its page.
    page.goto(f"{live_server.url}/inovasi/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Waktu tunggu rata-rata turun dari 150 menjadi 25 menit.")).to_be_visible()


def test_the_form_fits_a_360_px_phone(live_server, page, agency_a, submitter_a):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/masuk/?next=/portal/inovasi/baru/")
    page.get_by_label("Nama pengguna").fill(submitter_a.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tulis inovasi baru")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    # Every section is reachable from the table of contents, with the keyboard too.
    page.get_by_role("link", name="Indikator hasil").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#indikator$"))
    expect(page.get_by_role("button", name="Tambah indikator")).to_be_visible()


def _latest_title(innovation):
    return Innovation.objects.get(pk=innovation.pk).get_latest_revision_as_object().title


def test_unsaved_changes_are_kept_when_leaving_and_before_an_upload(live_server, page, agency_a, submitter_a):
    innovation = portal.draft(submitter_a, agency_a)
    _sign_in(page, live_server.url, submitter_a.username)
    page.goto(f"{live_server.url}/portal/inovasi/{innovation.pk}/ubah/")

    # Leaving the page sends the changes (a keepalive request) before the 20-second autosave.
    page.locator("#id_title").fill("Judul sebelum pergi")
    page.get_by_role("navigation", name="Navigasi portal").get_by_role("link", name="Inovasi instansi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inovasi instansi")
    # Playwright does not report requests of a page being left: watch the database instead.
    for _attempt in range(50):  # the keepalive request may finish after the next page loaded
        if _latest_title(innovation) == "Judul sebelum pergi":
            break
        page.wait_for_timeout(100)
    assert _latest_title(innovation) == "Judul sebelum pergi"

    # Uploading a file reloads the page: the form is saved first.
    page.goto(f"{live_server.url}/portal/inovasi/{innovation.pk}/ubah/")
    page.locator("#id_title").fill("Judul sebelum unggah")
    page.get_by_label("Berkas dokumen").set_input_files(
        {"name": "sop.pdf", "mimeType": "application/pdf", "buffer": portal.pdf_bytes()}
    )
    page.get_by_label("Judul dokumen").fill("SOP layanan")
    page.get_by_role("button", name="Unggah dokumen").click()
    expect(page.get_by_text("Berkas diunggah ke draf.")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Judul sebelum unggah")
    expect(page.get_by_role("link", name="SOP layanan")).to_be_visible()
