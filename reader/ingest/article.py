"""Assembling a ParsedArticle: the text, its hash, a title when the source has none."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date

from reader.ingest.errors import IngestError
from reader.ingest.language import detect_language
from reader.ingest.model import ParsedArticle

PARAGRAPH_SEPARATOR = "\n\n"
# A derived title is the first sentence, cut at a word boundary near this many characters.
TITLE_MAX_CHARS = 80
NO_TEXT = "no article text found"

# Words whose full stop does not end a sentence ("Dr. Lindqvist", "U.S. officials", "dkk. ").
ABBREVIATIONS = frozenset(
    ("dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "no", "vs", "gen", "gov", "sen", "rep",
     "col", "lt", "capt", "mt", "u.s", "u.k", "e.g", "i.e", "etc", "dll", "dkk", "tn", "ny",
     "bpk", "sdr", "ir", "drs", "kh", "hj", "h", "a.n", "u.p")
)  # fmt: skip

_WHITESPACE_RE = re.compile(r"\s+")
# A sentence ends at . ! ? or … (perhaps inside a closing quote) before a capital or a quote.
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def content_hash(text: str) -> str:
    """sha256 of the text with every whitespace run collapsed to one space: same text, same hash."""
    normalised = _WHITESPACE_RE.sub(" ", text).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def first_sentence(paragraph: str) -> str:
    """The paragraph up to its first sentence end that is not an abbreviation or an initial."""
    for match in _SENTENCE_END_RE.finditer(paragraph):
        words_before = paragraph[: match.start()].split()
        last = words_before[-1].rstrip(".!?…").casefold() if words_before else ""
        if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        return paragraph[: match.end()].strip()
    return paragraph.strip()


def derive_title(text: str) -> str:
    """A title for a text without one: its first sentence, shortened at a word boundary."""
    sentence = first_sentence(text.strip().split("\n", 1)[0])
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence
    cut = sentence[: TITLE_MAX_CHARS + 1]
    boundary = cut.rfind(" ")
    shortened = cut[:boundary] if boundary > TITLE_MAX_CHARS // 2 else cut[:TITLE_MAX_CHARS]
    return shortened.rstrip(" ,;:-–—") + "…"


def build_article(
    source_name: str,
    raw: bytes,
    paragraphs: Sequence[str],
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: date | None = None,
    section: str | None = None,
    language: str | None = None,
) -> ParsedArticle:
    """The article record; raises IngestError when no text is left after cleaning."""
    text = PARAGRAPH_SEPARATOR.join(p.strip() for p in paragraphs if p.strip())
    if not text:
        raise IngestError(source_name, NO_TEXT)
    clean_title = _WHITESPACE_RE.sub(" ", title).strip() if title else ""
    return ParsedArticle(
        source_name=source_name,
        raw=raw,
        text=text,
        title=clean_title or derive_title(text),
        outlet=_blank_to_none(outlet),
        url=_blank_to_none(url),
        published=published,
        section=_blank_to_none(section),
        language=language or detect_language(f"{clean_title}\n{text}"),
        content_hash=content_hash(text),
    )


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None
