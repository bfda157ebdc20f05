"""Checking the watch list: a conditional request per page, a new version when its text changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session, sessionmaker

from reader.compare import compare
from reader.store.comparisons import version_age
from reader.store.library import get_article, get_story
from reader.store.watch import list_watches, record_check
from reader.store.web_records import WatchRecord
from reader.web import FetchCancelled, FetchError, NotModified, WebClient
from reader.webimport.pages import store_page

WatchStatus = Literal["unchanged", "new", "failed"]


@dataclass(frozen=True)
class WatchResult:
    url: str
    status: WatchStatus
    line: str  # what the check found, as printed after the URL
    story_id: int | None = None
    article_id: int | None = None


def check_watch_list(sessions: sessionmaker[Session], client: WebClient, *,
                     on_result: Callable[[int, int, WatchResult], None] | None = None,
                     should_cancel: Callable[[], bool] | None = None) -> list[WatchResult]:
    """Re-fetch every watched page; new texts are stored as versions not yet opened."""
    with sessions.begin() as session:
        watches = list_watches(session)
    results: list[WatchResult] = []
    for done, watch in enumerate(watches, start=1):
        if should_cancel is not None and should_cancel():
            break
        try:
            result = _check(sessions, client, watch)
        except FetchCancelled:
            break
        results.append(result)
        if on_result is not None:
            on_result(done, len(watches), result)
    return results


def _check(sessions: sessionmaker[Session], client: WebClient, watch: WatchRecord
           ) -> WatchResult:
    try:
        answer = client.fetch_page(watch.url, etag=watch.etag, last_modified=watch.last_modified)
    except FetchError as exc:
        return _record(sessions, watch, WatchResult(watch.url, "failed", exc.reason))
    if isinstance(answer, NotModified):
        result = WatchResult(watch.url, "unchanged", "unchanged (not modified)",
                             story_id=watch.story_id)
        return _record(sessions, watch, result)
    outcome = store_page(sessions, answer, story_id=watch.story_id, unopened=True)
    if outcome.status == "failed":
        result = WatchResult(watch.url, "failed", outcome.reason)
    elif outcome.status == "duplicate":
        result = WatchResult(watch.url, "unchanged", "unchanged", story_id=outcome.story_id,
                             article_id=outcome.article_id)
    else:
        assert outcome.story_id is not None and outcome.article_id is not None
        result = WatchResult(watch.url, "new",
                             _describe_new(sessions, outcome.story_id, outcome.article_id),
                             story_id=outcome.story_id, article_id=outcome.article_id)
    return _record(sessions, watch, result, etag=answer.etag,
                   last_modified=answer.last_modified, validators=result.status != "failed")


def _describe_new(sessions: sessionmaker[Session], story_id: int, article_id: int) -> str:
    """`new version N of story S (against version N-1: ...)`, counted by the engine."""
    with sessions.begin() as session:
        versions = sorted(get_story(session, story_id).versions, key=version_age)
        number = next(i for i, v in enumerate(versions, start=1) if v.id == article_id)
        if number == 1:
            return f"new version 1 of story {story_id} (the first one stored)"
        previous = get_article(session, versions[number - 2].id).text
        current = get_article(session, article_id).text
    rows = compare(previous, current).stats.rows
    return (f"new version {number} of story {story_id} (against version {number - 1}: "
            f"{rows.edited} edited, {rows.added} added, {rows.removed} removed, "
            f"{rows.moved} moved)")


def _record(sessions: sessionmaker[Session], watch: WatchRecord, result: WatchResult, *,
            etag: str | None = None, last_modified: str | None = None,
            validators: bool = False) -> WatchResult:
    from datetime import UTC, datetime

    with sessions.begin() as session:
        record_check(session, watch.id, checked_at=datetime.now(UTC), result=result.line,
                     story_id=result.story_id, etag=etag, last_modified=last_modified,
                     validators=validators)
    return result
