"""Every public page, and the portal pages agency staff and judges work in, pass axe-core
(no serious or critical violation), fit a 360-px phone without sideways scrolling, name
their language, and point ARIA references only at elements that exist.

The pages show the demo data (manage.py seed_demo) plus indicators, documents and an open
objection window (site_data.py). Seeding takes a while, so one test walks all the pages
of one audience and reports every problem it finds at once, page by page.
"""

import pytest

from registry.innovations.demo import DEMO_PASSWORD
from registry.innovations.models import Innovation
from registry.replication.models import ReplicationProject
from tests.browser.accessibility import site_data
from tests.browser.accessibility.axe import axe_violations, blocking, describe
from tests.browser.accessibility.conftest import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BROKEN_ID_REFERENCES = """() => {
  const attributes = ['aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-errormessage', 'for', 'form'];
  const broken = [];
  for (const name of attributes) {
    for (const el of document.querySelectorAll('[' + name + ']')) {
      if (name === 'form' && !['INPUT', 'BUTTON', 'SELECT', 'TEXTAREA'].includes(el.tagName)) continue;
      for (const id of (el.getAttribute(name) || '').split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) broken.push(el.tagName.toLowerCase() + '[' + name + '=' + id + ']');
      }
    }
  }
  return broken;
}"""


def check_page(
    page,
    url: str,
    *,
    language: str = "id",
    ready: str | None = None,
    submit: str | None = None,
    status: int = 200,
) -> list[str]:
    """Problems of one page, at desktop and phone width; `submit` names a button to press
    first with an empty form, to check the page that shows the errors."""
    problems = []
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        response = page.goto(url)
        if response.status != status:
            return [f"HTTP {response.status}"]
        if submit:
            # Past the browser's own checks of required fields, to the server's error messages.
            button = page.get_by_role("button", name=submit, exact=True)
            button.evaluate("button => { button.form.noValidate = true; }")
            with page.expect_navigation():
                button.click()
            if not page.locator(".errorlist, .message-error").count():
                problems.append(f"{viewport['width']}px: the empty form came back without an error")
        if ready:
            page.locator(ready).first.wait_for(state="attached")
        width = viewport["width"]
        where = f"{width}px"
        lang = page.evaluate("document.documentElement.lang")
        if lang != language:
            problems.append(f"{where}: <html lang={lang!r}>, expected {language!r}")
        violations = blocking(axe_violations(page))
        if violations:
            problems.append(f"{where}: axe\n{describe(violations)}")
        for reference in page.evaluate(BROKEN_ID_REFERENCES):
            problems.append(f"{where}: {reference} points at no element")
        if width == PHONE["width"]:
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                problems.append(f"{where}: scrolls sideways (scrollWidth {scroll_width})")
    return problems


def check_pages(page, base_url: str, pages: list[tuple]) -> str:
    report = []
    for label, path, options in pages:
        problems = check_page(page, base_url + path, **options)
        if problems:
            report.append(f"{label} ({path}):\n  " + "\n  ".join(problems))
    return "\n".join(report)


def test_public_pages(live_server, axe_page):
    site = site_data.seed_demo_site()
    slug = site.origin.slug
    objection = f"/kompetisi/{site.objection_slug}/sanggah/{site.objection_code}/"
    pages = [
        ("beranda", "/", {}),
        ("katalog", "/inovasi/", {}),
        (
            "katalog: kata dan saringan",
            "/inovasi/?q=akta+kelahiran&province=33&sector=administrasi-kependudukan",
            {},
        ),
        ("katalog: tanpa hasil", "/inovasi/?q=zzzqqq", {}),
        ("halaman inovasi", f"/inovasi/{slug}/", {}),
        ("peta replikasi", "/replikasi/", {"ready": "#replication-map path.leaflet-interactive"}),
        (
            "peta replikasi satu inovasi",
            f"/replikasi/?inovasi={slug}",
            {"ready": "#replication-map path.leaflet-interactive"},
        ),
        ("kompetisi", "/kompetisi/", {}),
        ("hasil dan pemenang", "/kompetisi/kipp-2022-demo/", {}),
        ("finalis dan masa sanggah", f"/kompetisi/{site.objection_slug}/", {}),
        ("formulir sanggahan", objection, {}),
        ("formulir sanggahan dengan galat", objection, {"submit": "Kirim sanggahan"}),
        ("data terbuka", "/data/", {}),
        ("halaman tidak ditemukan", "/inovasi/tidak-ada-inovasi-ini/", {"status": 404}),
        ("masuk", "/masuk/", {}),
        ("masuk dengan galat", "/masuk/", {"submit": "Masuk"}),
        ("home (English)", "/en/", {"language": "en"}),
        ("catalog (English)", "/en/inovasi/", {"language": "en"}),
        (
            "catalog search (English)",
            "/en/inovasi/?q=birth+certificate&province=33",
            {"language": "en"},
        ),
        ("innovation (English)", f"/en/inovasi/{slug}/", {"language": "en"}),
    ]
    report = check_pages(axe_page, live_server.url, pages)
    assert not report, "\n" + report


