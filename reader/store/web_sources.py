"""Storing versions fetched from the web: the same page joins the same story.

Grouping asks first for a stored version of the same page (by canonical address), and only
then, through add_article, for a story whose text it resembles. The version row then gets its
web columns in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reader.ingest.model import ParsedArticle
from reader.store.library import add_article
from reader.store.models import Article, Story
from reader.store.records import ImportOutcome
from reader.store.web_records import WebOrigin
from reader.store.writing import begin_write


def add_web_article(session: Session, parsed: ParsedArticle, origin: WebOrigin, *,
                    story_id: int | None = None, new_story: bool = False,
                    page_keys: Iterable[str] = ()) -> ImportOutcome:
    """Store a fetched version; the same text already stored is a duplicate, as for files.

    Without `story_id` it joins the story of a stored version of the same page (its canonical
    address, or any of `page_keys`: the asked-for and final addresses' keys), else the story
    its text resembles, else a story of its own (with `new_story`, always one of its own).
    """
    begin_write(session)
    if story_id is None and not new_story:
        story_id = story_of_page(session, {origin.canonical_url, *page_keys})
    outcome = add_article(session, parsed, story_id=story_id, new_story=new_story)
    if outcome.status == "imported" and outcome.article_id is not None:
        session.execute(update(Article).where(Article.id == outcome.article_id).values(
            final_url=origin.final_url, canonical_url=origin.canonical_url,
            fetched_at=origin.fetched_at, captured_at=origin.captured_at, etag=origin.etag,
            last_modified=origin.last_modified, unopened=origin.unopened))
    return outcome


def story_of_page(session: Session, keys: Iterable[str]) -> int | None:
    """The story of the newest live version of a page with one of these canonical keys (a
    deleted version or story is not a home for the page's new versions)."""
    wanted = sorted(k for k in keys if k)
    if not wanted:
        return None
    return session.execute(
        select(Article.story_id).join(Story, Story.id == Article.story_id)
        .where(Article.canonical_url.in_(wanted), Article.deleted_at.is_(None),
               Story.deleted_at.is_(None))
        .order_by(Article.id.desc()).limit(1)).scalar_one_or_none()


def web_origin_of(session: Session, article_id: int) -> WebOrigin | None:
    """Where a version was fetched, or None for one imported from a file."""
    row = session.execute(select(Article.url, Article.final_url, Article.canonical_url,
                                 Article.fetched_at, Article.etag, Article.last_modified,
                                 Article.captured_at, Article.unopened)
                          .where(Article.id == article_id)).first()
    if row is None or row.fetched_at is None:
        return None
    return WebOrigin(url=row.url or row.final_url or "", final_url=row.final_url or "",
                     canonical_url=row.canonical_url or "", fetched_at=row.fetched_at,
                     etag=row.etag, last_modified=row.last_modified,
                     captured_at=row.captured_at, unopened=row.unopened)


def mark_opened(session: Session, article_ids: Iterable[int]) -> list[int]:
    """The reader has looked at these versions; returns those that were still unopened."""
    begin_write(session)
    ids = sorted(set(article_ids))
    if not ids:
        return []
    was = list(session.execute(select(Article.id).where(Article.id.in_(ids),
                                                         Article.unopened.is_(True))).scalars())
    if was:
        session.execute(update(Article).where(Article.id.in_(was)).values(unopened=False))
    return was
