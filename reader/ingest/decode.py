"""Bytes to text: byte-order mark first, strict UTF-8 next, then detection.

Scraped pages arrive in whatever encoding the scraper wrote. A byte-order mark is the only
certain signal, UTF-8 the most likely one; after that charset-normalizer guesses. Among its
equally clean guesses we prefer Windows-1252 (a superset of Latin-1 for text), because English
and Indonesian pages saved on Windows are by far the commonest legacy case and charset-normalizer
otherwise often picks a neighbouring code page (cp1250 turns "naïve" into "naďve").
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from reader.ingest.errors import IngestError

# Longest marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Code pages that decode plain Western text identically; the first one found wins a tie.
_PREFERRED_ON_TIE = ("cp1252", "latin_1", "iso8859_15")

# Control characters a text file may contain; any other share above the limit means binary.
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_MAX_CONTROL_SHARE = 0.02

UNDECODABLE = "cannot decode text (not UTF-8 and no encoding could be detected)"
BINARY = "not a text file (binary data)"


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces and the mark's length, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def decode_text(source: str, data: bytes) -> str:
    """Decode a text file's bytes; newlines become "\\n", U+00A0 and all other text is kept."""
    marked = bom_encoding(data)
    if marked is not None:
        encoding, skip = marked
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError as error:
            raise IngestError(
                source, f"cannot decode text as {encoding} ({error.reason})"
            ) from None
    else:
        if b"\x00" in data:
            raise IngestError(source, BINARY)
        text = _decode_unmarked(source, data)
    if _looks_binary(text):
        raise IngestError(source, BINARY)
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_unmarked(source: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-16/32 without a mark would carry NUL bytes for every ASCII letter (refused above as
    # binary); a guess of it here is charset-normalizer fitting noise.
    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        raise IngestError(source, UNDECODABLE)
    least_chaos = min(match.chaos for match in matches)
    cleanest = [match for match in matches if match.chaos <= least_chaos]
    for preferred in _PREFERRED_ON_TIE:
        for match in cleanest:
            if preferred in match.could_be_from_charset:
                return data.decode(preferred)
    return str(cleanest[0])


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for char in sample if ord(char) < 32 and char not in _TEXT_CONTROLS)
    return controls / len(sample) > _MAX_CONTROL_SHARE
