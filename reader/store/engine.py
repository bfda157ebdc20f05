"""Where the library lives, and opening it: connection settings, checks, backup, migration.

`open_library` is the only way the app gets sessions. It refuses, without writing a byte, a file
that is not a library, a library from a newer version of the app, and a library it could not
write to; an older library is first copied beside itself, then upgraded in place.
"""

from __future__ import annotations

import contextlib
import glob
import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from reader.store import postgres
from reader.store.errors import DAMAGED, NOT_A_LIBRARY, LibraryError, describe_database_error
from reader.store.stored_text import add_sql_functions
from reader.store.writing import begin_sqlite, track_write_transactions, write_options

APP_NAME = "ParallaxReader"
LIBRARY_FILE = "library.sqlite3"
ENV_VAR = "READER_DB"
DEFAULT_BUSY_TIMEOUT_MS = 5000
# PRAGMA quick_check reads the whole file: measured on a 110 MB library 51 ms with the file in
# the page cache and 710-770 ms from disk, so it runs on opening only libraries up to this size
# (a few hundred articles: ~5 ms warm, ~60 ms cold). Larger ones are checked by `reader repair`.
QUICK_CHECK_MAX_BYTES = 8 * 1024 * 1024
# Read at call time (not import time) so a test can point it at a copy with an extra revision.
MIGRATIONS_DIR = Path(__file__).with_name("migrations")

ALEMBIC_TABLE = "alembic_version"


def default_db_url() -> str:
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return sqlite_url(folder / LIBRARY_FILE)


def sqlite_url(path: Path) -> str:
    return "sqlite:///" + path.expanduser().absolute().as_posix()


def resolve_db_url(cli_value: str | None) -> str:
    """The --db value, else $READER_DB, else the default file; a bare path becomes a sqlite URL."""
    value = cli_value or os.environ.get(ENV_VAR) or ""
    if not value.strip():
        return default_db_url()
    if "://" not in value:
        return sqlite_url(Path(value))
    return value


def open_library(url: str, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
                 on_upgrade: Callable[[str], None] | None = None) -> sessionmaker[Session]:
    """Check, back up if needed, migrate to the newest schema, and hand back a session factory.

    Upgrading a library written by an earlier version can take minutes (0008 repacks every
    text: 1.5 minutes at 100,000 articles); `on_upgrade` is told each step in a sentence, so
    the reader sees why nothing else happens yet. A library already up to date says nothing.
    """
    say = on_upgrade or _say_nothing
    parsed = _parse_url(url)
    location = _location(parsed)
    db_path = sqlite_file(parsed)
    if db_path is not None:
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(location, f"cannot create the folder {db_path.parent}: "
                                         f"{exc.strerror or exc}") from exc
    config = _alembic_config()
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    known = {rev.revision for rev in script.walk_revisions()}

    # Look before touching: a connection that sets no journal mode and writes nothing.
    current = _inspect_revision(parsed, location, busy_timeout_ms)
    if current is not None and current not in known:
        raise LibraryError(location, "library was written by a newer version of "
                                     f"Parallax Reader (schema {current})")

    engine = _make_engine(parsed, busy_timeout_ms)
    if postgres.is_postgres(parsed):
        postgres.configure(engine)
    try:
        if postgres.is_postgres(parsed):
            # Under a lock: several team members may open a new library at once.
            if current is not None and current != head:
                say("Upgrading the team library for this version of Parallax Reader…")
            postgres.migrate(engine, config, known, head, location)
        elif current != head:
            if current is not None and db_path is not None:
                say("Upgrading the library for this version of Parallax Reader: "
                    "backing it up first…")
                backup = backup_library(db_path, current)
                say(f"Upgrading the library (the backup is {backup.name})…")
            with engine.execution_options(**write_options()).begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
            if current is not None:
                _give_back_free_space(engine, say)
        if parsed.get_backend_name() == "sqlite":
            if db_path is not None and _size(db_path) <= QUICK_CHECK_MAX_BYTES:
                _quick_check(engine, location)
            _check_writable(engine)
    except (DBAPIError, sqlite3.Error) as exc:
        engine.dispose()
        reason = describe_database_error(exc, busy_timeout_ms=busy_timeout_ms)
        raise LibraryError(location, reason) from exc
    except LibraryError:
        engine.dispose()
        raise
    factory = sessionmaker(engine, expire_on_commit=False)
    track_write_transactions(factory)
    return factory


