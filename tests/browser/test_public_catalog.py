"""A visitor finds a published innovation in the catalog with a real browser."""

import pytest

from tests.factories import InnovationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_opens_an_innovation_from_the_catalog(live_server, page):
    InnovationFactory(title="Akta Kelahiran Jemput Bola", summary="Petugas datang ke rumah warga.")
    InnovationFactory(title="Draf Rahasia", live=False, moderation_status="draft")

    page.goto(f"{live_server.url}/inovasi/")
    assert page.locator("h1").inner_text() == "Katalog Inovasi"
    assert page.get_by_text("Draf Rahasia").count() == 0
    page.get_by_role("link", name="Akta Kelahiran Jemput Bola").click()
    page.wait_for_url("**/inovasi/layanan-jemput-bola-*/")
    assert page.locator("h1").inner_text() == "Akta Kelahiran Jemput Bola"
    assert "Petugas datang ke rumah warga." in page.content()


def test_phone_visitor_can_open_the_menu(live_server, page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/")
    nav = page.locator("#site-nav")
    assert not nav.is_visible()
    page.get_by_role("button", name="Menu").click()
    assert nav.is_visible()
