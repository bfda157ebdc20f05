"""Bytes to text: byte-order mark first, strict UTF-8 next, then detection.

Scraped pages arrive in whatever encoding the scraper wrote. A byte-order mark is the only
certain signal, UTF-8 the most likely one; after that charset-normalizer guesses. Among its
equally clean guesses we prefer Windows-1252 (a superset of Latin-1 for text), because English
and Indonesian pages saved on Windows are by far the commonest legacy case and charset-normalizer
otherwise often picks a neighbouring code page (cp1250 turns "naïve" into "naďve").
"""

from __future__ import annotations

import codecs
import unicodedata

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
_BINARY_CONTROLS = [chr(code) for code in range(32) if chr(code) not in _TEXT_CONTROLS]
_MAX_CONTROL_SHARE = 0.02
# Above this share of high bytes a non-UTF-8 file is some legacy code page's text, not ASCII
# with a few stray bytes.
_MAX_STRAY_SHARE = 0.02

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
    except UnicodeDecodeError as error:
        first_bad = error.start
    _refuse_stray_bytes(source, data, first_bad)
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


def _refuse_stray_bytes(source: str, data: bytes, first_bad: int) -> None:
    """Refuse text that is UTF-8 or ASCII but for a few stray bytes, rather than garble it.

    A guessed single-byte code page would turn every other accented letter of a UTF-8 file
    into mojibake, and random high bytes in ASCII text into random letters. Legacy text that
    decodes cleanly as Windows-1252 (accented letters inside words, curly quotes, dashes,
    symbols) is still read as such; so are files with many non-ASCII bytes (other code pages).
    """
    where = f"first at byte {first_bad}: 0x{data[first_bad]:02x}"
    as_utf8 = data.decode("utf-8", "replace")
    broken = as_utf8.count("\ufffd")
    if any(ord(char) > 127 and char != "\ufffd" for char in as_utf8):
        raise IngestError(source, f"not valid UTF-8: {broken} stray byte{_s(broken)} in UTF-8 "
                                  f"text ({where}); the file is damaged, re-save it as UTF-8")
    high = sum(byte > 127 for byte in data)
    if high > len(data) * _MAX_STRAY_SHARE:
        return  # a legacy code page's text, not ASCII with strays: let detection decide
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if not text or any(_stray(text, i) for i, char in enumerate(text) if ord(char) > 127):
        raise IngestError(source, f"stray bytes that are not text in any likely encoding "
                                  f"({high} in all, {where}); the file is damaged or "
                                  "not a text file")


def _stray(text: str, i: int) -> bool:
    """A non-ASCII character of ASCII text that is not plausibly meant: a letter standing alone
    or a control character (accented letters sit inside words, symbols stand anywhere)."""
    category = unicodedata.category(text[i])
    if category[0] in "PS" or text[i] == "\xa0":
        return False
    if category[0] != "L":
        return True
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not (before.isalpha() or after.isalpha())


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:65536]
    if not sample:
        return False
    # Counted a character at a time in Python this was a tenth of reading a 5 KB article.
    controls = sum(map(sample.count, _BINARY_CONTROLS))
    return controls / len(sample) > _MAX_CONTROL_SHARE
