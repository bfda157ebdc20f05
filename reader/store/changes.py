"""Has anyone changed the library since I last looked? For windows to refresh by themselves.

PostgreSQL: a connection of its own LISTENs on the channel that migration 0006's triggers
NOTIFY with the name of each table written (stories, articles, notes). SQLite has no
notifications; `PRAGMA data_version` on a connection of its own changes whenever another
connection commits, which says "something changed", and a small summary of each table (row
count, highest id, latest note edit) then says which.
Either way a look costs well under a millisecond and never waits, so a window can look a few
times a second. Writes of this process's own sessions count too (they use other connections).
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

CHANNEL = "reader_changes"  # as in migrations/versions/0006_postgres_team.py
TABLES = frozenset({"stories", "articles", "notes"})
# How long one look may wait for notifications already on their way (seconds).
_LOOK_SECONDS = 0.001


class ChangeWatcher:
    """Reports which of the library's tables others wrote since the previous call."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._postgres = engine.dialect.name == "postgresql"
        self._connection: Any = None
        self._data_version: int | None = None
        self._summaries: dict[str, tuple[object, ...]] = {}

    def changes(self) -> frozenset[str]:
        """Tables written since the last call; after a lost connection, all of them."""
        try:
            if self._connection is None:
                self._connect()
                return TABLES  # unknown what happened while not watching
            return self._postgres_changes() if self._postgres else self._sqlite_changes()
        except Exception:  # any failure: the server went away, the file did...
            # Look again from a new connection next time; meanwhile assume the worst, so the
            # window re-reads and reports what is wrong through its ordinary sessions.
            self.close()
            return TABLES

    def close(self) -> None:
        if self._connection is not None:
            # Closing a broken connection may fail again; it is gone anyway.
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None

    def _connect(self) -> None:
        # A pool connection taken out of the pool for good: it must stay LISTENing.
        raw = self._engine.raw_connection()
        connection: Any = raw.driver_connection
        raw.detach()
        if self._postgres:
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
        else:
            self._data_version = _data_version(connection)
            self._summaries = _summaries(connection)
        self._connection = connection

    def _postgres_changes(self) -> frozenset[str]:
        tables = {notice.payload for notice in self._connection.notifies(timeout=_LOOK_SECONDS)}
        return frozenset(tables & TABLES)

    def _sqlite_changes(self) -> frozenset[str]:
        version = _data_version(self._connection)
        if version == self._data_version:
            return frozenset()
        self._data_version = version
        summaries = _summaries(self._connection)
        changed = frozenset(t for t in TABLES if summaries[t] != self._summaries.get(t))
        self._summaries = summaries
        return changed


def watch_changes(sessions: sessionmaker[Session]) -> ChangeWatcher:
    """A watcher that starts watching now."""
    bind = sessions.kw.get("bind")
    if not isinstance(bind, Engine):
        raise ValueError("the session factory is not bound to an engine")
    watcher = ChangeWatcher(bind)
    watcher.changes()
    return watcher


_SUMMARIES = {
    "stories": "SELECT count(*), max(id) FROM stories",
    "articles": "SELECT count(*), max(id) FROM articles",
    # An edit bumps `version`; deleting or restoring changes the count of deleted notes.
    "notes": "SELECT count(*), max(id), total(version), count(deleted_at) FROM notes",
}


def _summaries(connection: sqlite3.Connection) -> dict[str, tuple[object, ...]]:
    return {table: tuple(connection.execute(query).fetchone())
            for table, query in _SUMMARIES.items()}


def _data_version(connection: sqlite3.Connection) -> int:
    value: int = connection.execute("PRAGMA data_version").fetchone()[0]
    return value

