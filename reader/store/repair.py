"""Repairing a damaged library: copy what can still be read into a new library beside it.

The damaged file is opened read-only (SQLite's mode=ro) and never written. Rows are copied
table by table into a fresh library built by the migrations, keeping their ids; the search
index is rebuilt by the new library's triggers as rows arrive. A table whose pages are damaged
is read row by row so one bad page loses only the rows on it. Text that is no longer valid
UTF-8 is kept with U+FFFD in place of the unreadable bytes ("mended"); article text is
packed (reader.store.stored_text), and packed text that no longer unpacks loses its row, since
no U+FFFD can stand in for it. A story whose row was
lost but whose versions survive is rebuilt under its first version's title; rows left pointing
at something lost (a note on a lost story) are counted as lost too.
"""

from __future__ import annotations

import sqlite3
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import bindparam, select, update

from reader.ingest.grouping import fingerprint
from reader.store.engine import close_library, open_library, sqlite_url
from reader.store.errors import LibraryError
from reader.store.grouping_index import fingerprint_keys, index_article, sample_keys, word_keys
from reader.store.models import Article
from reader.store.packed_text import (
    PACKED_TEXT_HEADER,
    pack_text,
    unpack_text,
)
from reader.store.stored_text import add_sql_functions
from reader.store.writing import writing

# Tables of the library that hold data (the search index is rebuilt, Alembic's is the schema's,
# and the grouping index is rebuilt from the copied versions' texts).
_SKIPPED_TABLES = ("alembic_version", "grouping_keys", "grouping_postings")
_SKIPPED_PREFIXES = ("sqlite_", "search_index")
# Columns kept packed (reader.store.stored_text); a library before migration 0008 has them plain.
_PACKED_COLUMNS = {("articles", "text")}
_FETCH = 500


@dataclass(frozen=True)
class TableSalvage:
    table: str
    copied: int
    lost: int  # rows that could not be read, or that pointed at a lost row
    mended: int  # rows copied with unreadable text replaced by U+FFFD
    rebuilt: int = 0  # rows made anew from others (a lost story from its versions)
    lost_ids: tuple[int, ...] = ()
    unreadable: bool = False  # nothing of the table could be read, not even how many rows


@dataclass(frozen=True)
class RepairReport:
    source: Path
    target: Path
    problems: tuple[str, ...]  # what SQLite's own check found in the damaged file
    tables: tuple[TableSalvage, ...]

    @property
    def lost(self) -> int:
        return sum(t.lost for t in self.tables)

    @property
    def complete(self) -> bool:
        return not self.lost and not any(t.unreadable for t in self.tables)


def repair_library(path: Path, *, now: datetime | None = None) -> RepairReport:
    """Copy what can be read of the library at `path` into a new library beside it."""
    if not path.is_file():
        raise LibraryError(str(path), "no library file to repair there")
    target = _target_for(path, now or datetime.now(UTC))
    try:
        source = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise LibraryError(str(path), f"cannot open it even read-only ({exc})") from exc
    try:
        source.text_factory = bytes  # text that is no longer UTF-8 must not stop a row
        # Read past a damaged schema entry (an index's SQL) instead of refusing every query;
        # the connection is read-only, so this writes nothing.
        source.execute("PRAGMA writable_schema = ON")
        problems = _problems(source)
        close_library(open_library(sqlite_url(target)))  # the schema, by the migrations
        copy = sqlite3.connect(target, isolation_level=None)
        add_sql_functions(copy)  # the search triggers unpack the text
        try:
            copy.execute("PRAGMA foreign_keys = OFF")
            copy.execute("BEGIN IMMEDIATE")
            tables = [_copy_table(source, copy, name) for name in _tables_in_order(copy)]
            tables = _drop_dangling(copy, tables)
            copy.execute("COMMIT")
        finally:
            copy.close()
    finally:
        source.close()
    _rebuild_grouping_index(target)
    return RepairReport(path, target, problems, tuple(tables))


def _rebuild_grouping_index(target: Path) -> None:
    """Index every copied version again, so new imports still find their stories: its
    fingerprint taken anew from its text (a mended text, or a library from before the
    fingerprint was kept as keys, has no other)."""
    sessions = open_library(sqlite_url(target))
    try:
        with writing(sessions) as s:
            known: dict[str, int] = {}
            rows = s.execute(select(Article.id, Article.text)).all()
            fingerprints = []
            for article_id, text in rows:
                words = fingerprint(text)
                keys = word_keys(words, known)
                index_article(s, article_id, sample_keys(keys))
                fingerprints.append({"article": article_id, "keys": fingerprint_keys(keys),
                                     "size": len(words)})
            if fingerprints:
                s.connection().execute(_SET_FINGERPRINT, fingerprints)
    finally:
        close_library(sessions)


_SET_FINGERPRINT = (update(Article).where(Article.id == bindparam("article"))
                    .values(fingerprint_keys=bindparam("keys"),
                            fingerprint_size=bindparam("size")))


