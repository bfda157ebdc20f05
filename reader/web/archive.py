"""A page's captures in a web archive, through the CDX server API.

The Wayback Machine (and archives running its software or pywb) answer
`BASE/cdx/search/cdx?url=...&output=json&fl=...` with a JSON array whose first row names the
fields and every further row is one capture, all values strings:

    [["timestamp","original","statuscode","digest","mimetype"],
     ["20240503101500","https://news.example/a","200","Q4YULN754FHV2U6Q5JUT6Q2P57WEWNNY","text/html"]]

pywb answers `output=json` with one JSON object per line instead, under its own field names
(`url`, `status`, `mime`); both are read. A capture's bytes as first archived, without the
archive's toolbar or rewritten links, are at `BASE/web/<timestamp>id_/<original>`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlencode

from reader.web.client import HTML_TYPES, WebClient
from reader.web.errors import FetchError

DEFAULT_ARCHIVE = "https://web.archive.org"
ARCHIVE_ENV = "READER_ARCHIVE_URL"
CDX_FIELDS = ("timestamp", "original", "statuscode", "digest", "mimetype")
# pywb's names for the Wayback fields.
_ALIASES = {"url": "original", "status": "statuscode", "mime": "mimetype"}
_DATE_RE = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2}))?)?)?)?)?")
NOT_CDX = "the archive's answer is not CDX JSON (is this a Wayback or pywb CDX server?)"


@dataclass(frozen=True)
class Capture:
    timestamp: str  # 14 digits, UTC: yyyyMMddhhmmss
    original: str  # the address as it was captured
    digest: str  # the archive's hash of the captured bytes

    @property
    def captured_at(self) -> datetime:
        return datetime.strptime(self.timestamp[:14].ljust(14, "0"),
                                 "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def archive_base(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """--archive, else $READER_ARCHIVE_URL, else the Wayback Machine; no trailing slash."""
    env = os.environ if environ is None else environ
    return (explicit or env.get(ARCHIVE_ENV) or DEFAULT_ARCHIVE).rstrip("/")


def cdx_timestamp(text: str) -> str:
    """A date as the CDX API wants it: `2024`, `2024-05-03`, `2024-05-03T10:15` or 1-14 digits."""
    value = text.strip()
    if value.isdigit() and 4 <= len(value) <= 14:
        return value
    match = _DATE_RE.fullmatch(value)
    if match is None:
        raise ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or "
                         "YYYY-MM-DDTHH:MM)")
    return "".join(part for part in match.groups() if part)


def cdx_query_url(base: str, url: str, *, since: str | None = None,
                  until: str | None = None) -> str:
    params: list[tuple[str, str]] = [
        ("url", url), ("output", "json"), ("fl", ",".join(CDX_FIELDS)),
        ("collapse", "digest"), ("filter", "statuscode:200"), ("filter", "mimetype:text/html")]
    if since:
        params.append(("from", cdx_timestamp(since)))
    if until:
        params.append(("to", cdx_timestamp(until)))
    return f"{base}/cdx/search/cdx?{urlencode(params)}"


def raw_capture_url(base: str, capture: Capture) -> str:
    return f"{base}/web/{capture.timestamp}id_/{capture.original}"


def list_captures(client: WebClient, base: str, url: str, *, since: str | None = None,
                  until: str | None = None, limit: int | None = None) -> list[Capture]:
    """The page's distinct HTML captures with status 200, oldest first (at most `limit`).

    The archive is asked to filter and collapse; it is checked here too, because not every
    CDX server honours every parameter.
    """
    query = cdx_query_url(base, url, since=since, until=until)
    rows = parse_cdx_json(query, client.fetch_data(query))
    captures: list[Capture] = []
    seen: set[str] = set()
    for row in sorted(rows, key=lambda r: r.get("timestamp", "")):
        timestamp, original = row.get("timestamp", ""), row.get("original", "")
        mime = row.get("mimetype", "").split(";")[0].strip().lower()
        digest = row.get("digest", "") or f"{timestamp}:{original}"
        if (not timestamp.isdigit() or not original or row.get("statuscode") != "200"
                or mime not in HTML_TYPES or digest in seen):
            continue
        seen.add(digest)
        captures.append(Capture(timestamp, original, digest))
    return captures[:limit] if limit is not None else captures


def parse_cdx_json(source: str, data: bytes) -> list[dict[str, str]]:
    """Rows as {field: value}, from Wayback's array with a header row or pywb's JSON lines."""
    text = data.decode("utf-8", errors="replace").strip()
    if not text:
        return []
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        return _json_lines(source, text)
    if isinstance(document, dict):
        return [_named(document)]
    if not isinstance(document, list):
        raise FetchError(source, NOT_CDX)
    if not document:
        return []
    header = document[0]
    if not isinstance(header, list) or not all(isinstance(name, str) for name in header):
        raise FetchError(source, NOT_CDX)
    names = [_ALIASES.get(str(name), str(name)) for name in header]
    # Rows of another length (the empty row and resumption key after `showResumeKey`) skip.
    return [dict(zip(names, map(str, row), strict=True)) for row in document[1:]
            if isinstance(row, list) and len(row) == len(names)]


def _json_lines(source: str, text: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise FetchError(source, NOT_CDX) from None
        if not isinstance(record, dict):
            raise FetchError(source, NOT_CDX)
        rows.append(_named(record))
    return rows


def _named(record: dict[str, object]) -> dict[str, str]:
    return {_ALIASES.get(name, name): str(value) for name, value in record.items()}
