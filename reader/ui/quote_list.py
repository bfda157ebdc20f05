"""The quotation list: one line per quotation entry of the comparison on screen.

Each line says the verdict, who speaks ("reattributed A → B" when the versions disagree) and
both wordings, shortened to the width; quotations kept word for word are drawn quieter. The
list is the one place that knows which entry is current: a click or Enter asks for the entry to
be shown (`quoteChosen`), and `step_next` (Alt+Q) moves to the next entry that is not verbatim,
wrapping round to the first with a message (`message`). "History…" (a button, or the context
menu of a line) asks for the entry's wording in every version of the story
(`historyRequested`). It shows what it is given (`reader.present.QuoteLine`s) and fetches
nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.present import QuoteLine
from reader.present.quotes import margin_tag, shown_wording

LINE_ROLE = Qt.ItemDataRole.UserRole + 1
PADDING = 4
SIDE_LABELS = (("left", "L"), ("right", "R"))
NO_COMPARISON = "Quotations appear here when two versions are compared."
NO_QUOTATIONS = "Neither version has a direct quotation."

AnyIndex = QModelIndex | QPersistentModelIndex


def headline(line: QuoteLine) -> str:
    """The entry's first line: its number, verdict (with the margin's symbol) and speaker."""
    tag = margin_tag(line.quote).split(" ", 1)[0] if line.flagged else "❝"
    said = f" · {line.speaker}" if line.speaker else ""
    return f"{line.number}. {tag} {line.verdict}{said}"


def wording_line(line: QuoteLine, side: str) -> str:
    found = shown_wording(line.quote, "left" if side == "left" else "right")
    return found if found is not None else "(no quotation)"


def summary(line: QuoteLine) -> str:
    """The whole entry on one line, as a screen reader (and a test) reads it."""
    return (f"{headline(line)}: {wording_line(line, 'left')} → "
            f"{wording_line(line, 'right')}")


class QuoteDelegate(QStyledItemDelegate):
    """Three lines per entry: verdict and speaker (bold when flagged), then each side's wording
    elided to the width. Verbatim entries are drawn in the palette's quiet colour."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        spacing = QFontMetrics(option.font).lineSpacing()  # type: ignore[attr-defined]
        return QSize(200, 3 * spacing + 2 * PADDING + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        line = index.data(LINE_ROLE)
        if not isinstance(line, QuoteLine):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        rect = option.rect  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        painter.save()
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        color = palette.color(text_role)
        if not line.flagged and not selected:
            color = palette.color(QPalette.ColorRole.PlaceholderText)
        font = QFont(option.font)  # type: ignore[attr-defined]
        metrics = QFontMetrics(font)
        spacing = metrics.lineSpacing()
        width = rect.width() - 2 * PADDING
        x, y = rect.x() + PADDING, rect.y() + PADDING
        bold = QFont(font)
        bold.setBold(line.flagged)
        painter.setFont(bold)
        painter.setPen(color)
        painter.drawText(x, y + metrics.ascent(), QFontMetrics(bold).elidedText(
            headline(line), Qt.TextElideMode.ElideRight, width))
        painter.setFont(font)
        for n, (side, label) in enumerate(SIDE_LABELS, start=1):
            text = metrics.elidedText(f"{label}  {wording_line(line, side)}",
                                      Qt.TextElideMode.ElideRight, width)
            painter.drawText(x, y + n * spacing + metrics.ascent(), text)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()


class QuoteList(QWidget):
    """The comparison's quotation entries; a chosen entry is shown in the comparison."""

    quoteChosen = Signal(object)  # QuoteLine: the reader picked it; show it in both versions
    message = Signal(str, int)  # a status-bar message and how long to show it (ms)
    historyRequested = Signal(int)  # the entry's index into Comparison.quotes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: tuple[QuoteLine, ...] = ()
        self.model = QStandardItemModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 6, 6)
        layout.setSpacing(4)
        self.title = QLabel("<b>Quotations</b>", self)
        layout.addWidget(self.title)
        self.empty_label = QLabel(NO_COMPARISON, self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.empty_label)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(QuoteDelegate(self.list))
        self.list.setAccessibleName("Quotations")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(True)
        self.list.clicked.connect(self._chosen)
        self.list.activated.connect(self._chosen)  # Enter, or a double click
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(
            lambda pos: self._exec(self.context_menu(pos), pos))
        layout.addWidget(self.list, 1)
        self.history_button = QPushButton("History…", self)
        self.history_button.setToolTip("The selected quotation's wording in every version of "
                                       "the story")
        self.history_button.clicked.connect(self._history_of_current)
        layout.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignRight)
        self.list.selectionModel().selectionChanged.connect(
            lambda *_: self.history_button.setEnabled(self.current() is not None))
        self.show_quotations(None)

    # ---- what it shows ----------------------------------------------------------------------

    def show_quotations(self, lines: tuple[QuoteLine, ...] | None) -> None:
        """The entries of the comparison on screen; None when no comparison is shown."""
        self._lines = lines or ()
        self.model.clear()
        for line in self._lines:
            item = QStandardItem(summary(line))
            item.setData(line, LINE_ROLE)
            item.setToolTip(line.tooltip)
            item.setEditable(False)
            self.model.appendRow(item)
        flagged = sum(1 for line in self._lines if line.flagged)
        if lines is None:
            self.title.setText("<b>Quotations</b>")
        else:
            self.title.setText(f"<b>Quotations</b> · {len(self._lines)} entries, {flagged} changed")
        self.empty_label.setText(NO_COMPARISON if lines is None else NO_QUOTATIONS)
        self.empty_label.setVisible(not self._lines)
        self.list.setVisible(bool(self._lines))
        self.history_button.setVisible(bool(self._lines))
        self.history_button.setEnabled(False)

    def lines(self) -> tuple[QuoteLine, ...]:
        return self._lines

    def current(self) -> QuoteLine | None:
        """The entry selected in the list (the current one), if any."""
        index = self.list.currentIndex()
        if not index.isValid() or not self.list.selectionModel().isSelected(index):
            return None
        return self._lines[index.row()]

    def line_text(self, row: int) -> str:
        """What the list says on its `row`-th line (0-based)."""
        return str(self.model.item(row).text())

    # ---- choosing -----------------------------------------------------------------------------

    def choose(self, row: int) -> None:
        """Make entry `row` (0-based) current, scroll the list to it and show it."""
        index = self.model.index(row, 0)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)
        self._chosen(index)

    def step_next(self) -> None:
        """Go to the next entry that is not verbatim after the current one, wrapping round."""
        flagged = [n for n, line in enumerate(self._lines) if line.flagged]
        if not flagged:
            self.message.emit("No changed quotation here: every quotation is word for word."
                              if self._lines else NO_QUOTATIONS, 4000)
            return
        current = self.current()
        after = current.number - 1 if current is not None else -1
        target = next((n for n in flagged if n > after), None)
        wrapped = target is None
        row = flagged[0] if target is None else target
        self.choose(row)
        line = self._lines[row]
        place = f"changed quotation {flagged.index(row) + 1} of {len(flagged)}"
        said = f"{place}: {line.verdict}" + (f", {line.speaker}" if line.speaker else "")
        self.message.emit(f"Wrapped round to the first {said}." if wrapped
                          else said[0].upper() + said[1:], 4000)

    def context_menu(self, pos: QPoint) -> QMenu | None:
        """The menu of the line at `pos` (list viewport coordinates): "Quotation History…"."""
        index = self.list.indexAt(pos)
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        menu = QMenu(self)
        history = menu.addAction("Quotation History…")
        row = index.row()
        history.triggered.connect(lambda: self.historyRequested.emit(self._lines[row].number - 1))
        return menu

    def _exec(self, menu: QMenu | None, pos: QPoint) -> None:
        if menu is not None:
            menu.exec(self.list.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _history_of_current(self) -> None:
        line = self.current()
        if line is not None:
            self.historyRequested.emit(line.number - 1)

    def _chosen(self, index: QModelIndex) -> None:
        if index.isValid() and 0 <= index.row() < len(self._lines):
            self.quoteChosen.emit(self._lines[index.row()])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.list.doItemsLayout()  # the lines' height follows the font
