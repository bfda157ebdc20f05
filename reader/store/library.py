"""Reading and adding stories and their versions. Every function takes the caller's Session
and returns records.py dataclasses, never ORM rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from typing import Any, Literal

from sqlalchemy import case, func, insert, select
from sqlalchemy.orm import Session

from reader.compare.words import count_words
from reader.ingest.grouping import SAME_STORY_THRESHOLD, fingerprint, story_similarity
from reader.ingest.model import ParsedArticle
from reader.store.errors import NotFound
from reader.store.models import Article, FingerprintWord, Story
from reader.store.records import ArticleDetail, ArticleSummary, ImportOutcome, StorySummary
from reader.store.search import story_filter
from reader.store.writing import begin_write

StorySort = Literal["title", "date", "versions", "recent"]
STORY_SORTS: tuple[StorySort, ...] = ("title", "date", "versions", "recent")

_SUMMARY_COLUMNS = (Article.id, Article.story_id, Article.title, Article.outlet,
                    Article.published, Article.language, Article.words, Article.source_name,
                    Article.imported_at, Article.unopened,
                    func.coalesce(Article.captured_at, Article.fetched_at).label("observed_at"))
_ID_CHUNK = 500
# Fingerprint words per query; SQLite before 3.32 allowed only 999 bound parameters.
_WORDS_PER_QUERY = 900


def list_stories(session: Session, query: str = "", *, sort: StorySort = "recent",
                 offset: int = 0, limit: int | None = None) -> list[StorySummary]:
    """Stories matching `query` (titles, texts, notes; empty: all), a page at a time."""
    if sort not in STORY_SORTS:
        raise ValueError(f"unknown sort {sort!r}; expected one of {', '.join(STORY_SORTS)}")
    per_story = (select(Article.story_id.label("story_id"),
                        func.count(Article.id).label("versions"),
                        func.max(Article.published).label("latest_published"),
                        func.max(Article.imported_at).label("latest_import"))
                 .group_by(Article.story_id).subquery())
    stmt = select(Story.id, Story.title).outerjoin(per_story, per_story.c.story_id == Story.id)
    condition = story_filter(session, query)
    if condition is not None:
        stmt = stmt.where(condition)
    if sort == "title":
        stmt = stmt.order_by(func.lower(Story.title), Story.id)
    elif sort == "date":
        stmt = stmt.order_by(per_story.c.latest_published.desc().nulls_last(), Story.id.desc())
    elif sort == "versions":
        stmt = stmt.order_by(per_story.c.versions.desc().nulls_last(), Story.id.desc())
    else:
        stmt = stmt.order_by(per_story.c.latest_import.desc().nulls_last(), Story.id.desc())
    stmt = stmt.offset(offset).limit(limit)
    stories = session.execute(stmt).all()
    versions = _versions_of(session, [story.id for story in stories])
    return [StorySummary(story.id, story.title, tuple(versions.get(story.id, ())))
            for story in stories]


def count_stories(session: Session, query: str = "") -> int:
    stmt = select(func.count(Story.id))
    condition = story_filter(session, query)
    if condition is not None:
        stmt = stmt.where(condition)
    return session.execute(stmt).scalar_one()


def get_story(session: Session, story_id: int) -> StorySummary:
    story = session.get(Story, story_id)
    if story is None:
        raise NotFound(f"no story with id {story_id}")
    return StorySummary(story.id, story.title, tuple(_versions_of(session, [story.id])
                                                     .get(story.id, ())))


def get_article(session: Session, article_id: int) -> ArticleDetail:
    return article_detail(_article_row(session, article_id))


def library_is_empty(session: Session) -> bool:
    return session.execute(select(Article.id).limit(1)).first() is None


def add_article(session: Session, parsed: ParsedArticle, *, story_id: int | None = None,
                new_story: bool = False) -> ImportOutcome:
    """Store one version: a duplicate of a stored text is reported, not stored again.

    It joins `story_id`, or a new story (`new_story`), or else the story whose versions it
    resembles most (at or above SAME_STORY_THRESHOLD), or else a story of its own.
    """
    begin_write(session)
    source = parsed.source_name
    existing = session.execute(
        select(Article.id, Article.story_id).where(Article.content_hash == parsed.content_hash)
    ).first()
    if existing is not None:
        return ImportOutcome(source, "duplicate",
                             f"same text as article {existing.id} (story {existing.story_id})",
                             article_id=existing.id, story_id=existing.story_id)
    words = fingerprint(parsed.text)
    if story_id is not None:
        if session.get(Story, story_id) is None:
            raise NotFound(f"no story with id {story_id}")
        target = story_id
    elif new_story:
        target = None
    else:
        target = _best_story(session, words)
    if target is None:
        story = Story(title=parsed.title.strip() or parsed.source_name)
        session.add(story)
        session.flush()
        target = story.id
    article = Article(
        story_id=target, title=parsed.title, outlet=parsed.outlet, url=parsed.url,
        published=parsed.published, section=parsed.section, language=parsed.language,
        words=count_words(parsed.text), source_name=parsed.source_name, raw=parsed.raw,
        text=parsed.text, content_hash=parsed.content_hash,
        fingerprint=" ".join(sorted(words)), fingerprint_size=len(words))
    session.add(article)
    session.flush()
    if words:
        # Core, not ORM, insert: a few hundred plain rows per article.
        session.connection().execute(insert(FingerprintWord),
                                     [{"word": word, "article_id": article.id} for word in words])
    return ImportOutcome(source, "imported", article_id=article.id, story_id=target)


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
        raw=article.raw, url=article.url, section=article.section,
        content_hash=article.content_hash)


def _article_row(session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    return article


def _best_story(session: Session, words: frozenset[str]) -> int | None:
    """The story holding the version most like `words`, if it is like enough.

    Only articles that share enough fingerprint words are compared: no set similarity exceeds
    the overlap coefficient |a & b| / min(|a|, |b|) (tests/store check that story_similarity
    keeps to this), so an article below the threshold on that bound cannot reach it.
    """
    if not words:
        return None
    best_story: int | None = None
    best_score = 0.0
    candidates = _candidates(session, words)
    ids = sorted(candidates)
    for first in range(0, len(ids), _ID_CHUNK):
        rows = session.execute(select(Article.id, Article.fingerprint)
                               .where(Article.id.in_(ids[first:first + _ID_CHUNK])))
        for article_id, stored in rows:
            score = story_similarity(words, frozenset(stored.split()))
            if score >= SAME_STORY_THRESHOLD and score > best_score:
                best_story, best_score = candidates[article_id], score
    return best_story


def _candidates(session: Session, words: frozenset[str]) -> dict[int, int]:
    """{article id: story id} of the articles whose overlap bound reaches the threshold."""
    ordered = sorted(words)
    if len(ordered) <= _WORDS_PER_QUERY:
        # The common case: the database counts shared words and applies the bound itself.
        counts = (select(FingerprintWord.article_id, func.count().label("shared"))
                  .where(FingerprintWord.word.in_(ordered))
                  .group_by(FingerprintWord.article_id).subquery())
        smaller = case((Article.fingerprint_size < len(ordered), Article.fingerprint_size),
                       else_=len(ordered))
        rows = session.execute(
            select(Article.id, Article.story_id)
            .join(counts, counts.c.article_id == Article.id)
            .where(counts.c.shared >= SAME_STORY_THRESHOLD * smaller))
        return {article_id: story_id for article_id, story_id in rows}
    # A huge fingerprint: count in chunks (databases cap bound parameters), bound in Python.
    shared: dict[int, int] = {}
    for first in range(0, len(ordered), _WORDS_PER_QUERY):
        chunk_counts = session.execute(
            select(FingerprintWord.article_id, func.count())
            .where(FingerprintWord.word.in_(ordered[first:first + _WORDS_PER_QUERY]))
            .group_by(FingerprintWord.article_id))
        for article_id, count in chunk_counts:
            shared[article_id] = shared.get(article_id, 0) + count
    ids = sorted(shared)
    candidates: dict[int, int] = {}
    for first in range(0, len(ids), _ID_CHUNK):
        sized = session.execute(select(Article.id, Article.story_id, Article.fingerprint_size)
                                .where(Article.id.in_(ids[first:first + _ID_CHUNK])))
        for article_id, story_id, size in sized:
            if shared[article_id] >= SAME_STORY_THRESHOLD * min(size, len(ordered)):
                candidates[article_id] = story_id
    return candidates


def _versions_of(session: Session, story_ids: Sequence[int]
                 ) -> dict[int, list[ArticleSummary]]:
    if not story_ids:
        return {}
    versions: dict[int, list[ArticleSummary]] = {}
    # In chunks: databases cap the number of bound parameters in one statement.
    for first in range(0, len(story_ids), _ID_CHUNK):
        chunk = story_ids[first:first + _ID_CHUNK]
        rows = session.execute(select(*_SUMMARY_COLUMNS)
                               .where(Article.story_id.in_(chunk)).order_by(Article.id))
        for row in rows:
            versions.setdefault(row.story_id, []).append(_summary(row))
    return versions


def _summary(row: Any) -> ArticleSummary:  # a Row of _SUMMARY_COLUMNS
    return ArticleSummary(row.id, row.story_id, row.title, row.outlet, row.published,
                          row.language, row.words, row.source_name, row.imported_at,
                          row.unopened, row.observed_at)
