"""SQLite libraries store article text zlib-packed.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

The text was more than half of a library: a 10,000-article library weighed 2.3 times its
articles' text, above issue 16's limit of twice. Packed (reader.store.stored_text) it takes
about 40% of its size. The column keeps its declared type (TEXT): changing it means copying
the table, whose foreign keys and triggers SQLite would have to drop and rebuild; SQLite keeps
a BLOB in a TEXT column as it is.

The search index is contentless and stays as it was (the words are the same); its article
triggers now read the text through `unpack_text`, the SQL function every connection of the
app has. PostgreSQL is left alone: it compresses long values itself.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from reader.store.packed_text import pack_text, unpack_text

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_BATCH = 500
_ROWID = "({a}.story_id * 2147483648 + {a}.id % 2147483648) * 4 + 1"


def _triggers(text: str) -> list[str]:
    """The articles' search triggers as 0005 made them, reading the text as `text` says."""
    old, new = _ROWID.format(a="old"), _ROWID.format(a="new")
    old_text, new_text = text.format(a="old"), text.format(a="new")
    return [
        "CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN "
        "INSERT INTO search_index(rowid, title, body) "
        f"SELECT {new}, new.title, {new_text} WHERE new.deleted_at IS NULL; END",
        "CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN "
        "INSERT INTO search_index(search_index, rowid, title, body) "
        f"SELECT 'delete', {old}, old.title, {old_text} WHERE old.deleted_at IS NULL; END",
        "CREATE TRIGGER articles_search_update "
        "AFTER UPDATE OF title, text, story_id, deleted_at ON articles BEGIN "
        "INSERT INTO search_index(search_index, rowid, title, body) "
        f"SELECT 'delete', {old}, old.title, {old_text} WHERE old.deleted_at IS NULL; "
        "INSERT INTO search_index(rowid, title, body) "
        f"SELECT {new}, new.title, {new_text} WHERE new.deleted_at IS NULL; END",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recode(pack_text, _triggers("unpack_text({a}.text)"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recode(unpack_text, _triggers("{a}.text"))


def _recode(recode: Callable[..., object], triggers: list[str]) -> None:
    """Rewrite every article's text with `recode`, the search triggers set aside meanwhile
    (the index holds the same words before and after)."""
    for name in ("articles_search_insert", "articles_search_delete", "articles_search_update"):
        op.execute(f"DROP TRIGGER {name}")
    bind = op.get_bind()
    update = sa.text("UPDATE articles SET text = :text WHERE id = :id")
    last = -1
    while rows := bind.execute(sa.text("SELECT id, text FROM articles WHERE id > :last "
                                       f"ORDER BY id LIMIT {_BATCH}"), {"last": last}).all():
        bind.execute(update, [{"id": article_id, "text": recode(value)}
                              for article_id, value in rows])
        last = rows[-1][0]
    for statement in triggers:
        op.execute(statement)
