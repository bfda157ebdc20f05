"""The timeline strip above the comparison: one node per version of the story, in order, and
between two nodes a mark as tall as the change between them. The two versions compared are
tagged L and R and joined by a band; the reader clicks a node to compare it with the version
before it, or Ctrl+clicks one to make it the other end of the pair.

It shows what it is given (`set_versions`, `set_changes`, `set_pair`) and says what the reader
chose through `pairChosen`; the main window decides what to compare.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from reader.compare.model import Stats
from reader.store.records import ArticleSummary
from reader.ui.palette_colors import diff_colors
from reader.ui.timeline_text import (
    changed_count,
    clicked_pair,
    in_story_order,
    mark_fraction,
    node_lines,
    node_tooltip,
    one_year,
    other_end_pair,
    quotes_changed,
    step_tooltip,
    stepped_pair,
)

MIN_SLOT = 92  # px per version: room for "v12 · 28 Feb" and an outlet elided to a stub
MAX_SLOT = 190  # few versions do not stretch across the whole window
TOP = 16  # the row of L/R tags and change counts
LINE_Y = 30  # the line through the nodes
NODE_R = 6
PAIR_R = 8
MARK_W = 9
MARK_MAX_H = 24
STRIP_HEIGHT = 78


@dataclass(frozen=True)
class _Hit:
    index: int  # the node, or the later node of a step
    on_step: bool


class _Canvas(QWidget):
    """Paints the nodes and marks; the strip forwards what it is given."""

    clicked = Signal(int, bool)  # node index, Ctrl held

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.versions: list[ArticleSummary] = []
        self.changes: dict[int, Stats] = {}  # version id: change from the version before it
        self.pair: tuple[int, int] | None = None
        self.anchor: int | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    # Geometry --------------------------------------------------------------------------------

    def slot(self) -> float:
        n = max(len(self.versions), 1)
        return max(MIN_SLOT, min(MAX_SLOT, self.width() / n))

    def node_x(self, index: int) -> float:
        return self.slot() * (index + 0.5)

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_SLOT * len(self.versions), STRIP_HEIGHT)

    def sizeHint(self) -> QSize:
        return QSize(MAX_SLOT * len(self.versions), STRIP_HEIGHT)

    def hit(self, x: float) -> _Hit | None:
        if not self.versions:
            return None
        slot = self.slot()
        position = x / slot - 0.5  # 0 at the first node, 1 at the second...
        nearest = round(position)
        if not 0 <= nearest < len(self.versions) and not 0 < position < len(self.versions) - 1:
            return None
        if abs(position - nearest) * slot <= slot / 4 and 0 <= nearest < len(self.versions):
            return _Hit(nearest, on_step=False)
        later = int(position) + 1
        return _Hit(later, on_step=True) if 0 < later < len(self.versions) else None

    # Painting --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        colors = diff_colors(pal)
        text = pal.color(QPalette.ColorRole.WindowText)
        accent = pal.color(QPalette.ColorRole.Highlight)
        ids = [v.id for v in self.versions]
        slot = self.slot()
        chosen = [ids.index(i) for i in self.pair or () if i in ids]

        if len(chosen) == 2:  # the band joining the pair compared
            lo, hi = sorted(chosen)
            band = QColor(accent)
            band.setAlpha(60)
            p.fillRect(QRectF(self.node_x(lo), LINE_Y - 11, self.node_x(hi) - self.node_x(lo),
                              22), band)
        p.setPen(QPen(colors.muted, 1.5))
        p.drawLine(QPointF(self.node_x(0), LINE_Y), QPointF(self.node_x(len(ids) - 1), LINE_Y))

        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 1, 7))
        p.setFont(small)
        for i in range(1, len(ids)):
            self._paint_step(p, i, colors.muted, text, colors.quote)
        for i, version in enumerate(self.versions):
            self._paint_node(p, i, version, slot, chosen, text, accent)
        p.end()

    def _paint_step(self, p: QPainter, i: int, muted: QColor, text: QColor,
                    quote: QColor) -> None:
        x = (self.node_x(i - 1) + self.node_x(i)) / 2
        stats = self.changes.get(self.versions[i].id)
        if stats is None:  # not counted yet: a dotted gap says so
            p.setPen(QPen(muted, 1, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(x - 6, LINE_Y), QPointF(x + 6, LINE_Y))
            return
        changed = changed_count(stats)
        h = 3 + (MARK_MAX_H - 3) * mark_fraction(stats)
        p.setPen(QPen(text, 1))
        p.setBrush(text if changed else QColor(0, 0, 0, 0))
        p.drawRoundedRect(QRectF(x - MARK_W / 2, LINE_Y - h / 2, MARK_W, h), 2, 2)
        label = str(changed) if changed else "="
        quotes = quotes_changed(stats)
        fm = QFontMetrics(p.font())
        width = fm.horizontalAdvance(label)
        p.drawText(QPointF(x - width / 2, TOP - 4), label)
        if quotes:  # changed quotations: a quotation mark with their number, beside the count
            p.setPen(QPen(quote, 1))
            p.drawText(QPointF(x + width / 2 + 3, TOP - 4), f"“{quotes}")

    def _paint_node(self, p: QPainter, i: int, version: ArticleSummary, slot: float,
                    chosen: list[int], text: QColor, accent: QColor) -> None:
        x = self.node_x(i)
        in_pair = i in chosen
        r = PAIR_R if in_pair else NODE_R
        p.setPen(QPen(text, 1.5))
        p.setBrush(accent if in_pair else self.palette().color(QPalette.ColorRole.Base))
        p.drawEllipse(QPointF(x, LINE_Y), r, r)
        if in_pair and self.pair is not None:
            tag = "L" if version.id == self.pair[0] else "R"
            bold = QFont(p.font())
            bold.setBold(True)
            p.save()
            p.setFont(bold)
            p.setPen(accent.darker(140) if accent.lightness() > 100 else accent.lighter(160))
            p.drawText(QRectF(x - 10, 0, 20, TOP), int(Qt.AlignmentFlag.AlignCenter), tag)
            p.restore()
        font = QFont(self.font())
        font.setBold(in_pair)
        p.setFont(font)
        p.setPen(text)
        fm = QFontMetrics(font)
        width = int(slot) - 8
        first, second = node_lines(i + 1, version, year=not one_year(self.versions))
        y = LINE_Y + PAIR_R + 4
        for line in (first, second):
            shown = fm.elidedText(line, Qt.TextElideMode.ElideRight, width)
            p.drawText(QRect(int(x - width / 2), y, width, fm.height()),
                       int(Qt.AlignmentFlag.AlignHCenter), shown)
            y += fm.height()
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 1, 7))
        p.setFont(small)

    # Input -----------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self.hit(event.position().x())
        if event.button() != Qt.MouseButton.LeftButton or hit is None:
            super().mousePressEvent(event)
            return
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        self.clicked.emit(hit.index, ctrl and not hit.on_step)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.hit(event.position().x())
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit is not None
                       else Qt.CursorShape.ArrowCursor)

    def tooltip_at(self, x: float) -> str:
        hit = self.hit(x)
        if hit is None:
            return ""
        version = self.versions[hit.index]
        if hit.on_step:
            return step_tooltip(hit.index + 1, self.changes.get(version.id))
        ids = [v.id for v in self.versions]
        anchor = ids.index(self.anchor) + 1 if self.anchor in ids else None
        return node_tooltip(hit.index + 1, version, anchor)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos().x())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class TimelineStrip(QFrame):
    """The story's versions in order, the change at each step, and the pair compared."""

    pairChosen = Signal(int, int)  # left article id, right article id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline-strip")
        self.setAccessibleName("Timeline of the story's versions")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.canvas = _Canvas()
        self.canvas.clicked.connect(self._clicked)
        self.scroller = QScrollArea(self)
        self.scroller.setWidget(self.canvas)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroller)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVisible(False)

    # What it shows ---------------------------------------------------------------------------

    def set_versions(self, versions: Sequence[ArticleSummary]) -> None:
        """A story's versions (any order: shown in the story's order). The change marks wait
        for `set_changes`; a story of one version hides the strip."""
        ordered = in_story_order(versions)
        if [v.id for v in ordered] != self.ids():
            self.canvas.changes = {}
        self.canvas.versions = ordered
        self.canvas.updateGeometry()
        self.canvas.update()
        self.setVisible(len(ordered) >= 2)
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """Room for the scroll bar only when the versions do not fit the width."""
        scrolls = self.canvas.minimumSizeHint().width() > self.width() - 2 * self.frameWidth()
        bar = self.scroller.horizontalScrollBar().sizeHint().height() if scrolls else 0
        height = STRIP_HEIGHT + bar + 2 * self.frameWidth()
        if self.height() != height:
            self.setFixedHeight(height)

    def set_changes(self, changes: Mapping[int, Stats]) -> None:
        """For each version id, the statistics of its change from the version before it."""
        self.canvas.changes = dict(changes)
        self.canvas.update()

    def set_pair(self, left: int, right: int) -> None:
        """Mark the two versions compared, and bring the newer into view."""
        self.canvas.pair = (left, right)
        if self.canvas.anchor not in (left, right):
            self.canvas.anchor = right
        self.canvas.update()
        # Once the canvas has its width for these versions (the layout runs later).
        QTimer.singleShot(0, self._show_pair)

    def _show_pair(self) -> None:
        ids, pair = self.ids(), self.canvas.pair
        if pair is not None and set(pair) <= set(ids):
            for end in sorted(ids.index(i) for i in pair):  # the newer wins if both do not fit
                self.scroller.ensureVisible(int(self.canvas.node_x(end)), LINE_Y,
                                            int(self.canvas.slot() / 2) + 4, 0)

    def clear_pair(self) -> None:
        self.canvas.pair = None
        self.canvas.update()

    def ids(self) -> list[int]:
        return [v.id for v in self.canvas.versions]

    def pair(self) -> tuple[int, int] | None:
        return self.canvas.pair

    def has_changes(self) -> bool:
        """Whether every step's change is known (the strip is complete)."""
        return all(v.id in self.canvas.changes for v in self.canvas.versions[1:])

    # What the reader does --------------------------------------------------------------------

    def step(self, delta: int) -> bool:
        """Choose the consecutive pair after (+1) or before (-1) the one marked; False at the
        end of the story (nothing is emitted)."""
        if self.canvas.pair is None:
            return False
        new = stepped_pair(self.ids(), self.canvas.pair, delta)
        if new is None:
            return False
        self.pairChosen.emit(*new)
        return True

    def click(self, index: int, *, ctrl: bool = False) -> None:
        """What a click (or Ctrl+click) on the node at `index` does."""
        self._clicked(index, ctrl)

    def node_center(self, index: int) -> QPointF:
        """Where node `index` is drawn, in the canvas's coordinates (for tests and tools)."""
        return QPointF(self.canvas.node_x(index), LINE_Y)

    def _clicked(self, index: int, ctrl: bool) -> None:
        ids = self.ids()
        if ctrl and self.canvas.anchor is not None:
            pair = other_end_pair(ids, self.canvas.anchor, index)
            if pair is not None:
                self.pairChosen.emit(*pair)
            return
        self.canvas.anchor = ids[index]
        self.pairChosen.emit(*clicked_pair(ids, index))


def above(strip: QWidget, view: QWidget) -> QWidget:
    """The strip stacked over the comparison, as one pane of the window's splitter."""
    pane = QWidget(view.parentWidget())
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(strip)
    layout.addWidget(view, 1)
    return pane
