"""A page fetched from the web: its bytes as the server sent them, read like an HTML file.

The server's declared charset is the best evidence of the encoding; a page without one, or
with one that does not decode it, goes through the same detection as a file.
"""

from __future__ import annotations

import codecs

from reader.ingest.decode import decode_text, normalise_newlines
from reader.ingest.errors import IngestError
from reader.ingest.files import MAX_FILE_BYTES
from reader.ingest.html import parse_html
from reader.ingest.model import ParsedArticle


def parse_web_page(source_name: str, raw: bytes, charset: str | None = None) -> ParsedArticle:
    """The article in a fetched HTML page; IngestError(source_name, reason) when there is none."""
    if len(raw) > MAX_FILE_BYTES:
        raise IngestError(source_name, "page too large")
    if not raw.strip():
        raise IngestError(source_name, "the page is empty")
    return parse_html(source_name, raw, _decode(source_name, raw, charset))


def _decode(source_name: str, raw: bytes, charset: str | None) -> str:
    if charset:
        try:
            codecs.lookup(charset)
            return normalise_newlines(raw.decode(charset).lstrip("\ufeff"))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: detect instead
    return decode_text(source_name, raw)
