"""The History view of a quotation: opened from its margin tag or the context menu over its
words, it lists the quotation's wording in every version with the verdict at each step."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from reader.store import close_library, open_library
from reader.ui.quote_history_dialog import QuoteHistoryDialog
from tests.compare.quote_chain import QUOTE_CHAIN_EN
from tests.store.conftest import import_chain
from tests.ui.conftest import open_window, show_pair
from tests.ui.reading import cell_text, position, row_tables, text_edit

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

    from reader.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def quote_library(tmp_path: Path) -> Iterator[tuple[sessionmaker[Session], int, list[int]]]:
    sessions = open_library(f"sqlite:///{tmp_path / 'library.db'}")
    yield (sessions, *import_chain(sessions, QUOTE_CHAIN_EN, "Harbour budget"))
    close_library(sessions)


def _dialog(qtbot: QtBot) -> QuoteHistoryDialog:
    def shown() -> list[QuoteHistoryDialog]:
        return [d for d in QApplication.topLevelWidgets()
                if isinstance(d, QuoteHistoryDialog) and d.isVisible()]
    qtbot.waitUntil(lambda: len(shown()) == 1)
    return shown()[0]


def _rows(dialog: QuoteHistoryDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def _click(qtbot: QtBot, w: MainWindow, at: int) -> None:
    edit = text_edit(w.view)
    cursor = QTextCursor(edit.document())
    cursor.setPosition(at)
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton,  # type: ignore[no-untyped-call]
                     pos=edit.cursorRect(cursor).center() + QPoint(2, 0))


def test_clicking_a_quotations_margin_tag_opens_its_history(
        qtbot: QtBot, quote_library: tuple[sessionmaker[Session], int, list[int]],
        ui_settings: QSettings) -> None:
    sessions, story_id, ids = quote_library
    w, _ = open_window(qtbot, sessions, ui_settings)
    show_pair(qtbot, w, sessions, story_id, ids[3], ids[4])  # v4 against v5: Chen dropped
    rows = range(len(row_tables(w.view)))
    [row] = [r for r in rows if "quote dropped" in cell_text(w.view, r, "margin")]
    _click(qtbot, w, position(w.view, row, "margin", "quote dropped", 3))
    dialog = _dialog(qtbot)
    assert dialog.windowTitle() == "Quotation History"
    assert "The port needs new cranes before the winter storms." in dialog.heading.text()
    assert "changed in 1 step" in dialog.heading.text()
    shown = _rows(dialog)
    assert [r[0].split("\n")[0] for r in shown] == [
        "v1 \u00b7 Courier \u00b7 2026-03-01", "v2\u2013v4 (3 versions)",
        "v5 \u00b7 Courier \u00b7 2026-03-05", "v6 \u00b7 Courier \u00b7 2026-03-06"]
    assert [r[1].split("\n")[0] for r in shown] == ["first seen", "verbatim", "dropped",
                                                     "absent"]
    assert shown[1][2] == "\u201cThe port needs new cranes before the winter storms.\u201d"
    assert shown[2][2] == shown[3][2] == "\u2014 not in this version"
    # The versions on screen (v4 and v5) are pointed out.
    assert "on screen" in shown[1][0] and "on screen" in shown[2][0]
    assert "on screen" not in shown[0][0] + shown[3][0]
    dialog.close()


def test_the_context_menu_over_a_quotations_words_opens_its_history(
        qtbot: QtBot, quote_library: tuple[sessionmaker[Session], int, list[int]],
        ui_settings: QSettings) -> None:
    sessions, story_id, ids = quote_library
    w, _ = open_window(qtbot, sessions, ui_settings)
    show_pair(qtbot, w, sessions, story_id, ids[1], ids[2])  # v2 against v3
    edit = text_edit(w.view)
    rows = range(len(row_tables(w.view)))
    [reyes] = [r for r in rows if "We will not accept" in cell_text(w.view, r, "left")]
    [lead] = [r for r in rows if "council approved" in cell_text(w.view, r, "left")]

    def menu_at(row: int, words: str) -> QMenu:
        cursor = QTextCursor(edit.document())
        cursor.setPosition(position(w.view, row, "left", words, 4))
        menu: QMenu = edit.context_menu(  # type: ignore[attr-defined]
            edit.cursorRect(cursor).center())
        return menu

    plain = menu_at(lead, "council approved")
    assert "Quotation History…" not in [a.text() for a in plain.actions()]
    menu = menu_at(reyes, "We will not accept")
    [history] = [a for a in menu.actions() if a.text() == "Quotation History…"]
    history.trigger()
    dialog = _dialog(qtbot)
    shown = _rows(dialog)
    assert [r[1].split("\n")[0] for r in shown] == ["first seen", "verbatim", "unquoted",
                                                     "absent"]
    assert shown[2][2] == ("as reported speech: \u2026will not accept a budget written "
                           "without us\u2026")
    assert shown[3][2] == "\u2014 not in this version"
    dialog.close()


def test_the_margin_tag_says_it_opens_the_history(
        qtbot: QtBot, quote_library: tuple[sessionmaker[Session], int, list[int]],
        ui_settings: QSettings) -> None:
    sessions, story_id, ids = quote_library
    w, _ = open_window(qtbot, sessions, ui_settings)
    show_pair(qtbot, w, sessions, story_id, ids[2], ids[3])
    rows = range(len(row_tables(w.view)))
    [row] = [r for r in rows if "reported speech" in cell_text(w.view, r, "margin")]
    tip = w.view._tooltip_at(position(w.view, row, "margin", "reported speech", 3))
    assert tip.startswith("Quotation unquoted")
    assert tip.endswith("Click: this quotation in every version of the story.")


def test_the_quotation_list_opens_the_history_of_its_entry(
        qtbot: QtBot, quote_library: tuple[sessionmaker[Session], int, list[int]],
        ui_settings: QSettings) -> None:
    sessions, story_id, ids = quote_library
    w, _ = open_window(qtbot, sessions, ui_settings)
    show_pair(qtbot, w, sessions, story_id, ids[2], ids[3])  # v3 against v4
    quotes = w.quotes
    w.side_tabs.setCurrentWidget(quotes)
    assert quotes.history_button.isVisible() and not quotes.history_button.isEnabled()
    [ortiz] = [n for n, line in enumerate(quotes.lines()) if line.verdict == "trimmed"]
    quotes.choose(ortiz)
    assert quotes.history_button.isEnabled()
    qtbot.mouseClick(quotes.history_button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    dialog = _dialog(qtbot)
    assert [r[1].split("\n")[0] for r in _rows(dialog)] == [
        "first seen", "verbatim", "altered", "trimmed", "verbatim"]
    dialog.close()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # The same from a line's context menu, for the entry under the pointer.
    [diaz] = [n for n, line in enumerate(quotes.lines()) if "rushed" in str(line.quote)]
    menu = quotes.context_menu(quotes.list.visualRect(quotes.model.index(diaz, 0)).center())
    assert menu is not None
    [history] = [a for a in menu.actions() if a.text() == "Quotation History…"]
    history.trigger()
    assert [r[1].split("\n")[0] for r in _rows(_dialog(qtbot))] == ["first seen", "verbatim"]
