"""Opening a library: schema by migration, connection settings, refusals, backup, upgrade."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from reader.store import (
    LibraryError,
    add_article,
    backup_library,
    close_library,
    default_db_url,
    list_stories,
    open_library,
    resolve_db_url,
    writing,
)
from reader.store import engine as engine_module
from reader.store.errors import describe_database_error
from reader.store.models import Base
from tests.store.conftest import FLOOD_ORIGINAL, ORCHESTRA, make_article

# SQLite files: WAL, locks, backups by copy; PostgreSQL has tests/store/test_postgres.py.
pytestmark = pytest.mark.sqlite_only


def _db_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _head(migrations: Path = engine_module.MIGRATIONS_DIR) -> str:
    """The newest revision of the app's migrations, whichever it is today."""
    heads = {path.stem.split("_")[0] for path in (migrations / "versions").glob("[0-9]*.py")}
    return max(heads)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_library_is_migrated_with_wal_and_foreign_keys(
        sessions: sessionmaker[Session], library_url: str) -> None:
    with sessions() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == _head()
        names = set(s.execute(text("SELECT name FROM sqlite_master")).scalars())
    assert {"stories", "articles", "notes", "search_index", "articles_search_insert",
            "notes_search_update"} <= names


# SQLite does not reflect expression indexes (lower(title)); the drift check then skips it.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
def test_migrated_schema_matches_the_models(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        context = MigrationContext.configure(s.connection(), opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    # The FTS5 table and its shadow tables live only in the migration.
    drift = [d for d in diff
             if not (d[0] == "remove_table" and d[1].name.startswith("search_index"))]
    assert drift == []


def test_reopening_an_up_to_date_library_keeps_its_data(library_url: str) -> None:
    first = open_library(library_url)
    with first.begin() as s:
        add_article(s, make_article(FLOOD_ORIGINAL))
    close_library(first)
    again = open_library(library_url)
    with again() as s:
        assert len(list_stories(s)) == 1
    close_library(again)
    assert not list(_db_path(library_url).parent.glob("*.backup-*"))


def test_foreign_keys_cascade_story_deletion(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        add_article(s, make_article(FLOOD_ORIGINAL))
    with sessions.begin() as s:
        s.execute(text("DELETE FROM stories"))
    with sessions() as s:
        assert s.execute(text("SELECT count(*) FROM articles")).scalar() == 0


def test_resolve_db_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("READER_DB", raising=False)
    assert resolve_db_url(None) == default_db_url()
    assert default_db_url().startswith("sqlite:///")
    assert default_db_url().endswith("/library.sqlite3")
    assert "ParallaxReader" in default_db_url()
    monkeypatch.setenv("READER_DB", "postgresql://u@host/lib")
    assert resolve_db_url(None) == "postgresql://u@host/lib"
    assert resolve_db_url("sqlite:///x.db") == "sqlite:///x.db"
    file = tmp_path / "my lib.sqlite3"
    assert resolve_db_url(str(file)) == f"sqlite:///{file}"
    monkeypatch.chdir(tmp_path)
    assert resolve_db_url("rel.db") == f"sqlite:///{tmp_path / 'rel.db'}"


def test_random_bytes_are_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(os.urandom(8192))
    before = _digest(path)
    with pytest.raises(LibraryError) as error:
        open_library(f"sqlite:///{path}")
    assert error.value.reason == "file is not a Parallax Reader library or is damaged"
    assert error.value.location == str(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.sqlite3"]


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE contacts (name TEXT)")
    before = _digest(path)
    with pytest.raises(LibraryError, match="not a Parallax Reader library"):
        open_library(f"sqlite:///{path}")
    assert _digest(path) == before
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    check.close()


def test_library_from_a_newer_version_is_refused_untouched(library_url: str) -> None:
    close_library(open_library(library_url))
    path = _db_path(library_url)
    stamp = sqlite3.connect(path)
    stamp.execute("UPDATE alembic_version SET version_num = '0042_from_the_future'")
    stamp.commit()
    stamp.close()
    before = _digest(path)
    with pytest.raises(LibraryError) as error:
        open_library(library_url)
    assert error.value.reason == ("library was written by a newer version of Parallax Reader "
                                  "(schema 0042_from_the_future)")
    assert _digest(path) == before
    assert not list(path.parent.glob("*.backup-*"))


def test_read_only_library_is_refused(library_url: str) -> None:
    # Tests run as root, which ignores chmod; a read-only SQLite URI is refused the same way.
    close_library(open_library(library_url))
    path = _db_path(library_url)
    with pytest.raises(LibraryError) as error:
        open_library(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert "read-only" in error.value.reason
    assert error.value.location == str(path)


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root ignores file permissions, so chmod cannot make a read-only file")
def test_read_only_file_by_permissions(library_url: str) -> None:
    close_library(open_library(library_url))
    path = _db_path(library_url)
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        with pytest.raises(LibraryError, match="read-only"):
            open_library(library_url)
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)


def test_locked_new_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(LibraryError) as error:
            open_library(f"sqlite:///{path}", busy_timeout_ms=50)
        assert "locked" in error.value.reason
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    close_library(open_library(f"sqlite:///{path}"))  # fine once the other program lets go


def test_library_another_program_writes_to_opens_and_reads(library_url: str) -> None:
    first = open_library(library_url)
    with writing(first) as s:
        add_article(s, make_article(FLOOD_ORIGINAL))
    close_library(first)
    holder = sqlite3.connect(_db_path(library_url), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO stories (title, created) VALUES ('held', '2026-01-01')")
    try:
        started = time.monotonic()
        sessions = open_library(library_url, busy_timeout_ms=2000)
        with sessions.begin() as s:  # a read: WAL lets it through at once
            assert [st.title for st in list_stories(s)] == ["A title"]
        assert time.monotonic() - started < 2.0  # had it waited: the whole busy timeout
        with pytest.raises(OperationalError) as error, writing(sessions) as s:
            add_article(s, make_article(ORCHESTRA))
        assert time.monotonic() - started >= 2.0  # the write waited the whole busy timeout
        assert describe_database_error(error.value, busy_timeout_ms=2000) == (
            "library is locked by another program (waited 2000 ms); close it and try again")
        close_library(sessions)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_backup_copies_a_wal_library_consistently(sessions: sessionmaker[Session],
                                                  library_url: str) -> None:
    with sessions.begin() as s:
        add_article(s, make_article(FLOOD_ORIGINAL, "Semarang floods"))
    # The article may still sit in the -wal file; the backup must contain it anyway.
    path = _db_path(library_url)
    moment = datetime(2026, 11, 22, 3, 4, 5, tzinfo=UTC)
    copy = backup_library(path, "0001", now=moment)
    assert copy.name == "library.sqlite3.backup-0001-20261122T030405Z"
    second = backup_library(path, "0001", now=moment)
    assert second != copy and second.exists()
    check = sqlite3.connect(copy)
    assert check.execute("SELECT title FROM articles").fetchall() == [("Semarang floods",)]
    check.close()


# Cuts a backup short as a kill would: SIGKILL after SQLite's backup has copied one page.
_KILLED_MID_BACKUP = """
import os, signal, sqlite3, sys
from pathlib import Path
from reader.store.engine import backup_library
library, connect = Path(sys.argv[1]), sqlite3.connect

class Source:
    def __init__(self, conn):
        self.conn = conn
    def backup(self, copy):
        self.conn.backup(copy, pages=1,
                         progress=lambda *_: os.kill(os.getpid(), signal.SIGKILL))
    def close(self):
        self.conn.close()

sqlite3.connect = lambda path, *a, **k: (Source(connect(path, *a, **k)) if Path(path) == library
                                        else connect(path, *a, **k))
backup_library(library, "0001")
"""


def test_a_backup_cut_short_is_never_taken_for_one(sessions: sessionmaker[Session],
                                                   library_url: str) -> None:
    with sessions.begin() as s:
        add_article(s, make_article(FLOOD_ORIGINAL, "Semarang floods"))
    path = _db_path(library_url)
    killed = subprocess.run([sys.executable, "-c", _KILLED_MID_BACKUP, str(path)], check=False)
    assert killed.returncode == -signal.SIGKILL
    left = sorted(p.name for p in path.parent.glob("library.sqlite3.backup-*"))
    assert left and all(".partial" in name for name in left)  # nothing named like a backup

    # A recent one may be another process's backup under way: it is left alone.
    backup_library(path, "0001", now=datetime(2026, 11, 22, 3, 4, 5, tzinfo=UTC))
    assert sorted(p.name for p in path.parent.glob("*.partial*")) == left
    stale = time.time() - engine_module.PARTIAL_STALE_S - 60
    for name in left:
        os.utime(path.parent / name, (stale, stale))
    whole = backup_library(path, "0001")
    assert not list(path.parent.glob("*.partial*"))
    with closing(sqlite3.connect(whole)) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert check.execute("SELECT title FROM articles").fetchall() == [("Semarang floods",)]


_EXTRA_REVISION = '''
"""A test-only revision after the app's newest."""
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("pins", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("pins")
'''


def test_older_library_is_backed_up_then_upgraded(
        library_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = open_library(library_url)
    with first.begin() as s:
        add_article(s, make_article(FLOOD_ORIGINAL, "Semarang floods"))
    close_library(first)
    # Pretend the app gained a migration: a copy of ours plus a revision 9999.
    migrations = tmp_path / "migrations"
    shutil.copytree(engine_module.MIGRATIONS_DIR, migrations,
                    ignore=shutil.ignore_patterns("__pycache__"))
    head = _head()
    (migrations / "versions" / "9999_pins.py").write_text(_EXTRA_REVISION.format(head=head))
    monkeypatch.setattr(engine_module, "MIGRATIONS_DIR", migrations)

    upgraded = open_library(library_url)
    with upgraded() as s:
        assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
        assert s.execute(text("SELECT count(*) FROM pins")).scalar() == 0
        assert [st.title for st in list_stories(s)] == ["Semarang floods"]
    close_library(upgraded)
    backups = list(_db_path(library_url).parent.glob(f"library.sqlite3.backup-{head}-*"))
    assert len(backups) == 1
    old = create_engine(f"sqlite:///{backups[0]}")
    with old.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
        assert conn.execute(text("SELECT title FROM articles")).scalar() == "Semarang floods"
    old.dispose()


@pytest.mark.parametrize("url", ["nosuchdb://host/library", "postgresql+nosuchdriver://h/l",
                                 "postgresql://reader:secret@127.0.0.1:9/library"])
def test_unusable_database_urls_are_library_errors(url: str) -> None:
    # Unknown dialect, unknown driver, driver missing or nothing listening: all one error.
    with pytest.raises(LibraryError) as error:
        open_library(url)
    assert "secret" not in str(error.value)
