"""Two windows (two processes) on one library: both read, both write, nothing is corrupted.

What the second writer sees: SQLite in WAL mode lets readers go on while one process writes;
writes queue behind each other for up to the busy timeout (5 s). Each user action opens its
own session, so a window sees the other's saved notes at its next action (a refresh, a click),
never half of a write."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from reader.store import add_article, add_note, list_notes, open_library
from tests.store.conftest import FLOOD_ORIGINAL, make_article

# Two processes on one SQLite file; tests/store/test_team.py does this on PostgreSQL.
pytestmark = pytest.mark.sqlite_only

WRITER = """
import sys
from reader.store import add_note, open_library
sessions = open_library(sys.argv[1])
for n in range(int(sys.argv[2])):
    with sessions.begin() as s:
        add_note(s, 1, f"other window note {n}")
"""


def test_two_processes_write_notes_at_once(sessions: sessionmaker[Session],
                                           library_url: str) -> None:
    with sessions.begin() as s:
        add_article(s, make_article(FLOOD_ORIGINAL))
    count = 150
    other = subprocess.Popen([sys.executable, "-c", WRITER, library_url, str(count)])
    second_window = open_library(library_url)
    for n in range(count):
        with second_window.begin() as s:
            add_note(s, 1, f"this window note {n}")
        if n == count // 2:
            # A read in the first window while both others write: never blocked, never torn.
            with sessions.begin() as s:
                seen = list_notes(s, 1)
            assert all(re.fullmatch(r"(this|other) window note \d+", note.body)
                       for note in seen)
            assert len(seen) >= n
    assert other.wait(timeout=120) == 0

    with sessions.begin() as s:
        bodies = {note.body for note in list_notes(s, 1)}
    assert bodies == ({f"this window note {n}" for n in range(count)}
                      | {f"other window note {n}" for n in range(count)})
    with sqlite3.connect(Path(library_url.removeprefix("sqlite:///"))) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
