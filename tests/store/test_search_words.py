"""Where a library search's words stand in a text: the search's own rules (FTS5 unicode61
with diacritics removed, the last word a prefix), checked against SQLite itself."""

from __future__ import annotations

import sqlite3

import pytest

from reader.store.search import fts_match
from reader.store.search_words import match_spans, phrase_spans, query_phrases, text_tokens


def _words(query: str, text: str) -> list[str]:
    return [text[a:b] for a, b in match_spans(query, text)]


def test_english_words_case_folded_last_one_a_prefix() -> None:
    text = "The Harwick council approved the harbour plan. Councillors said the plan works."
    assert _words("plan", text) == ["plan", "plan"]
    assert _words("PLAN harwick", text) == ["Harwick", "plan", "plan"]
    assert _words("council", text) == ["council", "Councillors"]  # the last word: a prefix
    assert _words("council plan", text) == ["council", "plan", "plan"]  # not "Councillors"
    assert _words("pla", text) == ["plan", "plan"]
    assert _words("zzqx", text) == []
    assert _words("  ... - ", text) == []


def test_indonesian_words_and_prefixes() -> None:
    text = ("ORBITINDONESIA.COM - Presiden AS Donald Trump mengatakan pada Kamis (13/2) "
            "bahwa ia berbicara dengan Presiden Rusia. Pembicaraan berlangsung lama.")
    assert _words("presiden", text) == ["Presiden", "Presiden"]
    assert _words("bicara", text) == []  # a word, not a part of one
    assert _words("berbicara", text) == ["berbicara"]
    assert _words("pembic", text) == ["Pembicaraan"]
    assert _words("13/2", text) == ["13/2"]  # FTS5 reads "13" then "2": one phrase
    assert _words("orbitindonesia.com", text) == ["ORBITINDONESIA.COM"]


def test_accents_fold_both_ways() -> None:
    text = "Le café de l'École, naïve, à Schönbrunn; cafe\u0301 décomposé."
    assert _words("cafe", text) == ["café", "cafe\u0301"]
    assert _words("CAFÉ", text) == ["café", "cafe\u0301"]
    assert _words("ecole schonbrunn", text) == ["École", "Schönbrunn"]
    assert _words("naive", text) == ["naïve"]
    assert _words("decompo", text) == ["décomposé"]


def test_offsets_count_code_points_after_an_emoji() -> None:
    text = "😀 Berita 😀 berita"
    assert match_spans("berita", text) == [(2, 8), (11, 17)]


def test_overlapping_matches_are_one_span() -> None:
    # "new.york" is one phrase of two tokens, found where "york" is found too.
    assert match_spans("new.york york", "New York is new.") == [(0, 8)]
    assert match_spans("york yo", "New York") == [(4, 8)]


TEXTS = [
    "Café résumé naïve ÉCOLE Øre łódź straße Æsop İstanbul",
    "e\u0301te cafe\u0301 don't U.S. 13/2 harga_bbm 3.5% foo-bar",
    "Jakarta—Bandung “kutipan” emoji😀end ½ Ⅻ ١٢٣ 中文字",
    "Presiden Prabowo Subianto berbicara dengan wartawan di Istana.",
]
QUERIES = ["cafe", "CAFÉ resu", "ete", "don't", "u.s.", "harga_bbm", "13/2", "foo-bar",
           "lodz", "łodz", "istanbul", "jakarta bandung", "kutip", "emoji😀end", "١٢٣",
           "presiden prab", "prabowo presiden", "berbicara wartawan", "bicara", "øre",
           "strasse", "straße", "3.5", "xyz", "end ½"]


@pytest.fixture
def fts() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, "
               "tokenize='unicode61 remove_diacritics 2')")  # as migration 0001 declares
    db.execute("CREATE VIRTUAL TABLE words USING fts5vocab(t, 'instance')")
    db.executemany("INSERT INTO t(rowid, body) VALUES (?, ?)", enumerate(TEXTS))
    return db


def test_tokens_are_the_indexes_tokens(fts: sqlite3.Connection) -> None:
    for n, text in enumerate(TEXTS):
        indexed = [term for (term,) in fts.execute(
            "SELECT term FROM words WHERE doc = ? ORDER BY offset", (n,))]
        assert [t for t, _, _ in text_tokens(text)] == indexed, text


@pytest.mark.parametrize("query", QUERIES)
def test_a_text_the_index_finds_shows_every_word(fts: sqlite3.Connection, query: str) -> None:
    """FTS5 finds a text exactly when each typed word has a match in it."""
    match = fts_match(query)
    assert match is not None
    found = {rowid for (rowid,) in fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (match,))}
    phrases = query_phrases(query)
    for n, text in enumerate(TEXTS):
        tokens = text_tokens(text)
        every = all(phrase_spans((p,), tokens) for p in phrases)
        assert every == (n in found), (query, text)
