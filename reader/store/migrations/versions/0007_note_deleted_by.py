"""Notes record who deleted them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

In a team library a note can be deleted by one member while another is editing it: the
editor's save is then refused and the window names who deleted it (reader.ui.note_conflicts).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("notes", sa.Column("deleted_by", sa.Text(), nullable=False,
                                     server_default=""))


def downgrade() -> None:
    # Plain DROP COLUMN: a batch (copy-and-rename) on SQLite would drop the search triggers.
    op.drop_column("notes", "deleted_by")