def test_portal_pages_of_staff_and_judges(live_server, axe_page):
    site = site_data.seed_demo_site()
    origin = site.origin
    # An innovation Kota Surabaya may still start replicating (another agency's, no project yet).
    replicating = ReplicationProject.objects.filter(adopter__regency_id="35.78").values("origin")
    startable = (
        Innovation.objects.published()
        .exclude(agency__regency_id="35.78")
        .exclude(pk__in=replicating)
        .order_by("pk")[0]
    )
    judge_sheet = f"/portal/kompetisi/penilaian/{site.judge_assignment_pk}/"
    by_user = {
        site_data.SUBMITTER: [
            ("beranda portal", "/portal/", {}),
            ("formulir inovasi baru", "/portal/inovasi/baru/", {}),
            (
                "formulir inovasi baru dengan galat",
                "/portal/inovasi/baru/",
                {"submit": "Simpan dan ajukan verifikasi"},
            ),
            ("formulir ubah inovasi", f"/portal/inovasi/{origin.pk}/ubah/", {}),
            ("daftar inovasi instansi", "/portal/inovasi/", {}),
        ],
        site_data.REVIEWER: [
            (
                "halaman inovasi dengan formulir ulasan",
                f"/inovasi/{origin.slug}/",
                {"ready": "#ulasan form"},
            ),
            (
                "formulir ulasan dengan galat",
                f"/inovasi/{origin.slug}/",
                {"submit": "Kirim ulasan"},
            ),
            ("proyek replikasi", f"/portal/replikasi/{site.replication_pk}/", {}),
            ("mulai replikasi", f"/portal/replikasi/mulai/{startable.pk}/", {}),
            (
                "mulai replikasi dengan galat",
                f"/portal/replikasi/mulai/{startable.pk}/",
                {"submit": "Nyatakan minat"},
            ),
            ("daftar proyek replikasi", "/portal/replikasi/", {}),
        ],
        site_data.JUDGE: [
            ("antrean penilaian", "/portal/kompetisi/penilaian/", {}),
            ("lembar penilaian juri", judge_sheet, {}),
            ("lembar penilaian juri dengan galat", judge_sheet, {"submit": "Kirim nilai"}),
        ],
    }
    report = []
    for username, pages in by_user.items():
        sign_in(axe_page, live_server.url, username, DEMO_PASSWORD)
        found = check_pages(axe_page, live_server.url, pages)
        if found:
            report.append(f"signed in as {username}:\n{found}")
    assert not report, "\n" + "\n".join(report)


def test_the_checks_catch_a_missing_label_a_broken_reference_and_a_wide_element(
    live_server, axe_page
):
    """The checks above pass only because the pages are right, not because a check is blind."""
    axe_page.goto(f"{live_server.url}/masuk/")
    assert check_page(axe_page, f"{live_server.url}/masuk/") == []
    axe_page.evaluate("""() => {
      document.querySelector('label[for=id_username]').remove();
      document.getElementById('id_password').setAttribute('aria-describedby', 'tidak-ada');
      const wide = document.createElement('div');
      wide.style.width = '900px';  // the test's own script, which the CSP lets through
      wide.style.height = '1rem';  // an empty box adds no scrollable overflow
      document.querySelector('main').append(wide);
    }""")
    assert "label" in {v["id"] for v in blocking(axe_violations(axe_page))}
    assert axe_page.evaluate(BROKEN_ID_REFERENCES) == ["input[aria-describedby=tidak-ada]"]
    axe_page.set_viewport_size(PHONE)
    assert axe_page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]
