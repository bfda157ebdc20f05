"""Plain-text pages: a scraped page's header, body and footer told apart.

A page is read as units: one unit per line, except that a hard-wrapped paragraph (lines of a
blank-line block that run on without sentence punctuation) is joined back into one. Before the
first body paragraph come the header lines: datelines (kept as the published date), image
markers and their captions, and short lines without final punctuation. The last header line
of three or more words is the headline; the nearest one-to-three-word line before it is the
section (a masthead may come first).
From the first body paragraph on, furniture.clean_body drops the furniture and cuts the footer.
The first paragraph's outlet prefix ("ORBITINDONESIA.COM - ") is cut off and kept as the outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reader.compare.quote_marks import CLOSING_MARKS
from reader.compare.words import count_words
from reader.ingest.article import build_article
from reader.ingest.furniture import (
    LineKind,
    clean_body,
    is_bare_image_marker,
    line_kind,
    masthead_outlet,
    parse_dateline,
    split_outlet_prefix,
)
from reader.ingest.model import ParsedArticle

# A line with more words than this is body text even without final punctuation.
HEADLINE_MAX_WORDS = 24
# A headline has at least this many words; shorter header lines may be the section.
HEADLINE_MIN_WORDS = 3
SECTION_MAX_WORDS = 3
# A line at least this long that runs on without sentence punctuation is hard-wrapped.
WRAPPED_LINE_MIN_CHARS = 50
# Files wrapped at a fixed width have no line longer than this.
WRAP_WIDTH_MAX = 100

# What may close a sentence after its final stop: quotation marks and brackets.
_CLOSERS = re.escape(CLOSING_MARKS) + r")\]"
_SENTENCE_END_RE = re.compile(rf"[.!?…][{_CLOSERS}]*$")
_RUNS_ON_RE = re.compile(rf"[^.!?…:;{_CLOSERS}]$")


@dataclass(frozen=True)
class _Unit:
    text: str
    block: int  # index of the blank-line-separated block the unit came from


@dataclass(frozen=True)
class _Header:
    title: str | None
    section: str | None
    published: date | None
    body_start: int
    masthead: str | None = None  # the outlet named on the page's first line


def parse_plaintext(source_name: str, raw: bytes, text: str) -> ParsedArticle:
    units = _caption_free(_units(text))
    header = _read_header(units)
    paragraphs = clean_body(unit.text for unit in units[header.body_start :])
    outlet: str | None = None
    if paragraphs:
        outlet, paragraphs[0] = split_outlet_prefix(paragraphs[0])
    outlet = outlet or header.masthead
    return build_article(
        source_name,
        raw,
        paragraphs,
        title=header.title,
        outlet=outlet,
        published=header.published,
        section=header.section,
    )


def _units(text: str) -> list[_Unit]:
    lines = text.split("\n")
    wrapped = _hard_wrapped(lines)
    units: list[_Unit] = []
    block = 0
    previous_blank = True
    for line in lines:
        stripped = line.strip()
        if not stripped:
            block += 0 if previous_blank else 1
            previous_blank = True
            continue
        last = units[-1] if units else None
        if not previous_blank and last is not None and _continues(last.text, stripped, wrapped):
            units[-1] = _Unit(f"{last.text} {stripped}", block)
        else:
            units.append(_Unit(stripped, block))
        previous_blank = False
    return units


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether the whole file is wrapped at a fixed width (no line longer than the width, and
    many lines close to it that stop mid-sentence)."""
    lengths = [(len(line.strip()), line.strip()) for line in lines if line.strip()]
    if not lengths or max(length for length, _ in lengths) > WRAP_WIDTH_MAX:
        return False
    runs_on = sum(
        1
        for length, line in lengths
        if length >= WRAPPED_LINE_MIN_CHARS and _RUNS_ON_RE.search(line) is not None
    )
    return runs_on >= 3 and runs_on >= 0.3 * len(lengths)


def _continues(previous: str, line: str, wrapped: bool) -> bool:
    """Whether `line` is the hard-wrapped continuation of `previous`. Outside a file wrapped at
    a fixed width, only a line going on in lower case is (a headline above a paragraph is not)."""
    return (
        len(previous) >= WRAPPED_LINE_MIN_CHARS
        and _RUNS_ON_RE.search(previous) is not None
        and (wrapped or line[0].islower())
        and line_kind(previous) is None
        and line_kind(line) is None
    )


def _caption_free(units: list[_Unit]) -> list[_Unit]:
    """Drop bare image markers ("image") and the caption line right after one.

    The line after a marker is its caption when it closes the marker's block (blank-line
    layout), or when it does not read as prose (one paragraph per line)."""
    kept: list[_Unit] = []
    for index, unit in enumerate(units):
        if is_bare_image_marker(unit.text):
            continue
        marker = units[index - 1] if index > 0 else None
        if marker is not None and is_bare_image_marker(marker.text) and marker.block == unit.block:
            following = units[index + 1] if index + 1 < len(units) else None
            closes_block = following is None or following.block != unit.block
            if closes_block or not _is_body(unit.text):
                continue
        kept.append(unit)
    return kept


def _is_body(line: str) -> bool:
    return _SENTENCE_END_RE.search(line) is not None or count_words(line) > HEADLINE_MAX_WORDS


def _read_header(units: list[_Unit]) -> _Header:
    published: date | None = None
    candidates: list[str] = []
    body_start = len(units)
    for index, unit in enumerate(units):
        kind = line_kind(unit.text)
        if kind is LineKind.DATELINE:
            published = published or parse_dateline(unit.text)
        elif kind is None:
            if _is_body(unit.text):
                body_start = index
                break
            candidates.append(unit.text)
    if body_start == len(units):  # no line reads as prose: the whole file is the body
        return _Header(None, None, published, 0)
    masthead = masthead_outlet(units[0].text) if candidates[:1] == [units[0].text] else None
    if masthead is not None:
        candidates = candidates[1:]
    headlines = [c for c in candidates if count_words(c) >= HEADLINE_MIN_WORDS]
    title = headlines[-1] if headlines else None
    before_title = candidates[: candidates.index(title)] if title else candidates
    sections = [c for c in before_title if count_words(c) <= SECTION_MAX_WORDS]
    return _Header(title, sections[-1] if sections else None, published, body_start, masthead)
