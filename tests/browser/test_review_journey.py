"""A verifier of Kota Surabaya reviews Kota Surakarta's innovation and sees the rating change,
on the page and on the catalog card."""

import pytest
from playwright.sync_api import expect

from registry.innovations.models import OutcomeIndicator
from registry.ratings import services
from tests import factories
from tests.factories import PASSWORD
from tests.factories_ratings import reviewer_of_new_agency

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_verifier_of_another_agency_reviews_and_sees_the_aggregate_change(live_server, page):
    surakarta = factories.AgencyFactory(code="pemkot-33-72", name="Pemerintah Kota Surakarta")
    innovation = factories.InnovationFactory(agency=surakarta, title="Akte Kelahiran Jemput Bola")
    OutcomeIndicator.objects.create(innovation=innovation, name="Cakupan akta kelahiran", unit="%", baseline=60, value=95)
    # One earlier review of 2/2/2, so the mean starts at 2,0.
    services.review_create(
        user=reviewer_of_new_agency(), innovation=innovation, scores={"usefulness": 2, "ease": 2, "documentation": 2}
    )
    surabaya = factories.AgencyFactory(code="pemkot-35-78", name="Pemerintah Kota Surabaya", regency=factories._regency("35.78"))
    official = factories.MembershipFactory(agency=surabaya, role="verifier", user__username="verifikator.surabaya").user

    page.goto(f"{live_server.url}/inovasi/{innovation.slug}/")
    expect(page.get_by_test_id("rating-mean")).to_have_text("2,0")
    page.get_by_role("link", name="Masuk", exact=True).last.click()
    page.get_by_label("Nama pengguna").fill(official.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"**/inovasi/{innovation.slug}/**")

    form = page.locator("#ulasan form").first
    for criterion in ("Manfaat", "Kemudahan replikasi", "Kelengkapan dokumentasi"):
        form.get_by_role("group", name=criterion).get_by_label("5", exact=True).check()
    form.get_by_label("Ulasan (opsional)").fill("Kami sudah melihatnya langsung: <b>mudah</b> ditiru.")
    form.get_by_role("button", name="Kirim ulasan").click()

    expect(page.get_by_text("Terima kasih, ulasan Anda sudah tampil.")).to_be_visible()
    # (2+2+2 + 5+5+5) / 6 = 3,5 from two reviews.
    expect(page.get_by_test_id("rating-mean")).to_have_text("3,5")
    expect(page.get_by_test_id("rating-count")).to_contain_text("2 ulasan")
    expect(page.locator(".review-list")).to_contain_text("Kami sudah melihatnya langsung: mudah ditiru.")
    expect(page.locator(".review-list")).to_contain_text("Pemerintah Kota Surabaya")
    expect(page.get_by_role("heading", name="Ubah ulasan Anda")).to_be_visible()

    page.goto(f"{live_server.url}/inovasi/")
    card = page.locator(".innovation-card", has_text="Akte Kelahiran Jemput Bola")
    expect(card.locator(".card-rating")).to_contain_text("★ 3,5")
    expect(card.locator(".card-rating")).to_contain_text("2 ulasan")


def test_the_review_form_fits_a_phone(live_server, page):
    innovation = factories.InnovationFactory(title="Akte Kelahiran Jemput Bola")
    official = reviewer_of_new_agency(username="penilai.ponsel")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/masuk/?next=/inovasi/{innovation.slug}/")
    page.get_by_label("Nama pengguna").fill(official.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"**/inovasi/{innovation.slug}/**")
    # Nothing in the review section is wider than the screen.
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('#ulasan *, .signals *')].map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= 360
    # The scores can be given with the keyboard alone.
    first = page.get_by_role("group", name="Manfaat").get_by_label("1", exact=True)
    first.focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("group", name="Manfaat").get_by_label("2", exact=True)).to_be_checked()
