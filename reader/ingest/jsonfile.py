"""JSON and JSON Lines: articles a scraper or another tool has already taken apart.

A `.json` file holds one article object or a list of them; a `.jsonl` file one object per
line (blank lines are skipped). Fields of an article object:

- "text" (required, string): the article text. Paragraphs are separated by blank lines, or by
  single newlines when the text has no blank line. Page furniture is removed as in plain text.
- "title" (string): the headline; without it the first sentence, shortened, is the title.
- "outlet" (string): the publication; without it an outlet prefix of the text
  ("KOMPAS.com - ...") is used.
- "url" (string), "section" (string).
- "published" (string): an ISO 8601 date or date-time ("2024-03-12", "2024-03-12T09:30:00Z").
- "language" (string): an ISO 639-1 code; without it the language is detected.

Any field may also be null. Other fields are ignored. One bad record fails the whole file, and
the reason names the record (counted from 1, lines of a .jsonl file likewise); but an import
reads a .jsonl file line by line, each line standing alone (reader.ingest.jsonl_stream).
Each record keeps its raw bytes: the whole file for a single-object .json file; for a list, the
record's own source text (named "file.json#N"); for a .jsonl record its own line (named
"file.jsonl#N"). Records of a file that was not UTF-8 keep their text re-encoded as UTF-8.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Mapping
from datetime import date, datetime

from reader.ingest.article import build_article
from reader.ingest.errors import IngestError
from reader.ingest.furniture import clean_body, split_outlet_prefix
from reader.ingest.model import ParsedArticle

OPTIONAL_FIELDS = ("title", "outlet", "url", "published", "section", "language")

_BLANK_LINE_RE = re.compile(r"\n\s*\n")
_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


class _RecordError(Exception):
    """A record's flaw, before it is known which file and record it belongs to."""


def parse_json(source_name: str, raw: bytes, text: str) -> list[ParsedArticle]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        hint = "; one object per line belongs in a .jsonl file" if error.msg == "Extra data" else ""
        where = f"line {error.lineno} column {error.colno}"
        raise IngestError(source_name, f"not valid JSON ({error.msg}, {where}{hint})") from None
    if isinstance(data, dict):
        return [_article_or_error(source_name, source_name, raw, data, None)]
    if not isinstance(data, list):
        raise IngestError(source_name, "JSON must be an article object or a list of them")
    if not data:
        raise IngestError(source_name, "JSON list holds no articles")
    return [
        _article_or_error(source_name, f"{source_name}#{number}", record_raw, record, number)
        for number, (record, record_raw) in enumerate(_list_items(text), start=1)
    ]


def parse_jsonl(source_name: str, raw: bytes, text: str) -> list[ParsedArticle]:
    lines = text.split("\n")
    line_bytes = _utf8_lines(raw, len(lines))
    articles = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise IngestError(
                source_name, f"JSON line {number} is not valid JSON ({error.msg})"
            ) from None
        record_raw = line_bytes[number - 1] if line_bytes else line.encode("utf-8")
        name = f"{source_name}#{number}"
        articles.append(_article_or_error(source_name, name, record_raw, record, number))
    if not articles:
        raise IngestError(source_name, "JSON Lines file holds no articles")
    return articles


def _list_items(text: str) -> list[tuple[object, bytes]]:
    """Each item of a top-level JSON list with its own source text (as UTF-8 bytes)."""
    decoder = json.JSONDecoder()
    position = text.index("[") + 1
    items: list[tuple[object, bytes]] = []
    while True:
        position = _skip(text, position, " \t\n\r,")
        if text[position] == "]":
            return items
        item, end = decoder.raw_decode(text, position)
        items.append((item, text[position:end].encode("utf-8")))
        position = end


def _skip(text: str, position: int, characters: str) -> int:
    while text[position] in characters:
        position += 1
    return position


def _utf8_lines(raw: bytes, count: int) -> list[bytes] | None:
    """The file's own line bytes when it is UTF-8 (so a record keeps its bytes exactly)."""
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = body.splitlines()
    if raw.endswith((b"\n", b"\r")):
        lines.append(b"")
    return lines if len(lines) == count else None


def _article_or_error(
    source_name: str, name: str, raw: bytes, record: object, number: int | None
) -> ParsedArticle:
    label = "JSON record" if number is None else f"JSON record {number}"
    try:
        return _article(name, raw, record)
    except _RecordError as error:
        raise IngestError(source_name, f"{label} {error}") from None
    except IngestError as error:
        raise IngestError(source_name, f"{label}: {error.reason}") from None


def _article(name: str, raw: bytes, record: object) -> ParsedArticle:
    if not isinstance(record, Mapping):
        raise _RecordError("is not an object")
    if "text" not in record:
        raise _RecordError("has no 'text' field")
    text = _string(record, "text")
    if text is None or not text.strip():
        raise _RecordError("has an empty 'text' field")
    fields = {field: _string(record, field) for field in OPTIONAL_FIELDS}
    paragraphs = clean_body(_paragraphs(text))
    prefix_outlet: str | None = None
    if paragraphs:
        prefix_outlet, paragraphs[0] = split_outlet_prefix(paragraphs[0])
    return build_article(
        name,
        raw,
        paragraphs,
        title=fields["title"],
        outlet=fields["outlet"] or prefix_outlet,
        url=fields["url"],
        published=_published(fields["published"]),
        section=fields["section"],
        language=(fields["language"] or "").strip().lower() or None,
    )


def _string(record: Mapping[str, object], field: str) -> str | None:
    value = record.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _RecordError(f"field '{field}' must be a string, not {type(value).__name__}")
    lone = _LONE_SURROGATE_RE.search(value)
    if lone is not None:
        # JSON can spell half of a UTF-16 pair ("\\ud800") that is no character at all.
        raise _RecordError(f"field '{field}' holds an unpaired surrogate "
                           f"(\\u{ord(lone.group()):04x}), which is not a character")
    return value


def _paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _BLANK_LINE_RE.search(text):
        return [" ".join(block.split("\n")) for block in _BLANK_LINE_RE.split(text)]
    return text.split("\n")


def _published(value: str | None) -> date | None:
    if value is None or not value.strip():
        return None
    stripped = value.strip()
    try:
        return datetime.fromisoformat(stripped).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(stripped)
    except ValueError:
        raise _RecordError(f"field 'published' is not an ISO date ({stripped!r})") from None


# One record of a JSONL file read line by line (reader.ingest.jsonl_stream).
article_from_record = _article_or_error
