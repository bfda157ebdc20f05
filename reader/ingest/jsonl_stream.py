"""A JSON Lines file as an import reads it: line by line, each line standing alone.

A JSONL file is a list of records (a scraper's dump, a month of an outlet), so a bad line is
reported by its number and the others are read, whatever the file's size; and the first
records are ready while the rest are still to read. A file of up to MAX_FILE_BYTES is read
whole first, with every check files.read_file makes and its encoding detected as for any
text file. A larger one is read from disk a line at a time, and its lines must be UTF-8 (the
encoding of every JSONL producer; a whole-file guess at the encoding would need the whole
file).

(files.read_articles, which `reader compare` reads a file with, still takes a JSONL file
whole: there one bad record fails the file.)
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.ingest.errors import IngestError
from reader.ingest.files import MAX_FILE_BYTES, decoded_text, printable_name, read_file
from reader.ingest.jsonfile import article_from_record
from reader.ingest.model import ParsedArticle


@dataclass(frozen=True)
class StreamedRecords:
    records: list[ParsedArticle | IngestError]  # an IngestError names the bad line's record
    bytes_read: int  # of the file, up to the end of the last line given
    last: bool  # no record follows in the file


# (line number from 1, the line's bytes without its end, bytes of the file read so far)
_Line = tuple[int, bytes, int]


def stream_jsonl(path: Path, *, chunk: int = 200) -> Iterator[StreamedRecords]:
    """The file's records, `chunk` at a time. IngestError if the file cannot be read at all
    (it is missing, empty, binary, not a regular file...) or holds no record."""
    source = printable_name(path)
    records: list[ParsedArticle | IngestError] = []
    read = records_end = 0  # bytes: all read, up to the end of the last record's line
    for number, raw, read in _lines(path, source):
        if not raw.strip():
            continue
        if len(records) == chunk:
            # Given once the next record is found, so that the last chunk says it is.
            yield StreamedRecords(records, records_end, last=False)
            records = []
        records.append(_record(source, number, raw))
        records_end = read
    if not records:
        raise IngestError(source, "JSON Lines file holds no articles")
    yield StreamedRecords(records, read, last=True)


def _lines(path: Path, source: str) -> Iterator[_Line]:
    try:
        large = path.is_file() and path.stat().st_size > MAX_FILE_BYTES
    except OSError:
        large = False  # read_file says why
    return _lines_from_disk(path, source) if large else _lines_of_whole_file(path)


def _lines_of_whole_file(path: Path) -> Iterator[_Line]:
    source, data = read_file(path)
    text = decoded_text(source, data)
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        # Another encoding: each line as UTF-8, the progress as the share of text read.
        done = 0
        for number, text_line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
            done += len(text_line) + 1
            yield (number, text_line.removesuffix("\r").encode("utf-8"),
                   len(data) * min(done, len(text)) // len(text))
        return
    read = len(data) - len(body)
    # Lines end as they do in the decoded text: at "\n", "\r\n" or a lone "\r".
    for number, line in enumerate(body.splitlines(keepends=True), start=1):
        read += len(line)
        yield number, line.removesuffix(b"\n").removesuffix(b"\r"), read


def _lines_from_disk(path: Path, source: str) -> Iterator[_Line]:
    try:
        handle = path.open("rb")
    except OSError as error:
        raise IngestError(source, f"cannot read file ({error.strerror or error})") from None
    with handle:
        read = 0
        for number, line in enumerate(handle, start=1):
            read += len(line)
            if number == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            yield number, line.rstrip(b"\n").removesuffix(b"\r"), read


def _record(source: str, number: int, raw: bytes) -> ParsedArticle | IngestError:
    name = f"{source}#{number}"
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return IngestError(name, f"JSON line {number} is not UTF-8 text")
    except json.JSONDecodeError as error:
        return IngestError(name, f"JSON line {number} is not valid JSON ({error.msg})")
    except RecursionError:
        return IngestError(name, f"JSON line {number} is nested too deeply to read "
                                 "(a thousand levels or more)")
    try:
        return article_from_record(source, name, raw, data, number)
    except IngestError as error:
        return IngestError(name, error.reason)
