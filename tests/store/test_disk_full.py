"""The disk filling up in the middle of a write: the file being written fails with a clear
reason, nothing of it is stored, and everything stored before is intact.

SQLite's `max_page_count` caps the database's size, so the write fails with the very error a
full disk gives (SQLITE_FULL, "database or disk is full") at a point we choose."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from reader.store import add_note, get_article, import_paths, list_notes, list_stories, writing
from reader.store.anchors import anchor_for_passage

pytestmark = pytest.mark.sqlite_only  # a full disk under one SQLite file


def _cap_size_now(sessions: sessionmaker[Session], extra_pages: int) -> None:
    """From now on the library may grow by at most `extra_pages` pages."""
    engine = sessions.kw["bind"]
    assert isinstance(engine, Engine)
    with sessions() as s:
        pages = int(s.connection().exec_driver_sql("PRAGMA page_count").scalar_one())
    engine.dispose()  # new connections pick the cap up

    @event.listens_for(engine, "connect")
    def _cap(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + extra_pages}")


def test_disk_full_during_import_stores_nothing_of_that_file(
        sessions: sessionmaker[Session], library_url: str, tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_text("Harbour vote\n\nThe harbour council approved the flood barrier on "
                     "Tuesday after a six-hour debate.\n", encoding="utf-8")
    [first] = import_paths(sessions, [small])
    assert first.status == "imported"
    with writing(sessions) as s:
        text = get_article(s, 1).text
        add_note(s, 1, "Check the cost", article_id=1,
                 anchor=anchor_for_passage(text, 4, 11))

    big = tmp_path / "big.txt"
    big.write_text("Budget debate\n\n" + " ".join(
        f"Councillor number {n} spoke about the budget line {n * 13} at length."
        for n in range(4000)) + "\n", encoding="utf-8")
    _cap_size_now(sessions, extra_pages=20)
    [outcome] = import_paths(sessions, [big])

    assert outcome.status == "failed"
    assert outcome.reason == "the disk is full (or the library reached its size limit)"
    with sessions.begin() as s:
        stories = list_stories(s)
        assert [len(st.versions) for st in stories] == [1]
        assert [n.body for n in list_notes(s, 1)] == ["Check the cost"]
    path = library_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
