"""The bitsets behind the database backend's facet counts and sorted pages."""

import pytest

from search import facet_index
from search.facet_index import bit_positions, bitset
from search.params import SearchParams
from tests.factories_search import innovation

pytestmark = pytest.mark.django_db


def test_bitsets_and_positions_round_trip():
    ids = [0, 1, 7, 8, 63, 64, 1000]
    bits = bitset(ids, 1000)
    assert bits.bit_count() == len(ids)
    assert bit_positions(bits) == ids
    assert bit_positions(0) == []


def test_a_write_to_the_index_makes_every_process_reload(django_capture_on_commit_callbacks):
    first = innovation("Bank Sampah Kelurahan", "Warga menabung sampah.", kind="metode")
    before = facet_index.current()
    assert facet_index.current() is before  # nothing changed: the same bitsets
    second = innovation("Bank Sampah Sekolah", "Murid menabung sampah.", kind="metode")
    after = facet_index.current()
    assert after is not before and after.token != before.token
    assert bit_positions(after.values["kind"]["metode"]) == sorted([first.pk, second.pk])


def test_sorted_pages_walk_the_stored_order():
    records = [innovation(f"Bank Sampah {n}", "Warga menabung sampah.", published=None) for n in range(5)]
    index = facet_index.current()
    everything = index.universe
    newest_first = index.page_in_order(everything, "newest", offset=0, limit=10)
    assert newest_first == sorted((r.pk for r in records), reverse=True)  # same date: highest id first
    some = bitset([records[1].pk, records[3].pk], max(r.pk for r in records))
    assert index.page_in_order(some, "newest", offset=0, limit=10) == [records[3].pk, records[1].pk]
    assert index.page_in_order(some, "newest", offset=1, limit=10) == [records[1].pk]


def test_masks_combine_values_of_a_facet_with_or_and_facets_with_and():
    a = innovation("Satu", "Teks.", regency="33.72", kind="proses", year_implemented=2014)
    b = innovation("Dua", "Teks.", regency="35.78", kind="proses", year_implemented=2016)
    c = innovation("Tiga", "Teks.", regency="35.78", kind="metode", year_implemented=2018)
    index = facet_index.current()
    results, raw = index.count(index.universe, SearchParams(filters=(("province", ("33", "35")), ("kind", ("proses",))), year_from=2015))
    assert bit_positions(results) == [b.pk]
    assert raw["kind"] == {"proses": 1, "metode": 1}
    assert raw["year"] == {"2014": 1, "2016": 1}
    assert raw["province"] == {"35": 1}
    assert c.pk not in bit_positions(results) and a.pk not in bit_positions(results)
