"""The pieces around the comparison's text: the text widget itself, the column titles, the
legend line."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
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

from reader.export.boxes import Box, paint_boxes
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
    zoomRequested = Signal(int)  # Ctrl+wheel: steps to zoom in (positive) or out

    def __init__(self, parent: QWidget, tooltip_at: Callable[[int], str],
                 can_add_note: Callable[[], bool],
                 boxes_between: Callable[[int, int], list[Box]],
                 quote_at: Callable[[int], int | None] = lambda _: None) -> None:
        """`boxes_between(first, last)`: the boxes to frame text with among document
        positions first..last (what is on screen); `quote_at(position)`: the index of the
        quotation there, if any."""
        super().__init__(parent)
        self._tooltip_at = tooltip_at
        self._can_add_note = can_add_note
        self._boxes_between = boxes_between
        self._quote_at = quote_at
        self._press: QPoint | None = None
        # More to draw over the text, each given (painter in document coordinates, the
        # rectangle shown, its first and last document positions).
        self.overlays: list[Callable[[QPainter, QRectF, int, int], None]] = []
        # Where a mouse drag is now (document position): Qt widens a selection that leaves
        # its row to whole rows, and the reader's real end point is lost in it.
        self.drag_end: int | None = None
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
        self.drag_end = None
        super().mousePressEvent(e)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        if e.buttons() & Qt.MouseButton.LeftButton:
            offset = QPointF(self.horizontalScrollBar().value(),
                             self.verticalScrollBar().value())
            layout = self.document().documentLayout()
            self.drag_end = layout.hitTest(e.position() + offset, Qt.HitTestAccuracy.FuzzyHit)
        super().mouseMoveEvent(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        before = self.textCursor().position()
        super().keyPressEvent(e)
        if self.textCursor().position() != before:
            self.drag_end = None  # the keyboard moved the selection's end (Ctrl alone does not)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        press, self._press = self._press, None
        point = e.position().toPoint()
        if (e.button() == Qt.MouseButton.LeftButton and press is not None
                and (point - press).manhattanLength() < QApplication.startDragDistance()):
            self.clicked.emit(self.document_position(point))

    def wheelEvent(self, e: QWheelEvent) -> None:
        """Ctrl+wheel zooms the whole comparison (margin and columns), not only the text."""
        if e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = e.angleDelta().y() // 120
            if steps:
                self.zoomRequested.emit(steps)
            e.accept()
            return
        super().wheelEvent(e)

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        offset = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        shown = QRectF(e.rect()).translated(offset)
        layout = self.document().documentLayout()
        fuzzy = Qt.HitTestAccuracy.FuzzyHit
        first, last = layout.hitTest(shown.topLeft(), fuzzy), layout.hitTest(shown.bottomRight(),
                                                                             fuzzy)
        boxes = self._boxes_between(first, last)
        if not boxes and not self.overlays:
            return
        painter = QPainter(self.viewport())
        painter.translate(-offset)
        paint_boxes(painter, self.document(), boxes, shown)
        for overlay in self.overlays:
            overlay(painter, shown, first, last)
        painter.end()

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
        self._shown: tuple[ArticleDetail, ArticleDetail, DiffColors] | None = None
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
        self._shown = (left, right, colors)
        self._fill()

    def _fill(self) -> None:
        """Each title cut to two lines of its column (the whole title in the tool-tip), so
        a narrow window keeps its height for the text."""
        if self._shown is None:
            return
        left, right, colors = self._shown
        for label, article in ((self.left, left), (self.right, right)):
            bold = QFont(label.font())
            bold.setBold(True)
            room = int(1.6 * max(label.width() - 14, 40))  # words wrap short of 2 full lines
            title = QFontMetrics(bold).elidedText(article.title or article.source_name,
                                                  Qt.TextElideMode.ElideRight, room)
            label.setText(header_html(article, colors, title))
            label.setToolTip(f"{article.title}\n{article.source_name}")

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._fill()


def header_html(article: ArticleDetail, colors: DiffColors, title: str | None = None) -> str:
    facts = [article.outlet or "unknown outlet"]
    if article.published is not None:
        d = article.published
        facts.append(f"{d.day} {d:%b %Y}")
    facts.append(f"{article.words:,} words")
    if title is None:
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
        short = entry.short
        if entry.kind == "quote":  # the tag in the margin; the box is drawn, not text
            short += " (dotted box)"
        parts.append(f"{sample} {html.escape(short)}")
    return " &nbsp;·&nbsp; ".join(parts)
