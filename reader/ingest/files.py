"""The importers' front door: a file (or its bytes) in, article records out.

Supported: plain text (.txt, .text), HTML (.html, .htm), JSON (.json) and JSON Lines (.jsonl).
A .txt file that is an HTML page (it starts with <!DOCTYPE html> or <html>) is read as HTML.
Files larger than MAX_FILE_BYTES (20 MiB) are refused before they are read: a news article is a
few kilobytes, and a file that size is a mistake (a data dump, a video renamed) that would only
stall the import. Every bad input raises IngestError(file name, reason) with a reason a reader
understands: unsupported type, too large, empty, binary, undecodable, malformed.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.ingest.decode import decode_text
from reader.ingest.errors import IngestError
from reader.ingest.html import parse_html
from reader.ingest.jsonfile import parse_json, parse_jsonl
from reader.ingest.model import ParsedArticle
from reader.ingest.plaintext import parse_plaintext

MAX_FILE_BYTES = 20 * 1024 * 1024

_Parser = Callable[[str, bytes, str], list[ParsedArticle]]

_PARSERS: dict[str, _Parser] = {
    ".txt": lambda name, raw, text: [parse_plaintext(name, raw, text)],
    ".text": lambda name, raw, text: [parse_plaintext(name, raw, text)],
    ".html": lambda name, raw, text: [parse_html(name, raw, text)],
    ".htm": lambda name, raw, text: [parse_html(name, raw, text)],
    ".json": parse_json,
    ".jsonl": parse_jsonl,
}

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_PARSERS)
_PLAIN_TEXT = frozenset({".txt", ".text"})
_HTML_START_RE = re.compile(r"\ufeff?\s*(?:<!doctype html|<html[\s>])", re.IGNORECASE)
_SUPPORTED_LIST = ", ".join(sorted(SUPPORTED_SUFFIXES, key=list(_PARSERS).index))


def read_articles(path: Path) -> list[ParsedArticle]:
    """The articles in one file; IngestError(printable_name(path), reason) for anything bad."""
    source, data = read_file(path)
    return _parse(source, data)


def read_file(path: Path) -> tuple[str, bytes]:
    """(printable_name(path), the file's bytes) of a supported file; IngestError for anything
    that stops it being read.

    Only regular files are read (after following links): a FIFO would block forever and a
    device such as /dev/zero never ends. At most MAX_FILE_BYTES + 1 bytes are read, so a file
    that grows while it is read cannot slip past the limit.
    """
    source = printable_name(path)
    _check_suffix(source, path.suffix)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IngestError(source, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(source, f"not a regular file ({_kind(info.st_mode)})")
        if info.st_size > MAX_FILE_BYTES:
            raise IngestError(source, _too_large(info.st_size))
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise IngestError(source, "file not found") from None
    except OSError as error:
        raise IngestError(source, f"cannot read file ({error.strerror or error})") from None
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(source, _too_large(len(data)))
    return source, data


def decoded_text(source: str, data: bytes) -> str:
    """A file's text (reader.ingest.decode); IngestError when there is none to read."""
    if not data.strip():
        raise IngestError(source, "empty file")
    text = decode_text(source, data)
    if not text.strip():
        raise IngestError(source, "empty file")
    return text


def printable_name(path: Path | str) -> str:
    """A file name safe to print and to store: bytes that are not UTF-8 as \\xNN, control
    characters (a newline, an escape) as Python escapes, so one name stays on one line and
    never drives the terminal."""
    return "".join(_printable(char) for char in str(path))


def _printable(char: str) -> str:
    if char.isprintable() or char == " ":
        return char
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte the file system name held that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return repr(char)[1:-1] if code < 0x10000 else f"\\U{code:08x}"


def parse_bytes(name: str, data: bytes) -> list[ParsedArticle]:
    """The articles in a file's bytes; the parser is chosen by the suffix of `name`."""
    _check_suffix(name, Path(name).suffix)
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(name, _too_large(len(data)))
    return _parse(name, data)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Folders become their supported files (recursively, sorted); files stay as given."""
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir():
            expanded.extend(
                sorted(
                    child
                    for child in path.rglob("*")
                    if child.is_file()
                    and child.suffix.lower() in SUPPORTED_SUFFIXES
                    and not _hidden(child.relative_to(path))
                )
            )
        else:
            expanded.append(path)
    return expanded


def samples_dir() -> Path:
    """The sample stories shipped with the repository."""
    return Path(__file__).resolve().parents[2] / "resources" / "samples"


def _parse(source: str, data: bytes) -> list[ParsedArticle]:
    suffix = Path(source).suffix.lower()
    text = decoded_text(source, data)
    if suffix in _PLAIN_TEXT and _HTML_START_RE.match(text):
        suffix = ".html"  # a page saved with a .txt name: read its markup, not its tags
    try:
        return _PARSERS[suffix](source, data, text)
    except RecursionError:
        raise IngestError(source, "nested too deeply to read (a thousand levels or more)") \
            from None


def _check_suffix(source: str, suffix: str) -> None:
    if suffix.lower() not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "without an extension"
        raise IngestError(source, f"unsupported file type {shown} (use {_SUPPORTED_LIST})")


def _too_large(size: int) -> str:
    return (
        f"file too large ({size / 1024 / 1024:.1f} MiB; the limit is "
        f"{MAX_FILE_BYTES // 1024 // 1024} MiB)"
    )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)
