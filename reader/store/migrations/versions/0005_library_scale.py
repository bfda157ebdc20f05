"""A library of 100,000 articles: the grouping index, packed raw bytes, story list columns.

- fingerprint_words (every fingerprint word of every article, 18.5 M rows at 100k articles)
  gives way to grouping_keys / grouping_postings (reader.store.grouping_index), built here
  from the fingerprints already stored.
- articles.raw becomes articles.raw_packed and articles.fingerprint becomes
  articles.fingerprint_packed: the same bytes and words compressed against the article's text
  (reader.store.packed_text), byte for byte when unpacked.
- stories gain version_count, latest_published and latest_imported, kept by the store, with
  an index for each way the library list is sorted.
- SQLite: an article's row in the search index is keyed by its story, so a search maps
  100,000 hits to their stories by arithmetic instead of 100,000 lookups:
  rowid = (story_id * 2**31 + id % 2**31) * 4 + 1 (stories and notes keep id * 4 + kind).
  The triggers move the row when a version moves to another story, and take a (soft-)deleted
  version out of the index until it is restored, as notes are.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from reader.store.grouping_index import POSTINGS_PER_KEY, grouping_keys
from reader.store.packed_text import (
    pack_fingerprint,
    pack_raw,
    unpack_fingerprint,
    unpack_raw,
)

revision = "0005"
down_revision = "0004"  # after main's soft deletion; the lead re-chains on merging
branch_labels = None
depends_on = None

_BATCH = 500

_grouping_keys = sa.table("grouping_keys", sa.column("key", sa.BigInteger),
                          sa.column("articles", sa.Integer))
_grouping_postings = sa.table("grouping_postings", sa.column("key", sa.BigInteger),
                              sa.column("article_id", sa.Integer))
_fingerprint_words = sa.table("fingerprint_words", sa.column("word", sa.Text),
                              sa.column("article_id", sa.Integer))


def upgrade() -> None:
    op.create_table(
        "grouping_keys",
        sa.Column("key", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "grouping_postings",
        sa.Column("key", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("article_id", sa.Integer(), primary_key=True, autoincrement=False),
        sqlite_with_rowid=False,
    )
    _build_grouping_index()
    op.drop_index("ix_fingerprint_words_article_id", "fingerprint_words")
    op.drop_table("fingerprint_words")

    # A plain RENAME (SQLite 3.25+, PostgreSQL): a batch copy of the table would drop the
    # search triggers on it.
    op.execute("ALTER TABLE articles RENAME COLUMN raw TO raw_packed")
    _recode_raw(pack_raw)
    # The default only lets the column be added NOT NULL; every row is filled at once.
    op.add_column("articles", sa.Column("fingerprint_packed", sa.LargeBinary(), nullable=False,
                                        server_default=""))
    _recode_fingerprints(
        "SELECT id, fingerprint, text FROM articles ORDER BY id",
        "UPDATE articles SET fingerprint_packed = :value WHERE id = :id",
        lambda words, text: pack_fingerprint(frozenset(words.split()), text))
    op.execute("ALTER TABLE articles DROP COLUMN fingerprint")

    op.add_column("stories", sa.Column("version_count", sa.Integer(), nullable=False,
                                       server_default="0"))
    op.add_column("stories", sa.Column("latest_published", sa.Date(), nullable=True))
    op.add_column("stories", sa.Column("latest_imported", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE stories SET "
        "version_count = (SELECT count(*) FROM articles WHERE articles.story_id = stories.id "
        "                 AND articles.deleted_at IS NULL), "
        "latest_published = (SELECT max(published) FROM articles "
        "                    WHERE articles.story_id = stories.id "
        "                      AND articles.deleted_at IS NULL), "
        "latest_imported = (SELECT max(imported_at) FROM articles "
        "                   WHERE articles.story_id = stories.id "
        "                     AND articles.deleted_at IS NULL)")
    op.create_index("ix_stories_title", "stories", [sa.text("lower(title)"), "id"])
    op.create_index("ix_stories_latest_published", "stories", ["latest_published", "id"])
    op.create_index("ix_stories_version_count", "stories", ["version_count", "id"])
    op.create_index("ix_stories_latest_imported", "stories", ["latest_imported", "id"])
    if op.get_bind().dialect.name == "sqlite":
        _rekey_article_search(_OLD_ARTICLE_ROWID, "", _ARTICLE_ROWID, "a.deleted_at IS NULL",
                              _ARTICLE_TRIGGERS)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rekey_article_search(_ARTICLE_ROWID, "a.deleted_at IS NULL", _OLD_ARTICLE_ROWID, "",
                              _OLD_ARTICLE_TRIGGERS)
    for name in ("ix_stories_latest_imported", "ix_stories_version_count",
                 "ix_stories_latest_published", "ix_stories_title"):
        op.drop_index(name, "stories")
    for column in ("latest_imported", "latest_published", "version_count"):
        op.execute(f"ALTER TABLE stories DROP COLUMN {column}")
    _recode_raw(unpack_raw)
    op.execute("ALTER TABLE articles RENAME COLUMN raw_packed TO raw")
    op.add_column("articles", sa.Column("fingerprint", sa.Text(), nullable=False,
                                        server_default=""))
    _recode_fingerprints(
        "SELECT id, fingerprint_packed, text FROM articles ORDER BY id",
        "UPDATE articles SET fingerprint = :value WHERE id = :id",
        lambda packed, text: " ".join(sorted(unpack_fingerprint(packed, text))))
    op.execute("ALTER TABLE articles DROP COLUMN fingerprint_packed")
    op.create_table(
        "fingerprint_words",
        sa.Column("word", sa.Text(), primary_key=True),
        sa.Column("article_id", sa.Integer(),
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_fingerprint_words_article_id", "fingerprint_words", ["article_id"])
    bind = op.get_bind()
    for rows in _batches(bind, "SELECT id, fingerprint FROM articles ORDER BY id"):
        words = [{"word": word, "article_id": article_id}
                 for article_id, stored in rows for word in stored.split()]
        if words:
            bind.execute(_fingerprint_words.insert(), words)
    op.drop_table("grouping_postings")
    op.drop_table("grouping_keys")


def _build_grouping_index() -> None:
    """The index as importing the articles in id order would have built it."""
    bind = op.get_bind()
    counts: dict[int, int] = {}
    for rows in _batches(bind, "SELECT id, fingerprint FROM articles ORDER BY id"):
        postings = []
        for article_id, stored in rows:
            for key in grouping_keys(stored.split()):
                counts[key] = counts.get(key, 0) + 1
                if counts[key] <= POSTINGS_PER_KEY:
                    postings.append({"key": key, "article_id": article_id})
        if postings:
            bind.execute(_grouping_postings.insert(), postings)
    if counts:
        bind.execute(_grouping_keys.insert(),
                     [{"key": key, "articles": n} for key, n in counts.items()])


_OLD_ARTICLE_ROWID = "{a}.id * 4 + 1"
_ARTICLE_ROWID = "({a}.story_id * 2147483648 + {a}.id % 2147483648) * 4 + 1"


def _article_triggers(rowid: str, live: bool) -> list[str]:
    """The search triggers of articles; `live`: a deleted version (deleted_at) is left out."""
    old, new = rowid.format(a="old"), rowid.format(a="new")
    columns = "title, text, story_id, deleted_at" if live else "title, text"
    old_live = " WHERE old.deleted_at IS NULL" if live else ""
    new_live = " WHERE new.deleted_at IS NULL" if live else ""
    return [
        "CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN "
        "INSERT INTO search_index(rowid, title, body) "
        f"SELECT {new}, new.title, new.text{new_live}; END",
        "CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN "
        "INSERT INTO search_index(search_index, rowid, title, body) "
        f"SELECT 'delete', {old}, old.title, old.text{old_live}; END",
        f"CREATE TRIGGER articles_search_update AFTER UPDATE OF {columns} ON articles BEGIN "
        "INSERT INTO search_index(search_index, rowid, title, body) "
        f"SELECT 'delete', {old}, old.title, old.text{old_live}; "
        "INSERT INTO search_index(rowid, title, body) "
        f"SELECT {new}, new.title, new.text{new_live}; END",
    ]


_ARTICLE_TRIGGERS = _article_triggers(_ARTICLE_ROWID, live=True)
_OLD_ARTICLE_TRIGGERS = _article_triggers(_OLD_ARTICLE_ROWID, live=False)


def _rekey_article_search(old: str, old_rows: str, new: str, new_rows: str,
                          triggers: list[str]) -> None:
    """Move the articles' search rows from the `old` rowid (the articles `old_rows` selects;
    "" all) to the `new` (those `new_rows` selects), with the triggers that keep them.

    The index is contentless: a row is deleted by giving its rowid and the values it holds.
    """
    for name in ("articles_search_insert", "articles_search_delete", "articles_search_update"):
        op.execute(f"DROP TRIGGER {name}")
    where_old = f" WHERE {old_rows}" if old_rows else ""
    where_new = f" WHERE {new_rows}" if new_rows else ""
    op.execute("INSERT INTO search_index(search_index, rowid, title, body) "
               f"SELECT 'delete', {old.format(a='a')}, a.title, a.text FROM articles a"
               f"{where_old}")
    op.execute("INSERT INTO search_index(rowid, title, body) "
               f"SELECT {new.format(a='a')}, a.title, a.text FROM articles a{where_new}")
    for statement in triggers:
        op.execute(statement)


def _recode_fingerprints(query: str, update: str, recode: Any) -> None:
    bind = op.get_bind()
    for rows in _batches(bind, query):
        bind.execute(sa.text(update), [{"id": article_id, "value": recode(value, text)}
                                       for article_id, value, text in rows])


def _recode_raw(recode: Any) -> None:
    bind = op.get_bind()
    update = sa.text("UPDATE articles SET raw_packed = :raw WHERE id = :id")
    for rows in _batches(bind, "SELECT id, raw_packed, text FROM articles ORDER BY id"):
        bind.execute(update, [{"id": article_id, "raw": recode(raw, text)}
                              for article_id, raw, text in rows])


def _batches(bind: sa.Connection, query: str) -> Iterator[Sequence[Any]]:
    """Rows in batches by id, so a large library is never held in memory at once."""
    last = -1
    while True:
        rows = bind.execute(sa.text(query.replace("ORDER BY", "WHERE id > :last ORDER BY")
                                    + f" LIMIT {_BATCH}"), {"last": last}).all()
        if not rows:
            return
        yield rows
        last = rows[-1][0]
