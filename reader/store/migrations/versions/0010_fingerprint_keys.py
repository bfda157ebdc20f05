"""The grouping fingerprint is kept as 32-bit word keys, not as words packed against the text.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

Scoring a stored candidate meant reading its text, unpacking it, and unpacking the
fingerprint's words against it (~50 µs and a read of the text); the sorted low 32 bits of each
word's key (reader.store.grouping_index.fingerprint_keys) read back in ~7 µs, and a 200-article
import became ~17% cheaper (bench/README.md). They take ~1 KB where the packed words took
~0.5 KB, which the articles table's pages mostly had spare (a 10k library grows ~1%).

Downgrading takes each fingerprint anew from its text, which is what it was taken from.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from reader.ingest.grouping import fingerprint
from reader.store.grouping_index import fingerprint_keys, word_keys
from reader.store.packed_text import pack_fingerprint, unpack_fingerprint, unpack_text

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_BATCH = 500


def upgrade() -> None:
    # The default only lets the column be added NOT NULL; every row is filled at once.
    op.add_column("articles", sa.Column("fingerprint_keys", sa.LargeBinary(), nullable=False,
                                        server_default=""))
    bind = op.get_bind()
    known: dict[str, int] = {}  # word keys, as an import remembers them
    update = sa.text("UPDATE articles SET fingerprint_keys = :keys WHERE id = :id")
    for rows in _batches(bind, "SELECT id, fingerprint_packed, text FROM articles ORDER BY id"):
        bind.execute(update, [{"id": article_id,
                               "keys": fingerprint_keys(word_keys(_words(packed, text), known))}
                              for article_id, packed, text in rows])
    op.execute("ALTER TABLE articles DROP COLUMN fingerprint_packed")


def downgrade() -> None:
    op.add_column("articles", sa.Column("fingerprint_packed", sa.LargeBinary(), nullable=False,
                                        server_default=""))
    bind = op.get_bind()
    update = sa.text("UPDATE articles SET fingerprint_packed = :packed WHERE id = :id")
    for rows in _batches(bind, "SELECT id, text FROM articles ORDER BY id"):
        plain = [(article_id, _text(text)) for article_id, text in rows]
        bind.execute(update, [{"id": article_id,
                               "packed": pack_fingerprint(fingerprint(text), text)}
                              for article_id, text in plain])
    op.execute("ALTER TABLE articles DROP COLUMN fingerprint_keys")


def _words(packed: bytes, text: str | bytes) -> frozenset[str]:
    """The stored fingerprint; taken anew from the text if it no longer unpacks."""
    plain = _text(text)
    try:
        return unpack_fingerprint(packed, plain)
    except (zlib.error, ValueError, UnicodeDecodeError):
        return fingerprint(plain)


def _text(stored: str | bytes) -> str:
    """An article's text as the column holds it: packed on SQLite (0008), plain on PostgreSQL."""
    return unpack_text(stored) if isinstance(stored, bytes) else stored


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
