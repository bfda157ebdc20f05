"""An index of the deleted stories, for counting a search's matches.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03

Counting the stories a search matches looked up every matching story to leave out the deleted
ones: two common words matching 60,000 stories of a 100,000-article library took 39 ms, over
half of it those look-ups. The deleted stories are few or none; with an index of their own, the
count tests each match against that small set instead (24 ms; bench/README.md).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_DELETED = sa.text("deleted_at IS NOT NULL")


def upgrade() -> None:
    op.create_index("ix_stories_deleted", "stories", ["id"], sqlite_where=_DELETED,
                    postgresql_where=_DELETED)


def downgrade() -> None:
    op.drop_index("ix_stories_deleted", "stories")
