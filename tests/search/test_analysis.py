"""Indonesian text analysis: words, stopwords, stems, synonyms, highlighting, trigrams."""

import pytest
from django.db import connection

from search.analysis import (
    SYNONYMS_FILE,
    _data_lines,
    analyze,
    highlight,
    index_words,
    parse_query,
    stem,
    stopwords,
    synonym_classes,
    trigram_similarity,
)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["pelayanan", "melayani", "layanan"], "layan"),
        (["perizinan", "izin", "mengizinkan"], "izin"),
        (["kelahiran", "lahir", "dilahirkan"], "lahir"),
    ],
)
def test_inflected_forms_share_a_stem(words, expected):
    assert {stem(word) for word in words} == {expected}


def test_stopwords_are_dropped_but_domain_words_kept():
    assert "yang" in stopwords() and "dan" in stopwords()
    # "usaha kecil", "peserta didik baru", "satu pintu", "ibu hamil" keep their words.
    assert not {"kecil", "baru", "satu", "ibu", "umum"} & stopwords()
    assert index_words("Pelayanan yang cepat dan murah bagi usaha kecil") == ["pelayanan", "cepat", "murah", "usaha", "kecil"]


def test_one_letter_words_and_punctuation_go():
    assert index_words("e-KTP: 1 jam!") == ["ktp", "jam"]


def test_the_synonym_file_has_at_least_sixty_entries():
    assert len(_data_lines(SYNONYMS_FILE)) >= 60
    tokens = [cls.token for cls in synonym_classes()]
    assert len(tokens) == len(set(tokens))


def test_lines_that_share_a_word_form_one_concept():
    tokens = {parse_query(word).groups[0].token for word in ["izin", "ijin", "perizinan", "perijinan", "mengizinkan"]}
    assert len(tokens) == 1 and None not in tokens


def test_documents_get_a_token_after_every_synonym_they_contain():
    ktp = next(c for c in synonym_classes() if any(a.words == ("ktp",) for a in c.alternatives))
    ektp = next(c for c in synonym_classes() if any(a.words == ("ektp",) for a in c.alternatives))
    tokens = [word for word, _stem in analyze("Cetak kartu tanda penduduk elektronik")]
    assert tokens == ["cetak", "kartu", "tanda", "penduduk", ktp.token, "elektronik", ektp.token]


def test_a_query_takes_the_longest_synonym_and_keeps_other_words():
    parsed = parse_query("Perpanjangan kartu tanda penduduk di Kudus")
    assert [group.text for group in parsed.groups] == ["perpanjangan", "kartu tanda penduduk", "kudus"]
    assert parsed.groups[1].token is not None and parsed.groups[0].token is None
    assert ("ktp",) in parsed.highlight_terms and ("kartu", "tanda", "duduk") in parsed.highlight_terms


def test_highlight_marks_words_and_phrases_and_escapes_the_rest():
    terms = parse_query("ktp").highlight_terms
    html = highlight("Cetak <b>Kartu Tanda Penduduk</b> & KTP", terms)
    assert html == "Cetak &lt;b&gt;<mark>Kartu</mark> <mark>Tanda</mark> <mark>Penduduk</mark>&lt;/b&gt; &amp; <mark>KTP</mark>"
    # "kartu" alone is not the phrase.
    assert highlight("Kartu perpustakaan", terms) is None


def test_highlight_windows_long_text_around_the_first_match():
    text = " ".join(["kata"] * 100) + " sampah " + " ".join(["lagi"] * 100)
    html = highlight(text, parse_query("sampah").highlight_terms, max_words=20)
    assert html.startswith("… ") and html.endswith(" …") and "<mark>sampah</mark>" in html
    assert len(html.split()) < 30


def test_trigram_similarity_is_pg_trgm_similarity():
    assert trigram_similarity("kesehatan", "kesehatan") == 1.0
    assert trigram_similarity("kesehtan", "kesehatan") == pytest.approx(7 / 12)
    assert trigram_similarity("abc", "xyz") == 0.0


@pytest.mark.postgresql
@pytest.mark.django_db
@pytest.mark.parametrize(("a", "b"), [("kesehtan", "kesehatan"), ("perizinnan", "perizinan"), ("pdam", "pam")])
def test_python_trigram_similarity_matches_postgresql(a, b):
    with connection.cursor() as cursor:
        cursor.execute("SELECT similarity(%s, %s)", [a, b])
        assert trigram_similarity(a, b) == pytest.approx(cursor.fetchone()[0], abs=1e-6)


@pytest.mark.postgresql
@pytest.mark.django_db
def test_postgresql_stems_like_python():
    words = ["pelayanan", "melayani", "perizinan", "kelahiran", "kependudukan", "pendidikan", "sekolah"]
    with connection.cursor() as cursor:
        for word in words:
            cursor.execute("SELECT to_tsvector('indonesian', %s)::text", [word])
            assert cursor.fetchone()[0].split(":")[0].strip("'") == stem(word)
