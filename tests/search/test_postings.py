"""PostgreSQL keeps the bitsets of frequent words (search/postings.py): they must always
equal what the GIN index matches, and a search must answer the same with or without them."""

import datetime
import io
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

import search
from registry.innovations.models import Innovation
from search import facet_index, postings
from search.params import params_from_querydict
from tests.factories_search import innovation

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


@pytest.fixture(autouse=True)
def every_shared_word_is_frequent(settings):
    """Two documents make a word frequent here (SEARCH_POSTING_MIN_DOCS; 1,000 by default)."""
    settings.SEARCH_POSTING_MIN_DOCS = 2


@pytest.fixture
def villages():
    when = lambda year: datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)  # noqa: E731
    return {
        "air": innovation("Pelayanan Air Bersih Desa", "Pipa air masuk ke rumah warga desa.", published=when(2018)),
        "ktp": innovation("Pelayanan KTP Keliling", "Petugas melayani perekaman KTP di desa.", published=when(2019)),
        "sampah": innovation("Bank Sampah Desa", "Warga menabung sampah dan mendapat uang.", published=when(2020)),
        "sekolah": innovation("Sekolah Pagi Warga", "Kelas membaca bagi orang tua.", published=when(2021)),
        "pasar": innovation("Pasar Rakyat Bersih", "Pedagang pasar memilah sampah.", published=when(2017)),
    }


