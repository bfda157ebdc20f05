"""Small text helpers every writer shares: times, shares, version lines, status wording."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import PureWindowsPath

from reader.compare.model import RowKind
from reader.present import SideName
from reader.store.records import ArticleDetail

_LANG_RE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")

ROW_KIND_MEANING: dict[RowKind, str] = {
    "equal": "the same sentence in both versions",
    "edited": "reworded: deleted words struck through, inserted words underlined",
    "added": "only in the right version",
    "removed": "only in the left version",
}


def as_utc(moment: datetime) -> datetime:
    """Stored times without a zone are UTC (the store writes UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso_time(moment: datetime) -> str:
    """ISO 8601 with a zone, as W3C Web Annotation wants for created/modified."""
    return as_utc(moment).isoformat(timespec="seconds").replace("+00:00", "Z")


def display_time(moment: datetime) -> str:
    return as_utc(moment).strftime("%Y-%m-%d %H:%M UTC")


def display_date(day: date | None) -> str:
    return day.isoformat() if day is not None else "date unknown"


def version_line(article: ArticleDetail) -> str:
    """'Outlet, 2025-02-13': how a version is named in headers."""
    outlet = article.outlet or "outlet unknown"
    return f"{outlet}, {display_date(article.published)}"


def side_title(side: SideName) -> str:
    return "Left" if side == "left" else "Right"


def language_tag(code: str) -> str | None:
    """The article's language if it looks like a BCP 47 tag (it goes into an attribute)."""
    return code if _LANG_RE.fullmatch(code) else None


def source_label(article: ArticleDetail) -> str:
    """Where a version came from, safe to share: its URL when known, else the imported file's
    name alone (an absolute path would tell readers of the export about the exporter's disk)."""
    if article.url:
        return article.url
    # PureWindowsPath splits on both "/" and "\\", so a library made on either system works.
    return PureWindowsPath(article.source_name).name or article.source_name
