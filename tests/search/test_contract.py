"""The contract every search backend keeps (DESIGN.md §5), run against each available one."""

import pytest
from django.http import QueryDict

from registry.innovations.models import Innovation
from search.params import SearchParams, params_from_querydict

pytestmark = pytest.mark.django_db


def found(results, corpus) -> list[str]:
    names = {record.pk: name for name, record in corpus.items()}
    return [names[hit.id] for hit in results.items]


def counts(results, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in results.facets[facet]}


def search(backend, **kwargs):
    return backend.query(SearchParams(**kwargs))


def search_qs(backend, query: str):
    params, errors = params_from_querydict(QueryDict(query))
    assert errors == {}
    return backend.query(params)


# --- Words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("melayani", {"ktp", "akta"}),  # pelayanan, melayani → layan
        ("layanan", {"ktp", "akta"}),
        ("izin", {"izin"}),  # perizinan → izin
        ("lahir", {"akta"}),  # kelahiran → lahir
        ("kelahiran", {"akta"}),
    ],
)
def test_indonesian_stemming_matches_other_forms_of_a_word(backend, corpus, query, expected):
    results = search(backend, q=query)
    assert set(found(results, corpus)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ktp", {"ktp", "kartu"}),
        ("kartu tanda penduduk", {"ktp", "kartu"}),
        ("pkl", {"pkl", "pedagang"}),
        ("pedagang kaki lima", {"pkl", "pedagang"}),
        ("puskesmas", {"puskesmas"}),
        ("pusat kesehatan masyarakat", {"puskesmas"}),
    ],
)
def test_abbreviations_and_their_long_forms_find_each_other(backend, corpus, query, expected):
    results = search(backend, q=query)
    assert set(found(results, corpus)) == expected
    assert results.total == len(expected)


def test_the_title_ranks_above_the_summary(backend, corpus, settle):
    from tests.factories_search import innovation

    in_title = innovation("Kesehatan Lansia di Posyandu", "Pemeriksaan rutin bagi warga berusia lanjut.")
    settle()
    results = search(backend, q="kesehatan")
    assert [hit.id for hit in results.items] == [in_title.pk, corpus["puskesmas"].pk]


def test_a_misspelled_word_finds_the_innovation_and_suggests_the_spelling(backend, corpus):
    results = search(backend, q="kesehtan")
    assert found(results, corpus) == ["puskesmas"]
    assert results.suggestion == "kesehatan"


def test_a_known_word_gets_no_suggestion(backend, corpus):
    results = search(backend, q="kesehatan")
    assert results.suggestion is None
    assert results.corrected is False


def test_words_found_nowhere_find_nothing(backend, corpus):
    results = search(backend, q="xylofonqwerty")
    assert results.total == 0
    assert results.items == []


def test_matches_are_highlighted(backend, corpus):
    results = search(backend, q="kelahiran")
    hit = results.items[0]
    assert "<mark>Kelahiran</mark>" in hit.highlights["title"]
    assert "<mark>kelahiran</mark>" in hit.highlights["summary"]


def test_highlights_escape_the_text_around_them(backend, corpus, settle):
    from tests.factories_search import innovation

    record = innovation("Jalan <b>Sehat</b> & Bersih", "Warga berjalan <script>x</script> bersama.")
    settle()
    hit = next(hit for hit in search(backend, q="sehat").items if hit.id == record.pk)
    title = hit.highlights["title"]
    assert "<b>" not in title and "&lt;b&gt;" in title and "&amp;" in title


# --- Facets and filters ------------------------------------------------------------------------


