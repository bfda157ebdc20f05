"""The two versions of a story side by side, rows aligned, every difference marked.

One read-only QTextEdit shows the table built by `diff_document`: [margin | left | right].
This widget owns navigation (current change), selection → article passage, note marks,
tooltips and the header, legend and statistics around the text. It shows what it is given
and reports what the reader does through signals; it never fetches anything.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFontMetrics,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader.export.boxes import Box
from reader.present import SIDES, Layout, QuoteLine, SideName
from reader.present.offsets import RowPlace
from reader.present.quotes import quote_parts
from reader.store.records import ArticleDetail
from reader.ui.comparison_parts import ColumnHeader, DiffTextEdit, legend_html
from reader.ui.diff_document import (
    CELL_PADDING,
    DiffDocument,
    Mark,
    RowMap,
    build_diff_document,
)
from reader.ui.palette_colors import diff_colors
from reader.ui.search_marks import SearchMarks
from reader.ui.selection import passage_of
from reader.ui.stats_bar import StatsBar

FLASH_MS = 1600
# Rows laid out before the comparison is shown: as many as fill the viewport when every row
# is one line (see `first_screen_rows`). The rest is appended a chunk at a time while the event
# loop is idle, so a long story shows at once and the window answers meanwhile.
MORE_ROWS = 30  # ~15 ms each in a shown window at 5k words
# The first chunk waits for the first paint (which starts it at once); this delay only
# matters when the view is not painted at all (hidden).
MORE_ROWS_DELAY_MS = 50
ZOOM_STEP_PT = 1.0
ZOOM_MIN_PT, ZOOM_MAX_PT = 6.0, 48.0


class ComparisonView(QWidget):
    """Two versions side by side: header, aligned rows, legend, statistics.

    Shows a `reader.present.Layout`: its rows in order, a note's number "✎N" after its
    passage, flagged quotations framed in a dotted box and tagged in the margin.
    """

    selectionChanged = Signal(bool)  # True when a non-empty passage inside ONE version is selected
    addNoteRequested = Signal()  # context-menu "Add note…" on a selection
    noteClicked = Signal(int)  # the id of a note whose mark in the text was clicked
    currentRowChanged = Signal(int)  # index of the comparison row now current
    # The reader asked for a quotation's history (its margin tag clicked, or the context menu
    # over it): the id of a version on screen and an offset of the quotation in its text.
    quoteHistoryRequested = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._palette_timer = QTimer(self)  # a child: it dies with the view, never fires late
        self._palette_timer.setSingleShot(True)
        self._palette_timer.setInterval(0)
        self._palette_timer.timeout.connect(lambda: self._render(keep_scroll=True))
        self._more_timer = QTimer(self)  # appends the rows after the first screen
        self._more_timer.setSingleShot(True)
        self._more_timer.timeout.connect(self._append_more)
        self._left: ArticleDetail | None = None
        self._right: ArticleDetail | None = None
        self._layout: Layout | None = None
        self._doc: DiffDocument | None = None
        self._current: int | None = None
        self._changes: list[int] = []
        self._has_passage = False

        self._stack = QStackedWidget(self)
        self._message = QLabel(self._stack)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._stack.addWidget(self._message)
        self._page = self._build_page()
        self._stack.addWidget(self._page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(lambda: self._edit.setExtraSelections([]))
        self._edit.selectionChanged.connect(self._on_selection_changed)
        self._edit.verticalScrollBar().rangeChanged.connect(self._sync_header)
        self._edit.installEventFilter(self)
        self._edit.viewport().installEventFilter(self)
        self.show_message("Choose two versions of a story to compare them.")

    def _build_page(self) -> QWidget:
        """The comparison page: banner, column titles, the text, legend and statistics."""
        page = QWidget(self._stack)
        self._banner = QLabel("Identical: no differences", page)
        self._banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._banner.setObjectName("identicalBanner")
        self._banner.hide()
        self._header = ColumnHeader(page)
        self._edit = DiffTextEdit(page, self._tooltip_at,
                                  lambda: self.selected_passage() is not None,
                                  self.quote_boxes, self.quote_at)
        self.search = SearchMarks(self._edit, lambda: self._doc, self._complete_doc)  # F3
        self._edit.clicked.connect(self._clicked)
        self._edit.quoteHistoryRequested.connect(self.request_quote_history)
        self._edit.zoomRequested.connect(self.zoom)
        self._base_point_size = self._edit.font().pointSizeF()
        self._edit.addNoteRequested.connect(self.addNoteRequested)
        self._edit.setAccessibleName("The two versions side by side")
        self._legend = QLabel(page)
        self._legend.setTextFormat(Qt.TextFormat.RichText)
        self._legend.setWordWrap(True)
        self._legend.setContentsMargins(6, 2, 6, 0)
        self._stats = StatsBar(page)
        col = QVBoxLayout(page)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(self._banner)
        col.addWidget(self._header)
        col.addWidget(self._edit, 1)
        col.addWidget(self._legend)
        col.addWidget(self._stats)
        return page

    # ---- public API ------------------------------------------------------------------------

    def show_comparison(self, left: ArticleDetail, right: ArticleDetail, layout: Layout) -> None:
        """Show a comparison of `left` and `right` laid out as `layout`, from its first row."""
        self._left, self._right, self._layout = left, right, layout
        self._current = None
        self._changes = [v.number - 1 for v in layout.rows if v.changed]
        self._render(keep_scroll=False)
        self._stack.setCurrentWidget(self._page)

    def show_message(self, text: str) -> None:
        """Replace the comparison by a message (nothing chosen, "Comparing…", an error)."""
        self._message.setText(text)
        self._stack.setCurrentWidget(self._message)
        self._layout = None
        self._changes = []
        self._current = None
        self._more_timer.stop()
        if self._doc is not None:
            old, self._doc = self._doc, None
            self._edit.setExtraSelections([])
            self._edit.setDocument(QTextDocument(self._edit))
            old.document.deleteLater()
        self._on_selection_changed()

    def show_notes(self, layout: Layout) -> None:
        """The same comparison laid out again with other notes: the scroll position and the
        current row stay."""
        if self._layout is not None:
            self._layout = layout
            self._render(keep_scroll=True)

    def selected_passage(self) -> tuple[int, int, int] | None:
        """(article id, start, end) in code points of one version's text: the passage of the
        column where the selection started (see `selection.passage_of`); None when nothing,
        or only the margin, is selected."""
        doc, cursor = self._doc, self._edit.textCursor()
        if doc is None or not cursor.hasSelection() or self._left is None or self._right is None:
            return None
        end_pos = self._edit.drag_end if self._edit.drag_end is not None else cursor.position()
        found = passage_of(doc, cursor.anchor(), end_pos)
        if found is None:
            return None
        side, start, end = found
        article = self._left if side == "left" else self._right
        return article.id, start, end

    def reveal_passage(self, article_id: int, start: int, end: int) -> None:
        """Scroll the passage into view and flash it; the current row does not change."""
        doc = self._complete_doc()
        if doc is None:
            return
        side = self._side_of(article_id)
        if side is None:
            return
        ranges = self._doc_ranges(doc, side, start, max(end, start + 1))
        if not ranges:
            return
        self._scroll_to(ranges[0][0], ranges[-1][1])
        self._flash(ranges)

    def reveal_quotation(self, line: QuoteLine) -> bool:
        """Make the quotation's first row current, scroll its wording on both sides into view
        and flash it; False when no comparison is shown or the entry has no row here."""
        doc = self._complete_doc()
        rows = [r - 1 for r in line.rows if r is not None]
        if doc is None or not rows or max(rows) >= len(doc.rows):
            return False
        self._go_to(min(rows))
        ranges = [r for side in SIDES for part in quote_parts(line.quote, side)
                  for r in self._doc_ranges(doc, side, part.start, part.end)]
        if ranges:
            self._scroll_to(min(a for a, _ in ranges), max(b for _, b in ranges))
            self._flash(ranges)
        return True

    def next_change(self) -> bool:
        """Make the next edited, added, removed or moved row current and scroll to it."""
        self._complete_doc()
        after = -1 if self._current is None else self._current
        target = next((i for i in self._changes if i > after), None)
        return self._go_to(target)

    def previous_change(self) -> bool:
        """The change before the current row; with no current row, the last change."""
        self._complete_doc()
        before = len(self._rows()) if self._current is None else self._current
        target = next((i for i in reversed(self._changes) if i < before), None)
        return self._go_to(target)

    def next_changed_quote(self) -> bool:
        """Go to the next row tagged with a quotation not kept word for word."""
        doc = self._complete_doc()
        if doc is None:
            return False
        after = -1 if self._current is None else self._current
        return self._go_to(next((n - 1 for n in doc.layout.flagged_rows if n - 1 > after), None))

    def quote_boxes(self, first: int = 0, last: int = -1) -> list[Box]:
        """The dotted boxes (with a bracket) around flagged quotations between document
        positions first and last (-1: the end)."""
        doc = self._doc
        if doc is None:
            return []
        color = doc.colors.quote
        return [Box(a, b, color, dotted=True, bracket=True) for a, b in doc.quote_ranges
                if b >= first and (last < 0 or a <= last)]

    def zoom(self, steps: int) -> None:
        """Make the comparison's text larger (steps > 0) or smaller, a point per step."""
        self._set_point_size(self._edit.font().pointSizeF() + steps * ZOOM_STEP_PT)

    def reset_zoom(self) -> None:
        self._set_point_size(self._base_point_size)

    def zoom_percent(self) -> int:
        return round(100 * self._edit.font().pointSizeF() / self._base_point_size)

    def _set_point_size(self, size: float) -> None:
        size = min(max(size, ZOOM_MIN_PT), ZOOM_MAX_PT)
        font = self._edit.font()
        if size == font.pointSizeF():
            return
        font.setPointSizeF(size)
        self._edit.setFont(font)
        # The document carries its own font sizes (margin, badges): build it again.
        self._render(keep_scroll=True)

    def current_layout(self) -> Layout | None:
        """The comparison shown, None while a message is."""
        return self._layout

    def current_row(self) -> int | None:
        """The index of the current row (the one the margin arrow points at), if any."""
        return self._current

    def change_position(self) -> tuple[int, int] | None:
        """(N, M): the current row is change N of the M changes; None off a change."""
        if self._current is None or self._current not in self._changes:
            return None
        return self._changes.index(self._current) + 1, len(self._changes)

    # ---- rendering ------------------------------------------------------------------------

    def _rows(self) -> list[RowMap]:
        return self._doc.rows if self._doc is not None else []

    def first_screen_rows(self) -> int:
        """Rows that surely fill the viewport: no row is shorter than one line and its padding.
        (The whole view's height bounds the viewport's, which is stale while a message shows.)"""
        line = QFontMetrics(self._edit.font()).lineSpacing() + 2 * CELL_PADDING
        return max(self.height(), 400) // max(line, 1) + 2

    def _complete_doc(self) -> DiffDocument | None:
        """The document with every row laid out (finishing now what the timer has not)."""
        if self._doc is not None and not self._doc.complete:
            self._more_timer.stop()
            self._doc.finish()
        return self._doc

    def _append_more(self) -> None:
        if self._doc is not None and self._doc.append_rows(MORE_ROWS):
            self._more_timer.start(0)

    def _render(self, keep_scroll: bool) -> None:
        layout = self._layout
        if layout is None or self._left is None or self._right is None:
            return
        colors = diff_colors(self.palette())
        scroll = self._edit.verticalScrollBar().value()
        self._more_timer.stop()
        # Re-rendering in place (notes, palette) keeps the scroll position, which may be
        # anywhere: then every row is needed at once.
        new = build_diff_document(layout, colors, self._edit.font(),
                                  first_rows=None if keep_scroll else self.first_screen_rows())
        new.document.setParent(self._edit)
        # At the width it will be shown at already: setDocument then lays the first screens
        # out once instead of several times (~40 ms less at 5k words).
        new.document.setTextWidth(self._edit.viewport().width())
        old, self._doc = self._doc, new
        self._edit.setExtraSelections([])
        self._edit.setDocument(new.document)
        if old is not None:
            old.document.deleteLater()
        if self._current is not None:
            new.set_current_row(self._current, None)
        if keep_scroll:
            self._edit.verticalScrollBar().setValue(scroll)
        if not new.complete:
            self._more_timer.start(MORE_ROWS_DELAY_MS)
        self._header.set_versions(self._left, self._right, colors, new.margin_width)
        self._legend.setText(legend_html(layout, colors, self._edit.font()))
        comparison = layout.comparison
        self._stats.set_stats(comparison.stats)
        identical = comparison.identical
        self._banner.setText("Identical: no differences" if comparison.rows
                             else "Both versions are empty")
        self._banner.setVisible(identical)
        self._banner.setStyleSheet(
            f"QLabel#identicalBanner {{ background: {colors.css(colors.insert_bg)}; "
            f"color: {colors.css(colors.text)}; padding: 4px; font-weight: bold; }}")
        self._sync_header()
        self._on_selection_changed()

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            # Several palette events arrive for one switch: re-render once, afterwards.
            self._palette_timer.start()

    def eventFilter(self, watched: QObject, e: QEvent) -> bool:
        if watched in (self._edit, self._edit.viewport()) and e.type() == QEvent.Type.Resize:
            self._sync_header()
        elif (e.type() == QEvent.Type.Paint and watched is self._edit.viewport()
              and self._more_timer.interval() > 0 and self._more_timer.isActive()):
            # The first screen is being painted: the remaining rows may come right after.
            self._more_timer.start(0)
        return super().eventFilter(watched, e)

    def _sync_header(self) -> None:
        """Line the column titles up with the table's columns (the viewport, inside the frame
        and beside the scroll bar, minus the document margin)."""
        viewport = self._edit.viewport().geometry()
        margin = int(self._edit.document().documentMargin())
        right = self._edit.width() - viewport.right() - 1
        self._header.row.setContentsMargins(viewport.left() + margin, 0, right + margin, 0)

    # ---- navigation and marks -------------------------------------------------------------

    def _go_to(self, row: int | None) -> bool:
        doc = self._complete_doc()
        if row is None or doc is None:
            return False
        previous, self._current = self._current, row
        doc.set_current_row(row, previous)
        self._centre_row(doc, row)
        self.currentRowChanged.emit(row)
        return True

    def _centre_row(self, doc: DiffDocument, row: int) -> None:
        """Scroll so the row sits in the middle of the view, as Meld does (its top at the top
        when it is taller than the view); the ends of the text clamp it."""
        layout = doc.document.documentLayout()
        rect = layout.frameBoundingRect(doc.tables[row])
        height = self._edit.viewport().height()
        top = rect.top() - 8 if rect.height() >= height else rect.center().y() - height / 2
        self._edit.verticalScrollBar().setValue(round(top))

    def _scroll_to(self, first: int, last: int) -> None:
        """Scroll so document positions first..last are in view, near the top third."""
        cursor = QTextCursor(self._edit.document())
        cursor.setPosition(first)
        top = self._edit.cursorRect(cursor).top()
        cursor.setPosition(last)
        bottom = self._edit.cursorRect(cursor).bottom()
        height = self._edit.viewport().height()
        if top >= 0 and bottom <= height:
            return
        bar = self._edit.verticalScrollBar()
        lead = height // 4 if bottom - top < height * 3 // 4 else 8
        bar.setValue(bar.value() + top - lead)

    def _flash(self, ranges: list[tuple[int, int]]) -> None:
        if self._doc is None:
            return
        selections = []
        for a, b in ranges:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self._edit.document())
            cursor.setPosition(a)
            cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor  # type: ignore[attr-defined]
            fmt = QTextCharFormat()
            fmt.setBackground(self._doc.colors.flash_bg)
            sel.format = fmt  # type: ignore[attr-defined]
            selections.append(sel)
        self._edit.setExtraSelections(selections)
        self._flash_timer.start(FLASH_MS)

    def _side_of(self, article_id: int) -> SideName | None:
        if self._left is not None and article_id == self._left.id:
            return "left"
        if self._right is not None and article_id == self._right.id:
            return "right"
        return None

    @staticmethod
    def _doc_ranges(doc: DiffDocument, side: SideName, start: int,
                    end: int) -> list[tuple[int, int]]:
        """Document ranges showing article range [start, end) of one side, in row order."""
        side_obj = doc.side(side)
        out = []
        for rm in doc.rows:
            cell = rm.cell(side)
            ranges = RowPlace.of(side_obj, cell.ids).ranges(start, end)
            if ranges:
                out.append((cell.row_to_doc(ranges[0][0]), cell.row_to_doc(ranges[-1][1])))
        return out

    def _clicked(self, pos: int) -> None:
        if self._doc is None or pos < 0 or self._edit.textCursor().hasSelection():
            return
        mark = self._doc.mark_at(pos)
        if mark is None:
            return
        if mark.kind == "note":
            self.noteClicked.emit(mark.note_id)
        elif mark.kind == "quote" and mark.quote >= 0:
            self.request_quote_history(mark.quote)
        elif mark.kind == "move" and mark.target_row >= 0:
            self._go_to(mark.target_row)
            rm = self._doc.rows[mark.target_row]
            cells = [c for c in (rm.left, rm.right) if c.runs]
            self._flash([(c.doc_start, c.doc_end) for c in cells])

    def quote_at(self, pos: int) -> int | None:
        """The index of the quotation at document position `pos`: its margin tag, or words of
        one of its parts on either side."""
        doc, left, right = self._doc, self._left, self._right
        if doc is None or left is None or right is None or pos < 0:
            return None
        mark = doc.mark_at(pos)
        if mark is not None and mark.kind == "quote" and mark.quote >= 0:
            return mark.quote
        found = doc.locate(pos)
        if found is None or found[1] == "margin":
            return None
        side: SideName = "left" if found[1] == "left" else "right"
        offset = doc.article_offset(found[0].cell(side), pos)
        for index, quote in enumerate(doc.layout.comparison.quotes):
            parts = quote.left_parts if side == "left" else quote.right_parts
            if any(p.start <= offset < p.end for p in parts):
                return index
        return None

    def request_quote_history(self, index: int) -> None:
        """Ask for the history of quotation `index` of the comparison on screen."""
        if self._layout is None or self._left is None or self._right is None:
            return
        quote = self._layout.comparison.quotes[index]
        if quote.right_parts:
            self.quoteHistoryRequested.emit(self._right.id, quote.right_parts[0].start)
        elif quote.left_parts:
            self.quoteHistoryRequested.emit(self._left.id, quote.left_parts[0].start)

    def _tooltip_at(self, pos: int) -> str:
        mark: Mark | None = self._doc.mark_at(pos) if self._doc is not None and pos >= 0 else None
        return mark.tooltip if mark is not None else ""

    def _on_selection_changed(self) -> None:
        has = self.selected_passage() is not None
        if has != self._has_passage:
            self._has_passage = has
            self.selectionChanged.emit(has)
