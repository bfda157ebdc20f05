"""The aligned comparison as one QTextDocument: rows of [margin | left version | right version].

What goes where comes from the presentation (`reader.present.Layout`); this module only draws
it. Each comparison row is a one-row table with the same column widths, so rows stay aligned
(an added sentence faces an empty cell) and both versions scroll together for free. One table
per row, not one big table: Qt lays a table out all at once, so a big one made showing a
5k-word comparison take ~300 ms and every change of the current row re-laid it all out, while
small tables are laid out lazily, screen by screen, and re-laid one at a time. Rows can also be
put into the document in steps (`first_rows`, `DiffDocument.append_rows`): the view builds what
fills the first screen, shows it, and appends the rest while the event loop is idle.

The document is built from rich text (Qt imports HTML many times faster than Python inserts
table cells one by one, whose cost grows quadratically). Every cell holds its row's sentences
joined by one space, exactly `row_text`, so a position in a cell maps back to an article
offset through `row_offset_to_text`. Ornaments the reader sees but that are not article text
(note numbers, margin labels) are kept out of that mapping: each cell records the runs of
article text it holds.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QTextCursor,
    QTextDocument,
    QTextTable,
    QTextTableCell,
    QTextTableCellFormat,
)

from reader.compare.model import Side, row_offset_to_text
from reader.present import (
    Layout,
    NoteRef,
    NumberedNote,
    Piece,
    RowView,
    SideName,
    carried_caption,
)
from reader.present.margin import short
from reader.present.quotes import flag_text
from reader.ui.diff_styles import (
    LOOKS,
    Look,
    char_format,
    css,
    note_look,
    small_font,
    text_look,
)
from reader.ui.palette_colors import DiffColors
from reader.ui.text_positions import Utf16Map, utf16_len

MarkKind = Literal["note", "move", "quote"]

CELL_PADDING = 5
# The margin is as wide as its longest label, so labels stay on one line in a narrow window;
# the two versions share the rest of the width equally.
MARGIN_SAMPLES = ("▶ ❝→ reported speech", "▶ ⇅ moved from ¶888", "▶ ⇅ ¶888 was before ↓")
LINE_SEPARATOR = "\u2028"  # a line break inside one block: keeps a margin cell one paragraph
CURRENT_ARROW = "▶"
# Control characters inside a sentence show as spaces: same length, so offsets hold.
_AS_SPACE = str.maketrans({c: " " for c in [*map(chr, range(32)), "\x7f", "\u2029"]})


@dataclass
class TextRun:
    """A run of article text inserted in one go: doc positions (UTF-16) ↔ row offsets."""

    doc_start: int
    row_start: int
    u16: Utf16Map


@dataclass
class CellMap:
    row: int  # 0-based index of the row
    side: SideName
    ids: tuple[int, ...]  # the row's sentence ids on this side
    doc_start: int = 0  # first cursor position inside the cell
    doc_end: int = 0  # last cursor position inside the cell
    runs: list[TextRun] = field(default_factory=list)

    def doc_to_row(self, pos: int) -> int:
        """A document position inside this cell → offset in the row text (code points)."""
        if not self.runs:
            return 0
        starts = [r.doc_start for r in self.runs]
        run = self.runs[max(0, bisect_right(starts, pos) - 1)]
        inside = min(max(pos - run.doc_start, 0), run.u16.utf16_length)
        return run.row_start + run.u16.to_code_point(inside)

    def row_to_doc(self, offset: int) -> int:
        """An offset in the row text → the document position (UTF-16)."""
        if not self.runs:
            return self.doc_start
        starts = [r.row_start for r in self.runs]
        run = self.runs[max(0, bisect_right(starts, offset) - 1)]
        return run.doc_start + run.u16.to_utf16(offset - run.row_start)


@dataclass
class RowMap:
    index: int
    view: RowView
    margin_start: int
    margin_end: int
    left: CellMap
    right: CellMap

    def cell(self, side: SideName) -> CellMap:
        return self.left if side == "left" else self.right


@dataclass(frozen=True)
class Mark:
    """A clickable or hoverable range of the document."""

    kind: MarkKind
    doc_start: int
    doc_end: int
    tooltip: str
    note_id: int = -1  # kind "note"
    target_row: int = -1  # kind "move": the index of the row a click scrolls to
    quote: int = -1  # kind "quote" in the margin: the quotation's index in the comparison


@dataclass
class DiffDocument:
    document: QTextDocument
    layout: Layout
    tables: list[QTextTable]  # one outer table per row (see `row_cells`)
    rows: list[RowMap]
    marks: list[Mark]
    colors: DiffColors
    font: QFont
    margin_width: int  # pixels, padding included
    hatch: QTextTableCellFormat  # the cell facing an added or removed sentence
    # Where flagged quotations stand in the text (document positions, end exclusive): the
    # text widget frames them in a dotted box with a bracket (Qt draws no inline borders).
    quote_ranges: list[tuple[int, int]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return len(self.rows) == len(self.layout.rows)

    def append_rows(self, count: int) -> bool:
        """Lay out up to `count` more rows at the end; True while rows remain after that."""
        first = len(self.rows)
        views = self.layout.rows[first:first + max(count, 0)]
        if views:
            _append(self, views)
        return not self.complete

    def finish(self) -> None:
        """Lay out every row still missing."""
        self.append_rows(len(self.layout.rows))

    def side(self, name: SideName) -> Side:
        cmp = self.layout.comparison
        return cmp.left if name == "left" else cmp.right

    def locate(self, pos: int) -> tuple[RowMap, Literal["margin", "left", "right"]] | None:
        """The row and column whose cell holds document position `pos`."""
        starts = [r.margin_start for r in self.rows]
        i = bisect_right(starts, pos) - 1
        if i < 0:
            return None
        rm = self.rows[i]
        if pos <= rm.margin_end:
            return rm, "margin"
        if rm.left.doc_start <= pos <= rm.left.doc_end:
            return rm, "left"
        if rm.right.doc_start <= pos <= rm.right.doc_end:
            return rm, "right"
        return None

    def mark_at(self, pos: int) -> Mark | None:
        """The innermost mark covering `pos` (a position on either edge counts)."""
        hits = [m for m in self.marks if m.doc_start <= pos <= m.doc_end]
        return min(hits, key=lambda m: m.doc_end - m.doc_start) if hits else None

    def article_offset(self, cell: CellMap, pos: int) -> int:
        return row_offset_to_text(self.side(cell.side), cell.ids, cell.doc_to_row(pos))

    def set_current_row(self, index: int | None, previous: int | None) -> None:
        """Show the margin arrow and tint of the current row; hide the previous one's."""
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        for i, current in ((previous, False), (index, True)):
            if i is None or not 0 <= i < len(self.rows):
                continue
            rm = self.rows[i]
            cursor.setPosition(rm.margin_start)
            cursor.setPosition(rm.margin_start + 1, QTextCursor.MoveMode.KeepAnchor)
            look = LOOKS["arrow_current" if current else "arrow"]
            cursor.mergeCharFormat(char_format(look, self.colors, self.font))
            margin = self.tables[i].cellAt(0, 0)
            cell_format = margin.format().toTableCellFormat()
            if current:
                cell_format.setBackground(self.colors.current_row_bg)
            else:
                cell_format.clearBackground()
            margin.setFormat(cell_format)
        cursor.endEditBlock()


