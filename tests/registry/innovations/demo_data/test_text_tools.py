"""Readable titles, summaries and list items from the LAN source text."""

import pytest

from registry.core.text import count_words
from registry.innovations.text_tools import (
    is_shouting,
    readable_title,
    semicolons_to_lines,
    split_sentences,
    summary_from,
)


@pytest.mark.parametrize(
    "title, context, expected",
    [
        ("PELAYANAN KTP 1 JAM", "", "Pelayanan KTP 1 Jam"),
        ("PELAYANAN KTP DI DESA/KELURAHAN", "", "Pelayanan KTP di Desa/Kelurahan"),
        ("SURABAYA SINGLE WINDOW (SSW)", "Surabaya Single Window (SSW) adalah ... SSW", "Surabaya Single Window (SSW)"),
        ("SISTEM PENYUSUNAN ANGGARAN (E-BUDGETING)", "aplikasi e-Budgeting dipakai", "Sistem Penyusunan Anggaran (e-Budgeting)"),
        ("PROGRAM PENATAAN PEDAGANG KAKI LIMA (PKL)", "", "Program Penataan Pedagang Kaki Lima (PKL)"),
        ("TRY OUT UJIAN NASIONAL ONLINE", "TRY OUT ONLINE diikuti siswa", "Try Out Ujian Nasional Online"),
        ("PELABUHAN INDONESIA III", "", "Pelabuhan Indonesia III"),
        ("Penataan PKL", "", "Penataan PKL"),  # not shouting: left as written
    ],
)
def test_readable_title(title, context, expected):
    assert readable_title(title, context=context) == expected


def test_is_shouting():
    assert is_shouting("KOTA LAYAK ANAK")
    assert not is_shouting("Kota Layak Anak")
    assert not is_shouting("e-PosLocker")


def test_summary_is_cut_at_a_sentence_end_within_the_word_limit():
    text = " ".join(f"Kalimat nomor {n} berisi lima kata." for n in range(40))
    summary = summary_from(text, max_words=80)
    assert summary.endswith(".")
    assert count_words(summary) <= 80
    assert summary == " ".join(split_sentences(text)[: len(split_sentences(summary))])


def test_summary_of_one_very_long_sentence_is_cut_at_a_word_with_an_ellipsis():
    summary = summary_from("kata " * 200, max_words=80)
    assert summary.endswith("…")
    assert count_words(summary) == 80


def test_semicolon_lists_become_lines():
    assert semicolons_to_lines("adanya komitmen; dukungan dana; SDM") == "Adanya komitmen\nDukungan dana\nSDM"
    assert semicolons_to_lines("Satu kalimat saja.") == "Satu kalimat saja."
