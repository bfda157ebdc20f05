"""Another program holds the library's write lock while the reader types a note: the window
says it is waiting, keeps the words, and saves them once the lock clears."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtTest import QTest

from reader.store import list_notes
from reader.ui.notes_panel import WAITING_FOR_LIBRARY
from tests.ui.conftest import open_window

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.mark.sqlite_only  # the lock is SQLite's: another program holding the file
def test_note_typed_under_a_lock_is_kept_and_saved_when_it_clears(
        qtbot: QtBot, sample_library: sessionmaker[Session], ui_settings: QSettings,
        tmp_path: Path) -> None:
    w, doc = open_window(qtbot, sample_library, ui_settings)
    w.actions_.add_note.trigger()
    note = w.notes.current_note()
    assert note is not None
    holder = sqlite3.connect(tmp_path / "library" / "library.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing, as a second window would
    try:
        QTest.keyClicks(w.notes.editor, "Quote was trimmed")
        w.notes.flush()
        assert w.notes.status.text() == WAITING_FOR_LIBRARY
        # Moving to another note keeps the words: the list shows them, the library gets them.
        w.notes.list.clearSelection()
        assert [n.body for n in w.notes.notes()] == ["Quote was trimmed"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    def saved() -> bool:
        with sample_library.begin() as s:
            return [n.body for n in list_notes(s, doc.story.id)] == ["Quote was trimmed"]
    qtbot.waitUntil(saved, timeout=5000)
    assert w.notes.status.text() in ("Saved", "")
