"""The furniture tables: which lines are datelines, links, images, footers, outlet prefixes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.compare.words import WORD_RE
from reader.ingest.furniture import (
    _MORE_THAN_MOST_WORDS,
    _MOST_WORDS,
    LineKind,
    clean_body,
    line_kind,
    masthead_outlet,
    parse_dateline,
)
from reader.ingest.furniture import split_outlet_prefix as outlet


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("DECEMBER 9, 2022", date(2022, 12, 9)),
        ("9 Desember 2022", date(2022, 12, 9)),
        ("Senin, 9 Desember 2022 10:15 WIB", date(2022, 12, 9)),
        ("Kamis, 13 Feb 2025 | 08.30 WIB", date(2025, 2, 13)),
        ("Tuesday, March 12, 2024 10:15 AM", date(2024, 3, 12)),
        ("Published: 12 March 2024", date(2024, 3, 12)),
        ("Updated Jan 3, 2023 at 9:05 pm EST", date(2023, 1, 3)),
        ("2024-05-14", date(2024, 5, 14)),
        ("Diperbarui 1 Agustus 2023, 19:02 WIB", date(2023, 8, 1)),
    ],
)
def test_datelines(line: str, expected: date) -> None:
    assert parse_dateline(line) == expected
    assert line_kind(line) is LineKind.DATELINE


@pytest.mark.parametrize(
    "line",
    [
        "Internasional",
        "February 30, 2024",  # no such day
        "On 9 December 2022 the council met.",
        "Rutte spoke on March 12, 2024 in Brussels",
    ],
)
def test_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Baca Juga: Presiden Ukraina Zelenskyy Siap Bertemu Putin", LineKind.READ_ALSO),
        ("Baca juga: Harga Karet Naik", LineKind.READ_ALSO),
        ("Read also: Ten everyday plastics", LineKind.READ_ALSO),
        ("Read more: New sensors on the river", LineKind.READ_ALSO),
        ("Related: High street vacancies fall", LineKind.READ_ALSO),
        ("ADVERTISEMENT", LineKind.READ_ALSO),
        ("image", LineKind.IMAGE),
        ("Foto:", LineKind.IMAGE),
        ("Sekjen NATO Mark Rutte (Foto: ANTARA)", LineKind.IMAGE),
        ("Photo: Getty Images", LineKind.IMAGE),
        ("Campaigners outside the hall. (Photo: Ellen Marsh)", LineKind.IMAGE),
        ("Ruth Crumb at the Kingsnorth factory. Getty Images", LineKind.IMAGE),
        ("Halaman:", LineKind.FOOTER),
        ("Halaman: 1 2 3", LineKind.FOOTER),
        ("Berita Terkait", LineKind.FOOTER),
        ("Editor: Ruth Adeyemi", LineKind.FOOTER),
        ("Share this article", LineKind.FOOTER),
        ("Copyright 2024 Harwick Gazette. All rights reserved.", LineKind.FOOTER),
        ("© 2025 The Lakeside Tribune", LineKind.FOOTER),
        ("By Sam Whitlock", LineKind.META),
        ("By Sam Whitlock, environment reporter", LineKind.META),
        ("By Ana Ruiz and Tom Reddy | Riverbend Post", LineKind.META),
        ("Oleh: Siti Rahmawati", LineKind.META),
        ("5 min read", LineKind.META),
        ("Updated 2 hours ago", LineKind.META),
        ("3 jam yang lalu", LineKind.META),
    ],
)
def test_line_kinds(line: str, kind: LineKind) -> None:
    assert line_kind(line) is kind


@pytest.mark.parametrize(
    "line",
    [
        "Copyright law is changing fast in the European Union, and many artists and "
        "publishers say they welcome the new rules because they finally get paid.",
        "Related cases were heard in three courts last year, and all of them ended in "
        "acquittals that prosecutors have since appealed to the supreme court.",
        "The image of the town changed after the flood.",
        "Editors at three newspapers said they would not publish the photographs.",
        "By then, it was too late.",
        "By the end of the year the bridge will be finished.",
        "Oleh karena itu, warga diminta berhati-hati.",
    ],
)
def test_story_lines_are_not_furniture(line: str) -> None:
    assert line_kind(line) is None


# Words, each followed by what may stand between words or inside one, around the wordiest
# pattern's count of words.
_WORDY_LINE = st.lists(
    st.tuples(st.sampled_from(["word", "a", "x_y", "3.5", "don't", "rock-n-roll", "é", "İ"]),
              st.sampled_from([" ", " ", " ", "  ", "", ".", ", ", "-", "'", "’", " — ", " ("])),
    min_size=_MOST_WORDS + 10, max_size=_MOST_WORDS * 2 + 10,
).map(lambda pairs: "".join(word + between for word, between in pairs))


@given(_WORDY_LINE)
def test_a_line_is_longer_than_any_furniture_when_word_re_finds_more_words(line: str) -> None:
    longer = len(WORD_RE.findall(line)) > _MOST_WORDS
    assert (_MORE_THAN_MOST_WORDS.match(line) is not None) is longer


@pytest.mark.parametrize("between", [" ", " — ", ", ", "... ", " (", "\t"])
@pytest.mark.parametrize("word", ["word", "don't", "3.5", "x_y", "İstanbul"])
def test_the_wordiest_furniture_line_is_not_taken_for_a_paragraph(word: str, between: str
                                                                  ) -> None:
    at_most = between.join([word] * _MOST_WORDS)
    assert len(WORD_RE.findall(at_most)) == _MOST_WORDS
    assert _MORE_THAN_MOST_WORDS.match(at_most) is None
    assert _MORE_THAN_MOST_WORDS.match(f"({at_most}{between}{word}.") is not None


@pytest.mark.parametrize(
    ("paragraph", "expected_outlet", "rest"),
    [
        ("ORBITINDONESIA.COM - Sekretaris Jenderal", "ORBITINDONESIA.COM", "Sekretaris Jenderal"),
        ("JAKARTA, KOMPAS.com - Presiden menyatakan", "KOMPAS.com", "Presiden menyatakan"),
        ("Liputan6.com, Jakarta - Presiden menyatakan", "Liputan6.com", "Presiden menyatakan"),
        ("(Reuters) - The central bank", "Reuters", "The central bank"),
        ("LONDON, March 3 (Reuters) - The central bank", "Reuters", "The central bank"),
        ("Jakarta (ANTARA) - Gubernur", "ANTARA", "Gubernur"),
        ("HARWICK (Harwick Gazette) - Harwick city council", "Harwick Gazette", "Harwick city"),
        ("PORTVILLE HERALD - The Portville harbour council", "PORTVILLE HERALD", "The Portville"),
        ("THE DAILY STAR – Voters went", "THE DAILY STAR", "Voters went"),
        ("HARIAN KABAR LEMBAH - Warga desa", "HARIAN KABAR LEMBAH", "Warga desa"),
    ],
)
def test_outlet_prefixes(paragraph: str, expected_outlet: str, rest: str) -> None:
    found, text = outlet(paragraph)
    assert found == expected_outlet
    assert text.startswith(rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The mayor - who was re-elected in May - said the vote was close.",
        "Mr. Smith - a teacher - said the school would reopen.",
        "Budi Santoso (45) - warga setempat - mengatakan banjir surut.",
        "JAKARTA - Presiden meresmikan jalan tol baru pada Senin.",
        "NEWS that the mill would close - announced on Friday - shocked the town.",
    ],
)
def test_dashes_in_prose_are_not_outlet_prefixes(paragraph: str) -> None:
    assert outlet(paragraph) == (None, paragraph)


def test_clean_body_drops_furniture_and_everything_after_a_footer() -> None:
    lines = [
        "First paragraph of the story.",
        "Baca Juga: Something else",
        "",
        "Second paragraph.",
        "ADVERTISEMENT",
        "Halaman:",
        "A paragraph after the footer that belongs to another page.",
    ]
    assert clean_body(lines) == ["First paragraph of the story.", "Second paragraph."]


def test_a_footer_line_before_the_story_does_not_end_it() -> None:
    lines = ["Editor: Ruth Adeyemi", "The story begins here.", "Copyright 2024", "Not kept."]
    assert clean_body(lines) == ["The story begins here."]


@pytest.mark.parametrize(("line", "expected"), [
    ("Published 14 October 2025, updated 15 October 2025", date(2025, 10, 14)),
    ("Diterbitkan 9 Desember 2022 | Diperbarui 10 Desember 2022", date(2022, 12, 9)),
    ("Published: March 3, 2025; Updated: March 4, 2025 10:15 GMT", date(2025, 3, 3)),
])
def test_published_then_updated_gives_the_publication_date(line: str, expected: date) -> None:
    assert parse_dateline(line) == expected
    assert line_kind(line) is LineKind.DATELINE


@pytest.mark.parametrize(("line", "outlet"), [
    ("Metro Courier", "Metro Courier"), ("The Lakeside Tribune", "The Lakeside Tribune"),
    ("Harian Kompas", "Harian Kompas"),
    ("Politics", None), ("The courier arrived late.", None), ("metro courier", None),
    ("Council Approves New Herald Square Plan After Debate", None),
])
def test_masthead_outlet(line: str, outlet: str | None) -> None:
    assert masthead_outlet(line) == outlet
