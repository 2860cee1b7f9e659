"""The Wagtail home page: counts, latest published innovations, how it works, SEO basics."""

import re
from datetime import UTC, datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext

from registry.agencies.models import AgencyType
from registry.geo.models import Regency
from tests.factories import AgencyFactory, InnovationFactory

pytestmark = pytest.mark.django_db

STAT = re.compile(r'<div class="stat"><strong>(\d+)</strong>([^<]+)</div>')


def _stats(html: str) -> dict[str, int]:
    return {label.strip(): int(number) for number, label in STAT.findall(html)}


@pytest.fixture
def catalog():
    """Three published innovations of two pemda in two provinces, one national one, a draft, a withdrawn one."""
    solo = AgencyFactory(name="Pemerintah Kota Surakarta", regency=Regency.objects.get(code="33.72"))
    badung = AgencyFactory(name="Pemerintah Kabupaten Badung", type=AgencyType.PEMKAB, regency=Regency.objects.get(code="51.03"))
    ministry = AgencyFactory(name="Kementerian Dalam Negeri", type=AgencyType.KEMENTERIAN, regency=None, province=None)
    hidden = AgencyFactory(name="Pemerintah Kota Ambon", regency=Regency.objects.get(code="81.71"))
    return {
        "old": InnovationFactory(title="Akta Jemput Bola", agency=solo, first_published_at=datetime(2015, 1, 1, tzinfo=UTC)),
        "middle": InnovationFactory(title="Perizinan Satu Pintu", agency=badung, first_published_at=datetime(2016, 1, 1, tzinfo=UTC)),
        "new": InnovationFactory(title="Pelayanan KTP Keliling", agency=solo, first_published_at=datetime(2017, 1, 1, tzinfo=UTC)),
        "national": InnovationFactory(title="Arsip Digital Nasional", agency=ministry, province=None, regency=None),
        "draft": InnovationFactory(title="Draf Rahasia Ambon", agency=hidden, live=False, moderation_status="draft", first_published_at=None),
        "withdrawn": InnovationFactory(title="Inovasi Ditarik Ambon", agency=hidden, live=False, moderation_status="unpublished"),
    }


def test_home_counts_published_innovations_agencies_and_regions(client, catalog):
    html = client.get("/").content.decode()
    stats = _stats(html)
    assert stats == {"inovasi terbit": 4, "instansi": 3, "provinsi": 2, "kabupaten/kota": 2}


def test_home_lists_the_latest_published_innovations_newest_first(client, catalog):
    html = client.get("/").content.decode()
    latest = html[html.index('id="home-latest-title"') :]
    positions = [latest.index(catalog[key].title) for key in ("new", "middle", "old")]
    assert positions == sorted(positions)
    assert f'/inovasi/{catalog["new"].slug}/' in latest
    for key in ("draft", "withdrawn"):
        assert catalog[key].title not in html


def test_home_explains_how_it_works_for_the_three_audiences(client, catalog):
    html = client.get("/").content.decode()
    for heading in ("Instansi pemilik inovasi", "Daerah yang ingin mereplikasi", "Kementerian pembina"):
        assert heading in html
    assert 'href="/portal/"' in html and 'href="/inovasi/"' in html


def test_home_seo_basics(client, catalog):
    html = client.get("/?utm_source=x").content.decode()
    assert "<title>Registri Inovasi Pelayanan Publik</title>" in html
    assert '<meta name="description" content="Katalog inovasi pelayanan publik Indonesia' in html
    assert '<link rel="canonical" href="http://testserver/">' in html  # no query string
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in html
    assert '<meta property="og:title" content="Registri Inovasi Pelayanan Publik">' in html
    assert '<meta property="og:url" content="http://testserver/">' in html


def test_home_query_count_does_not_grow_with_the_catalog(client, django_assert_max_num_queries):
    for n in range(3):
        InnovationFactory(title=f"Inovasi {n}")
    with django_assert_max_num_queries(20) as small:
        client.get("/")
    queries_for_three = len(small.captured_queries)  # before the next request resets the log
    for n in range(12):
        InnovationFactory(title=f"Inovasi lain {n}")
    with django_assert_max_num_queries(queries_for_three):
        client.get("/")


def test_language_switch_leads_to_the_english_home(client, catalog):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/en/"
    english = client.get("/en/")
    assert english.status_code == 200
    html = english.content.decode()
    assert '<html lang="en">' in html
    assert catalog["new"].title in html
    assert '<link rel="canonical" href="http://testserver/en/">' in html
    assert '<meta property="og:locale" content="en_US">' in html


CHROME = ["Katalog", "Masuk", "Inovasi terbaru", "Cara kerja registri", "Lihat seluruh katalog"]


def test_english_home_renders_translated_chrome(client, catalog):
    with translation.override("en"):
        english = {source: gettext(source) for source in CHROME}
    untranslated = [source for source, text in english.items() if text == source]
    assert not untranslated, (
        f"No English for {untranslated}: run `make messages` and translate locale/en/LC_MESSAGES/django.po"
    )
    html = client.get("/en/").content.decode()
    for text in english.values():
        assert text in html


def test_home_counts_agree_in_number_in_english(client, catalog):
    html = client.get("/en/").content.decode()
    assert "<strong>4</strong>published innovations" in html  # the draft and the withdrawn one are not counted
    assert "<strong>3</strong>agencies" in html
    assert "<strong>2</strong>provinces" in html
