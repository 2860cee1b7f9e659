"""The innovation page and the home page are readable on a 360-px phone."""

from decimal import Decimal

import pytest

from registry.innovations.models import NARRATIVE_SECTIONS, OutcomeIndicator
from tests.factories import InnovationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def long_innovation():
    texts = {name: ("Pelayanan administrasi kependudukan keliling desa. " * 30).strip() for name in NARRATIVE_SECTIONS}
    innovation = InnovationFactory(
        title="Pelayanan Terpadu Satu Pintu Administrasi Kependudukan Berbasis Aplikasi Daring Kabupaten",
        source_note="LAN RI – Direktori Inovasi Administrasi Negara (via github.com/edison8301/inovasi-lan), entri #52.",
        contact_email="dinas.kependudukan.dan.pencatatan.sipil@kabupaten-contoh.go.id",
        **texts,
    )
    for n in range(3):
        OutcomeIndicator.objects.create(
            innovation=innovation, sort_order=n, name=f"Jumlah akta kelahiran yang diterbitkan tepat waktu {n}",
            unit="dokumen/bulan", baseline=Decimal(1200), value=Decimal(4850), baseline_year=2012, year=2016,
        )
    return innovation


def test_detail_page_fits_a_phone_and_its_table_of_contents_works(live_server, page, long_innovation):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/inovasi/{long_innovation.slug}/")
    assert page.locator("h1").inner_text() == long_innovation.title
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    # The indicator table becomes cards: every value is visible without scrolling sideways.
    assert page.locator(".indicator-table").get_by_text("Jumlah akta kelahiran yang diterbitkan tepat waktu 2").is_visible()
    assert page.locator(".indicator-table td").first.bounding_box()["width"] <= 360
    page.get_by_role("link", name="Faktor penghambat").click()
    assert page.url.endswith("#bagian-hindering-factors")
    assert page.locator("#bagian-hindering-factors h2").is_visible()
    font_size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.section-text p')).fontSize)")
    assert font_size >= 16


def test_home_page_fits_a_phone(live_server, page, long_innovation):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert page.get_by_role("heading", name="Cara kerja registri").is_visible()
    assert page.get_by_role("link", name=long_innovation.title).is_visible()
