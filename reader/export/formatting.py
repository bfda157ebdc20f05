"""Small text helpers every writer shares: times, shares, version lines, status wording."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from reader.compare.model import Quote, QuoteStatus, RowKind
from reader.export.layout import SideName
from reader.store.records import ArticleDetail

_LANG_RE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")

QUOTE_STATUS_TEXT: dict[QuoteStatus, str] = {
    "verbatim": "verbatim",
    "altered": "altered",
    "unquoted": "unquoted",
    "dropped": "dropped",
    "added": "added",
}

QUOTE_STATUS_MEANING: dict[QuoteStatus, str] = {
    "verbatim": "the same words in both versions",
    "altered": "quoted in both versions, but the words inside the quotation marks differ",
    "unquoted": "the words survive without quotation marks (reported speech)",
    "dropped": "quoted in the left version only",
    "added": "quoted in the right version only",
}

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


def percent(share: float) -> str:
    """A share as a whole percentage that never rounds a difference away: 0.996 is 99%, not
    100%, and 0.004 is 1%, not 0%."""
    value = round(share * 100)
    if value == 100 and share < 1:
        value = 99
    elif value == 0 and share > 0:
        value = 1
    return f"{value}%"


def version_line(article: ArticleDetail) -> str:
    """'Outlet, 2025-02-13': how a version is named in headers."""
    outlet = article.outlet or "outlet unknown"
    return f"{outlet}, {display_date(article.published)}"


def side_title(side: SideName) -> str:
    return "Left" if side == "left" else "Right"


def language_tag(code: str) -> str | None:
    """The article's language if it looks like a BCP 47 tag (it goes into an attribute)."""
    return code if _LANG_RE.fullmatch(code) else None


def quote_wording(quote: Quote, side: SideName) -> str | None:
    qs = quote.left if side == "left" else quote.right
    return qs.text if qs is not None else None


def quote_flag_text(quote: Quote, side: SideName) -> str:
    """The tooltip of a flagged quotation: its status and the other version's wording."""
    other: SideName = "right" if side == "left" else "left"
    wording = quote_wording(quote, other)
    meaning = QUOTE_STATUS_MEANING[quote.status]
    if wording is None:
        return f"Quotation {quote.status}: {meaning}."
    return (f"Quotation {quote.status}: {meaning}. "
            f"{side_title(other)} version: \u201c{wording}\u201d")
