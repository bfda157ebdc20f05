"""A PostgreSQL server for the tests: READER_TEST_PG_URL if set, else a throw-away cluster
started by tests/pg_cluster.sh when the server binaries are installed.

Each test gets a database of its own (created empty, dropped afterwards), so tests never see
each other's libraries; the cluster lives for the whole run.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

URL_VAR = "READER_TEST_PG_URL"
CLUSTER_SCRIPT = Path(__file__).with_name("pg_cluster.sh")


class PostgresServer:
    """A server where the admin URL's role may create and drop databases."""

    def __init__(self, admin_url: str, cluster_dir: Path | None = None) -> None:
        self.admin_url = make_url(admin_url)
        self.cluster_dir = cluster_dir
        self._admin = create_engine(self.admin_url, poolclass=NullPool,
                                    isolation_level="AUTOCOMMIT")

    def url_for(self, database: str) -> URL:
        return self.admin_url.set(database=database)

    def create_database(self) -> str:
        name = f"reader_test_{uuid.uuid4().hex[:12]}"
        with self._admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        return self.url_for(name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def execute_admin(self, statement: str) -> None:
        with self._admin.connect() as conn:
            conn.execute(text(statement))

    def stop(self) -> None:
        self._admin.dispose()
        if self.cluster_dir is not None:
            subprocess.run(["bash", str(CLUSTER_SCRIPT), "stop", str(self.cluster_dir)],
                           check=False, capture_output=True)


def start_server() -> tuple[PostgresServer | None, str]:
    """A server, or None and the reason none could be had (shown as the skip reason)."""
    if importlib.util.find_spec("psycopg") is None:
        return None, "psycopg is not installed (pip install -e '.[postgres]')"
    given = os.environ.get(URL_VAR, "").strip()
    if given:
        return PostgresServer(given), ""
    if shutil.which("initdb") is None and not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        return None, (f"no PostgreSQL server: set {URL_VAR} or install PostgreSQL "
                      "(Debian: apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="reader-pg-"))
    started = subprocess.run(["bash", str(CLUSTER_SCRIPT), "start", str(folder)],
                             capture_output=True, text=True, check=False)
    if started.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        reason = (started.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"could not start a PostgreSQL cluster: {reason}"
    return PostgresServer(started.stdout.strip(), folder), ""
