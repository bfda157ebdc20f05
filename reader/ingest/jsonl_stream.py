"""A JSON Lines file too large to read at once (a scraper's dump), read line by line.

Small files go through files.read_articles whole, where one bad record fails the file. Here a
file may hold a million records, so each line stands alone: a bad line is reported by its
number and the others are read. Lines must be UTF-8 (the encoding of every JSONL producer; a
whole-file guess at the encoding would need the whole file).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.ingest.errors import IngestError
from reader.ingest.jsonfile import article_from_record
from reader.ingest.model import ParsedArticle


@dataclass(frozen=True)
class StreamedRecords:
    records: list[ParsedArticle | IngestError]  # an IngestError names the bad line's record
    bytes_read: int  # of the file, up to the end of the last line given


def stream_jsonl(path: Path, *, chunk: int = 200) -> Iterator[StreamedRecords]:
    """The file's records, `chunk` at a time. IngestError if the file cannot be opened."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as error:
        raise IngestError(source, f"cannot read file ({error.strerror or error})") from None
    with handle:
        records: list[ParsedArticle | IngestError] = []
        read = 0
        for number, line in enumerate(handle, start=1):
            read += len(line)
            if number == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            raw = line.rstrip(b"\n").removesuffix(b"\r")
            if raw.strip():
                records.append(_record(source, number, raw))
            if len(records) >= chunk:
                yield StreamedRecords(records, read)
                records = []
        if records:
            yield StreamedRecords(records, read)


def _record(source: str, number: int, raw: bytes) -> ParsedArticle | IngestError:
    name = f"{source}#{number}"
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return IngestError(name, f"JSON line {number} is not UTF-8 text")
    except json.JSONDecodeError as error:
        return IngestError(name, f"JSON line {number} is not valid JSON ({error.msg})")
    try:
        return article_from_record(source, name, raw, data, number)
    except IngestError as error:
        return IngestError(name, error.reason)
