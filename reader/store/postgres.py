"""What a shared PostgreSQL library needs beyond SQLite: its driver, locks, and plain errors.

Several people open, migrate and import into one PostgreSQL library at once. Two things must
then happen one client at a time, and each takes a transaction-level advisory lock (released
by the commit or rollback that ends the transaction, so a crashed client never leaves it held):
- migrating the schema: two clients opening a new database would otherwise both create the
  tables, and one fails;
- grouping a new article into a story: two members importing versions of one story would
  otherwise each see no story yet and start two.
"""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from reader.store.errors import LibraryError

# Advisory lock keys: any two 64-bit numbers no other program on the server uses.
MIGRATION_LOCK = 0x50_41_52_41_4C_4C_58_01  # "PARALLX" 1
GROUPING_LOCK = 0x50_41_52_41_4C_4C_58_02
DRIVER = "psycopg"
INSTALL_HINT = ("PostgreSQL needs the psycopg driver: "
                "pip install 'parallax-reader[postgres]'")


def is_postgres(url: URL) -> bool:
    return url.get_backend_name() == "postgresql"


def with_driver(url: URL) -> URL:
    """`postgresql://…` means psycopg 3 (the driver `.[postgres]` installs), whatever
    SQLAlchemy's default for the bare name is."""
    if url.drivername == "postgresql":
        return url.set(drivername=f"postgresql+{DRIVER}")
    return url


def configure(engine: Engine) -> None:
    """Per connection: commits do not wait for the server's disk flush.

    The same trade-off as the SQLite library (WAL with synchronous=NORMAL): a crash of the
    server machine may lose the last moment of commits, never corrupts anything, and a file
    imported or a note saved does not wait for an fsync (measured here: ~60 ms a commit on a
    busy disk, three times the rest of a file's import). Other programs on the server keep
    their own setting.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
        dbapi_connection.commit()


def migrate(engine: Engine, config: Config, known: set[str], head: str | None,
            location: str) -> None:
    """Bring the schema to `head` under the migration lock; refuse a newer schema.

    The revision is read again once the lock is held: a client that waited finds the schema
    its neighbour just created and has nothing left to do.
    """
    with engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        current = MigrationContext.configure(conn).get_current_revision()
        if current is not None and current not in known:
            raise LibraryError(location, "library was written by a newer version of "
                                         f"Parallax Reader (schema {current})")
        if current != head:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")


def lock_grouping(session: Session) -> None:
    """Hold the grouping lock until this session's transaction ends (PostgreSQL only).

    Taken before the duplicate check and the story search, so an article a neighbour is
    storing right now is seen, as a duplicate or as a version of its story, once it commits.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": GROUPING_LOCK})