def test_facets_count_every_match(backend, corpus):
    results = search(backend)
    assert results.total == 7
    assert counts(results, "province") == {"33": 4, "35": 3}
    assert counts(results, "regency") == {"33.72": 2, "33.19": 1, "33.74": 1, "35.78": 2, "35.73": 1}
    assert counts(results, "agency_type") == {"pemkot": 6, "pemkab": 1}
    assert counts(results, "sector") == {"administrasi-kependudukan": 3, "perizinan": 1, "perdagangan": 2, "kesehatan": 1}
    assert counts(results, "sdg") == {"16": 3, "8": 1, "3": 2, "11": 1}
    assert counts(results, "kind") == {"proses": 2, "produk": 1, "teknologi": 2, "metode": 2}
    assert counts(results, "digital") == {"true": 3, "false": 4}
    assert counts(results, "stage") == {"penerapan": 7}
    assert counts(results, "year") == {"2013": 1, "2014": 1, "2015": 1, "2016": 2, "2017": 1, "2018": 1}
    assert counts(results, "has_replications") == {"true": 1, "false": 6}
    assert counts(results, "min_rating") == {"4": 1, "3": 2, "2": 2, "1": 2}


def test_facet_labels_are_names(backend, corpus):
    results = search(backend)
    labels = {value.value: value.label for value in results.facets["province"]}
    assert labels == {"33": "Jawa Tengah", "35": "Jawa Timur"}
    assert {v.value: v.label for v in results.facets["regency"]}["33.72"] == "Kota Surakarta"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("province=35", {"izin", "pkl", "puskesmas"}),
        ("regency=33.72", {"ktp", "akta"}),
        ("agency_type=pemkab", {"pedagang"}),
        ("sector=perdagangan", {"pkl", "pedagang"}),
        ("sdg=3", {"akta", "puskesmas"}),
        ("kind=teknologi", {"izin", "puskesmas"}),
        ("digital=true", {"kartu", "izin", "puskesmas"}),
        ("digital=false", {"ktp", "akta", "pkl", "pedagang"}),
        ("stage=penerapan", {"ktp", "kartu", "izin", "akta", "pkl", "pedagang", "puskesmas"}),
        ("stage=uji_coba", set()),
        ("year=2016", {"kartu", "izin"}),
        ("year_from=2016&year_to=2017", {"kartu", "izin", "pkl"}),
        ("has_replications=true", {"akta"}),
        ("min_rating=4", {"izin"}),
        ("min_rating=3", {"izin", "pkl"}),
        ("q=ktp&province=33", {"ktp", "kartu"}),
        ("q=ktp&regency=33.19", {"kartu"}),
    ],
)
def test_every_filter_narrows_the_results(backend, corpus, query, expected):
    results = search_qs(backend, query)
    assert set(found(results, corpus)) == expected
    assert results.total == len(expected)


def test_counts_of_a_facet_ignore_its_own_choice(backend, corpus):
    """Multi-select: ticking Jawa Timur still shows what Jawa Tengah would add."""
    results = search_qs(backend, "province=35")
    assert counts(results, "province") == {"33": 4, "35": 3}
    # Other facets count within the choice.
    assert counts(results, "kind") == {"teknologi": 2, "metode": 1}
    assert counts(results, "digital") == {"true": 2, "false": 1}
    selected = [value.value for value in results.facets["province"] if value.selected]
    assert selected == ["35"]


def test_several_values_of_a_facet_match_any_of_them(backend, corpus):
    results = search_qs(backend, "kind=teknologi&kind=produk&province=33")
    assert set(found(results, corpus)) == {"kartu"}
    assert counts(results, "kind") == {"proses": 2, "produk": 1, "metode": 1, "teknologi": 0}
    assert counts(results, "province") == {"33": 1, "35": 2}


def test_counts_combine_a_query_and_filters(backend, corpus):
    results = search_qs(backend, "q=ktp&digital=true")
    assert set(found(results, corpus)) == {"kartu"}
    assert counts(results, "digital") == {"true": 1, "false": 1}
    assert counts(results, "year") == {"2016": 1}


def test_a_chosen_value_without_matches_is_still_listed(backend, corpus):
    results = search_qs(backend, "q=pkl&kind=teknologi")
    assert results.total == 0
    kinds = {value.value: (value.count, value.selected) for value in results.facets["kind"]}
    assert kinds["teknologi"] == (0, True)


# --- Order and pages -------------------------------------------------------------------------


def test_sort_by_newest(backend, corpus):
    results = search(backend, sort="newest")
    assert found(results, corpus) == ["puskesmas", "izin", "kartu", "ktp", "akta", "pkl", "pedagang"]


