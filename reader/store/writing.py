"""Write transactions: on SQLite they begin with BEGIN IMMEDIATE, reads with a plain BEGIN.

SQLite never waits to upgrade a transaction that has already read into a writing one: a
deferred BEGIN followed by a read and then a write fails at once with "database is locked"
while another process writes, whatever the busy timeout (measured: 29% of two processes' note
writes refused). A transaction that takes the write lock first waits on the busy timeout like
any other. Reads keep the deferred BEGIN, so in WAL mode they never wait for a writer.

Every library function that writes calls `begin_write(session)` before it reads anything;
a caller that reads first in the same transaction (checking something, then writing) calls it
itself at the start, or uses `writing(sessions)`. Other databases ignore the option.
"""

from __future__ import annotations

import random
import sqlite3
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from reader.store.errors import is_lock_error

# The connection execution option that asks for a write transaction.
WRITE_OPTION = "reader_write"
# How long that BEGIN IMMEDIATE may wait for another writer (ms), when not the busy timeout.
WAIT_OPTION = "reader_write_wait_ms"
# How long to sleep between tries for the write lock (random, so two waiters do not collide).
_POLL_MIN_S = 0.001
_POLL_MAX_S = 0.004
# session.info key: whether the session's current transaction began as a write.
_BEGAN_AS_WRITE = "reader_began_as_write"


class WriteAfterReadWarning(RuntimeWarning):
    """A write in a transaction that began as a read: it may fail at once under another writer."""


def begin_write(session: Session, *, wait_ms: int | None = None) -> None:
    """Begin the session's transaction as a write one, unless it has begun already.

    `wait_ms` bounds the wait for another program's write lock (the window asks for a short
    one and retries, rather than freeze for the whole busy timeout).
    """
    began = session.info.get(_BEGAN_AS_WRITE)
    if began is None:
        options: dict[str, Any] = {WRITE_OPTION: True}
        if wait_ms is not None:
            options[WAIT_OPTION] = int(wait_ms)
        session.connection(execution_options=options)
    elif not began:
        warnings.warn("a library write in a transaction that began as a read; call "
                      "begin_write(session) before the first read", WriteAfterReadWarning,
                      stacklevel=2)


@contextmanager
def writing(sessions: sessionmaker[Session], *, wait_ms: int | None = None
            ) -> Iterator[Session]:
    """`with writing(sessions) as s:` is `with sessions.begin() as s:` for a write."""
    with sessions.begin() as session:
        begin_write(session, wait_ms=wait_ms)
        yield session


def begin_sqlite(connection: Connection, busy_timeout_ms: int) -> None:
    """Emit SQLite's BEGIN for a connection: IMMEDIATE when it was asked for a write.

    The write lock is polled every few milliseconds rather than left to SQLite's busy handler,
    whose sleeps grow to 100 ms: a writer that takes the lock again and again in a tight loop
    (an import) would otherwise starve another waiting past its timeout (measured: 1 of 2,530
    note writes refused in a 60 s two-writer soak).
    """
    options = connection.get_execution_options()
    if not options.get(WRITE_OPTION):
        connection.exec_driver_sql("BEGIN")
        return
    wait = options.get(WAIT_OPTION)
    deadline = time.monotonic() + (busy_timeout_ms if wait is None else int(wait)) / 1000
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA busy_timeout = 0")
    try:
        while time.monotonic() < deadline:
            try:
                driver.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not is_lock_error(exc):
                    break  # read-only, damaged...: raised below, through SQLAlchemy
            time.sleep(random.uniform(_POLL_MIN_S, _POLL_MAX_S))
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # one last try; raises wrapped
    finally:
        driver.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")


def track_write_transactions(factory: sessionmaker[Session]) -> None:
    """Remember in each session whether its transaction began as a write (for begin_write)."""

    @event.listens_for(factory, "after_begin")
    def _began(session: Session, _transaction: SessionTransaction,
               connection: Connection) -> None:
        session.info[_BEGAN_AS_WRITE] = bool(connection.get_execution_options().get(WRITE_OPTION))

    @event.listens_for(factory, "after_transaction_end")
    def _ended(session: Session, transaction: SessionTransaction) -> None:
        if transaction.parent is None:
            session.info.pop(_BEGAN_AS_WRITE, None)


def write_options(*, wait_ms: int | None = None) -> dict[str, Any]:
    """Execution options for a Core connection that writes (migrations, checks)."""
    return {WRITE_OPTION: True} if wait_ms is None else {WRITE_OPTION: True, WAIT_OPTION: wait_ms}
