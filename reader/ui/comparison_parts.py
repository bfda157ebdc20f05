"""The pieces around the comparison's text: the text widget itself, the column titles, the
legend line."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFont, QHelpEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QTextEdit,
    QToolTip,
    QWidget,
)

from reader.present import Layout
from reader.store.records import ArticleDetail
from reader.ui.diff_styles import LOOKS, css
from reader.ui.palette_colors import DiffColors


class DiffTextEdit(QTextEdit):
    """The read-only text of the comparison. A click (not a drag) reports its document
    position; tool-tips, whether "Add note…" applies and which quotation (if any) a position
    lies in are asked of the functions given."""

    clicked = Signal(int)  # the document position clicked, -1 off the text
    addNoteRequested = Signal()
    quoteHistoryRequested = Signal(int)  # the quotation's index in the comparison

    def __init__(self, parent: QWidget, tooltip_at: Callable[[int], str],
                 can_add_note: Callable[[], bool],
                 quote_at: Callable[[int], int | None] = lambda _: None) -> None:
        super().__init__(parent)
        self._tooltip_at = tooltip_at
        self._can_add_note = can_add_note
        self._quote_at = quote_at
        self._press: QPoint | None = None
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setUndoRedoEnabled(False)
        # The text always wraps to the width. A vertical bar that comes and goes would change
        # that width after a lazy partial layout and leave a stray horizontal bar behind.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def document_position(self, point: QPoint) -> int:
        """The document position under a viewport point, or -1 when it is not over text."""
        offset = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        layout = self.document().documentLayout()
        return layout.hitTest(QPointF(point) + offset, Qt.HitTestAccuracy.ExactHit)

    def mousePressEvent(self, e: QMouseEvent) -> None:
        self._press = e.position().toPoint()
        super().mousePressEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        press, self._press = self._press, None
        point = e.position().toPoint()
        if (e.button() == Qt.MouseButton.LeftButton and press is not None
                and (point - press).manhattanLength() < QApplication.startDragDistance()):
            self.clicked.emit(self.document_position(point))

    def viewportEvent(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            tip = self._tooltip_at(self.document_position(e.pos()))
            if tip:
                QToolTip.showText(e.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(e)

    def context_menu(self, pos: QPoint) -> QMenu:
        """The standard menu (Copy, Select All) plus "Add note…" for a selected passage and,
        over a quotation, "Quotation History…"."""
        menu = self.createStandardContextMenu(pos)
        menu.addSeparator()
        add = menu.addAction("Add note…")
        add.setShortcut("Ctrl+Shift+N")  # the window's shortcut, shown here as a hint
        add.setEnabled(self._can_add_note())
        add.triggered.connect(self.addNoteRequested)
        quote = self._quote_at(self.document_position(pos))
        if quote is not None:
            history = menu.addAction("Quotation History…")
            history.setToolTip("This quotation's wording in every version of the story")
            history.triggered.connect(lambda: self.quoteHistoryRequested.emit(quote))
        return menu

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        menu = self.context_menu(e.pos())
        menu.exec(e.globalPos())
        menu.deleteLater()


class ColumnHeader(QWidget):
    """Title, outlet and date of each version, above its column."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = self.row = QHBoxLayout(self)
        layout.setSpacing(0)
        self.spacer = QWidget(self)  # as wide as the margin column
        self.left = QLabel(self)
        self.right = QLabel(self)
        for label in (self.left, self.right):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(5, 2, 5, 4)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.spacer.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.spacer)
        layout.addWidget(self.left, 1)
        layout.addWidget(self.right, 1)

    def set_versions(self, left: ArticleDetail, right: ArticleDetail, colors: DiffColors,
                     margin_width: int) -> None:
        self.spacer.setFixedWidth(margin_width)
        self.left.setText(header_html(left, colors))
        self.right.setText(header_html(right, colors))
        self.left.setToolTip(left.source_name)
        self.right.setToolTip(right.source_name)


def spans_cells(cursor: QTextCursor) -> bool:
    """True when Qt has widened the selection to whole table cells."""
    cells: tuple[int, int, int, int] = cursor.selectedTableCells()  # type: ignore[assignment]
    return cells[1] > 0


def header_html(article: ArticleDetail, colors: DiffColors) -> str:
    facts = [article.outlet or "unknown outlet"]
    if article.published is not None:
        d = article.published
        facts.append(f"{d.day} {d:%b %Y}")
    facts.append(f"{article.words:,} words")
    title = article.title or article.source_name
    return (f"<b>{html.escape(title)}</b><br><span style='color:{colors.css(colors.muted)}'>"
            f"{html.escape(' · '.join(facts))}</span>")


def legend_html(layout: Layout, c: DiffColors, font: QFont) -> str:
    """The layout's legend on one line, each sample drawn in the look it explains."""
    looks = {"deleted": "deleted", "inserted": "inserted", "moved": "moved",
             "quote": "quote_tag", "note": "badge"}
    samples = {"deleted": "&nbsp;struck&nbsp;", "inserted": "&nbsp;underlined&nbsp;",
               "moved": "⇅", "quote": "❝", "note": "✎1"}
    parts = []
    for entry in layout.legend:
        if entry.kind == "empty":
            parts.append(html.escape(f"{entry.sample}: {entry.short}"))
            continue
        look = LOOKS[looks[entry.kind]]
        if entry.kind in ("moved", "quote"):  # the symbol alone, at the legend's size
            look = replace(look, small=False, underline=False)
        sample = f"<span style='{css(look, c, font)}'>{samples[entry.kind]}</span>"
        if entry.kind == "quote":  # the tag in the margin, the line over the words
            sample += f" <span style='{css(LOOKS['quote'], c, font)}'>&nbsp;overlined&nbsp;</span>"
        parts.append(f"{sample} {html.escape(entry.short)}")
    return " &nbsp;·&nbsp; ".join(parts)
