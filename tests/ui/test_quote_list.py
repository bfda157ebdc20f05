"""The quotation list beside the notes, driven as a reader does: read its lines, click one,
press Enter, step with Alt+Q. The story is the Indonesian seed pair (tests' own copy): an
altered, an unquoted, a trimmed, a dropped and two verbatim quotations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from reader.store import close_library, import_paths, open_library
from reader.store.records import VersionPair
from tests.ui.conftest import open_window
from tests.ui.reading import current_row, position, text_edit

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

    from reader.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FIXTURES = Path(__file__).parent.parent / "compare" / "fixtures"


@pytest.fixture
def seed_library(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    sessions = open_library(f"sqlite:///{tmp_path / 'library.db'}")
    outcomes = import_paths(sessions, [FIXTURES / "seed_original_id.txt",
                                       FIXTURES / "seed_rewrite_id.txt"], new_story=True)
    assert [o.status for o in outcomes] == ["imported", "imported"], outcomes
    yield sessions
    close_library(sessions)


@pytest.fixture
def seeds(qtbot: QtBot, seed_library: sessionmaker[Session], ui_settings: QSettings
          ) -> tuple[MainWindow, VersionPair]:
    return open_window(qtbot, seed_library, ui_settings)


def lines_of(w: MainWindow) -> list[str]:
    return [w.quotes.line_text(n) for n in range(w.quotes.model.rowCount())]


def in_view(w: MainWindow, row: int, words: str) -> bool:
    """Whether `words` in the row's left cell are inside the comparison's viewport."""
    edit = text_edit(w.view)
    cursor = edit.textCursor()
    cursor.setPosition(position(w.view, row, "left", words))
    rect = edit.cursorRect(cursor)
    return rect.top() >= 0 and rect.bottom() <= edit.viewport().height()


def press_alt_q(w: MainWindow) -> None:
    """Alt+Q with the focus where the window starts it: the library."""
    w.activateWindow()
    QTest.qWaitForWindowActive(w)
    QTest.keyClick(w.library.tree, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)


def test_one_line_per_entry_with_verdict_and_speaker(seeds: tuple[MainWindow, VersionPair]
                                                     ) -> None:
    w, doc = seeds
    lines = lines_of(w)
    assert len(lines) == len(doc.comparison.quotes) == 7
    assert lines[0].startswith("1. ❝≠ altered · Mark Rutte: “Yang jelas, kami harus")
    assert "“langgeng dan berkelanjutan.” … “Kami harus memastikan" in lines[0]
    assert lines[1].startswith("2. ❝→ unquoted · Mark Rutte: “Kami harus terus")
    assert "→ (reported speech) terus memberikan dukungan militer" in lines[1]
    assert lines[2] == ("3. ❝✂ trimmed · Mark Rutte: “struktur bersama antara Ukraina dan "
                        "NATO” → “struktur bersama”")
    assert lines[3].startswith("4. ❝− dropped · Mark Rutte:")
    assert lines[3].endswith("→ (no quotation)")
    assert lines[4].startswith("5. ❝ verbatim · Rustem Umerov: “Kami kuat")
    assert "7 entries, 5 changed" in w.quotes.title.text()
    # The tooltip gives the evidence the line has no room for.
    tip = w.quotes.model.item(2).toolTip()
    assert "Speaker: Mark Rutte" in tip and "4 words cut: antara Ukraina dan NATO" in tip


def test_clicking_a_line_reveals_its_row(qtbot: QtBot, seeds: tuple[MainWindow, VersionPair]
                                         ) -> None:
    w, _ = seeds
    w.resize(1100, 560)  # a short window: the last quotation starts out of view
    w.side_tabs.setCurrentWidget(w.quotes)
    last = w.quotes.lines()[6]
    assert last.rows == (8, 8)
    qtbot.waitUntil(lambda: not in_view(w, 7, "Amerika Serikat bersama kami"))
    index = w.quotes.model.index(6, 0)
    QTest.mouseClick(w.quotes.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=w.quotes.list.visualRect(index).center())
    assert current_row(w.view) == 7
    assert in_view(w, 7, "Amerika Serikat bersama kami")
    assert w.quotes.current() == last
    # Arrow keys move in the list; Enter shows the entry.
    w.quotes.list.setFocus()
    QTest.keyClick(w.quotes.list, Qt.Key.Key_Up)
    QTest.keyClick(w.quotes.list, Qt.Key.Key_Up)
    QTest.keyClick(w.quotes.list, Qt.Key.Key_Up)
    assert current_row(w.view) == 7  # moving the selection alone does not scroll
    QTest.keyClick(w.quotes.list, Qt.Key.Key_Return)
    assert current_row(w.view) == w.quotes.lines()[3].rows[0] - 1 == 3  # type: ignore[operator]


def test_alt_q_steps_through_changed_entries_and_wraps(seeds: tuple[MainWindow, VersionPair]
                                                       ) -> None:
    w, _ = seeds
    assert w.side_tabs.currentWidget() is w.notes
    seen = []
    for _ in range(5):
        press_alt_q(w)
        current = w.quotes.current()
        assert current is not None
        seen.append((current.number, current.verdict))
        assert current_row(w.view) == min(r for r in current.rows if r is not None) - 1
    # Verbatim entries (5, 6) are stepped over; the list is shown while stepping.
    assert seen == [(1, "altered"), (2, "unquoted"), (3, "trimmed"), (4, "dropped"),
                    (7, "altered")]
    assert w.side_tabs.currentWidget() is w.quotes
    assert w.statusBar().currentMessage() == ("Changed quotation 5 of 5: altered, "
                                              "Rustem Umerov")
    press_alt_q(w)
    assert w.quotes.current() == w.quotes.lines()[0]
    assert w.statusBar().currentMessage() == ("Wrapped round to the first changed quotation "
                                              "1 of 5: altered, Mark Rutte.")
    # A click elsewhere in the list is where the next Alt+Q starts from.
    w.quotes.choose(4)
    press_alt_q(w)
    assert w.quotes.current() == w.quotes.lines()[6]


def test_empty_states(qtbot: QtBot, tmp_path: Path, ui_settings: QSettings) -> None:
    """No quotation in either version: the list says so, and Alt+Q says so too."""
    (tmp_path / "a.txt").write_text("Rain fell on the town on Monday. The river rose.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Rain fell on the town on Monday. The river rose fast.\n",
                                    encoding="utf-8")
    sessions = open_library(f"sqlite:///{tmp_path / 'library.db'}")
    try:
        import_paths(sessions, [tmp_path / "a.txt", tmp_path / "b.txt"], new_story=True)
        w, _ = open_window(qtbot, sessions, ui_settings)
        assert w.quotes.model.rowCount() == 0
        press_alt_q(w)
        assert w.statusBar().currentMessage() == "Neither version has a direct quotation."
        w.side_tabs.setCurrentWidget(w.quotes)
        assert w.quotes.empty_label.isVisible() and not w.quotes.list.isVisible()
        assert w.quotes.empty_label.text() == "Neither version has a direct quotation."
        w.close()
    finally:
        close_library(sessions)
