"""A visitor searches the catalog, ticks a facet and opens a result, with a real browser."""

import pytest

from tests.factories_search import innovation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def catalog():
    return {
        "solo": innovation("Pelayanan KTP Satu Jam", "Warga mengurus KTP dalam satu jam.", regency="33.72"),
        "kudus": innovation("Pencetakan Kartu Tanda Penduduk Keliling", "Mobil keliling di desa.", regency="33.19"),
        "surabaya": innovation("Perizinan Usaha Terpadu", "Izin usaha di satu pintu.", regency="35.78", sectors=["perizinan"]),
    }


def test_search_tick_a_facet_and_open_a_result(live_server, page, catalog):
    page.goto(f"{live_server.url}/inovasi/")
    page.get_by_label("Cari inovasi").fill("ktp")
    page.get_by_label("Cari inovasi").press("Enter")
    page.wait_for_url("**/inovasi/?q=ktp*")
    assert page.locator(".result-count").inner_text() == "2 inovasi"
    assert page.locator("mark", has_text="KTP").count() >= 1

    # Ticking a facet applies it at once (static/js/catalog-search.js); the word stays.
    page.locator("summary", has_text="Kabupaten/kota").click()
    page.get_by_role("checkbox", name="Kabupaten Kudus").check()
    page.wait_for_url("**regency=33.19*")
    assert page.locator(".result-count").inner_text() == "1 inovasi"
    assert page.get_by_role("checkbox", name="Kabupaten Kudus").is_checked()
    assert page.get_by_label("Cari inovasi").input_value() == "ktp"

    page.get_by_role("link", name="Pencetakan Kartu Tanda Penduduk Keliling").click()
    page.wait_for_url(f"**/inovasi/{catalog['kudus'].slug}/")
    assert page.locator("h1").inner_text() == "Pencetakan Kartu Tanda Penduduk Keliling"


def test_the_catalog_search_fits_a_phone(live_server, page, catalog):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/inovasi/?q=izin")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    # Results come first on a phone; a link leads to the filters.
    results_top = page.locator(".catalog-results").bounding_box()["y"]
    filters_top = page.locator(".filters").bounding_box()["y"]
    assert results_top < filters_top
    page.get_by_role("link", name="Saring hasil").click()
    assert page.locator("#facets-title").is_visible()
