"""Reading and adding stories and their versions. Every function takes the caller's Session
and returns records.py dataclasses, never ORM rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any, Literal

from sqlalchemy import ColumnElement, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reader.ingest.grouping import SAME_STORY_THRESHOLD, fingerprint_and_word_count
from reader.ingest.model import ParsedArticle
from reader.store.errors import NotFound
from reader.store.grouping_index import (
    candidate_articles,
    fingerprint_keys,
    index_article,
    key_similarity,
    sample_keys,
    unpack_fingerprint_keys,
    word_keys,
)
from reader.store.models import Article, Note, Story
from reader.store.packed_text import pack_raw, pack_text, unpack_raw
from reader.store.postgres import lock_grouping
from reader.store.records import ArticleDetail, ArticleSummary, ImportOutcome, StorySummary
from reader.store.search import count_matching_stories, postgres_walked_page, story_filter
from reader.store.search_words import search_tokens
from reader.store.story_stats import refresh_story_stats
from reader.store.writing import begin_write

StorySort = Literal["title", "date", "versions", "recent"]
STORY_SORTS: tuple[StorySort, ...] = ("title", "date", "versions", "recent")

_SUMMARY_COLUMNS = (Article.id, Article.story_id, Article.title, Article.outlet,
                    Article.published, Article.language, Article.words, Article.source_name,
                    Article.imported_at, Article.unopened,
                    func.coalesce(Article.captured_at, Article.fetched_at).label("observed_at"))
_ID_CHUNK = 500

# Built once: an import runs them for every article.
_SAME_TEXT = select(Article.id, Article.story_id, Article.deleted_at).where(
    Article.content_hash == bindparam("content_hash"))
_NEW_STORY = insert(Story).returning(Story.id)
_NEW_ARTICLE = insert(Article).returning(Article.id)
_FINGERPRINTS = (select(Article.id, Article.story_id, Article.fingerprint_keys)
                 .where(Article.id.in_(bindparam("ids", expanding=True)),
                        Article.deleted_at.is_(None))
                 .order_by(Article.id))


def list_stories(session: Session, query: str = "", *, sort: StorySort = "recent",
                 offset: int = 0, limit: int | None = None) -> list[StorySummary]:
    """Stories matching `query` (titles, texts, notes; empty: all), a page at a time."""
    if sort not in STORY_SORTS:
        raise ValueError(f"unknown sort {sort!r}; expected one of {', '.join(STORY_SORTS)}")
    order = _story_order(session, sort)
    stories: Sequence[Any] | None = None
    if limit and search_tokens(query) and session.get_bind().dialect.name == "postgresql":
        stories = postgres_walked_page(session, query, order, offset, limit)
    if stories is None:
        stmt = select(Story.id, Story.title).where(Story.deleted_at.is_(None))
        condition = story_filter(session, query)
        if condition is not None:
            stmt = stmt.where(condition)
        stories = session.execute(stmt.order_by(*order).offset(offset).limit(limit)).all()
    versions = _versions_of(session, [story.id for story in stories])
    return [StorySummary(story.id, story.title, tuple(versions.get(story.id, ())))
            for story in stories]


def _story_order(session: Session, sort: StorySort) -> tuple[ColumnElement[Any], ...]:
    # Each order has its index (migration 0005). SQLite puts NULL dates last when descending
    # without being told (and an explicit NULLS LAST would keep it off the index); PostgreSQL
    # puts them first unless told.
    if sort == "title":
        return (func.lower(Story.title), Story.id.asc())
    if sort == "date":
        newest = Story.latest_published.desc()
        if session.get_bind().dialect.name == "postgresql":
            newest = newest.nulls_last()
        return (newest, Story.id.desc())
    if sort == "versions":
        return (Story.version_count.desc(), Story.id.desc())
    return (Story.latest_imported.desc(), Story.id.desc())


def count_stories(session: Session, query: str = "") -> int:
    counted = count_matching_stories(session, query)
    if counted is not None:
        return counted
    stmt = select(func.count(Story.id)).where(Story.deleted_at.is_(None))
    condition = story_filter(session, query)
    if condition is not None:
        stmt = stmt.where(condition)
    return session.execute(stmt).scalar_one()


def get_story(session: Session, story_id: int) -> StorySummary:
    story = session.get(Story, story_id)
    if story is None or story.deleted_at is not None:
        raise NotFound(f"no story with id {story_id}")
    return StorySummary(story.id, story.title, tuple(_versions_of(session, [story.id])
                                                     .get(story.id, ())))


def get_article(session: Session, article_id: int) -> ArticleDetail:
    return article_detail(_article_row(session, article_id))


def library_is_empty(session: Session) -> bool:
    return session.execute(select(Article.id).limit(1)).first() is None


@dataclass(frozen=True)
class PreparedArticle:
    """An article with the work done that needs no database: done before a write transaction
    begins, so the transaction stays short."""

    parsed: ParsedArticle
    # How many words the grouping fingerprint holds. The words themselves stay with the
    # reading: an import scores candidates from fingerprint_keys, and passing ~250 words an
    # article from the reading process cost the writing one a tenth of its time.
    fingerprint_size: int
    keys: list[int]  # its grouping-index keys
    raw_packed: bytes
    # The fingerprint as the library keeps it, ~1 KB (grouping_index.fingerprint_keys): an
    # import also keeps those of many articles it wrote in memory.
    fingerprint_keys: bytes
    word_count: int
    text_packed: bytes  # the text as a SQLite library stores it (pack_text)


def prepare_article(parsed: ParsedArticle, known_keys: dict[str, int] | None = None
                    ) -> PreparedArticle:
    """`known_keys`: word keys an import remembers across its articles (grouping_keys)."""
    words, word_count = fingerprint_and_word_count(parsed.text)
    every_key = word_keys(words, known_keys)
    return PreparedArticle(parsed, len(words), sample_keys(every_key),
                           pack_raw(parsed.raw, parsed.text), fingerprint_keys(every_key),
                           word_count, pack_text(parsed.text))


def add_article(session: Session, parsed: ParsedArticle | PreparedArticle, *,
                story_id: int | None = None, new_story: bool = False) -> ImportOutcome:
    """Store one version: a duplicate of a stored text is reported, not stored again.

    It joins `story_id`, or a new story (`new_story`), or else the story whose versions it
    resembles most (at or above SAME_STORY_THRESHOLD), or else a story of its own.
    """
    outcome = store_article(session, parsed, story_id=story_id, new_story=new_story)
    if outcome.status == "imported" and outcome.story_id is not None:
        refresh_story_stats(session, [outcome.story_id])
    return outcome


def store_article(session: Session, parsed: ParsedArticle | PreparedArticle, *,
                  story_id: int | None = None, new_story: bool = False) -> ImportOutcome:
    """add_article without refreshing the story's list columns: a batch refreshes its
    stories once, at its end (reader.store.story_stats)."""
    begin_write(session)
    prepared = parsed if isinstance(parsed, PreparedArticle) else prepare_article(parsed)
    record = prepared.parsed
    source = record.source_name
    # Core statements on the connection: an import runs these per article, and the ORM's
    # unit of work would cost more than the statements themselves.
    conn = session.connection()
    if story_id is None and not new_story:
        lock_grouping(session)  # another member may be storing a version of this story now
    existing = conn.execute(_SAME_TEXT, {"content_hash": record.content_hash}).first()
    if existing is not None and existing.deleted_at is None:
        return duplicate_outcome(source, existing)
    if story_id is not None:
        chosen = conn.execute(select(Story.deleted_at).where(Story.id == story_id)).first()
        if chosen is None or chosen.deleted_at is not None:
            raise NotFound(f"no story with id {story_id}")
        target = story_id
    elif new_story:
        target = None
    else:
        target = _best_story(session, prepared)
    try:
        # A savepoint: the same text stored by someone else since the check above breaks the
        # unique content hash; that is a duplicate, and the rest of the file goes on.
        with session.begin_nested():
            return _insert_article(session, prepared, target, existing)
    except IntegrityError:
        stored = conn.execute(_SAME_TEXT, {"content_hash": record.content_hash}).first()
        if stored is None or stored.deleted_at is not None:
            raise
        return duplicate_outcome(source, stored)


def _insert_article(session: Session, prepared: PreparedArticle, target: int | None,
                    existing: Any) -> ImportOutcome:
    """Store a new version (and its new story when `target` is None), or bring back the
    deleted version with the same text (`existing`)."""
    conn = session.connection()
    record = prepared.parsed
    if target is None:
        target = conn.execute(_NEW_STORY, {"title": record.title.strip()
                                           or record.source_name}).scalar_one()
    if existing is not None:  # the same text was deleted before: bring it back, with its notes
        revive_article(session, existing.id, target)
        return ImportOutcome(record.source_name, "imported", article_id=existing.id,
                             story_id=target)
    title = record.title
    if record.title_derived:  # a first sentence is a poor title where the story has a real one
        title = conn.execute(select(Story.title).where(Story.id == target)).scalar_one()
    article_id = conn.execute(_NEW_ARTICLE, dict(
        story_id=target, title=title, outlet=record.outlet, url=record.url,
        published=record.published, section=record.section, language=record.language,
        words=prepared.word_count, source_name=record.source_name,
        raw_packed=prepared.raw_packed, text=prepared.text_packed,
        content_hash=record.content_hash, fingerprint_keys=prepared.fingerprint_keys,
        fingerprint_size=prepared.fingerprint_size)
    ).scalar_one()
    index_article(session, article_id, prepared.keys)
    return ImportOutcome(record.source_name, "imported", article_id=article_id, story_id=target)


def duplicate_outcome(source: str, existing: Any) -> ImportOutcome:
    return ImportOutcome(source, "duplicate",
                         f"same text as article {existing.id} (story {existing.story_id})",
                         article_id=existing.id, story_id=existing.story_id)


def version_age(version: ArticleSummary) -> tuple[date, time, int]:
    """Oldest first: a web version by when it was seen (captured or fetched: a page keeps its
    publication date through every edit), any other by its publication date, else its import
    date; the time it was seen, then import order, break ties."""
    seen = version.observed_at
    if seen is not None:
        return (seen.date(), seen.time(), version.id)
    return (version.published or version.imported_at.date(), time.min, version.id)


def article_detail(article: Article) -> ArticleDetail:
    return ArticleDetail(
        id=article.id, story_id=article.story_id, title=article.title, outlet=article.outlet,
        published=article.published, language=article.language, words=article.words,
        source_name=article.source_name, imported_at=article.imported_at, text=article.text,
        raw=unpack_raw(article.raw_packed, article.text), url=article.url,
        section=article.section, content_hash=article.content_hash)


def _article_row(session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None or article.deleted_at is not None:
        raise NotFound(f"no article with id {article_id}")
    return article


def revive_article(session: Session, article_id: int, story_id: int) -> None:
    """Undelete a version into `story_id`; the notes on its passages come along."""
    session.execute(update(Article).where(Article.id == article_id)
                    .values(story_id=story_id, deleted_at=None))
    session.execute(update(Note).where(Note.article_id == article_id)
                    .values(story_id=story_id))


def _best_story(session: Session, prepared: PreparedArticle) -> int | None:
    """The story holding the version most like this one, if it is like enough.

    The grouping index names a few candidate versions; their fingerprints decide among them
    (key_similarity: story_similarity, from the keys the library keeps).
    """
    if not prepared.fingerprint_size:
        return None
    ids = candidate_articles(session, prepared.keys)
    if not ids:
        return None
    mine = unpack_fingerprint_keys(prepared.fingerprint_keys)
    best_story: int | None = None
    best_score = 0.0
    rows = session.connection().execute(_FINGERPRINTS, {"ids": ids})
    for _article_id, story_id, keys in rows:
        score = key_similarity(mine, keys)
        if score >= SAME_STORY_THRESHOLD and score > best_score:
            best_story, best_score = story_id, score
    return best_story


def _versions_of(session: Session, story_ids: Sequence[int]
                 ) -> dict[int, list[ArticleSummary]]:
    if not story_ids:
        return {}
    versions: dict[int, list[ArticleSummary]] = {}
    # In chunks: databases cap the number of bound parameters in one statement.
    for first in range(0, len(story_ids), _ID_CHUNK):
        chunk = story_ids[first:first + _ID_CHUNK]
        rows = session.execute(select(*_SUMMARY_COLUMNS)
                               .where(Article.story_id.in_(chunk), Article.deleted_at.is_(None))
                               .order_by(Article.id))
        for row in rows:
            versions.setdefault(row.story_id, []).append(_summary(row))
    return versions


def _summary(row: Any) -> ArticleSummary:  # a Row of _SUMMARY_COLUMNS
    return ArticleSummary(row.id, row.story_id, row.title, row.outlet, row.published,
                          row.language, row.words, row.source_name, row.imported_at,
                          row.unopened, row.observed_at)
