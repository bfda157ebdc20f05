"""Reading the comparison window the way a person does: the text in each column, where it
sits, how it is formatted. Only public Qt API on the widgets the window shows."""

from __future__ import annotations

import re
from typing import Literal

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument, QTextTable
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget

from reader.ui.diff_document import row_cells
from reader.ui.text_positions import Utf16Map

Column = Literal["margin", "left", "right"]
_COLUMNS: tuple[Column, Column, Column] = ("margin", "left", "right")
NOTE_NUMBER = re.compile("✎[0-9]+↷?")  # ↷: a note carried from another version


def text_edit(view: QWidget) -> QTextEdit:
    edit = view.findChild(QTextEdit)
    assert edit is not None
    return edit


def document(view: QWidget) -> QTextDocument:
    return text_edit(view).document()


def row_tables(view: QWidget) -> list[QTextTable]:
    root = document(view).rootFrame()
    return [f for f in root.childFrames() if isinstance(f, QTextTable)]


def wait_for_rows(view: QWidget, count: int) -> None:
    """Let the event loop append the rows after the first screen."""
    while len(row_tables(view)) < count:
        QApplication.processEvents()


def cell_span(view: QWidget, row: int, column: Column) -> tuple[int, int]:
    """First and last document position of a cell."""
    cell = row_cells(row_tables(view)[row])[_COLUMNS.index(column)]
    return cell.firstPosition(), cell.lastPosition()


def text_between(view: QWidget, a: int, b: int) -> str:
    cursor = QTextCursor(document(view))
    cursor.setPosition(a)
    cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def cell_text(view: QWidget, row: int, column: Column) -> str:
    return text_between(view, *cell_span(view, row, column))


def column_text(view: QWidget, column: Column) -> str:
    """The article text a column shows, one line per row that has any, note numbers left out."""
    texts = (NOTE_NUMBER.sub("", cell_text(view, r, column)) for r in range(len(row_tables(view))))
    return "\n".join(t for t in texts if t)


def position(view: QWidget, row: int, column: Column, text: str, at: int = 0) -> int:
    """The document position of `text` in a cell, `at` code points into it."""
    shown = cell_text(view, row, column)
    index = shown.index(text) + at
    return cell_span(view, row, column)[0] + Utf16Map(shown).to_utf16(index)


def fragments(view: QWidget, row: int, column: Column) -> list[tuple[str, QTextCharFormat]]:
    """The cell's text in runs of one format, as Qt draws them."""
    first, last = cell_span(view, row, column)
    out: list[tuple[str, QTextCharFormat]] = []
    block = document(view).findBlock(first)
    while block.isValid() and block.position() <= last:
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            it += 1
            if first <= frag.position() < last:
                out.append((frag.text(), frag.charFormat()))
        block = block.next()
    return out


def runs_where(view: QWidget, row: int, column: Column, test: object) -> list[str]:
    """Texts of neighbouring fragments that pass `test(format)`, joined."""
    out: list[str] = []
    joined = False
    for text, fmt in fragments(view, row, column):
        if test(fmt):  # type: ignore[operator]
            if joined:
                out[-1] += text
            else:
                out.append(text)
            joined = True
        else:
            joined = False
    return out


def current_row(view: QWidget) -> int | None:
    """The row whose margin is tinted as the current one."""
    for n, table in enumerate(row_tables(view)):
        margin = row_cells(table)[0]
        if margin.format().hasProperty(QTextCharFormat.Property.BackgroundBrush):
            return n
    return None


def select(view: QWidget, first: int, last: int) -> None:
    edit = text_edit(view)
    cursor = QTextCursor(edit.document())
    cursor.setPosition(first)
    cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


def boxed_texts(view: QWidget, row: int, column: Column) -> list[str]:
    """The texts framed as flagged quotations (dotted box, bracket) in a cell."""
    first, last = cell_span(view, row, column)
    boxes = view.quote_boxes()  # type: ignore[attr-defined]
    return [text_between(view, b.start, b.end) for b in boxes
            if first <= b.start and b.end <= last + 1]
