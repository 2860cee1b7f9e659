"""The catalog page /inovasi/: search box, facet checkboxes with counts, highlights, "did you mean", sorting."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import InnovationFactory
from tests.factories_search import innovation

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    return {
        "ktp": innovation("Pelayanan KTP Satu Jam", "Warga mengurus identitas dalam satu jam.", regency="33.72", kind="proses"),
        "kartu": innovation(
            "Pencetakan Kartu Tanda Penduduk Keliling", "Mobil keliling di desa.", regency="33.19", kind="produk", is_digital=True
        ),
        "izin": innovation("Perizinan Usaha Terpadu", "Izin usaha di satu pintu.", regency="35.78", sectors=["perizinan"], kind="teknologi"),
        "draft": InnovationFactory(title="Rahasia Draf KTP", live=False, moderation_status="draft"),
    }


def page(client, **params):
    response = client.get("/inovasi/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_has_a_labelled_search_box_and_sort_choice(client, catalog):
    body = page(client)
    assert '<label for="catalog-q">Cari inovasi</label>' in body
    assert 'id="catalog-q" name="q"' in body
    assert '<label for="catalog-sort">Urutkan</label>' in body
    # Without words there is nothing to be relevant to: the newest come first.
    assert '<option value="newest" selected>' in body and 'value="relevance"' not in body


def test_words_find_published_innovations_with_the_match_highlighted(client, catalog):
    body = page(client, q="ktp")
    assert "Pelayanan <mark>KTP</mark> Satu Jam" in body
    assert "Pencetakan <mark>Kartu</mark> <mark>Tanda</mark> <mark>Penduduk</mark> Keliling" in body
    assert "Perizinan Usaha" not in body and "Rahasia Draf" not in body
    assert '<p class="result-count" role="status">2 inovasi</p>' in body
    assert '<option value="relevance" selected>' in body


def test_facets_are_checkboxes_with_counts(client, catalog):
    body = page(client, q="ktp")
    assert '<input type="checkbox" name="province" value="33">' in body
    assert "Jawa Tengah" in body
    assert '<span class="facet-count">2</span>' in body
    # Jawa Timur has no KTP innovation: it is not offered.
    assert 'name="province" value="35"' not in body


def test_a_ticked_facet_narrows_and_stays_ticked(client, catalog):
    body = page(client, kind="produk")
    assert '<input type="checkbox" name="kind" value="produk" checked>' in body
    assert 'href="/inovasi/{}/"'.format(catalog["kartu"].slug) in body
    assert 'href="/inovasi/{}/"'.format(catalog["ktp"].slug) not in body
    assert "Hapus saringan" in body


def test_a_misspelled_word_shows_what_was_searched_instead(client, catalog):
    body = page(client, q="perizinnan")
    assert "Menampilkan hasil untuk «perizinan»" in body
    assert "Perizinan Usaha Terpadu" in body or "<mark>Perizinan</mark> Usaha Terpadu" in body


def test_nothing_found_says_so(client, catalog):
    body = page(client, q="xylofonqwerty")
    assert "Tidak ada inovasi yang cocok dengan kata pencarian" in body


def test_invalid_parameters_are_ignored(client, catalog):
    body = page(client, kind="bukan-jenis", page="x", digital="mungkin", sort="acak")
    assert '<p class="result-count" role="status">3 inovasi</p>' in body


def test_pages_keep_the_search(client, catalog):
    for number in range(25):
        innovation(f"Bank Sampah Nomor {number}", "Warga menabung sampah.")
    body = page(client, q="sampah")
    assert "25 inovasi" in body
    assert 'href="?q=sampah&amp;page=2" rel="next"' in body
    second = page(client, q="sampah", page=2)
    assert second.count('class="card innovation-card"') == 5


def test_the_english_catalog_searches_too(client, catalog):
    response = client.get("/en/inovasi/", {"q": "ktp"})
    assert response.status_code == 200
    assert "<mark>KTP</mark>" in response.content.decode()


def _catalog_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/inovasi/", params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "sampah", "province": "33"}])
def test_the_number_of_queries_does_not_grow_with_the_catalog(client, params):
    for number in range(10):
        innovation(f"Bank Sampah {number}", "Warga menabung sampah.", regency=["33.72", "35.78"][number % 2])
    small = _catalog_queries(client, **params)
    InnovationFactory.create_batch(190, summary="Warga menabung sampah plastik di bank sampah.")
    assert _catalog_queries(client, **params) == small


def test_an_innovation_page_shows_similar_innovations(client):
    pkl = innovation("Penataan PKL Pasar Malam", "Lapak PKL ditata ulang di pasar malam.", sectors=["perdagangan"])
    relocation = innovation("Relokasi Pedagang Kaki Lima", "Pedagang kaki lima pindah ke pusat kuliner.", sectors=["perdagangan"])
    innovation("Bank Sampah Sekolah", "Murid menabung sampah.")
    body = client.get(f"/inovasi/{pkl.slug}/").content.decode()
    assert "Inovasi serupa" in body
    similar = body.split('id="similar-title"')[1]
    assert relocation.title in similar
    assert "Bank Sampah Sekolah" not in similar and pkl.title not in similar