def _target_for(path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    suffix = path.suffix or ".sqlite3"
    target = path.with_name(f"{path.stem}.repaired-{stamp}{suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.stem}.repaired-{stamp}-{counter}{suffix}")
    return target


def _problems(source: sqlite3.Connection) -> tuple[str, ...]:
    try:
        rows = [r[0] for r in source.execute("PRAGMA quick_check(20)")]
    except sqlite3.Error as exc:
        return (str(exc),)
    lines = [line for row in rows for line in _text(row).splitlines()
             if line.strip() and not line.startswith("***")]
    return () if lines == ["ok"] else tuple(lines)


def _tables_in_order(copy: sqlite3.Connection) -> list[str]:
    """The new library's data tables, each after the tables its foreign keys point at."""
    names = [r[0] for r in copy.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if r[0] not in _SKIPPED_TABLES and not r[0].startswith(_SKIPPED_PREFIXES)]
    parents = {n: {r[2] for r in copy.execute(f'PRAGMA foreign_key_list("{n}")')} - {n}
               for n in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and parents[n] <= set(ordered)]
        ordered += ready or [n for n in names if n not in ordered]  # a cycle: keep going
    return ordered


def _columns(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    return {_text(r[1]): _text(r[2]).upper()
            for r in conn.execute(f'PRAGMA table_info("{table}")')}


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _copy_table(source: sqlite3.Connection, copy: sqlite3.Connection, table: str
                ) -> TableSalvage:
    wanted = _columns(copy, table)
    try:
        have = _columns(source, table)
    except sqlite3.Error:
        have = {}
    columns = [c for c in wanted if c in have]
    if not columns:
        return TableSalvage(table, 0, _count(source, table), 0, unreadable=not have)
    listed = ", ".join(f'"{c}"' for c in columns)
    kinds = ["packed" if (table, c) in _PACKED_COLUMNS else
             "blob" if wanted[c] == "BLOB" else "text" for c in columns]
    insert = (f'INSERT OR IGNORE INTO "{table}" (rowid, {listed}) '
              f"VALUES (?, {', '.join('?' for _ in columns)})")
    copied = mended = 0
    lost_ids: list[int] = []

    def store(row: tuple[object, ...]) -> None:
        nonlocal copied, mended
        try:
            values, was_mended = _readable(row[1:], kinds)
        except _Unreadable:
            lost_ids.append(int(str(row[0])))
            return
        if copy.execute(insert, (row[0], *values)).rowcount:
            copied += 1
            mended += was_mended
        else:
            lost_ids.append(int(str(row[0])))  # a duplicate of a row already copied

    last = 0
    try:
        cursor = source.execute(f'SELECT rowid, {listed} FROM "{table}" ORDER BY rowid')
        while batch := cursor.fetchmany(_FETCH):
            for row in batch:
                store(row)
                last = int(str(row[0]))
    except sqlite3.Error:
        # A damaged page: read the rest one row at a time, skipping the rows that fail.
        for rowid in range(last + 1, _max_rowid(source, table, last) + 1):
            try:
                row = source.execute(f'SELECT rowid, {listed} FROM "{table}" WHERE rowid = ?',
                                     (rowid,)).fetchone()
            except sqlite3.Error:
                lost_ids.append(rowid)
                continue
            if row is not None:
                store(row)
    return TableSalvage(table, copied, len(lost_ids), mended, lost_ids=tuple(lost_ids))


class _Unreadable(Exception):
    """A row whose value cannot be brought back in any form."""


def _readable(values: tuple[object, ...], kinds: list[str]) -> tuple[list[object], bool]:
    """Text read as bytes back to str, bytes that are not UTF-8 as U+FFFD; packed text
    checked (or packed, from a library before it was)."""
    out: list[object] = []
    mended = False
    for value, kind in zip(values, kinds, strict=True):
        if kind == "packed" and isinstance(value, bytes) and value.startswith(PACKED_TEXT_HEADER):
            try:
                unpack_text(value)
            except (zlib.error, ValueError) as exc:
                raise _Unreadable from exc
            out.append(value)
        elif isinstance(value, bytes) and kind != "blob":
            try:
                text = value.decode("utf-8")
            except UnicodeDecodeError:
                text = value.decode("utf-8", "replace")
                mended = True
            out.append(pack_text(text) if kind == "packed" else text)
        else:
            out.append(value)
    return out, mended


def _max_rowid(source: sqlite3.Connection, table: str, last: int) -> int:
    """The highest rowid the damaged table claims; past the last good one if it cannot say."""
    try:
        found = source.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0]
    except sqlite3.Error:
        found = None
    return int(found) if found is not None else last + 10_000


def _count(source: sqlite3.Connection, table: str) -> int:
    try:
        return int(source.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    except sqlite3.Error:
        return 0


def _drop_dangling(copy: sqlite3.Connection, tables: list[TableSalvage]) -> list[TableSalvage]:
    """Rebuild lost stories that still have versions; drop rows pointing at anything lost."""
    rebuilt = copy.execute(
        "INSERT INTO stories (id, title, created) "
        "SELECT a.story_id, a.title, a.imported_at FROM articles a "
        "WHERE a.story_id NOT IN (SELECT id FROM stories) "
        "AND a.id = (SELECT min(b.id) FROM articles b WHERE b.story_id = a.story_id)").rowcount
    dropped: dict[str, int] = {}
    while dangling := copy.execute("PRAGMA foreign_key_check").fetchall():
        for table, rowid, *_ in dangling:
            copy.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            dropped[table] = dropped.get(table, 0) + 1
    result = []
    for t in tables:
        gone = dropped.get(t.table, 0)
        extra = max(rebuilt, 0) if t.table == "stories" else 0
        result.append(TableSalvage(t.table, t.copied - gone + extra, t.lost + gone, t.mended,
                                   extra, t.lost_ids, t.unreadable))
    return result
