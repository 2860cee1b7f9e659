"""Every form, filled and sent with the keyboard alone: Tab, Shift+Tab, Enter, Space, arrows.

No click and no `fill`: each journey moves the focus with Tab until the control it wants
has it (keyboard.tab_to), checking at every stop that the focus is visible and not hidden
under something else, then types or presses keys. Signing in before a journey uses the
login form normally; the login form has its own keyboard journey here.
"""

import re

import pytest
from playwright.sync_api import expect

from registry.competitions import services as competitions
from registry.competitions.models import Assignment, Objection
from registry.innovations.models import Innovation, ModerationStatus
from registry.ratings.models import Review
from registry.replication.models import ReplicationProject
from tests import factories
from tests.browser.accessibility.conftest import PHONE, sign_in
from tests.browser.accessibility.keyboard import press_until, tab_to, type_into
from tests.browser.accessibility.site_data import edition_in_objection_window
from tests.factories import PASSWORD
from tests.factories_competitions import JudgeFactory, SecretariatFactory, entry_in_round
from tests.factories_ratings import reviewer_of_new_agency
from tests.factories_search import innovation as searchable_innovation
from tests.fixtures_competitions import edition, panel, secretariat  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_from_the_home_page_on_a_phone(live_server, page, submitter_a):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    # On a phone the navigation sits behind the "Menu" button.
    tab_to(page, page.get_by_role("button", name="Menu"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Masuk", exact=True))
    page.keyboard.press("Enter")
    page.wait_for_url("**/masuk/**")

    type_into(page, page.get_by_label("Nama pengguna"), submitter_a.username)
    type_into(page, page.get_by_label("Kata sandi"), "salah-ketik")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Nama pengguna atau kata sandi salah.")).to_be_visible()

    # The name is kept; Shift+Tab goes back from the password to it.
    tab_to(page, page.get_by_label("Kata sandi"))
    page.keyboard.type(PASSWORD)
    tab_to(page, page.get_by_label("Nama pengguna"), backwards=True)
    expect(page.get_by_label("Nama pengguna")).to_have_value(submitter_a.username)
    tab_to(page, page.get_by_role("button", name="Masuk"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    tab_to(page, page.get_by_role("button", name="Menu"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()


def test_switch_the_language(live_server, page):
    page.goto(f"{live_server.url}/inovasi/?q=ktp")
    # A plain link, named in its own language, leading to the same page and query in English.
    tab_to(page, page.get_by_role("link", name="English"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/en/inovasi/?q=ktp")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    tab_to(page, page.get_by_role("link", name="Bahasa Indonesia"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/inovasi/?q=ktp")
    expect(page.locator("html")).to_have_attribute("lang", "id")


def test_objection_to_a_finalist(live_server, page):
    judges = [JudgeFactory(user__username=f"juri_{n}") for n in range(3)]
    competition, finalist = edition_in_objection_window(
        secretariat=SecretariatFactory(username="sekretariat"), judges=judges
    )
    page.goto(f"{live_server.url}/kompetisi/{competition.slug}/")
    tab_to(page, page.get_by_role("link", name=re.compile("Sampaikan sanggahan")).first)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/sanggah/{finalist.code}/")

    # Sent empty first: the errors come back and the fields can be filled from there.
    tab_to(page, page.get_by_role("button", name="Kirim sanggahan"))
    page.keyboard.press("Enter")
    expect(page.locator(".errorlist").first).to_be_visible()
    type_into(page, page.get_by_label("Nama"), "Budi Santoso")
    type_into(page, page.get_by_label("Surel atau telepon"), "budi@example.com")
    type_into(
        page, page.get_by_label("Alasan sanggahan"), "Layanan ini belum berjalan di desa kami."
    )
    tab_to(page, page.get_by_role("button", name="Kirim sanggahan"))
    page.keyboard.press("Enter")

    expect(page.get_by_text("Sanggahan Anda diterima")).to_be_visible()
    objection = Objection.objects.get(entry=finalist)
    assert (objection.name, objection.contact) == ("Budi Santoso", "budi@example.com")


@pytest.fixture
def catalog():
    return {
        "solo": searchable_innovation(
            "Pelayanan KTP Satu Jam",
            "Warga mengurus KTP dalam satu jam.",
            regency="33.72",
            is_digital=True,
        ),
        "kudus": searchable_innovation(
            "Pencetakan KTP Keliling", "Mobil keliling di desa mencetak KTP.", regency="33.19"
        ),
        "kudus_digital": searchable_innovation(
            "KTP Daring Kudus", "Permohonan KTP lewat aplikasi.", regency="33.19", is_digital=True
        ),
        "surabaya": searchable_innovation(
            "Perizinan Usaha Terpadu", "Izin usaha di satu pintu.", regency="35.78"
        ),
    }


def test_catalog_search_and_filters(live_server, page, catalog):
    page.goto(f"{live_server.url}/inovasi/")
    type_into(page, page.get_by_label("Cari inovasi"), "ktp")
    page.keyboard.press("Enter")
    page.wait_for_url("**/inovasi/?q=ktp*")
    expect(page.locator(".result-count")).to_have_text("3 inovasi")

    # A folded facet opens with Enter; Space ticks a value, which applies at once and
    # brings the focus back to that checkbox on the new page.
    tab_to(page, page.locator("summary", has_text="Kabupaten/kota"))
    page.keyboard.press("Enter")
    kudus = page.get_by_role("checkbox", name=re.compile("^Kabupaten Kudus"))
    tab_to(page, kudus)
    page.keyboard.press("Space")
    page.wait_for_url("**regency=33.19*")
    expect(page.locator(".result-count")).to_have_text("2 inovasi")
    expect(kudus).to_be_checked()
    expect(kudus).to_be_focused()

    # Radio buttons: the arrows only move the choice; Enter applies it.
    tab_to(page, page.locator("summary", has_text="Digital"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("radio", name="Semua"))
    press_until(
        page,
        "ArrowDown",
        lambda: page.get_by_role("radio", name=re.compile("^Digital")).is_checked(),
    )
    expect(page).not_to_have_url(re.compile("digital=true"))
    page.keyboard.press("Enter")
    page.wait_for_url("**digital=true*")
    expect(page.locator(".result-count")).to_have_text("1 inovasi")
    expect(page.get_by_role("link", name="KTP Daring Kudus")).to_be_visible()

    # The sort list: two steps down with the arrows, then Enter. (Were each arrow applied at
    # once, the page would reload after the first step and stop one option short.)
    sort = page.get_by_label("Urutkan")
    options = sort.locator("option").evaluate_all("options => options.map(o => o.value)")
    wanted = options[options.index(sort.input_value()) + 2]
    tab_to(page, sort)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(sort).to_have_value(wanted)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**sort={wanted}*")
    assert "q=ktp" in page.url and "regency=33.19" in page.url and "digital=true" in page.url


def test_review_form(live_server, page):
    innovation = factories.InnovationFactory(title="Akte Kelahiran Jemput Bola")
    official = reviewer_of_new_agency(username="penilai.papan.ketik")
    sign_in(
        page, live_server.url, official.username, PASSWORD, next_url=f"/inovasi/{innovation.slug}/"
    )
    form = page.locator("#ulasan form").first

    # Tabbing into a group of radio buttons focuses its first one; the arrows choose.
    tab_to(page, form.get_by_role("group", name="Manfaat").get_by_label("1", exact=True))
    press_until(
        page,
        "ArrowRight",
        lambda: (
            form.get_by_role("group", name="Manfaat").get_by_label("4", exact=True).is_checked()
        ),
    )
    tab_to(
        page, form.get_by_role("group", name="Kemudahan replikasi").get_by_label("1", exact=True)
    )
    page.keyboard.press("ArrowLeft")  # wraps round to 5
    tab_to(
        page,
        form.get_by_role("group", name="Kelengkapan dokumentasi").get_by_label("1", exact=True),
    )
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    type_into(
        page,
        form.get_by_label("Ulasan (opsional)"),
        "Alurnya jelas dan mudah kami tiru di kecamatan.",
    )
    tab_to(page, form.get_by_role("button", name="Kirim ulasan"))
    page.keyboard.press("Enter")

    expect(page.get_by_text("Terima kasih, ulasan Anda sudah tampil.")).to_be_visible()
    review = Review.objects.get(innovation=innovation, reviewer=official)
    assert (review.usefulness, review.ease, review.documentation) == (4, 5, 3)
    assert review.text == "Alurnya jelas dan mudah kami tiru di kecamatan."


def test_innovation_form_title_summary_and_save(live_server, page, settings, submitter_a):
    settings.REGISTRY_AUTOSAVE_SECONDS = 3600  # the journey saves with the button, not the timer
    sign_in(page, live_server.url, submitter_a.username, PASSWORD, next_url="/portal/inovasi/baru/")
    type_into(page, page.get_by_label(re.compile("^Judul")), "Antrean Puskesmas Daring")
    type_into(
        page,
        page.get_by_label(re.compile("^Ringkasan")),
        "Warga mengambil nomor antrean puskesmas dari ponsel.",
    )
    # The whole form is walked with Tab down to the footer's save button.
    tab_to(page, page.get_by_role("button", name="Simpan draf"))
    page.keyboard.press("Enter")

    expect(
        page.get_by_text("Draf disimpan. Versi publik tidak berubah sampai diverifikasi.")
    ).to_be_visible()
    innovation = Innovation.objects.get(
        agency=submitter_a.memberships.get().agency, title="Antrean Puskesmas Daring"
    )
    assert innovation.summary == "Warga mengambil nomor antrean puskesmas dari ponsel."
    assert innovation.moderation_status == ModerationStatus.DRAFT


def test_replication_start_form(live_server, page, agency_a, verifier_b):
    origin = factories.InnovationFactory(agency=agency_a, title="Akte Kelahiran Jemput Bola")
    sign_in(
        page, live_server.url, verifier_b.username, PASSWORD, next_url=f"/inovasi/{origin.slug}/"
    )
    tab_to(page, page.get_by_role("link", name="Replikasi inovasi ini"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/portal/replikasi/mulai/{origin.pk}/")

    type_into(page, page.get_by_label("Nama lokal replikasi"), "Akta Lahir Jemput Bola Surabaya")
    type_into(
        page,
        page.get_by_label("Alasan minat"),
        "Cakupan akta kelahiran anak di kampung masih rendah.",
    )
    tab_to(page, page.get_by_role("button", name="Nyatakan minat"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Akta Lahir Jemput Bola Surabaya")
    project = ReplicationProject.objects.get(origin=origin)
    assert project.adopter == verifier_b.memberships.get().agency
    assert project.interest_statement == "Cakupan akta kelahiran anak di kampung masih rendah."


def test_judge_score_form(live_server, page, edition, panel, secretariat):  # noqa: F811
    desk = edition["desk"]
    entry = entry_in_round(edition, title="Layanan Kesehatan Keliling")
    judge = panel[0]
    assignment = competitions.assignment_add(user=secretariat, round=desk, entry=entry, judge=judge)
    sign_in(
        page,
        live_server.url,
        judge.user.username,
        PASSWORD,
        next_url=f"/portal/kompetisi/penilaian/{assignment.pk}/",
    )
    form = page.locator("form.score-form")

    criteria = list(desk.criteria.order_by("sort_order"))
    for criterion in criteria:
        field = form.get_by_label(criterion.name, exact=True)
        type_into(page, field, "7")
        # A number field steps with the arrow keys (by its step attribute).
        press_until(page, "ArrowUp", lambda field=field: field.input_value() == "8")
    # (8 - 1) / (10 - 1) of every weight.
    expect(page.locator("[data-live-total-value]")).to_have_text("77.78")
    confidence = form.get_by_label("Tingkat keyakinan Anda")
    tab_to(page, confidence)
    options = confidence.locator("option").evaluate_all("options => options.map(o => o.value)")
    press_until(page, "ArrowDown", lambda: confidence.input_value() == options[-1])
    tab_to(page, form.get_by_role("button", name="Kirim nilai"))
    page.keyboard.press("Enter")

    page.wait_for_url("**/portal/kompetisi/penilaian/")
    expect(page.get_by_text("Nilai terkirim. Terima kasih.")).to_be_visible()
    assignment = Assignment.objects.get(pk=assignment.pk)
    assert assignment.status == "submitted"
    assert assignment.total == pytest.approx(700 / 9)
    assert {score.value for score in assignment.scores.all()} == {8}
    assert len(criteria) == assignment.scores.count()
