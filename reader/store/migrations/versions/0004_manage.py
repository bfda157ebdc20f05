"""Soft deletion of stories and versions, so deleting one in the window can be undone.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch (copy-and-rename) on SQLite would drop the search triggers.
    op.add_column("stories", sa.Column("deleted_at", sa.DateTime(), nullable=True))
    op.add_column("articles", sa.Column("deleted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("articles", "deleted_at")
    op.drop_column("stories", "deleted_at")
