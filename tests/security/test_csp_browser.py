"""The main pages, driven in Chromium under the real Content-Security-Policy: nothing is refused.

Chromium reports each refusal twice: as a console message ("Refused to execute
inline script because it violates the following Content Security Policy
directive ...") and as a `securitypolicyviolation` event, which an init script
records. Both must stay empty while the pages' scripts run: the catalog's live
facets, the detail page, the Leaflet map, the portal form's autosave, the judge's
live total, and the API docs (Swagger UI, and ReDoc with its one exception for
inline styles, cms/security/csp.py).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REDOC_CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP refusal it reports collected in `page.csp_messages`."""
    messages = []
    page.on(
        "console",
        lambda message: messages.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(RECORD_VIOLATIONS)
    page.csp_messages = messages
    return page


def _violations(page) -> list[str]:
    """What the current page refused since the last call."""
    found = [*page.csp_messages, *page.evaluate("window.__cspViolations || []")]
    page.csp_messages.clear()
    return found


def _sign_in(page, base_url, user, next_url):
    page.context.clear_cookies()
    page.goto(f"{base_url}/masuk/?next={next_url}")
    page.get_by_label("Nama pengguna").fill(user.username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def test_main_pages_run_without_a_csp_violation(live_server, watched, settings, world):
    page, base = watched, live_server.url
    settings.REGISTRY_AUTOSAVE_SECONDS = 1
    seen = {}

    page.goto(f"{base}/")
    seen["home"] = _violations(page)

    page.goto(f"{base}/inovasi/")
    page.get_by_label("Cari inovasi").fill("zqttl")
    page.get_by_label("Cari inovasi").press("Enter")
    page.wait_for_url("**/inovasi/?q=zqttl*")
    expect(page.locator(".result-count")).to_be_visible()
    page.locator("summary", has_text="Sektor").click()
    seen["catalog with search"] = _violations(page)

    page.goto(f"{base}/inovasi/{world.published.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("zqttl")
    seen["detail"] = _violations(page)

    page.goto(f"{base}/replikasi/")
    expect(page.locator("#replication-map.leaflet-container")).to_be_visible()
    expect(page.locator(".leaflet-interactive").first).to_be_attached()
    seen["replication map"] = _violations(page)

    _sign_in(page, base, world.submitter_a, "/portal/inovasi/baru/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tulis inovasi baru")
    page.locator("#id_title").fill("Antrean Puskesmas Daring")
    page.locator("#id_summary").fill("Warga mengambil nomor antrean dari ponsel.")
    expect(page.locator("#autosave-status")).to_contain_text(re.compile(r"Tersimpan otomatis pukul \d\d:\d\d"), timeout=15000)
    seen["portal form with autosave"] = _violations(page)

    _sign_in(page, base, world.judge, f"/portal/kompetisi/penilaian/{world.assignment.pk}/")
    expect(page.locator("[data-live-total]")).to_be_visible()
    page.locator("input[data-weight]").first.fill("9")
    expect(page.locator("[data-live-total-value]")).not_to_have_text("—")
    seen["judge scoring page"] = _violations(page)

    page.goto(f"{base}/api/v1/docs/")
    expect(page.locator(".swagger-ui .info")).to_be_visible(timeout=15000)
    seen["API docs (Swagger UI)"] = _violations(page)

    page.goto(f"{base}/api/v1/redoc/")
    expect(page.locator(".api-content")).to_be_visible(timeout=15000)
    # ReDoc's menu links its logo from its own CDN; refusing that is the policy doing its job
    # (nothing is loaded from a CDN), and the page works without it.
    seen["API docs (ReDoc)"] = [found for found in _violations(page) if REDOC_CDN_LOGO not in found]

    refused = {name: found for name, found in seen.items() if found}
    assert refused == {}, "\n".join(f"{name}: {found}" for name, found in refused.items())
