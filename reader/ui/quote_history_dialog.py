"""The History view of a quotation: its wording in every version of the story, with the
verdict at each step and the versions where it is absent."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.compare.model import CompareOptions
from reader.present.quote_history import HistoryLine, history_lines
from reader.store.quote_history import quotation_history_at
from reader.store.records import QuotationHistory, VersionPair

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

COLUMNS = ("Version", "Verdict", "Wording")


class QuoteHistoryDialog(QDialog):
    """Shows `lines` (one per version, quiet runs folded); the versions on screen, by their
    place in the story, are marked so the reader sees where the comparison stands."""

    def __init__(self, parent: QWidget | None, history: QuotationHistory,
                 lines: list[HistoryLine], on_screen: tuple[int, ...]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Quotation History")
        self.setObjectName("quoteHistoryDialog")
        changed = [line for line in lines if line.flagged]
        summary = (f"changed in {len(changed)} step{'s' if len(changed) != 1 else ''}"
                   if changed else "kept word for word in every version that has it")
        self.heading = QLabel(
            f"<b>\u201c{html.escape(history.first_text)}\u201d</b><br>"
            f"First quoted in v{lines[0].number}; {summary}.", self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(len(lines), len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("The quotation in each version")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 220)
        for row, line in enumerate(lines):
            self._fill(row, line, on_screen)
        # Wrapped rows are as tall as their text at the widths the columns end up with.
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(820, min(160 + 56 * len(lines), 620))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def _fill(self, row: int, line: HistoryLine, on_screen: tuple[int, ...]) -> None:
        last = line.last_number or line.number
        shown = [n for n in on_screen if line.number <= n <= last]
        version = line.version + ("\n\u25c0 on screen" if shown else "")
        verdict = QTableWidgetItem(f"{line.verdict}\n{line.meaning}")
        if line.flagged:
            font = QFont(self.font())
            font.setBold(True)
            verdict.setFont(font)
        if line.text is None:
            wording = QTableWidgetItem("\u2014 not in this version")
            font = QFont(self.font())
            font.setItalic(True)
            wording.setFont(font)
            wording.setForeground(self.palette().color(QPalette.ColorGroup.Disabled,
                                                       QPalette.ColorRole.Text))
        elif line.reported:
            wording = QTableWidgetItem(f"as reported speech: \u2026{line.text}\u2026")
        else:
            wording = QTableWidgetItem(f"\u201c{line.text}\u201d")
        items = (QTableWidgetItem(version), verdict, wording)
        for column, item in enumerate(items):
            item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.table.setItem(row, column, item)


def open_quote_history(parent: QMainWindow, sessions: sessionmaker[Session],
                       pair: VersionPair | None, where: tuple[int, int],
                       options: CompareOptions) -> QuoteHistoryDialog | None:
    """Open (non-modal) the History view of the quotation at `where` (a version's id and an
    offset into its text) of the comparison `pair` on screen; when the story has no quotation
    there, say so in the status bar and return None."""
    if pair is None:
        return None
    with sessions.begin() as s:
        found = quotation_history_at(s, pair.story.id, *where, options)
    if found is None:
        parent.statusBar().showMessage("No quotation of this story stands there.", 4000)
        return None
    history, versions = found
    place = {v.id: n for n, v in enumerate(versions, 1)}
    on_screen = tuple(place[i] for i in (pair.left.id, pair.right.id) if i in place)
    dialog = QuoteHistoryDialog(parent, history, history_lines(history, versions, collapse=True),
                                on_screen)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
