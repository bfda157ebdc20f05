"""Importing pages by URL."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime
from urllib.parse import urlsplit

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from reader.ingest.errors import IngestError
from reader.ingest.webpage import parse_web_page
from reader.store.errors import NotFound, describe_database_error
from reader.store.importing import ProgressCallback
from reader.store.models import Story
from reader.store.records import ImportOutcome
from reader.store.web_records import WebOrigin
from reader.store.web_sources import add_web_article
from reader.web import FetchCancelled, FetchedPage, FetchError, WebClient, canonical_url


def import_urls(sessions: sessionmaker[Session], client: WebClient, urls: Sequence[str], *,
                story_id: int | None = None, new_story: bool = False,
                on_progress: ProgressCallback | None = None,
                should_cancel: Callable[[], bool] | None = None) -> list[ImportOutcome]:
    """Fetch and store each page; one outcome per URL (failed ones name the reason).

    A page joins `story_id`, or with `new_story` the story the first page started, or else the
    story of the same page fetched before, or the story its text resembles.
    """
    check_story(sessions, story_id)
    outcomes: list[ImportOutcome] = []
    target = story_id
    for done, url in enumerate(urls, start=1):
        if should_cancel is not None and should_cancel():
            break
        try:
            page = client.fetch_page(url)
        except FetchCancelled:
            break
        except FetchError as exc:
            outcome = ImportOutcome(url, "failed", exc.reason)
        else:
            assert isinstance(page, FetchedPage)  # an unconditional request is never a 304
            outcome = store_page(sessions, page, story_id=target,
                                 new_story=new_story and target is None)
            if new_story and target is None and outcome.status == "imported":
                target = outcome.story_id
        outcomes.append(outcome)
        if on_progress is not None:
            on_progress(done, len(urls), outcome)
    return outcomes


def store_page(sessions: sessionmaker[Session], page: FetchedPage, *, source: str | None = None,
               address: str | None = None, story_id: int | None = None,
               new_story: bool = False, captured_at: datetime | None = None,
               unopened: bool = False) -> ImportOutcome:
    """Read a fetched page and store it in one transaction.

    `address` is the page's own address when the bytes came from elsewhere (an archive's
    capture of it, which is then dated by `captured_at`).
    """
    name = source or page.url
    try:
        parsed = parse_web_page(name, page.body, page.charset)
    except IngestError as exc:
        return ImportOutcome(name, "failed", exc.reason)
    # The page's own canonical address (link rel=canonical, og:url) says best which page it is,
    # unless it is the site's home page (a template that names it on every article).
    declared = parsed.url if parsed.url and urlsplit(parsed.url).path.strip("/") else None
    key = canonical_url(declared or address or page.final_url)
    keys = {canonical_url(address)} if address else {canonical_url(page.url),
                                                      canonical_url(page.final_url)}
    parsed = dataclasses.replace(
        parsed, url=address or page.url,
        published=captured_at.date() if captured_at is not None else parsed.published)
    origin = WebOrigin(url=address or page.url, final_url=page.final_url, canonical_url=key,
                       fetched_at=page.fetched_at, etag=page.etag,
                       last_modified=page.last_modified, captured_at=captured_at,
                       unopened=unopened)
    try:
        with sessions.begin() as session:
            return add_web_article(session, parsed, origin, story_id=story_id,
                                   new_story=new_story, page_keys=keys)
    except (SQLAlchemyError, ValueError, LookupError) as exc:
        reason = describe_database_error(exc) if isinstance(exc, SQLAlchemyError) else str(exc)
        return ImportOutcome(name, "failed", reason)


def check_story(sessions: sessionmaker[Session], story_id: int | None) -> None:
    if story_id is not None:
        with sessions.begin() as session:
            if session.get(Story, story_id) is None:
                raise NotFound(f"no story with id {story_id}")
