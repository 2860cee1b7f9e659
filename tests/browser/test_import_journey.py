"""An agency verifier imports innovations from a spreadsheet on a phone-sized screen:
the first file has a bad row, the fixed one is imported as drafts."""

import pytest
from playwright.sync_api import expect

from registry.innovations.models import Innovation
from tests.factories import PASSWORD
from tests.factories_imports import good_row, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_verifier_fixes_a_bad_row_and_imports_drafts(live_server, page, tmp_path, agency_a, verifier_a):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/masuk/?next=/portal/inovasi/")
    page.get_by_label("Nama pengguna").fill(verifier_a.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("link", name="Impor dari lembar kerja").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impor inovasi dari lembar kerja")

    bad = [good_row(1), good_row(2)]
    bad[1][5] = "ajaib"
    (tmp_path / "salah.xlsx").write_bytes(xlsx(bad))
    page.get_by_label("Berkas (XLSX, CSV UTF-8, atau JSON)").set_input_files(str(tmp_path / "salah.xlsx"))
    # The form is usable from the keyboard: focus the button and press Enter.
    page.get_by_role("button", name="Periksa berkas").focus()
    page.keyboard.press("Enter")
    errors = page.locator("table.import-errors")
    expect(errors).to_contain_text("Jenis inovasi")
    expect(errors).to_contain_text('Nilai "ajaib" tidak ada dalam daftar yang diizinkan')
    expect(page.get_by_role("button", name="Impor sekarang")).to_have_count(0)

    page.get_by_role("link", name="← Kembali ke impor").click()
    (tmp_path / "benar.xlsx").write_bytes(xlsx([good_row(1), good_row(2)]))
    page.get_by_label("Berkas (XLSX, CSV UTF-8, atau JSON)").set_input_files(str(tmp_path / "benar.xlsx"))
    page.get_by_role("button", name="Periksa berkas").click()
    page.get_by_role("button", name="Impor sekarang").click()
    expect(page.get_by_text("Impor selesai.")).to_be_visible()
    assert list(Innovation.objects.values_list("live", "moderation_status")) == [(False, "draft")] * 2
    # Nothing on the page is wider than the phone.
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361)"
        ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide
