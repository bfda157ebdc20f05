"""The library search's words in the comparison: a solid rounded box around each (neither the
underline of an insertion nor the strike of a deletion, nor the dotted box of a quotation),
and F3 / Shift+F3 to step through them, centring each.

Which words match is `present.search_hits` (the search's own rules); this only draws the
spans it returns and scrolls to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextCursor

from reader.export.boxes import line_rects
from reader.present import Layout
from reader.present.search_hits import SearchHit, search_hits
from reader.ui.comparison_parts import DiffTextEdit
from reader.ui.diff_document import DiffDocument

PEN, CURRENT_PEN = 1.5, 2.5  # the current match: a thicker box and a deeper tint
FILL_ALPHA, CURRENT_FILL_ALPHA = 30, 75  # light enough to read the words through


@dataclass(frozen=True)
class Step:
    """Where F3 landed: match `number` of `total`; `wrapped` when it went round an end."""

    number: int
    total: int
    wrapped: bool


class SearchMarks:
    """Boxes the words of `set_query`'s query in the document `shown()` returns (as laid out
    so far); `step` goes through them in `complete()`'s (every row laid out)."""

    def __init__(self, edit: DiffTextEdit, shown: Callable[[], DiffDocument | None],
                 complete: Callable[[], DiffDocument | None]) -> None:
        self._edit = edit
        self._shown = shown
        self._complete = complete
        self._query = ""
        self._layout: Layout | None = None  # the layout `_hits` were found in
        self._hits: tuple[SearchHit, ...] = ()
        self._current: int | None = None
        edit.overlays.append(self._paint)

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, query: str) -> None:
        """Box the words of `query` ("" clears the boxes)."""
        if query.strip() == self._query:
            return
        self._query = query.strip()
        self._layout = None
        self._edit.viewport().update()

    def hits(self) -> tuple[SearchHit, ...]:
        """The matches in the comparison on screen, in reading order."""
        doc = self._shown()
        layout = doc.layout if doc is not None else None
        if layout is not self._layout:
            previous, self._layout = self._layout, layout
            same_text = (previous is not None and layout is not None
                         and previous.comparison is layout.comparison)  # notes changed only
            if not same_text:
                self._current = None
            self._hits = search_hits(layout, self._query) if layout is not None else ()
        return self._hits

    def ranges(self) -> list[tuple[int, int]]:
        """The document positions of every match laid out so far, in reading order."""
        doc = self._shown()
        if doc is None:
            return []
        return [r for r in (self._range(doc, hit) for hit in self.hits()) if r is not None]

    def current_range(self) -> tuple[int, int] | None:
        """The document positions of the match F3 last went to (drawn thicker)."""
        doc, hits = self._shown(), self.hits()
        if doc is None or self._current is None:
            return None
        return self._range(doc, hits[self._current])

    def position(self) -> tuple[int, int] | None:
        """(N, M): the current match is match N of M; None before the first step."""
        hits = self.hits()
        if self._current is None or not hits:
            return None
        return self._current + 1, len(hits)

    def step(self, forward: bool) -> Step | None:
        """Make the next (or previous) match current and centre it; round the end to the
        other end. None when there is no match."""
        doc = self._complete()
        hits = self.hits()
        if doc is None or not hits:
            return None
        count = len(hits)
        if self._current is None:
            target = 0 if forward else count - 1
        else:
            target = self._current + (1 if forward else -1)
        wrapped = not 0 <= target < count
        self._current = target % count
        self._centre(doc, hits[self._current])
        self._edit.viewport().update()
        return Step(self._current + 1, count, wrapped)

    # ---- drawing -------------------------------------------------------------------------

    @staticmethod
    def _range(doc: DiffDocument, hit: SearchHit) -> tuple[int, int] | None:
        """The document positions of a match; None while its row is not laid out yet."""
        if hit.row >= len(doc.rows):
            return None
        cell = doc.rows[hit.row].cell(hit.side)
        return cell.row_to_doc(hit.start), cell.row_to_doc(hit.end)

    def _centre(self, doc: DiffDocument, hit: SearchHit) -> None:
        found = self._range(doc, hit)
        if found is None:
            return
        cursor = QTextCursor(doc.document)
        cursor.setPosition(found[0])
        rect = self._edit.cursorRect(cursor)
        bar = self._edit.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self._edit.viewport().height() // 2)

    def _paint(self, painter: QPainter, shown: QRectF, first: int, last: int) -> None:
        doc = self._shown()
        hits = self.hits()
        if doc is None or not hits:
            return
        color = doc.colors.search
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for n, hit in enumerate(hits):
            found = self._range(doc, hit)
            if found is None or found[1] < first or found[0] > last:
                continue
            current = n == self._current
            width = CURRENT_PEN if current else PEN
            fill = QColor(color)
            fill.setAlpha(CURRENT_FILL_ALPHA if current else FILL_ALPHA)
            painter.setPen(QPen(color, width, Qt.PenStyle.SolidLine))
            painter.setBrush(fill)
            for rect in line_rects(doc.document, *found):
                if rect.intersects(shown):
                    painter.drawRoundedRect(rect.adjusted(-1, 0, 1, 0), 3, 3)
        painter.restore()
