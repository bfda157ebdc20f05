"""Page furniture: the lines a scraped news page carries that are not the story.

Everything this module knows is in the data tables at the top, grouped by language, so a new
outlet's habits are one more pattern, not one more `if`. The tables are applied together
(Indonesian pages carry English furniture and the other way round). Every pattern must match
the whole line (datelines) or its start, and only lines up to a kind's word limit count, so a
body paragraph that happens to begin with "Copyright" or "Related:" is never mistaken for
furniture.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from enum import Enum

from reader.compare.words import WORD_RE


class LineKind(Enum):
    DATELINE = "dateline"  # "DECEMBER 9, 2022", "Senin, 9 Desember 2022 10:15 WIB"
    READ_ALSO = "read_also"  # links to other stories and advertising slots: dropped
    IMAGE = "image"  # image placeholders, captions and photo credits: dropped
    FOOTER = "footer"  # the page's end: this line and everything after it are dropped
    META = "meta"  # bylines, reading times, relative timestamps: dropped


MONTHS: Mapping[str, Mapping[str, int]] = {
    "en": {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
        "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
        "nov": 11, "december": 12, "dec": 12,
    },
    "id": {
        "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "mar": 3, "april": 4, "mei": 5,
        "juni": 6, "juli": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "september": 9,
        "oktober": 10, "okt": 10, "november": 11, "nopember": 11, "desember": 12, "des": 12,
    },
}  # fmt: skip

WEEKDAYS: Mapping[str, tuple[str, ...]] = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
           "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun"),
    "id": ("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"),
}  # fmt: skip

# Words that may introduce a dateline: "Published: 12 March 2024", "Diperbarui 9 Des 2022".
DATELINE_PREFIXES: Mapping[str, tuple[str, ...]] = {
    "en": ("published", "updated", "last updated", "posted", "first published"),
    "id": ("diterbitkan", "diperbarui", "dipublikasikan", "terbit", "dibuat"),
}

TIME_ZONES = ("WIB", "WITA", "WIT", "GMT", "UTC", "BST", "CET", "CEST", "EST", "EDT", "PST", "PDT")

# (pattern matched at the start of the line, case-insensitive; most words the line may have)
READ_ALSO: Mapping[str, tuple[tuple[str, int], ...]] = {
    "id": (
        (r"baca juga\s*:", 40), (r"baca selengkapnya\b", 40), (r"simak juga\s*:", 40),
        (r"lihat juga\s*:", 40), (r"artikel terkait\s*:", 40), (r"iklan\s*$", 1),
        (r"gulir untuk melanjutkan", 6),
    ),
    "en": (
        (r"read also\s*:", 40), (r"also read\s*:", 40), (r"read more\s*:", 40),
        (r"related\s*:", 40), (r"see also\s*:", 40), (r"advertisement\s*$", 1),
        (r"scroll to continue", 6), (r"sponsored\s*$", 1),
    ),
}  # fmt: skip

IMAGE: Mapping[str, tuple[tuple[str, int], ...]] = {
    "id": (
        (r"(?:foto|gambar|ilustrasi)\s*$", 1), (r"(?:foto|ilustrasi)\s*:", 30),
        (r".*\((?:foto|ilustrasi|dok)\s*[:.][^)]*\)\s*$", 30),
    ),
    "en": (
        (r"(?:image|photo|picture|\[image\])\s*$", 1), (r"(?:photo|image|picture)\s*:", 30),
        (r".*\((?:photo|image|picture)\s*:[^)]*\)\s*$", 30), (r".*getty images\W*$", 30),
        (r".*\b(?:photograph|photo)\s*(?:by|credit)\b[^.]*$", 30),
    ),
}  # fmt: skip

FOOTER: Mapping[str, tuple[tuple[str, int], ...]] = {
    "id": (
        (r"halaman\s*:?\s*[\d\s]*$", 12), (r"berita terkait\s*$", 2), (r"editor\s*:", 8),
        (r"penulis\s*:", 8), (r"pewarta\s*:", 8), (r"hak cipta\b", 15),
        (r"(?:tag|tags|topik)\s*:", 20),
    ),
    "en": (
        (r"share this (?:article|story)", 6), (r"copyright\b", 15), (r"©", 15),
        (r"all rights reserved", 8), (r"editing by\b", 12), (r"reporting by\b", 20),
        (r"related (?:stories|articles)\s*$", 3), (r"more from\b", 8),
    ),
}  # fmt: skip

# Names must be capitalised ((?-i:...) keeps case) so "By then, it was too late." stays a sentence.
_NAME = r"(?-i:[A-Z][\w'.-]*)"
META: Mapping[str, tuple[tuple[str, int], ...]] = {
    "id": (
        (rf"oleh\s*:?\s+{_NAME}(?:\s+(?:dan\s+)?{_NAME}){{0,5}}\s*(?:[,|/-].*)?$", 12),
        (r"\d+\s+(?:menit|jam|hari)\s+(?:yang\s+)?lalu$", 6),
        (r"waktu baca\s*:?\s*\d+\s*menit$", 5),
    ),
    "en": (
        (rf"by\s+{_NAME}(?:\s+(?:and\s+)?{_NAME}){{0,5}}\s*(?:[,|/-].*)?$", 12),
        (r"\d+\s*min(?:ute)?s?\s+read$", 4),
        (r"(?:(?:updated|posted|published)\s+)?\d+\s+(?:minutes?|hours?|days?)\s+ago$", 6),
        (r"listen to this (?:article|story)", 8),
    ),
}

# Words that mark an all-capitals prefix as a publication's name ("PORTVILLE HERALD - ") rather
# than a place ("JAKARTA - ", which stays in the text).
OUTLET_NAME_WORDS: Mapping[str, tuple[str, ...]] = {
    "en": ("HERALD", "TIMES", "POST", "NEWS", "DAILY", "TRIBUNE", "GAZETTE", "COURIER",
           "JOURNAL", "PRESS", "TELEGRAPH", "CHRONICLE", "OBSERVER", "EXPRESS", "MAIL", "STAR"),
    "id": ("POS", "HARIAN", "BERITA", "KABAR", "WARTA", "SUARA", "MEDIA", "TRIBUN", "KOMPAS",
           "TEMPO", "ANTARA", "DETIK", "REPUBLIKA"),
}  # fmt: skip

# First words of the first paragraph that name the outlet: "ORBITINDONESIA.COM - ",
# "JAKARTA, KOMPAS.com - ", "Liputan6.com, Jakarta - ", "(Reuters) - ",
# "LONDON, March 3 (Reuters) - ", "Jakarta (ANTARA) - ", "PORTVILLE HERALD - ".
_DASH = r"\s*(?:-{1,2}|–|—)\s+"
_DOMAIN = r"[A-Za-z0-9][A-Za-z0-9-]*\.(?i:com|co\.id|id|net|org|news|co\.uk|co)"
_PLACE = r"[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3}"
_CAPS_WORD = r"[A-Z0-9][A-Z0-9&.'-]*"
_NAME_WORD = "|".join(sorted({w for words in OUTLET_NAME_WORDS.values() for w in words}))
OUTLET_PREFIXES: tuple[str, ...] = (
    rf"(?:{_PLACE},\s*)?(?P<outlet>{_DOMAIN}){_DASH}",
    rf"(?P<outlet>{_DOMAIN}),\s*{_PLACE}{_DASH}",
    rf"(?:{_PLACE}(?:,\s*[A-Z][a-z]{{2,8}}\.? \d{{1,2}})?\s*)?"
    rf"\((?P<outlet>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)\){_DASH}",
    rf"(?P<outlet>(?:{_CAPS_WORD} ){{0,3}}(?:{_NAME_WORD})(?: {_CAPS_WORD}){{0,2}}){_DASH}",
)


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


def _dateline_regex(*, whole: bool = True) -> re.Pattern[str]:
    """A dateline line; not `whole`: the start of one (prefix, weekday, date)."""
    months = _alternatives(name for table in MONTHS.values() for name in table)
    weekdays = _alternatives(day for days in WEEKDAYS.values() for day in days)
    prefixes = _alternatives(p for group in DATELINE_PREFIXES.values() for p in group)
    zones = _alternatives(TIME_ZONES)
    time = rf"\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:{zones})?"
    return re.compile(
        rf"^(?:(?:{prefixes})\s*:?\s*)?(?:(?:{weekdays})\s*,?\s*)?"
        rf"(?:(?P<mname>{months})\.?\s+(?P<mday>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<myear>\d{{4}})"
        rf"|(?P<day>\d{{1,2}})\s+(?P<month>{months})\.?,?\s+(?P<year>\d{{4}})"
        rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))"
        + (rf"(?:\s*[,|•·\-–—]?\s*(?:pukul\s+|at\s+)?{time})?\s*$" if whole else ""),
        re.IGNORECASE,
    )


def _line_patterns(
    tables: Iterable[tuple[LineKind, Mapping[str, tuple[tuple[str, int], ...]]]],
) -> tuple[tuple[LineKind, re.Pattern[str], int], ...]:
    return tuple(
        (kind, re.compile(pattern, re.IGNORECASE), max_words)
        for kind, table in tables
        for patterns in table.values()
        for pattern, max_words in patterns
    )


_DATELINE_RE = _dateline_regex()
_DATELINE_START_RE = _dateline_regex(whole=False)
# "Published 14 October 2025, updated 15 October 2025": a second dateline after the first.
_SECOND_DATELINE_RE = re.compile(
    r"\s*[,;|•·]\s*(?=(?:"
    + _alternatives(p for group in DATELINE_PREFIXES.values() for p in group) + r")\b)",
    re.IGNORECASE)
_OUTLET_WORDS = frozenset(w.casefold() for words in OUTLET_NAME_WORDS.values() for w in words)
MASTHEAD_MAX_WORDS = 4
_LINE_PATTERNS = _line_patterns(
    [
        (LineKind.FOOTER, FOOTER),
        (LineKind.READ_ALSO, READ_ALSO),
        (LineKind.IMAGE, IMAGE),
        (LineKind.META, META),
    ]
)
_MOST_WORDS = max(max_words for _kind, _pattern, max_words in _LINE_PATTERNS)
# The line's first _MOST_WORDS + 1 words, as WORD_RE finds them one after the other: each word
# taken whole (WORD_RE is possessive: it cannot give back letters to make two words of one),
# and what lies between words is what WORD_RE skips. One match, where iterating over WORD_RE's
# matches built one object per word (a fifteenth of reading an article).
_MORE_THAN_MOST_WORDS = re.compile(rf"(?:\W*+{WORD_RE.pattern}){{{_MOST_WORDS + 1}}}")
_OUTLET_RES = tuple(re.compile(pattern) for pattern in OUTLET_PREFIXES)
_MONTH_NUMBERS = {name: number for table in MONTHS.values() for name, number in table.items()}
_BARE_IMAGE_RE = re.compile(r"^(?:image|photo|picture|foto|gambar|\[image\])$", re.IGNORECASE)


def parse_dateline(line: str) -> date | None:
    """The date a dateline line states, or None when the line is not a dateline."""
    # A line that does not start as a dateline is none (most lines of a story): one regex
    # instead of two. A line of two datelines starts with one, so a paragraph of the story is
    # not split (searching it for a second dateline was a tenth of reading an article).
    if _DATELINE_START_RE.match(line.strip()) is None:
        return None
    match = _DATELINE_RE.match(line.strip())
    if match is None:
        first, *rest = _SECOND_DATELINE_RE.split(line.strip(), maxsplit=1)
        if rest and _DATELINE_RE.match(rest[0]) is not None and _DATELINE_RE.match(first):
            return parse_dateline(first)  # the publication date, not the update's
        return None
    try:
        if match["iso"]:
            return date.fromisoformat(match["iso"])
        if match["mname"]:
            month = _MONTH_NUMBERS[match["mname"].lower()]
            return date(int(match["myear"]), month, int(match["mday"]))
        return date(int(match["year"]), _MONTH_NUMBERS[match["month"].lower()], int(match["day"]))
    except ValueError:  # "February 30": looks like a dateline, names no real day
        return None


def line_kind(line: str) -> LineKind | None:
    """What kind of furniture a line is, or None for a line of the story."""
    stripped = line.strip()
    if parse_dateline(stripped) is not None:
        return LineKind.DATELINE
    # A paragraph of the story is longer than the wordiest pattern allows: tell that from
    # whether the word after that many is there, without counting every word.
    if _MORE_THAN_MOST_WORDS.match(stripped) is not None:
        return None
    words = len(WORD_RE.findall(stripped))
    for kind, pattern, max_words in _LINE_PATTERNS:
        if words <= max_words and pattern.match(stripped):
            return kind
    return None


def is_bare_image_marker(line: str) -> bool:
    """A line that only says "image": the lines after it in its block are the caption."""
    return _BARE_IMAGE_RE.match(line.strip()) is not None


def masthead_outlet(line: str) -> str | None:
    """"Metro Courier" for a page's first line that names its publication: a few capitalised
    words, one of them a word newspapers are named with (Courier, Herald, Pos, ...)."""
    words = line.strip().split()
    if not 1 <= len(words) <= MASTHEAD_MAX_WORDS or line.rstrip()[-1:] in ".!?:":
        return None
    if not all(word[0].isupper() or word[0].isdigit() for word in words):
        return None
    if not any(word.strip(".,'").casefold() in _OUTLET_WORDS for word in words):
        return None
    return " ".join(words)


def split_outlet_prefix(paragraph: str) -> tuple[str | None, str]:
    """("ORBITINDONESIA.COM", rest) for "ORBITINDONESIA.COM - rest"; (None, paragraph) otherwise."""
    for pattern in _OUTLET_RES:
        match = pattern.match(paragraph)
        if match is not None and paragraph[match.end() :].strip():
            return match["outlet"], paragraph[match.end() :].lstrip()
    return None, paragraph


def clean_body(lines: Iterable[str]) -> list[str]:
    """The story's paragraphs: furniture lines dropped, everything from a footer on cut off.

    A footer-like line before the first paragraph ("Editor: ..." above the story) is dropped
    on its own: a page ends after its story, not before it."""
    kept: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        kind = line_kind(stripped)
        if kind is LineKind.FOOTER and kept:
            break
        if kind is None:
            kept.append(stripped)
    return kept
