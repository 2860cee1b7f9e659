"""The language switch: plain links to the same page in the other language, no form, no token."""

import re

import pytest

from tests.factories import InnovationFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a href="([^"]*)" hreflang="(\w+)"')


def _switch(html: str) -> dict[str, str]:
    block = html[html.index('class="language-switch"') :]
    block = block[: block.index("</p>")]
    return {code: href.replace("&amp;", "&") for href, code in LINK.findall(block)}


def test_indonesian_page_links_to_its_english_version_with_the_same_query(client):
    InnovationFactory(title="Pelayanan KTP Keliling")
    html = client.get("/inovasi/?q=ktp&sector=kesehatan").content.decode()
    assert _switch(html) == {"en": "/en/inovasi/?q=ktp&sector=kesehatan"}
    assert 'aria-current="true" lang="id">Bahasa Indonesia' in html


def test_english_detail_page_links_back_to_the_indonesian_one(client):
    innovation = InnovationFactory(title="Pelayanan KTP Keliling")
    html = client.get(f"/en/inovasi/{innovation.slug}/").content.decode()
    assert _switch(html) == {"id": f"/inovasi/{innovation.slug}/"}


def test_a_missing_page_still_offers_the_other_language(client):
    response = client.get("/en/tidak-ada/")
    assert response.status_code == 404
    assert _switch(response.content.decode()) == {"id": "/tidak-ada/"}


def test_anonymous_public_pages_carry_no_csrf_token_or_cookie(client):
    """What makes a page the same for every visitor (and cacheable)."""
    innovation = InnovationFactory()
    for url in ["/", "/inovasi/", "/inovasi/?q=pelayanan", f"/inovasi/{innovation.slug}/", "/replikasi/", "/en/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "csrfmiddlewaretoken" not in response.content.decode(), url
        assert "csrftoken" not in response.cookies, url
