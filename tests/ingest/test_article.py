"""Derived titles and the content hash."""

from __future__ import annotations

import pytest

from reader.compare.sentences import split_sentences
from reader.ingest.article import TITLE_MAX_CHARS, content_hash, derive_title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Short first sentence. Then another one.", "Short first sentence."),
        ('"We are ready," the mayor said. Then more.', '"We are ready," the mayor said.'),
        ("The team, led by Dr. Hannah Lindqvist, found it. More.",
         "The team, led by Dr. Hannah Lindqvist, found it."),
        ("U.S. officials met J. Smith on Monday. Later on.",
         "U.S. officials met J. Smith on Monday."),
        ("Hasil riset Prof. Budi dkk. diterbitkan hari ini. Lalu.",
         "Hasil riset Prof. Budi dkk. diterbitkan hari ini."),
        ("A headline-like line without punctuation", "A headline-like line without punctuation"),
        ("First paragraph only.\n\nSecond paragraph.", "First paragraph only."),
        ("\n\n  Leading blank lines. Then text.", "Leading blank lines."),
        ('"Why now?" Smith asked. The question hung.', '"Why now?" Smith asked.'),
        ("Sidang dimulai pukul 09.00 WIB. Hakim masuk.", "Sidang dimulai pukul 09.00 WIB."),
    ],
)  # fmt: skip
def test_derived_title_is_the_first_sentence(text: str, title: str) -> None:
    assert derive_title(text) == title


def test_derived_title_is_the_comparisons_first_sentence() -> None:
    # One sentence splitter: the title of a text without one is the first sentence the
    # comparison shows.
    text = "Pada 13/2 pukul 3 p.m. Tuesday, Dr. Lim tiba. Ia berkata, “Kami siap.” Lalu pergi."
    assert derive_title(text) == split_sentences(text)[0].text


def test_a_text_without_sentences_has_no_title() -> None:
    assert derive_title(" \n ") == ""


def test_long_first_sentence_is_cut_at_a_word_boundary() -> None:
    text = (
        "Sekretaris Jenderal NATO, Mark Rutte, kembali menegaskan pentingnya memperkuat posisi "
        "Ukraina sebelum proses negosiasi damai dimulai. Kalimat kedua."
    )
    title = derive_title(text)
    assert (
        title == "Sekretaris Jenderal NATO, Mark Rutte, kembali menegaskan pentingnya memperkuat…"
    )
    assert len(title) <= TITLE_MAX_CHARS + 1


def test_one_long_word_is_cut_anyway() -> None:
    assert derive_title("x" * 200) == "x" * TITLE_MAX_CHARS + "…"


def test_content_hash_collapses_whitespace() -> None:
    assert content_hash(" a  b\n\nc ") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")
