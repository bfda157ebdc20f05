"""Importing a page's history: its distinct captures in a web archive, into one story."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from reader.store.importing import ProgressCallback
from reader.store.records import ImportOutcome
from reader.web import (
    FetchCancelled,
    FetchedPage,
    FetchError,
    WebClient,
    list_captures,
    raw_capture_url,
)
from reader.webimport.pages import check_story, store_page


def import_history(sessions: sessionmaker[Session], client: WebClient, url: str, *, base: str,
                   since: str | None = None, until: str | None = None,
                   limit: int | None = None, story_id: int | None = None,
                   on_progress: ProgressCallback | None = None,
                   should_cancel: Callable[[], bool] | None = None) -> list[ImportOutcome]:
    """Each distinct capture of `url` in the archive at `base` as a version, oldest first.

    All go into one story: `story_id`, else the story of the page stored before, else the one
    the first capture starts. Captures whose text is already stored are duplicates. Each
    version is stored in its own transaction; cancelling stops before the next capture.
    """
    check_story(sessions, story_id)
    try:
        captures = list_captures(client, base, url, since=since, until=until, limit=limit)
    except FetchCancelled:
        return []
    except FetchError as exc:
        return [ImportOutcome(url, "failed", f"the archive's index at {base}: {exc.reason}")]
    if not captures:
        period = " in that period" if since or until else ""
        return [ImportOutcome(url, "failed",
                              f"the archive at {base} has no HTML capture of this page{period}")]
    outcomes: list[ImportOutcome] = []
    target = story_id
    for done, capture in enumerate(captures, start=1):
        if should_cancel is not None and should_cancel():
            break
        when = capture.captured_at
        source = f"{capture.original} (captured {when:%Y-%m-%d %H:%M} UTC)"
        try:
            page = client.fetch_page(raw_capture_url(base, capture))
        except FetchCancelled:
            break
        except FetchError as exc:
            outcome = ImportOutcome(source, "failed", exc.reason)
        else:
            assert isinstance(page, FetchedPage)
            outcome = store_page(sessions, page, source=source, address=capture.original,
                                 story_id=target, captured_at=when)
            if target is None and outcome.story_id is not None:
                target = outcome.story_id  # the rest of the captures join it
        outcomes.append(outcome)
        if on_progress is not None:
            on_progress(done, len(captures), outcome)
    return outcomes