def _kept() -> dict[str, int]:
    """{lexeme: bitset} as the postings table holds them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeme, chunk, bits FROM registry_search_posting")
        rows = cursor.fetchall()
    kept: dict[str, int] = {}
    for lexeme, chunk, bits in rows:
        kept[lexeme] = kept.get(lexeme, 0) | int.from_bytes(bytes(bits), "little") << (chunk * postings.CHUNK_IDS)
    return kept


def _assert_exact() -> dict[str, int]:
    """Every kept bitset holds exactly the documents whose text has its word."""
    kept = _kept()
    with connection.cursor() as cursor:
        for lexeme, bits in kept.items():
            cursor.execute(
                "SELECT innovation_id FROM registry_search_document"
                " WHERE registry_search_vector(search_text) @@ quote_literal(%s)::tsquery",
                [lexeme],
            )
            assert _ids(bits) == {row[0] for row in cursor.fetchall()}, lexeme
    return kept


def _ids(bits: int) -> set[int]:
    return {position for position in range(bits.bit_length()) if bits >> position & 1}


def test_the_words_of_at_least_the_threshold_are_kept_with_their_documents(villages):
    assert search.database_backend().keep_postings() > 0
    kept = _assert_exact()
    assert _ids(kept["layan"]) == {villages["air"].pk, villages["ktp"].pk}  # pelayanan, melayani
    assert _ids(kept["desa"]) == {villages["air"].pk, villages["ktp"].pk, villages["sampah"].pk}
    assert "sekolah" not in kept  # one document only


def test_edits_unpublishing_and_deletion_keep_the_bitsets_exact(villages):
    search.database_backend().keep_postings()
    Innovation.objects.filter(pk=villages["sekolah"].pk).update(summary="Kelas membaca di balai desa.")
    search.index_innovation(villages["sekolah"].pk)
    assert villages["sekolah"].pk in _ids(_assert_exact()["desa"])

    Innovation.objects.filter(pk=villages["air"].pk).update(title="Air Bersih", summary="Pipa ke rumah warga.")
    search.index_innovation(villages["air"].pk)
    kept = _assert_exact()
    assert villages["air"].pk not in _ids(kept["layan"]) | _ids(kept["desa"])

    search.database_backend().remove([villages["ktp"].pk])
    assert villages["ktp"].pk not in _ids(_assert_exact()["desa"])

    Innovation.objects.filter(pk=villages["sampah"].pk).delete()
    search.database_backend().remove([villages["sampah"].pk])
    assert villages["sampah"].pk not in _ids(_assert_exact()["desa"])


def test_an_innovation_beyond_the_kept_ids_gets_its_range_of_ids(villages):
    search.database_backend().keep_postings()
    far = innovation("Pelayanan Desa Terpencil", "Perahu layanan ke pulau.", pk=3 * postings.CHUNK_IDS + 5)
    kept = _assert_exact()
    assert far.pk in _ids(kept["desa"]) and far.pk in _ids(kept["layan"])


def test_a_write_rolled_back_leaves_the_bitsets_as_they_were(villages):
    search.database_backend().keep_postings()
    before = _kept()
    with pytest.raises(RuntimeError), transaction.atomic():
        Innovation.objects.filter(pk=villages["sekolah"].pk).update(summary="Sekolah desa.")
        search.index_innovation(villages["sekolah"].pk)
        assert villages["sekolah"].pk in _ids(_kept()["desa"])
        raise RuntimeError("rolled back")
    assert _kept() == before


def test_a_rebuild_chooses_the_frequent_words_again(villages, settings):
    search.database_backend().keep_postings()
    settings.SEARCH_POSTING_MIN_DOCS = 3
    search.rebuild()
    kept = _assert_exact()
    assert "desa" in kept and "layan" not in kept  # three documents; two
    assert min(bits.bit_count() for bits in kept.values()) >= 3


QUERIES = [
    "q=desa",
    "q=pelayanan+desa",  # two kept words: both (2), then, fewer than a page, either (3)
    "q=air+desa",  # a kept word and a rarer one
    "q=ktp",  # a synonym: its class token
    "q=kartu+tanda+penduduk",  # the synonym's long form
    "q=sampah+sekolah",  # fewer than a page: any of the words
    "q=warga&regency=33.72",
    "q=bersih&sort=newest",
]


def _answers():
    facet_index.index_changed(connection.cursor())  # a new token: no kept matches of earlier searches
    backend = search.database_backend()
    return [
        (results.total, [hit.id for hit in results.items], results.facets, results.relaxed)
        for results in (backend.query(params_from_querydict(QueryDict(query))[0]) for query in QUERIES)
    ]


def test_searches_answer_the_same_with_and_without_the_bitsets(villages):
    without = _answers()
    search.database_backend().keep_postings()
    with_postings = _answers()
    assert with_postings == without
    assert [total for total, *_rest in without] == [3, 3, 3, 1, 1, 3, 3, 2]
    # A kept word alone ("desa") is read from its bitset, without asking the GIN index.
    facet_index.index_changed(connection.cursor())
    with CaptureQueriesContext(connection) as ctx:
        search.database_backend().query(params_from_querydict(QueryDict("q=desa"))[0])
    matching = [query["sql"] for query in ctx.captured_queries if "registry_search_" in query["sql"] and "(" in query["sql"]]
    assert any("registry_search_posting_bits" in sql for sql in matching)
    assert not any("registry_search_match_words" in sql for sql in matching)


def test_the_command_keeps_them_for_an_index_built_before(villages):
    out = io.StringIO()
    call_command("search_index", "--postings", stdout=out)
    assert "postings: the bitsets of" in out.getvalue()
    assert "desa" in _assert_exact()


@pytest.mark.django_db(transaction=True)
def test_index_writes_take_turns():
    """Writes share the bitsets' rows: one waits for the other (a deadlock would abort one)."""
    record = innovation("Pelayanan Desa Pesisir", "Warga desa pesisir.")
    holder = connections.create_connection("default")
    holder.set_autocommit(False)
    errors = []

    def write():
        try:
            search.index_innovation(record.pk)
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)
        finally:
            connection.close()

    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [postings.WRITE_LOCK])
            writer = threading.Thread(target=write)
            writer.start()
            waiting = 0
            for _attempt in range(200):
                cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                waiting = cursor.fetchone()[0]
                if waiting:
                    break
                time.sleep(0.05)
            assert waiting == 1 and writer.is_alive()
        holder.commit()
        writer.join(timeout=30)
        assert not writer.is_alive() and errors == []
    finally:
        holder.close()
