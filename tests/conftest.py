"""Test-wide set-up: Qt runs offscreen, nothing reads the user's real library or settings, and
tests of the library run on SQLite and on PostgreSQL (see tests/pg_server.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg_server import PostgresServer, start_server

# Set before any Qt import so no test ever needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep tests away from the user's real library, whatever the environment says.
os.environ.pop("READER_DB", None)

BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that asks for `db_backend` runs once per engine, unless marked sqlite_only."""
    if "db_backend" in metafunc.fixturenames:
        sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") is not None
        metafunc.parametrize("db_backend", ["sqlite"] if sqlite_only else list(BACKENDS),
                             indirect=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server, reason = start_server()
    if server is None:
        pytest.skip(reason)
    yield server
    server.stop()


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    backend: str = request.param
    return backend


@pytest.fixture
def pg_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A new, empty PostgreSQL database (for tests of PostgreSQL's own behaviour)."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture
def backend_url(db_backend: str, tmp_path: Path, request: pytest.FixtureRequest
                ) -> Iterator[str]:
    """The URL of a new, empty library on this test's engine."""
    if db_backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'library' / 'library.sqlite3'}"
        return
    yield request.getfixturevalue("pg_url")
