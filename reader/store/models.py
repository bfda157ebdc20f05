"""SQLAlchemy 2 typed models of the library. Only the store package ever sees these rows.

The schema itself is created by the Alembic migrations (migrations/versions/), never by
`create_all`; these classes must describe the same tables.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from reader.store.stored_text import StoredText


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC (SQLite keeps no zone), always handed back timezone-aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the library; use datetime.now(UTC)")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Story(Base):
    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # Kept by reader.store.story_stats so the library list sorts through an index.
    version_count: Mapped[int] = mapped_column(Integer, default=0)
    latest_published: Mapped[date | None] = mapped_column(Date)
    latest_imported: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Soft deletion (reader.store.manage): hidden everywhere, restorable by undo.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# One index per order of the library list (reader.store.library.list_stories), of the live
# stories it shows: a page is then read from the index alone (migration 0009).
_LIVE = Story.deleted_at.is_(None)
Index("ix_stories_title", func.lower(Story.title), Story.id,
      sqlite_where=_LIVE, postgresql_where=_LIVE)
Index("ix_stories_latest_published", Story.latest_published, Story.id,
      sqlite_where=_LIVE, postgresql_where=_LIVE)
Index("ix_stories_version_count", Story.version_count, Story.id,
      sqlite_where=_LIVE, postgresql_where=_LIVE)
Index("ix_stories_latest_imported", Story.latest_imported, Story.id,
      sqlite_where=_LIVE, postgresql_where=_LIVE)
# The deleted stories, few or none: a search's count leaves them out without looking up every
# matching story (reader.store.search.count_matching_stories, migration 0011).
_DELETED = Story.deleted_at.is_not(None)
Index("ix_stories_deleted", Story.id, sqlite_where=_DELETED, postgresql_where=_DELETED)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    section: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))
    words: Mapped[int] = mapped_column(Integer)
    source_name: Mapped[str] = mapped_column(Text)
    # The imported bytes, zlib-compressed against the text (reader.store.packed_text).
    raw_packed: Mapped[bytes] = mapped_column(LargeBinary)
    # zlib-packed on SQLite (reader.store.stored_text).
    text: Mapped[str] = mapped_column(StoredText)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    # The grouping fingerprint as 32-bit word keys (reader.store.grouping_index.fingerprint_keys).
    fingerprint_keys: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint_size: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A version fetched from the web (all None for files; see store/web_sources.py).
    final_url: Mapped[str | None] = mapped_column(Text)
    canonical_url: Mapped[str | None] = mapped_column(Text, index=True)
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    captured_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # an archive's capture
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    # A version a watch-list check brought in that the reader has not looked at yet.
    unopened: Mapped[bool] = mapped_column(Boolean, default=False)


class GroupingKey(Base):
    """How many articles hold a grouping key (reader.store.grouping_index)."""

    __tablename__ = "grouping_keys"
    __table_args__ = ({"sqlite_with_rowid": False},)

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    articles: Mapped[int] = mapped_column(Integer)


class GroupingPosting(Base):
    """An article posted under one of its grouping keys.

    No foreign key: a posting left by a deleted article names an id no article has (or a
    later one), which grouping checks like any candidate, so it costs nothing to keep; a
    foreign key would cost an index as large as the table and a check on every insert.
    """

    __tablename__ = "grouping_postings"
    __table_args__ = ({"sqlite_with_rowid": False},)

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str] = mapped_column(String(16), default="")
    # W3C TextQuoteSelector + TextPositionSelector; all None for a whole-comparison note.
    exact: Mapped[str | None] = mapped_column(Text)
    prefix: Mapped[str | None] = mapped_column(Text)
    suffix: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Who wrote it (a team library has several people), and a counter each save bumps: a save
    # based on an older version is refused (reader.store.notes.NoteConflict).
    author: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Who deleted it: named to a member whose edit of it is refused (migration 0007).
    deleted_by: Mapped[str] = mapped_column(Text, default="", server_default="")


class ComparisonCache(Base):
    """One computed comparison of two versions, as the engine that made it left it.

    Valid only while both texts hash as stored and `engine` is the running engine's
    fingerprint; anything else is recomputed and overwritten.
    """

    __tablename__ = "comparison_cache"
    __table_args__ = (Index("ix_comparison_cache_key", "left_id", "right_id", "options",
                            unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    left_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    right_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    left_hash: Mapped[str] = mapped_column(String(64))
    right_hash: Mapped[str] = mapped_column(String(64))
    engine: Mapped[str] = mapped_column(String(32))
    options: Mapped[str] = mapped_column(String(32))
    # JSON {"stats": Stats, "quotes": [[verdict, left spans, right spans]]}: a timeline reads
    # only this summary
    stats: Mapped[str] = mapped_column(Text)
    payload: Mapped[bytes] = mapped_column(LargeBinary)  # zlib-compressed JSON of the Comparison


class WatchedPage(Base):
    """A page on the watch list: re-fetched on `reader watch check` or the window's Check now."""

    __tablename__ = "watched_pages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"))
    # The validators of the last answer, sent back as If-None-Match / If-Modified-Since.
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_result: Mapped[str] = mapped_column(Text, default="")
