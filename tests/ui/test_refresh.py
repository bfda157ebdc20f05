"""Two windows on one library: what the other one saved shows up on Refresh (F5)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from reader.store import add_note, close_library, import_paths, open_library
from tests.ui.conftest import open_window

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_f5_shows_what_another_window_saved(qtbot: QtBot,
                                            sample_library: sessionmaker[Session],
                                            ui_settings: QSettings, tmp_path: Path) -> None:
    window, doc = open_window(qtbot, sample_library, ui_settings)
    stories_before = window.library.model.total
    notes_before = len(window.notes.notes())

    other = open_library(f"sqlite:///{tmp_path / 'library.db'}")  # the second window's library
    try:
        with other.begin() as s:
            add_note(s, doc.story.id, "Saved by the other window")
        page = tmp_path / "dam.txt"
        page.write_text("Dam inspection finds cracks\n\nEngineers inspected the northern dam "
                        "on Friday and found new cracks in the spillway wall.\n",
                        encoding="utf-8")
        [outcome] = import_paths(other, [page])
        assert outcome.status == "imported"
    finally:
        close_library(other)

    assert window.library.model.total == stories_before  # nothing changes under the reader
    refresh = window.actions_.refresh
    assert refresh.shortcut() == QKeySequence(QKeySequence.StandardKey.Refresh)  # F5
    refresh.trigger()
    qtbot.waitUntil(lambda: window.library.model.total == stories_before + 1)
    bodies = [n.body for n in window.notes.notes()]
    assert len(bodies) == notes_before + 1 and "Saved by the other window" in bodies
    current_story, _ = window.library.current()
    assert current_story is not None and current_story.id == doc.story.id
