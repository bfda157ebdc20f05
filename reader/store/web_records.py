"""Plain records of the library's web side: where a version was fetched, the watch list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class WebOrigin:
    """Where and when a version was fetched (or captured by an archive)."""

    url: str  # as the reader asked for it
    final_url: str  # after redirects
    canonical_url: str  # the key that groups the addresses of one page (reader.web.urls)
    fetched_at: datetime
    etag: str | None = None
    last_modified: str | None = None
    captured_at: datetime | None = None  # when the archive captured it; None for a live page
    unopened: bool = False  # a watch check brought it in: shown in bold until looked at


@dataclass(frozen=True)
class WatchRecord:
    id: int
    url: str
    added_at: datetime
    story_id: int | None  # the story its versions went into, once one was stored
    etag: str | None
    last_modified: str | None
    checked_at: datetime | None
    last_result: str  # the line the last check printed, "" before the first
