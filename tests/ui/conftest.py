"""A real MainWindow over a temporary library holding the bundled sample stories, and a
temporary settings file, so no test touches the user's library or preferences."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings

from reader.store import close_library, import_samples, open_library
from reader.store.records import VersionPair

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

    from reader.ui.main_window import MainWindow

COMPARE_TIMEOUT_MS = 10_000


@pytest.fixture
def sample_library(backend_url: str) -> Iterator[sessionmaker[Session]]:
    """The samples in a new library, on SQLite and on PostgreSQL (tests/conftest.py)."""
    sessions = open_library(backend_url)
    outcomes = import_samples(sessions)
    imported = {o.story_id for o in outcomes if o.status == "imported"}
    assert len(imported) >= 3, outcomes  # the tests below need three stories
    yield sessions
    close_library(sessions)


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def open_window(qtbot: QtBot, sessions: sessionmaker[Session], settings: QSettings
                ) -> tuple[MainWindow, VersionPair]:
    """A shown window, once its first comparison is on screen."""
    from reader.app import build_main_window

    window = build_main_window(sessions, settings)
    qtbot.addWidget(window)
    window.show()
    # A short comparison is ready before the constructor returns; a long one arrives later.
    qtbot.waitUntil(lambda: window.current_comparison() is not None, timeout=COMPARE_TIMEOUT_MS)
    doc = window.current_comparison()
    assert doc is not None
    return window, doc


@pytest.fixture
def window(qtbot: QtBot, sample_library: sessionmaker[Session], ui_settings: QSettings
           ) -> tuple[MainWindow, VersionPair]:
    return open_window(qtbot, sample_library, ui_settings)


def show_pair(qtbot: QtBot, window: MainWindow, sessions: sessionmaker[Session], story_id: int,
              left: int, right: int) -> None:
    """Compare two versions of a story in the window, as the version pickers would."""
    from reader.store import get_story

    with sessions() as s:
        story = get_story(s, story_id)
    window.show_article(story, None, pair=(left, right))
    qtbot.waitUntil(lambda: (pair := window.current_comparison()) is not None
                    and (pair.left.id, pair.right.id) == (left, right),
                    timeout=COMPARE_TIMEOUT_MS)