def build_diff_document(layout: Layout, colors: DiffColors, font: QFont,
                        first_rows: int | None = None) -> DiffDocument:
    """Draw `layout` as aligned rows with every difference formatted.

    With `first_rows`, only that many rows are laid out now (enough for the first screen);
    `DiffDocument.append_rows` adds the rest later, `finish` all at once.
    """
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(6)
    hatch = QTextTableCellFormat()
    hatch.setBackground(QBrush(colors.empty_cell, Qt.BrushStyle.BDiagPattern))
    metrics = QFontMetrics(small_font(font))
    margin_width = max(metrics.horizontalAdvance(t) for t in MARGIN_SAMPLES) + 2 * CELL_PADDING + 6
    built = DiffDocument(doc, layout, [], [], [], colors, font, margin_width, hatch)
    built.append_rows(len(layout.rows) if first_rows is None else first_rows)
    return built


# ---- what each cell shows, before it is put in the document ----------------------------------


@dataclass(frozen=True)
class _Seg:
    text: str
    look: Look
    row_start: int  # offset of the text in the row text; -1 for an ornament


@dataclass
class _CellPlan:
    segs: list[_Seg] = field(default_factory=list)
    # Marks with positions relative to the cell's first position (UTF-16), fixed up later.
    marks: list[Mark] = field(default_factory=list)
    length: int = 0  # UTF-16 units

    def add(self, text: str, look: Look, row_start: int = -1) -> tuple[int, int]:
        start = self.length
        self.segs.append(_Seg(text, look, row_start))
        self.length += utf16_len(text)
        return start, self.length


