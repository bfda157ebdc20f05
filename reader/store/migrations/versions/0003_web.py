"""Versions from the web: where each was fetched, and the watch list.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Plain ADD COLUMN (no batch copy of `articles`): copying the table would drop the search
triggers of 0001 with it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"  # after main's comparison cache; the lead re-chains on merging
branch_labels = None
depends_on = None

_ARTICLE_COLUMNS = ("final_url", "canonical_url", "fetched_at", "captured_at", "etag",
                    "last_modified", "unopened")


def upgrade() -> None:
    op.add_column("articles", sa.Column("final_url", sa.Text(), nullable=True))
    op.add_column("articles", sa.Column("canonical_url", sa.Text(), nullable=True))
    op.add_column("articles", sa.Column("fetched_at", sa.DateTime(), nullable=True))
    op.add_column("articles", sa.Column("captured_at", sa.DateTime(), nullable=True))
    op.add_column("articles", sa.Column("etag", sa.Text(), nullable=True))
    op.add_column("articles", sa.Column("last_modified", sa.Text(), nullable=True))
    op.add_column("articles", sa.Column("unopened", sa.Boolean(), nullable=False,
                                        server_default=sa.false()))
    op.create_index("ix_articles_canonical_url", "articles", ["canonical_url"])
    op.create_table(
        "watched_pages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("url", sa.Text(), nullable=False, unique=True),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("story_id", sa.Integer(),
                  sa.ForeignKey("stories.id", ondelete="SET NULL"), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.Column("last_result", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("watched_pages")
    op.drop_index("ix_articles_canonical_url", "articles")
    for name in _ARTICLE_COLUMNS:  # SQLite 3.35+ drops columns in place, keeping triggers
        op.drop_column("articles", name)
