"""The watch list: pages the reader asked to re-check for new versions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from reader.store.errors import NotFound
from reader.store.models import WatchedPage
from reader.store.web_records import WatchRecord
from reader.store.writing import begin_write


def add_watch(session: Session, url: str) -> tuple[WatchRecord, bool]:
    """Watch a page; (its record, False) when it was already watched."""
    begin_write(session)
    existing = session.execute(select(WatchedPage).where(WatchedPage.url == url)).scalar()
    if existing is not None:
        return _record(existing), False
    page = WatchedPage(url=url, last_result="")
    session.add(page)
    session.flush()
    return _record(page), True


def list_watches(session: Session) -> list[WatchRecord]:
    pages = session.execute(select(WatchedPage).order_by(WatchedPage.id)).scalars()
    return [_record(page) for page in pages]


def remove_watch(session: Session, url: str) -> None:
    begin_write(session)
    result = session.execute(delete(WatchedPage).where(WatchedPage.url == url))
    if not getattr(result, "rowcount", 0):
        raise NotFound(f"{url} is not on the watch list")


def record_check(session: Session, watch_id: int, *, checked_at: datetime, result: str,
                 story_id: int | None = None, etag: str | None = None,
                 last_modified: str | None = None, validators: bool = False) -> None:
    """What a check found; with `validators` the answer's ETag/Last-Modified replace the old."""
    begin_write(session)
    page = session.get(WatchedPage, watch_id)
    if page is None:
        return  # removed while the check ran
    page.checked_at = checked_at
    page.last_result = result
    if story_id is not None:
        page.story_id = story_id
    if validators:
        page.etag, page.last_modified = etag, last_modified


def _record(page: WatchedPage) -> WatchRecord:
    return WatchRecord(id=page.id, url=page.url, added_at=page.added_at, story_id=page.story_id,
                       etag=page.etag, last_modified=page.last_modified,
                       checked_at=page.checked_at, last_result=page.last_result)
