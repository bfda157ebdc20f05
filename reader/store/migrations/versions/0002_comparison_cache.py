"""A cache of computed comparisons, so a story's timeline and carried notes cost no engine run.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comparison_cache",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("left_id", sa.Integer(),
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("right_id", sa.Integer(),
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("left_hash", sa.String(64), nullable=False),
        sa.Column("right_hash", sa.String(64), nullable=False),
        sa.Column("engine", sa.String(32), nullable=False),
        sa.Column("options", sa.String(32), nullable=False),
        sa.Column("stats", sa.Text(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_comparison_cache_key", "comparison_cache",
                    ["left_id", "right_id", "options"], unique=True)
    op.create_index("ix_comparison_cache_right_id", "comparison_cache", ["right_id"])


def downgrade() -> None:
    op.drop_table("comparison_cache")