def library_failure(url: str, exc: BaseException) -> LibraryError | None:
    """A database error met while using the library, as one line naming it; None for others."""
    if isinstance(exc, LibraryError):
        return exc
    if not isinstance(exc, (DBAPIError, sqlite3.Error)):
        return None
    try:
        location = _location(_parse_url(url))
    except LibraryError:
        location = url
    return LibraryError(location, describe_database_error(
        exc, busy_timeout_ms=DEFAULT_BUSY_TIMEOUT_MS))


def plain_reason(exc: BaseException) -> str:
    """One line for any failure a window shows: a database error described, not its SQL."""
    if isinstance(exc, (DBAPIError, sqlite3.Error)):
        return describe_database_error(exc, busy_timeout_ms=DEFAULT_BUSY_TIMEOUT_MS)
    return str(exc) or type(exc).__name__


def close_library(sessions: sessionmaker[Session]) -> None:
    """Close the pooled connections (SQLite then folds its WAL file back into the library)."""
    bind = sessions.kw.get("bind")
    if isinstance(bind, Engine):
        bind.dispose()


def backup_library(path: Path, revision: str, *, now: datetime | None = None) -> Path:
    """Copy the library to `<name>.backup-<revision>-<timestamp>` beside it, consistently.

    SQLite's backup API copies a WAL-mode database as one snapshot, which copying the file
    (without its -wal) would not. The copy is written as `<backup>.partial` and renamed when
    whole, so a backup cut short (the app killed, the machine off) is never mistaken for
    one: what such a cut leaves is removed by the next backup, once it is PARTIAL_STALE_S old.
    """
    _remove_stale_partial_backups(path)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.backup-{revision}-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.backup-{revision}-{stamp}-{counter}")
    partial = target.with_name(target.name + _PARTIAL)
    try:
        source = sqlite3.connect(path)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        _remove_with_journal(partial)  # a failed backup leaves nothing behind
        raise LibraryError(str(path), "could not back up the library before upgrading it: "
                                      f"{exc}") from exc
    return target


_PARTIAL = ".partial"
# A backup being written changes its file every moment; one untouched this long was cut short.
PARTIAL_STALE_S = 600


def _remove_stale_partial_backups(path: Path) -> None:
    cutoff = datetime.now(UTC).timestamp() - PARTIAL_STALE_S
    for partial in path.parent.glob(f"{glob.escape(path.name)}.backup-*{_PARTIAL}"):
        with contextlib.suppress(OSError):
            if partial.stat().st_mtime < cutoff:
                _remove_with_journal(partial)


def _remove_with_journal(database: Path) -> None:
    for leftover in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            database.with_name(database.name + leftover).unlink(missing_ok=True)


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None (another database, or in memory)."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:"):
        return None
    if url.query.get("uri") == "true" or database.startswith("file:"):
        if "mode=memory" in database or url.query.get("mode") == "memory":
            return None
        database = database.removeprefix("file:").split("?", 1)[0]
    return Path(database)


def _parse_url(url: str) -> URL:
    try:
        return postgres.with_driver(make_url(url))
    except ArgumentError as exc:
        raise LibraryError(url, "not a database URL or file path") from exc


