"""The article text column: plain text to the code, compressed bytes in a SQLite file.

A library's articles are mostly their text; stored as it is, the text alone was more than the
whole library was allowed to weigh (issue 16: at most twice the imported text). SQLite has no
compression of its own, so the column packs the text with zlib (reader.store.packed_text) on
the way in and unpacks it on the way out; every query through the `Article` model sees `str`.
PostgreSQL compresses long values itself (TOAST), and its full-text search reads the column,
so there the text stays plain.

The search index is kept by triggers in SQL, which see the packed bytes: each SQLite
connection of the library gets the SQL function `unpack_text(packed)` for them
(`add_sql_functions`). A program without it (the sqlite3 shell) can read the library but
cannot add or delete articles: its triggers fail with "no such function: unpack_text", which
leaves the library as it was.
"""

from __future__ import annotations

import sqlite3
import zlib

from sqlalchemy import Dialect, SQLColumnExpression, Text, TypeDecorator, func

from reader.store.packed_text import pack_text, unpack_text


class StoredText(TypeDecorator[str]):
    """Article text: zlib-packed bytes on SQLite, plain text elsewhere.

    The declared type stays TEXT on every engine (see migration 0008); SQLite keeps the packed
    bytes as a BLOB all the same."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | bytes | None, dialect: Dialect) -> object:
        """Text, or bytes pack_text made ahead (an import packs in its reading process,
        where the CPU is to spare: reader.store.library.prepare_article)."""
        if isinstance(value, bytes):
            return value if dialect.name == "sqlite" else unpack_text(value)
        if value is None or dialect.name != "sqlite":
            return value
        return pack_text(value)

    def process_result_value(self, value: bytes | str | None, dialect: Dialect
                             ) -> str | None:
        if value is None or isinstance(value, str):  # not SQLite: plain text
            return value
        try:
            return unpack_text(value)
        except (zlib.error, ValueError, TypeError) as exc:
            # As SQLite words text it cannot decode, so every command names the damage alike
            # (reader.store.errors): "library is damaged (text in column 'text' ...)".
            raise sqlite3.DataError("could not decode packed text in column 'text'") from exc


def add_sql_functions(connection: sqlite3.Connection) -> None:
    """Give a SQLite connection the `unpack_text` its search triggers call."""
    connection.create_function("unpack_text", 1, _sql_unpack_text, deterministic=True)


def _sql_unpack_text(packed: bytes | None) -> str | None:
    return None if packed is None else unpack_text(packed)


def searchable_text(column: SQLColumnExpression[str], dialect: str
                    ) -> SQLColumnExpression[str]:
    """The text column as SQL can match it with LIKE: unpacked first on SQLite."""
    return func.unpack_text(column) if dialect == "sqlite" else column
