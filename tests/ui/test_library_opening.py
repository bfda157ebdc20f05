"""Opening a library: an upgrade's steps are on screen until it is done; an up-to-date
library opens without a dialog; a library that cannot be opened fails on the caller's
thread as before."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from reader.store import LibraryError, close_library, library_is_empty, open_library
from reader.ui import library_opening
from reader.ui.library_opening import open_showing_upgrade

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

STEP = "Upgrading the library (the backup is library.sqlite3.backup-0007-x)…"


def _progress_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()]


def _watch(seen: list[str], until: Callable[[], bool]) -> None:
    """While the opening runs its own event loop: note what each visible dialog says."""
    def look() -> None:
        seen.extend(dialog.labelText() for dialog in _progress_dialogs())
        if not until():
            QTimer.singleShot(20, look)
    QTimer.singleShot(0, look)


def test_an_upgrade_shows_its_step_until_it_is_done(qtbot: QtBot, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'library.sqlite3'}"
    finished = threading.Event()

    def slow_upgrade(url: str, *, on_upgrade: Callable[[str], None]) -> sessionmaker[Session]:
        on_upgrade(STEP)
        time.sleep(0.5)  # the window keeps drawing meanwhile: the dialog is looked at
        finished.set()
        return open_library(url)

    monkeypatch.setattr(library_opening, "open_library", slow_upgrade)
    seen: list[str] = []
    _watch(seen, finished.is_set)
    sessions = open_showing_upgrade(url)
    try:
        assert seen and {label.split("\n")[0] for label in seen} == {STEP}
        assert _progress_dialogs() == []  # gone once the library is open
        with sessions() as session:
            assert library_is_empty(session)
    finally:
        close_library(sessions)


def test_an_up_to_date_library_opens_without_a_dialog(qtbot: QtBot, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'library.sqlite3'}"
    close_library(open_library(url))  # created now: opening it again upgrades nothing
    finished = threading.Event()

    def quiet_open(url: str, *, on_upgrade: Callable[[str], None]) -> sessionmaker[Session]:
        sessions = open_library(url, on_upgrade=on_upgrade)
        time.sleep(0.3)  # a slower disk: still well under SLOW_OPEN_MS
        finished.set()
        return sessions

    monkeypatch.setattr(library_opening, "open_library", quiet_open)
    seen: list[str] = []
    _watch(seen, finished.is_set)
    close_library(open_showing_upgrade(url))
    assert seen == []


def test_a_slow_open_says_it_is_opening_the_library(qtbot: QtBot, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'library.sqlite3'}"
    finished = threading.Event()

    def waiting_for_a_writer(url: str, *, on_upgrade: Callable[[str], None]
                             ) -> sessionmaker[Session]:
        time.sleep(0.6)  # as when another program holds the library
        finished.set()
        return open_library(url, on_upgrade=on_upgrade)

    monkeypatch.setattr(library_opening, "open_library", waiting_for_a_writer)
    monkeypatch.setattr(library_opening, "SLOW_OPEN_MS", 100)
    seen: list[str] = []
    _watch(seen, finished.is_set)
    close_library(open_showing_upgrade(url))
    assert seen and set(seen) == {"Opening the library…"}
    assert _progress_dialogs() == []


def test_a_library_that_cannot_be_opened_fails_as_before(qtbot: QtBot,
                                                        tmp_path: Path) -> None:
    not_a_library = tmp_path / "notes.txt"
    not_a_library.write_text("shopping list\n" * 200, encoding="utf-8")
    with pytest.raises(LibraryError, match=r"notes\.txt"):
        open_showing_upgrade(f"sqlite:///{not_a_library}")
    assert _progress_dialogs() == []
