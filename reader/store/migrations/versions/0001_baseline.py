"""Baseline: stories, articles, notes, and the FTS5 search index with its triggers.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# One contentless FTS5 table indexes story titles, article titles and texts, and live note
# labels and bodies. Contentless keeps article text stored once; the rowid says what a row is:
# rowid = id * 4 + kind (0 story, 1 article, 2 note), so a hit maps back to its story with
# cheap primary-key look-ups (reader.store.search). Deleting from a contentless table needs the
# old values, which the triggers have.
FTS_STATEMENTS = [
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "title, body, content='', tokenize='unicode61 remove_diacritics 2')",

    "CREATE TRIGGER stories_search_insert AFTER INSERT ON stories BEGIN "
    "INSERT INTO search_index(rowid, title, body) VALUES (new.id * 4, new.title, ''); END",
    "CREATE TRIGGER stories_search_delete AFTER DELETE ON stories BEGIN "
    "INSERT INTO search_index(search_index, rowid, title, body) "
    "VALUES ('delete', old.id * 4, old.title, ''); END",
    "CREATE TRIGGER stories_search_update AFTER UPDATE OF title ON stories BEGIN "
    "INSERT INTO search_index(search_index, rowid, title, body) "
    "VALUES ('delete', old.id * 4, old.title, ''); "
    "INSERT INTO search_index(rowid, title, body) VALUES (new.id * 4, new.title, ''); END",

    "CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO search_index(rowid, title, body) "
    "VALUES (new.id * 4 + 1, new.title, new.text); END",
    "CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO search_index(search_index, rowid, title, body) "
    "VALUES ('delete', old.id * 4 + 1, old.title, old.text); END",
    "CREATE TRIGGER articles_search_update AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO search_index(search_index, rowid, title, body) "
    "VALUES ('delete', old.id * 4 + 1, old.title, old.text); "
    "INSERT INTO search_index(rowid, title, body) "
    "VALUES (new.id * 4 + 1, new.title, new.text); END",

    # Soft-deleted notes leave the index and come back when restored.
    "CREATE TRIGGER notes_search_insert AFTER INSERT ON notes BEGIN "
    "INSERT INTO search_index(rowid, title, body) "
    "SELECT new.id * 4 + 2, new.label, new.body WHERE new.deleted_at IS NULL; END",
    "CREATE TRIGGER notes_search_delete AFTER DELETE ON notes BEGIN "
    "INSERT INTO search_index(search_index, rowid, title, body) "
    "SELECT 'delete', old.id * 4 + 2, old.label, old.body WHERE old.deleted_at IS NULL; END",
    "CREATE TRIGGER notes_search_update AFTER UPDATE ON notes BEGIN "
    "INSERT INTO search_index(search_index, rowid, title, body) "
    "SELECT 'delete', old.id * 4 + 2, old.label, old.body WHERE old.deleted_at IS NULL; "
    "INSERT INTO search_index(rowid, title, body) "
    "SELECT new.id * 4 + 2, new.label, new.body WHERE new.deleted_at IS NULL; END",
]

FTS_OBJECTS = [
    ("TRIGGER", "notes_search_update"), ("TRIGGER", "notes_search_delete"),
    ("TRIGGER", "notes_search_insert"), ("TRIGGER", "articles_search_update"),
    ("TRIGGER", "articles_search_delete"), ("TRIGGER", "articles_search_insert"),
    ("TRIGGER", "stories_search_update"), ("TRIGGER", "stories_search_delete"),
    ("TRIGGER", "stories_search_insert"), ("TABLE", "search_index"),
]


def upgrade() -> None:
    """The whole first schema, table by table in foreign-key order: one long function reads
    as the schema it creates, which splitting it would hide."""
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
    )
    # Small columns first, the large texts last: SQLite keeps a row's tail in overflow pages,
    # and grouping and listing read only the head of many rows.
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("story_id", sa.Integer(),
                  sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("fingerprint_size", sa.Integer(), nullable=False),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("source_name", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("section", sa.Text(), nullable=True),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_articles_story_id", "articles", ["story_id"])
    op.create_index("ix_articles_content_hash", "articles", ["content_hash"], unique=True)
    op.create_table(
        "fingerprint_words",
        sa.Column("word", sa.Text(), primary_key=True),
        sa.Column("article_id", sa.Integer(),
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_fingerprint_words_article_id", "fingerprint_words", ["article_id"])
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("story_id", sa.Integer(),
                  sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", sa.Integer(),
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("color", sa.String(16), nullable=False),
        sa.Column("exact", sa.Text(), nullable=True),
        sa.Column("prefix", sa.Text(), nullable=True),
        sa.Column("suffix", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("updated", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_notes_story_id", "notes", ["story_id"])
    op.create_index("ix_notes_article_id", "notes", ["article_id"])
    # Full-text search is SQLite's FTS5; other databases fall back to ILIKE in reader.store.
    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_STATEMENTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for kind, name in FTS_OBJECTS:
            op.execute(f"DROP {kind} IF EXISTS {name}")
    op.drop_table("notes")
    op.drop_table("fingerprint_words")
    op.drop_table("articles")
    op.drop_table("stories")