def _plan_margin(view: RowView) -> _CellPlan:
    """The current-row arrow, the row's kind, then one line per move or flagged quotation."""
    plan = _CellPlan()
    plan.add(CURRENT_ARROW + " ", LOOKS["arrow"])
    label = "" if view.row.kind == "equal" else view.row.kind
    if label:
        plan.add(label, LOOKS["kind"])
    if view.likeness.endswith("alike"):  # "edited · 87%": short enough for the same line
        plan.add(f" · {view.likeness.removesuffix(' alike')}", LOOKS["kind"])
    elif view.likeness:  # "punctuation only" on a line of its own
        plan.add(LINE_SEPARATOR, LOOKS["kind"])
        plan.add(CURRENT_ARROW + " ", LOOKS["arrow"])
        plan.add(view.likeness, LOOKS["kind"])
    for n, line in enumerate(view.margin):
        if label or n:
            # An invisible arrow keeps every line indented like the first.
            plan.add(LINE_SEPARATOR, LOOKS["kind"])
            plan.add(CURRENT_ARROW + " ", LOOKS["arrow"])
        a, b = plan.add(line.text, LOOKS["moved" if line.kind == "moved" else "quote_tag"])
        if line.kind == "moved" and line.target is not None:
            plan.marks.append(Mark("move", a, b, line.tooltip, target_row=line.target - 1))
        elif line.quote is not None:
            tip = f"{line.tooltip}\nClick: this quotation in every version of the story."
            plan.marks.append(Mark("quote", a, b, tip, quote=line.quote))
    return plan


def _plan_cell(layout: Layout, view: RowView, side: SideName) -> _CellPlan:
    """The cell's text piece by piece, with a note's number after its passage. (The window
    tags flagged quotations in the margin, so the exports' inline flags are left out.)"""
    plan = _CellPlan()
    quotes = layout.comparison.quotes
    for item in view.cell(side).items:
        if isinstance(item, Piece):
            a, b = plan.add(item.text, text_look(item, view.whole), item.start)
            if item.quote is not None:
                plan.marks.append(Mark("quote", a, b, flag_text(quotes[item.quote], side)))
            plan.marks.extend(Mark("note", a, b, _note_tip(n), n.note.id) for n in item.notes)
        elif isinstance(item, NoteRef):
            # A note carried from another version says so where it is drawn, not by colour.
            mark = "↷" if item.note.carried else ""
            a, b = plan.add(f"✎{item.note.number}{mark}",
                            note_look("badge", item.note.note.color))
            plan.marks.append(Mark("note", a, b, _note_tip(item.note), item.note.note.id))
    return plan


def _note_tip(n: NumberedNote) -> str:
    label = f" [{n.note.label}]" if n.note.label else ""
    caption = carried_caption(n)
    carried = f"\n({caption})" if caption else ""
    return f"Note {n.number}{label}: {short(n.note.body, 160)}{carried}\nClick to open it."


# ---- putting the plans into the document ------------------------------------------------------


class _Css:
    """Inline styles of the looks in use, worked out once per document."""

    def __init__(self, colors: DiffColors, font: QFont) -> None:
        self.colors, self.font = colors, font
        self._found: dict[Look, str] = {}

    def attr(self, look: Look) -> str:
        found = self._found.get(look)
        if found is None:
            style = css(look, self.colors, self.font)
            found = self._found[look] = f' style="{style}"' if style else ""
        return found


def _cell_html(parts: list[str], plan: _CellPlan, styles: _Css) -> None:
    for seg in plan.segs:
        if seg.text == LINE_SEPARATOR:
            parts.append("<br>")
            continue
        text = html.escape(seg.text.translate(_AS_SPACE), quote=False)
        attrs = styles.attr(seg.look)
        parts.append(f"<span{attrs}>{text}</span>" if attrs else text)


def _backgrounds(view: RowView, c: DiffColors) -> tuple[QColor | None, QColor | None]:
    kind = view.row.kind
    if kind == "edited":
        return c.edited_row_bg, c.edited_row_bg
    if kind == "added":
        return None, c.added_row_bg
    if kind == "removed":
        return c.removed_row_bg, None
    return None, None