def test_without_words_the_newest_come_first(backend, corpus):
    assert found(search(backend), corpus)[0] == "puskesmas"


def test_sort_by_rating_puts_unrated_last(backend, corpus):
    results = search(backend, sort="rating")
    assert found(results, corpus)[:2] == ["izin", "pkl"]


def test_sort_by_replications(backend, corpus):
    assert found(search(backend, sort="replications"), corpus)[0] == "akta"


def test_pages_split_the_results_without_overlap(backend, corpus):
    first = search(backend, sort="newest", page_size=3)
    second = search(backend, sort="newest", page_size=3, page=2)
    third = search(backend, sort="newest", page_size=3, page=3)
    assert first.total == second.total == third.total == 7
    assert found(first, corpus) + found(second, corpus) + found(third, corpus) == found(search(backend, sort="newest"), corpus)
    assert len(found(third, corpus)) == 1
    assert search(backend, sort="newest", page_size=3, page=9).items == []


# --- Keeping the index right ----------------------------------------------------------------------


def test_an_unpublished_innovation_leaves_the_results(backend, corpus, settle, ministry_admin, django_capture_on_commit_callbacks):
    from registry.innovations.services import innovation_unpublish

    with django_capture_on_commit_callbacks(execute=True):
        innovation_unpublish(user=ministry_admin, innovation=corpus["akta"], reason="Data keliru")
    settle()
    results = search(backend, q="kelahiran")
    assert results.total == 0
    assert "akta" not in found(search(backend), corpus)


def test_a_drafted_innovation_is_never_found(backend, corpus, settle):
    from tests.factories import InnovationFactory

    InnovationFactory(title="Rahasia Draf Kelahiran", live=False, moderation_status="draft")
    settle()
    assert found(search(backend, q="kelahiran"), corpus) == ["akta"]


def test_an_edit_is_found_once_indexed(backend, corpus, settle):
    import search as search_module

    Innovation.objects.filter(pk=corpus["pkl"].pk).update(title="Penataan PKL Pasar Malam Gemilang")
    assert search(backend, q="gemilang").total == 0
    search_module.index_innovation(corpus["pkl"].pk)
    settle()
    assert found(search(backend, q="gemilang"), corpus) == ["pkl"]


def test_more_like_this(backend, corpus, settle):
    similar = backend.similar(corpus["pkl"].pk, limit=3)
    names = {record.pk: name for name, record in corpus.items()}
    assert names[similar[0].id] == "pedagang"
    assert corpus["pkl"].pk not in [hit.id for hit in similar]


def test_facet_counts_follow_a_change_of_the_index(backend, corpus, settle):
    import search as search_module

    assert counts(search(backend), "kind")["teknologi"] == 2
    Innovation.objects.filter(pk=corpus["ktp"].pk).update(kind="teknologi", is_digital=True)
    search_module.index_innovation(corpus["ktp"].pk)
    settle()
    results = search(backend)
    assert counts(results, "kind") == {"proses": 1, "produk": 1, "teknologi": 3, "metode": 2}
    assert counts(results, "digital") == {"true": 4, "false": 3}
    assert set(found(search_qs(backend, "kind=teknologi"), corpus)) == {"ktp", "izin", "puskesmas"}


@pytest.mark.postgresql
def test_many_results_rank_title_matches_first_then_the_rest(backend, corpus, settle, monkeypatch):
    """Beyond EXACT_RANK_LIMIT results PostgreSQL ranks title matches, then the newest others."""
    from search.backends import database
    from tests.factories_search import innovation

    in_title = innovation("Kesehatan Lansia di Posyandu", "Pemeriksaan rutin bagi warga berusia lanjut.")
    monkeypatch.setattr(database, "EXACT_RANK_LIMIT", 1)
    results = search(backend, q="kesehatan")
    assert results.total == 2
    assert [hit.id for hit in results.items] == [in_title.pk, corpus["puskesmas"].pk]
    assert all(hit.score > 0 for hit in results.items)
    second_page = search(backend, q="kesehatan", page=2, page_size=1)
    assert [hit.id for hit in second_page.items] == [corpus["puskesmas"].pk]