def _location(url: URL) -> str:
    path = sqlite_file(url)
    return str(path) if path is not None else url.render_as_string(hide_password=True)


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _inspect_revision(url: URL, location: str, busy_timeout_ms: int) -> str | None:
    """The library's schema revision; None for an empty database. Raises for anything else."""
    try:
        engine = create_engine(url, poolclass=NullPool)
    except (ArgumentError, ImportError) as exc:
        # An unknown dialect, or its driver is not installed (psycopg for PostgreSQL...).
        if postgres.is_postgres(url) and isinstance(exc, ImportError):
            raise LibraryError(location, postgres.INSTALL_HINT) from exc
        raise LibraryError(location, f"cannot use this kind of database: {exc}") from exc
    if url.get_backend_name() == "sqlite":
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = MigrationContext.configure(conn).get_current_revision()
    except (DBAPIError, sqlite3.Error) as exc:
        reason = describe_database_error(exc, busy_timeout_ms=busy_timeout_ms)
        raise LibraryError(location, reason) from exc
    finally:
        engine.dispose()
    if revision is None and tables - {ALEMBIC_TABLE}:
        # Some other program's database: leave it alone.
        raise LibraryError(location, NOT_A_LIBRARY)
    return revision


def _make_engine(url: URL, busy_timeout_ms: int) -> Engine:
    engine = create_engine(url)
    if url.get_backend_name() != "sqlite":
        return engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own transaction handling skips BEGIN before DDL and reads; turn it off
        # and emit BEGIN ourselves (SQLAlchemy's documented recipe) so migrations are atomic.
        dbapi_connection.isolation_level = None
        dbapi_connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute("PRAGMA journal_mode = WAL")
        # With WAL, NORMAL still never corrupts the file; a power cut may lose the very last
        # commits. It saves an fsync per commit, which one-transaction-per-file imports feel.
        dbapi_connection.execute("PRAGMA synchronous = NORMAL")
        add_sql_functions(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writes take the write lock first (see writing.py); reads never wait in WAL mode.
        begin_sqlite(conn, busy_timeout_ms)

    return engine


def _say_nothing(_step: str) -> None:
    pass


def _give_back_free_space(engine: Engine, say: Callable[[str], None]) -> None:
    """VACUUM after a migration that left a tenth of the file or more free (0008 packs the
    text: a library shrinks by a third or more), so the file shrinks too."""
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
        free = conn.exec_driver_sql("PRAGMA freelist_count").scalar_one()
        conn.rollback()
    if free > pages // 10:
        say("Upgrading the library: giving the space it no longer needs back to the disk…")
        with engine.connect() as conn:
            # On the driver's connection: SQLAlchemy would begin a transaction, and VACUUM
            # cannot run inside one.
            driver = conn.connection.driver_connection
            assert driver is not None
            driver.execute("VACUUM")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _quick_check(engine: Engine, location: str) -> None:
    """Refuse a damaged library now, with what is wrong, not with a traceback mid-command."""
    with engine.connect() as conn:
        rows = [str(row[0]) for row in conn.exec_driver_sql("PRAGMA quick_check(5)")]
        conn.rollback()
    if rows != ["ok"]:
        # Rows may span lines and start with a "*** in database main ***" heading.
        lines = [line for row in rows for line in row.splitlines()
                 if line.strip() and not line.startswith("***")]
        raise LibraryError(location, DAMAGED.format(lines[0] if lines else "check failed"))


def _check_writable(engine: Engine) -> None:
    """Ask for the write lock once: a read-only library is reported now, not mid-import.

    Without waiting: a library another program is writing to is writable, and a read-only
    command must not wait for that program to finish.
    """
    with engine.execution_options(**write_options(wait_ms=0)).connect() as conn:
        try:
            # The first statement begins IMMEDIATE (takes the lock); the write finds read-only.
            version = conn.exec_driver_sql("PRAGMA user_version").scalar_one()
            conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")
            conn.rollback()
        except DBAPIError as exc:
            conn.rollback()
            if not _is_busy(exc):
                raise


def _is_busy(exc: DBAPIError) -> bool:
    return isinstance(exc.orig, sqlite3.OperationalError) and any(
        word in str(exc.orig).lower() for word in ("locked", "busy"))
