"""The window and a damaged library: the reader is told in one line, and can open another
library, start a fresh one, or try a repair, which opens the repaired copy."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.exc import OperationalError

from reader.app import LibraryWindows, open_or_ask
from reader.store import close_library, import_samples, list_stories, open_library
from reader.store.stored_text import add_sql_functions

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Answers:
    """Stands in for the reader at the message boxes: clicks the named button, records texts."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, button: str) -> None:
        self.seen: list[str] = []
        self.buttons: list[list[str]] = []
        answers = self

        def exec_(box: QMessageBox) -> int:
            answers.seen.append(box.text())
            answers.buttons.append([b.text() for b in box.buttons()])
            for b in box.buttons():
                if b.text() == button:
                    b.click()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", exec_)
        monkeypatch.setattr(QMessageBox, "information",
                            lambda _parent, _title, text: answers.seen.append(text))


def _damaged_library(path: Path) -> Path:
    sessions = open_library(f"sqlite:///{path}")
    import_samples(sessions)
    close_library(sessions)
    conn = sqlite3.connect(path, isolation_level=None)
    add_sql_functions(conn)  # the search triggers unpack article text, as in the app
    conn.execute("UPDATE articles SET title = CAST(X'4861FF72626F7572' AS TEXT) WHERE id = 1")
    conn.close()
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    root = sqlite3.connect(path).execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'grouping_postings'").fetchone()[0]
    data[(root - 1) * page_size:(root - 1) * page_size + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    return path


def test_opening_a_damaged_library_offers_a_repair_that_opens_the_copy(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    damaged = _damaged_library(tmp_path / "lib.sqlite3")
    before = damaged.read_bytes()
    answers = Answers(monkeypatch, "Try a Repair")
    opened = open_or_ask(f"sqlite:///{damaged}")
    assert opened is not None
    sessions, url = opened
    try:
        assert answers.seen[0].startswith(f"The library at {damaged} could not be opened:")
        assert "library is damaged (" in answers.seen[0]
        assert set(answers.buttons[0]) == {"Open Another Library…", "Start a Fresh Library",
                                           "Try a Repair", "Quit"}
        assert "lib.repaired-" in url and "beside the damaged file" in answers.seen[1]
        with sessions.begin() as s:
            titles = {v.title for st in list_stories(s) for v in st.versions}
        assert "Ha\ufffdrbour" in titles
    finally:
        close_library(sessions)
    assert damaged.read_bytes() == before


def test_a_database_error_in_the_running_window_is_one_line_with_ways_out(
        qtbot: QtBot, tmp_path: Path, ui_settings: QSettings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'ok.sqlite3'}"
    sessions = open_library(url)
    import_samples(sessions)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    holder = LibraryWindows(app, ui_settings)
    holder.show(sessions, url)
    assert holder.window is not None
    qtbot.addWidget(holder.window)
    answers = Answers(monkeypatch, "Keep Working")
    damaged = OperationalError("SELECT", {}, sqlite3.DatabaseError(
        "database disk image is malformed"))
    assert holder.library_failed(damaged)
    assert answers.seen == [f"The library at {tmp_path / 'ok.sqlite3'} failed:\n\nlibrary is "
                            "damaged (a page of the file cannot be read); `reader repair` "
                            "copies what can be read into a new library"]
    assert "Try a Repair" in answers.buttons[0] and "Keep Working" in answers.buttons[0]
    locked = OperationalError("BEGIN", {}, sqlite3.OperationalError("database is locked"))
    assert holder.library_failed(locked)
    assert holder.window.statusBar().currentMessage().startswith(
        "Not done: library is locked by another program")
    assert len(answers.seen) == 1  # a lock passes: no question asked
    assert not holder.library_failed(ValueError("a bug"))
    holder.window.close()
    close_library(sessions)
