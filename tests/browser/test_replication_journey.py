"""An official of Kabupaten Boyolali replicates Kota Surakarta's "Akte Kelahiran Jemput Bola",
from the innovation's page to evaluasi, with the evidence of every stage; the origin's page
then shows the replica in its tree and the map counts it."""

import re

import pytest
from playwright.sync_api import expect

from registry.agencies.models import AgencyType
from registry.innovations.models import OutcomeIndicator
from tests import factories
from tests.factories import PASSWORD
from tests.factories_replication import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _pdf(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}


def _advance(page, to_label):
    page.get_by_role("button", name=f"Lanjut ke tahap {to_label}").click()
    expect(page.get_by_test_id("project-stage")).to_have_text(re.compile(to_label))


def test_replicate_from_the_innovation_page_to_evaluasi(live_server, page):
    surakarta = factories.AgencyFactory(code="pemkot-33-72", name="Pemerintah Kota Surakarta")
    origin = factories.InnovationFactory(agency=surakarta, title="Akte Kelahiran Jemput Bola", external_id="lan:52")
    OutcomeIndicator.objects.create(innovation=origin, name="Cakupan akta kelahiran", unit="%", baseline=60, value=95)
    boyolali = factories.AgencyFactory(
        code="pemkab-33-09", name="Pemerintah Kabupaten Boyolali", type=AgencyType.PEMKAB, regency=factories._regency("33.09")
    )
    official = factories.MembershipFactory(agency=boyolali, role="verifier", user__username="verifikator.boyolali").user

    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("Nama pengguna").fill(official.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    # The innovation's page: "replicate this".
    page.goto(f"{live_server.url}/inovasi/{origin.slug}/")
    expect(page.get_by_text("Belum ada instansi yang mereplikasi inovasi ini.")).to_be_visible()
    page.get_by_role("link", name="Replikasi inovasi ini").click()

    # Minat: the letter of interest comes with the form.
    page.get_by_label("Nama lokal replikasi").fill("Akta Lahir Jemput Bola Boyolali")
    page.get_by_label("Alasan minat").fill("Cakupan akta kelahiran anak di desa masih 62%.")
    page.get_by_label("Surat minat (opsional sekarang)").set_input_files(_pdf("surat-minat.pdf"))
    page.get_by_role("button", name="Nyatakan minat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Akta Lahir Jemput Bola Boyolali")
    expect(page.get_by_test_id("project-stage")).to_have_text("Minat")
    _advance(page, "Kesepakatan")

    # Kesepakatan: refused until the signed agreement and its date are on file.
    page.get_by_role("button", name="Lanjut ke tahap Adaptasi").click()
    expect(page.get_by_text(re.compile("Lengkapi dulu: Dokumen kesepakatan"))).to_be_visible()
    page.get_by_label("Jenis dokumen").select_option("kesepakatan")
    page.get_by_label("Berkas").set_input_files(_pdf("mou-surakarta-boyolali.pdf"))
    page.get_by_role("button", name="Unggah").click()
    expect(page.get_by_role("link", name="Kesepakatan (MoU/PKS) bertanda tangan")).to_be_visible()
    page.get_by_role("link", name="Ubah rincian").click()
    page.get_by_label("Tanggal penandatanganan kesepakatan").fill("2024-05-20")
    page.get_by_role("button", name="Simpan").click()
    _advance(page, "Adaptasi")

    # Adaptasi: the adaptation plan.
    page.get_by_role("link", name="Ubah rincian").click()
    page.get_by_label("Rencana adaptasi").fill("Petugas keliling ke puskesmas dua kali sepekan.")
    page.get_by_role("button", name="Simpan").click()
    _advance(page, "Implementasi")

    # Implementasi: a start date and a monitoring update.
    page.get_by_role("link", name="Ubah rincian").click()
    page.get_by_label("Tanggal mulai implementasi").fill("2024-08-01")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_label("Tanggal laporan").fill("2024-09-01")
    page.get_by_label("Tonggak/kegiatan").fill("Layanan keliling pertama")
    page.get_by_role("button", name="Tambah laporan").click()
    expect(page.get_by_text("Layanan keliling pertama")).to_be_visible()
    _advance(page, "Evaluasi")

    # The replica exists as the adopter's draft; the timeline has every step.
    expect(page.get_by_text(re.compile("Akta Lahir Jemput Bola Boyolali\\s+draf"))).to_be_visible()
    expect(page.locator(".timeline li")).to_have_count(5)

    # The origin's page shows the replica in its tree and counts it.
    page.goto(f"{live_server.url}/inovasi/{origin.slug}/")
    tree = page.locator(".replication-tree")
    expect(tree).to_contain_text("Pemerintah Kabupaten Boyolali")
    expect(tree).to_contain_text("Evaluasi")
    expect(page.get_by_test_id("replications-active")).to_have_text("1")

    # And the map counts it, in Jawa Tengah, drawn from the project's own GeoJSON.
    page.goto(f"{live_server.url}/replikasi/?inovasi={origin.slug}")
    expect(page.get_by_test_id("total-started")).to_have_text("1")
    expect(page.locator("#replication-map path.leaflet-interactive").first).to_be_attached()
    expect(page.get_by_role("row", name=re.compile("Jawa Tengah"))).to_be_visible()