def _rows_html(built: DiffDocument, views: tuple[RowView, ...],
               plans: list[tuple[_CellPlan, _CellPlan, _CellPlan]]) -> str:
    # Each row: an outer table [margin (fixed width) | content], the content holding an
    # inner table [left 50% | right 50%]. Qt takes percentages of the whole table width,
    # so a fixed margin beside two 50% columns would not split the rest equally.
    c = built.colors
    styles = _Css(c, built.font)
    outer = ('<table width="100%" cellspacing="0" cellpadding="0" border="0"><tr>'
             f'<td width="{built.margin_width}" '
             f'style="white-space:pre-wrap; padding:{CELL_PADDING}px">')
    inner = ('</td><td width="100%"><table width="100%" cellspacing="0" '
             f'cellpadding="{CELL_PADDING}" border="0"><tr>')
    parts: list[str] = []
    for view, (margin, left, right) in zip(views, plans, strict=True):
        parts.append(outer)
        _cell_html(parts, margin, styles)
        parts.append(inner)
        for cell, bg in zip((left, right), _backgrounds(view, c), strict=True):
            bg_attr = f' bgcolor="{c.css(bg)}"' if bg is not None else ""
            parts.append(f'<td width="50%"{bg_attr} style="white-space:pre-wrap">')
            _cell_html(parts, cell, styles)
            parts.append("</td>")
        parts.append("</tr></table></td></tr></table>")
    return "".join(parts)


def row_cells(outer: QTextTable) -> tuple[QTextTableCell, QTextTableCell, QTextTableCell]:
    """The margin, left and right cells of one row's outer table."""
    inner = next(f for f in outer.childFrames() if isinstance(f, QTextTable))
    return outer.cellAt(0, 0), inner.cellAt(0, 0), inner.cellAt(0, 1)


def _append(built: DiffDocument, views: tuple[RowView, ...]) -> None:
    first = len(built.rows)
    plans = [(_plan_margin(v), _plan_cell(built.layout, v, "left"),
              _plan_cell(built.layout, v, "right")) for v in views]
    markup = _rows_html(built, views, plans)
    doc = built.document
    if first == 0:
        doc.setHtml(markup)
    else:
        end = QTextCursor(doc)
        end.movePosition(QTextCursor.MoveOperation.End)
        end.insertHtml(markup)
    root = doc.rootFrame()
    new_tables = [f for f in root.childFrames() if isinstance(f, QTextTable)][first:]
    marks: list[Mark] = []
    for n, (view, plan, table) in enumerate(zip(views, plans, new_tables, strict=True), first):
        qcells = row_cells(table)
        starts = [c.firstPosition() for c in qcells]
        for column, (cell_plan, cell_start) in enumerate(zip(plan, starts, strict=True)):
            marks.extend(replace(m, doc_start=cell_start + m.doc_start,
                                 doc_end=cell_start + m.doc_end) for m in cell_plan.marks)
            for m in cell_plan.marks if column else ():  # the text's, not the margin tags
                if m.kind != "quote":
                    continue
                a, b = cell_start + m.doc_start, cell_start + m.doc_end
                if built.quote_ranges and built.quote_ranges[-1][1] == a:
                    a = built.quote_ranges.pop()[0]  # a quotation cut by a change: one box
                built.quote_ranges.append((a, b))
        if view.whole:  # the cell facing nothing is hatched
            qcells[1 if view.row.kind == "added" else 2].setFormat(built.hatch)
        left = _cell_map(n, "left", view, plan[1], starts[1])
        right = _cell_map(n, "right", view, plan[2], starts[2])
        built.rows.append(RowMap(n, view, starts[0], starts[0] + plan[0].length, left, right))
    marks.sort(key=lambda m: m.doc_start)
    built.marks.extend(marks)  # rows come in document order, so the marks stay sorted
    built.tables.extend(new_tables)


def _cell_map(n: int, side: SideName, view: RowView, plan: _CellPlan, start: int) -> CellMap:
    cell = CellMap(n, side, view.row.left if side == "left" else view.row.right, start,
                   start + plan.length)
    offset = start
    for seg in plan.segs:
        u16 = Utf16Map(seg.text)
        if seg.row_start >= 0:
            cell.runs.append(TextRun(offset, seg.row_start, u16))
        offset += u16.utf16_length
    return cell
