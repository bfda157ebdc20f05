"""Stepping through changes (centred, "change N of M"), zoom keys and Ctrl+P. (Alt+Q is the
quotation list's: tests/ui/test_quote_list.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reader.store.records import VersionPair
from reader.ui.diff_document import row_cells
from tests.ui.reading import current_row, row_tables, text_edit

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from reader.ui.main_window import MainWindow

Window = tuple["MainWindow", VersionPair]

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def press(w: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    w.activateWindow()
    w.library.tree.setFocus()
    QTest.keyClick(w, key, modifier)


def row_middle_on_screen(w: MainWindow, row: int) -> float:
    """Where the middle of a row is in the viewport, as a share of its height."""
    edit = text_edit(w.view)
    rect = edit.document().documentLayout().frameBoundingRect(row_tables(w.view)[row])
    top = rect.top() - edit.verticalScrollBar().value()
    return (top + rect.height() / 2) / edit.viewport().height()


def test_alt_down_centres_each_change_and_says_which_of_how_many(
        qtbot: QtBot, window: Window) -> None:
    w, doc = window
    w.resize(1000, 600)
    qtbot.waitUntil(lambda: text_edit(w.view).verticalScrollBar().maximum() > 0)
    bar = text_edit(w.view).verticalScrollBar()
    changed = [i for i, r in enumerate(doc.comparison.rows) if r.kind != "equal" or r.moved]
    assert len(changed) >= 3
    for n, row in enumerate(changed, start=1):
        press(w, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        assert current_row(w.view) == row
        assert w.statusBar().currentMessage() == f"Change {n} of {len(changed)}"
        middle = row_middle_on_screen(w, row)
        if 0 < bar.value() < bar.maximum():  # not clamped by either end of the text
            assert abs(middle - 0.5) < 0.05, (row, middle)
        assert 0 < middle < 1  # the last change too is on screen, not below it
    press(w, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    said = w.statusBar().currentMessage()
    assert said.startswith("No next change") and f"{len(changed)} of {len(changed)}" in said
    press(w, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert w.statusBar().currentMessage() == f"Change {len(changed) - 1} of {len(changed)}"


def text_point_size(w: MainWindow) -> float:
    """The size the first row's left text is drawn at."""
    cell = row_cells(row_tables(w.view)[0])[1]
    cursor = cell.firstCursorPosition()
    cursor.movePosition(cursor.MoveOperation.NextCharacter, cursor.MoveMode.KeepAnchor)
    size = cursor.charFormat().font().pointSizeF()
    return size if size > 0 else text_edit(w.view).document().defaultFont().pointSizeF()


def test_ctrl_plus_minus_and_zero_zoom_the_comparison(qtbot: QtBot, window: Window) -> None:
    w, _ = window
    normal = text_point_size(w)
    press(w, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    press(w, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert text_point_size(w) == pytest.approx(normal + 2)
    assert w.view.zoom_percent() > 100
    press(w, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert text_point_size(w) == pytest.approx(normal + 1)
    press(w, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert text_point_size(w) == pytest.approx(normal)
    assert w.view.zoom_percent() == 100


def test_ctrl_p_prints_the_pdf_layout_on_the_printer_chosen(
        qtbot: QtBot, window: Window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QDialog

    import reader.ui.printing as printing

    chosen: list[QPrinter] = []
    target = tmp_path / "printed.pdf"

    class ChoosePdfPrinter:  # the reader picks "Print to file" and presses Print
        def __init__(self, printer: QPrinter, _parent: object) -> None:
            self.printer = printer

        def setWindowTitle(self, _title: str) -> None:
            pass

        def exec(self) -> QDialog.DialogCode:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(target))
            chosen.append(self.printer)
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(printing, "QPrintDialog", ChoosePdfPrinter)
    w, _ = window
    press(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert chosen, "Ctrl+P did not open the print dialog"
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
    assert "Sent" in w.statusBar().currentMessage()

    class Cancel(ChoosePdfPrinter):
        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Rejected

    target.unlink()
    monkeypatch.setattr(printing, "QPrintDialog", Cancel)
    assert w.sharing.print_comparison() == 0
    assert not target.exists()


def test_ctrl_wheel_zooms_the_whole_comparison_too(qtbot: QtBot, window: Window) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    w, _ = window
    normal = text_point_size(w)
    viewport = text_edit(w.view).viewport()
    at = QPointF(viewport.rect().center())
    wheel = QWheelEvent(at, viewport.mapToGlobal(at), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)
    assert text_point_size(w) == pytest.approx(normal + 1)  # the document, not only the widget
