"""The library list's sort indexes hold live stories only.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

Every page of the library list asks for live stories (`deleted_at IS NULL`) in one of four
orders. With indexes of all stories, SQLite looked each index entry's story up to test it: a
page deep in a 100,000-article library sorted by title took 78-108 ms, the lookups scattered
over the whole file. Partial indexes of live stories answer from the index alone (3 ms).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_INDEXES: dict[str, list[str | sa.TextClause]] = {
    "ix_stories_title": [sa.text("lower(title)"), "id"],
    "ix_stories_latest_published": ["latest_published", "id"],
    "ix_stories_version_count": ["version_count", "id"],
    "ix_stories_latest_imported": ["latest_imported", "id"],
}
_LIVE = sa.text("deleted_at IS NULL")


def upgrade() -> None:
    for name, columns in _INDEXES.items():
        op.drop_index(name, "stories")
        op.create_index(name, "stories", columns, sqlite_where=_LIVE, postgresql_where=_LIVE)


def downgrade() -> None:
    for name, columns in _INDEXES.items():
        op.drop_index(name, "stories")
        op.create_index(name, "stories", columns)
