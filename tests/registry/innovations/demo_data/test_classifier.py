"""The keyword classifier that derives sectors, SDGs, form and "digital" from text."""

import pytest

from registry.innovations.classifier import (
    FALLBACK_SECTOR,
    MAX_SDGS,
    MAX_SECTORS,
    SECTOR_KEYWORDS,
    SECTOR_SDGS,
    classify,
    form_for,
)
from registry.innovations.taxonomy import _rows


@pytest.mark.parametrize(
    "title, body, sector",
    [
        ("Akta Kelahiran Jemput Bola", "", "administrasi-kependudukan"),
        ("Pelayanan KTP 1 Jam", "", "administrasi-kependudukan"),
        ("Pelayanan Izin Usaha", "", "perizinan"),
        ("Antrean Puskesmas", "pasien mendaftar", "kesehatan"),
        ("Rapor Siswa", "sekolah dan siswa", "pendidikan"),
    ],
)
def test_keywords_give_the_expected_primary_sector(title, body, sector):
    assert classify(title, body).sectors[0] == sector


def test_title_words_weigh_more_than_body_words():
    result = classify("Layanan Kesehatan Keliling", "warga desa sekolah")
    assert result.sectors[0] == "kesehatan"
    assert "pendidikan" not in result.sectors  # one body hit is not enough


def test_fallback_and_limits():
    assert classify("Inovasi", "tanpa kata kunci").sectors == (FALLBACK_SECTOR,)
    crowded = classify("Sekolah Puskesmas Izin KTP Pasar Sampah", "")
    assert len(crowded.sectors) == MAX_SECTORS
    assert 1 <= len(crowded.sdgs) <= MAX_SDGS


@pytest.mark.parametrize(
    "title, body, digital",
    [
        ("Aplikasi Pengaduan", "", True),
        ("Layanan SMS Gateway", "", True),
        ("Sistem Informasi Kepegawaian", "", True),
        ("Pendaftaran Online", "", True),
        ("Layanan Jemput Bola", "petugas datang ke rumah warga", False),
        ("Layanan Jemput Bola", "warga mendaftar online lewat aplikasi", True),  # two body keywords
        ("Layanan Jemput Bola", "informasi lewat aplikasi", False),  # only one
    ],
)
def test_digital_flag(title, body, digital):
    assert classify(title, body).is_digital is digital


def test_same_text_same_result():
    assert classify("Pelayanan Perizinan Terpadu", "izin usaha online") == classify(
        "Pelayanan Perizinan Terpadu", "izin usaha online"
    )


def test_form_follows_the_primary_sector_and_agency_type():
    assert form_for(("kepegawaian",)) == "tata_kelola"
    assert form_for(("kesehatan", "kepegawaian")) == "pelayanan_publik"
    assert form_for(("keuangan",), agency_type="bumn") == "pelayanan_publik"


def test_the_rules_cover_exactly_the_seeded_sectors():
    codes = [row["code"] for row in _rows("sectors.csv")]
    assert sorted(SECTOR_KEYWORDS) == sorted(codes)
    assert sorted(SECTOR_SDGS) == sorted(codes)
