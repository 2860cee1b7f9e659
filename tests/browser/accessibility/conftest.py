"""Fixtures of the accessibility tests: axe-core served on the site's origin, signing in.

Choice for the Content-Security-Policy: the pages are tested under their real policy
(no `bypass_csp`), and axe-core is served from a same-origin URL by `page.route`
(see axe.py), so what axe sees is what a visitor's browser renders.
"""

import pytest

from tests.browser.accessibility.axe import serve_axe

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def axe_page(page, live_server):
    """The `page` of tests/conftest.py, able to load axe-core under the site's CSP."""
    serve_axe(page.context, live_server.url)
    return page


def sign_in(
    page, base_url: str, username: str, password: str, *, next_url: str = "/portal/"
) -> None:
    """Sign in through the login form (the keyboard journey of the form is tested on its own)."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/masuk/?next={next_url}")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"**{next_url}")
