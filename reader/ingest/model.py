"""What an importer makes of a file: an article record not yet stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ParsedArticle:
    source_name: str  # the file name it came from (with a `#N` suffix for the Nth JSONL record)
    raw: bytes  # the imported bytes, kept byte for byte
    text: str  # the cleaned text the reader sees: paragraphs separated by one blank line
    title: str
    outlet: str | None
    url: str | None
    published: date | None
    section: str | None
    language: str  # ISO 639-1 ("id", "en") or "und" when unsure
    content_hash: str  # sha256 hex of the normalised cleaned text: same story text, same hash
    # The source had no title: `title` is the text's first sentence (the store may prefer the
    # title of the story the version joins).
    title_derived: bool = False
