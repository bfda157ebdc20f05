"""Assembling a ParsedArticle: the text, its hash, a title when the source has none."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date

from reader.compare.sentences import split_sentences
from reader.ingest.errors import IngestError
from reader.ingest.language import detect_language
from reader.ingest.model import ParsedArticle

PARAGRAPH_SEPARATOR = "\n\n"
# A derived title is the first sentence, cut at a word boundary near this many characters.
TITLE_MAX_CHARS = 80
NO_TEXT = "no article text found"

_WHITESPACE_RE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """sha256 of the text with every whitespace run collapsed to one space: same text, same hash."""
    normalised = " ".join(text.split())  # what \s+ -> " " and strip() give, faster
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def derive_title(text: str) -> str:
    """A title for a text without one: its first sentence, shortened at a word boundary."""
    sentences = split_sentences(text)
    sentence = sentences[0].text if sentences else ""
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
        title_derived=not clean_title,
    )


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None
