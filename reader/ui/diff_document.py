"""The aligned comparison as one QTextDocument: a table [margin | left version | right version].

One table keeps the rows aligned (an added sentence faces an empty cell) and lets both versions
scroll together for free. Every cell holds its row's sentences joined by one space, exactly
`row_text`, so a position in a cell maps back to an article offset through `row_offset_to_text`.
Ornaments the reader sees but that are not article text (note numbers, margin labels) are kept
out of that mapping: each cell records the runs of article text it holds ("pieces").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableCellFormat,
    QTextTableFormat,
)

from reader.compare.model import Comparison, Quote, Row, Side, row_offset_to_text, row_text
from reader.store.records import NoteRecord
from reader.ui.palette_colors import DiffColors
from reader.ui.text_positions import Utf16Map, utf16_len

SideName = Literal["left", "right"]
MarkKind = Literal["note", "move", "quote"]

# Char-format properties that record what the view formatted, so tests (and hit-testing) read
# the document itself rather than trusting the builder's intentions.
PROP_OP_KIND = QTextFormat.Property.UserProperty + 1
PROP_OP_PARITY = QTextFormat.Property.UserProperty + 2  # tells adjacent ops of one kind apart
PROP_ORNAMENT = QTextFormat.Property.UserProperty + 3  # shown, but not article text

MARGIN_PERCENT = 13.0
LINE_SEPARATOR = "\u2028"  # a line break inside one block: keeps a margin cell one paragraph
CURRENT_ARROW = "▶"

# Margin tags of quotation statuses; verbatim quotations need no flag.
QUOTE_TAGS: dict[str, str] = {
    "altered": "❝≠ quote altered",
    "unquoted": "❝→ now reported speech",
    "dropped": "❝− quote dropped",
    "added": "❝+ new quote",
}
KIND_LABELS: dict[str, str] = {"edited": "edited", "added": "added", "removed": "removed"}


@dataclass
class Piece:
    """A run of article text inserted in one go: doc positions (UTF-16) ↔ row offsets."""

    doc_start: int
    row_start: int
    u16: Utf16Map


@dataclass
class CellMap:
    row: int
    side: SideName
    ids: tuple[int, ...]  # the row's sentence ids on this side
    doc_start: int = 0  # first cursor position inside the cell
    doc_end: int = 0  # last cursor position inside the cell
    text: str = ""  # the row text it holds
    pieces: list[Piece] = field(default_factory=list)

    def doc_to_row(self, pos: int) -> int:
        """A document position inside this cell → offset in the row text (code points)."""
        if not self.pieces:
            return 0
        starts = [p.doc_start for p in self.pieces]
        piece = self.pieces[max(0, bisect_right(starts, pos) - 1)]
        inside = min(max(pos - piece.doc_start, 0), piece.u16.utf16_length)
        return piece.row_start + piece.u16.to_code_point(inside)

    def row_to_doc(self, offset: int) -> int:
        """An offset in the row text → the document position (UTF-16)."""
        if not self.pieces:
            return self.doc_start
        starts = [p.row_start for p in self.pieces]
        piece = self.pieces[max(0, bisect_right(starts, offset) - 1)]
        return piece.doc_start + piece.u16.to_utf16(offset - piece.row_start)


@dataclass
class RowMap:
    index: int
    row: Row
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
    target_row: int = -1  # kind "move": the row a click scrolls to


@dataclass
class DiffDocument:
    document: QTextDocument
    table: QTextTable | None
    left_side: Side
    right_side: Side
    rows: list[RowMap]
    marks: list[Mark]
    quote_rows: list[int]  # rows holding an altered quotation, in order
    colors: DiffColors

    def side(self, name: SideName) -> Side:
        return self.left_side if name == "left" else self.right_side

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
        if self.table is None:
            return
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        for i, current in ((previous, False), (index, True)):
            if i is None or not 0 <= i < len(self.rows):
                continue
            rm = self.rows[i]
            cursor.setPosition(rm.margin_start)
            cursor.setPosition(rm.margin_start + 1, QTextCursor.MoveMode.KeepAnchor)
            arrow = QTextCharFormat()
            arrow.setForeground(self.colors.moved if current else QColor(0, 0, 0, 0))
            cursor.mergeCharFormat(arrow)
            cell_format = self.table.cellAt(i, 0).format().toTableCellFormat()
            if current:
                cell_format.setBackground(self.colors.current_row_bg)
            else:
                cell_format.clearBackground()
            self.table.cellAt(i, 0).setFormat(cell_format)
        cursor.endEditBlock()


class _Formats:
    """Char formats, built once per render and shared by every cell."""

    def __init__(self, colors: DiffColors, font: QFont) -> None:
        self.colors = colors
        self.plain = QTextCharFormat()
        self.margin = QTextCharFormat()
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() * 0.82, 6.0))
        self.margin.setFont(small)
        self.margin.setForeground(colors.muted)
        self.arrow = QTextCharFormat(self.margin)
        self.arrow.setForeground(QColor(0, 0, 0, 0))
        self.moved = QTextCharFormat(self.margin)
        self.moved.setForeground(colors.moved)
        self.moved.setFontUnderline(True)
        self.quote_tag = QTextCharFormat(self.margin)
        self.quote_tag.setForeground(colors.quote)
        self.kind_label = QTextCharFormat(self.margin)
        self.kind_label.setForeground(colors.text)
        self.note_badge = QTextCharFormat()
        self.note_badge.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        self.note_badge.setForeground(colors.note_fg)
        self.note_badge.setBackground(colors.note_bg)
        self.note_badge.setFontWeight(QFont.Weight.Bold)
        self.note_badge.setProperty(PROP_ORNAMENT, True)
        self._cache: dict[tuple[str, SideName, int, bool, bool, bool], QTextCharFormat] = {}

    def text(self, op: str, side: SideName, op_index: int, whole_row: bool, quote: bool,
             note: bool) -> QTextCharFormat:
        """The format of article text under op kind `op` ("" outside any change)."""
        key = (op, side, op_index % 2, whole_row, quote, note)
        fmt = self._cache.get(key)
        if fmt is not None:
            return fmt
        c = self.colors
        fmt = QTextCharFormat()
        if op:
            fmt.setProperty(PROP_OP_KIND, op)
            fmt.setProperty(PROP_OP_PARITY, op_index % 2)
        style = _style_of(op, side)
        if style == "delete":
            fmt.setFontStrikeOut(True)
            if not whole_row:  # a whole removed row is already tinted as a cell
                fmt.setBackground(c.delete_bg)
        elif style == "insert":
            fmt.setFontUnderline(True)
            fmt.setUnderlineColor(c.insert_fg)
            if not whole_row:
                fmt.setBackground(c.insert_bg)
        if quote and style != "insert":
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(c.quote)
        if note:
            fmt.setBackground(c.note_bg)
        self._cache[key] = fmt
        return fmt


@dataclass(frozen=True)
class _NoteSpan:
    number: int
    note: NoteRecord
    badge: bool  # this cell carries the note's number after the passage


def text_to_row_offset(side: Side, ids: tuple[int, ...], offset: int) -> int | None:
    """Inverse of `row_offset_to_text`: an article offset → offset in the row text, or None
    when the offset is not inside one of the row's sentences."""
    pos = 0
    for i in ids:
        s = side.sentences[i]
        if s.start <= offset <= s.end:
            return pos + offset - s.start
        pos += s.end - s.start + 1
    return None


def _row_ranges(side: Side, ids: tuple[int, ...], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of article range [start, end) inside this row, as row-text ranges; parts in
    consecutive sentences of the row are joined across the space between them."""
    out: list[tuple[int, int]] = []
    pos = 0
    for i in ids:
        s = side.sentences[i]
        a, b = max(start, s.start), min(end, s.end)
        if a < b:
            ra, rb = pos + a - s.start, pos + b - s.start
            if out and out[-1][1] + 1 == ra and a == s.start:
                out[-1] = (out[-1][0], rb)
            else:
                out.append((ra, rb))
        pos += s.end - s.start + 1
    return out


def _op_ranges(row: Row, side: SideName, length: int) -> list[tuple[int, int, str, int]]:
    """Non-equal ops on one side as (start, end, op kind, op index) in row-text offsets.

    An added or removed row without ops counts as one whole-row op, so it is marked in the
    text as well as by its tint.
    """
    out: list[tuple[int, int, str, int]] = []
    for n, op in enumerate(row.ops):
        a, b = op.left if side == "left" else op.right
        if op.op != "equal" and a < b:
            out.append((a, b, op.op, n))
    if not row.ops and length:
        if side == "left" and row.kind == "removed":
            out.append((0, length, "delete", 0))
        elif side == "right" and row.kind == "added":
            out.append((0, length, "insert", 0))
    return out


def _style_of(op: str, side: SideName) -> str:
    """How an op kind looks on one side: a replace shows as deleted left, inserted right."""
    if op == "replace":
        return "delete" if side == "left" else "insert"
    return op


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Builder:
    def __init__(self, left_id: int, right_id: int, comparison: Comparison,
                 notes: Sequence[NoteRecord], colors: DiffColors, font: QFont) -> None:
        self.cmp = comparison
        self.ids: dict[SideName, int] = {"left": left_id, "right": right_id}
        self.colors = colors
        self.formats = _Formats(colors, font)
        self.font = font
        self.row_of: dict[SideName, dict[int, int]] = {"left": {}, "right": {}}
        for n, row in enumerate(comparison.rows):
            for sid in row.left:
                self.row_of["left"][sid] = n
            for sid in row.right:
                self.row_of["right"][sid] = n
        self.notes = [n for n in notes if n.article_id is not None and n.resolved is not None
                      and not n.orphaned and not n.deleted]
        self.note_numbers = {n.id: i + 1 for i, n in enumerate(notes)}
        self.marks: list[Mark] = []
        self.margin_lines: dict[int, list[tuple[str, QTextCharFormat, Mark | None]]] = {}
        self.quotes_in_row: dict[tuple[int, SideName], list[Quote]] = {}
        self.altered_rows: set[int] = set()

    # ---- what goes where -------------------------------------------------------------

    def _plan_quotes(self) -> None:
        sides: tuple[SideName, SideName] = ("left", "right")
        for q in self.cmp.quotes:
            for side_name, qs in zip(sides, (q.left, q.right), strict=True):
                if qs is not None and q.status == "altered":
                    row = self.row_of[side_name].get(qs.sentence)
                    if row is not None:
                        self.quotes_in_row.setdefault((row, side_name), []).append(q)
            tag = QUOTE_TAGS.get(q.status)
            anchor = q.right or q.left
            anchor_side: SideName = "right" if q.right is not None else "left"
            if tag is None or anchor is None:
                continue
            row = self.row_of[anchor_side].get(anchor.sentence)
            if row is None:
                continue
            if q.status == "altered":
                self.altered_rows.add(row)
            self.margin_lines.setdefault(row, []).append(
                (tag, self.formats.quote_tag, self._quote_mark(q)))

    def _quote_mark(self, q: Quote) -> Mark:
        left = f"Left: “{_short(q.left.text, 200)}”" if q.left else "Left: (no quotation)"
        right = f"Right: “{_short(q.right.text, 200)}”" if q.right else "Right: (no quotation)"
        title = {"altered": "Quotation altered", "unquoted": "Quotation turned into reported "
                 "speech", "dropped": "Quotation dropped", "added": "New quotation",
                 "verbatim": "Quotation kept word for word"}[q.status]
        return Mark("quote", 0, 0, f"{title} (similarity {q.similarity:.0%})\n{left}\n{right}")

    def _plan_moves(self) -> None:
        left = self.cmp.left
        for n, row in enumerate(self.cmp.rows):
            if not row.moved or not row.left:
                continue
            first = min(row.left)
            para = left.sentences[first].paragraph + 1
            before = self.row_of["left"].get(first - 1)
            after = self.row_of["left"].get(max(row.left) + 1)
            target = before if before is not None else after
            if target is None or target == n:
                self.margin_lines.setdefault(n, []).insert(
                    0, (f"⇅ moved from ¶{para}", self.formats.moved, None))
                continue
            where = "after" if before is not None else "before"
            neighbour = self.cmp.left.sentences[first - 1 if before is not None
                                                else max(row.left) + 1].text
            self.margin_lines.setdefault(n, []).insert(0, (
                f"⇅ moved from ¶{para}", self.formats.moved,
                Mark("move", 0, 0, f"Moved: on the left this came {where} “{_short(neighbour)}”."
                     "\nClick to see where it was.", target_row=target)))
            arrow = "↓" if n > target else "↑"
            self.margin_lines.setdefault(target, []).append((
                f"⇅ ¶{para} was {'next' if before is not None else 'before'}, now {arrow}",
                self.formats.moved,
                Mark("move", 0, 0, f"On the left, “{_short(left.sentences[first].text)}” came "
                     f"{'right after' if before is not None else 'right before'} this.\n"
                     "Click to go to where it is now.", target_row=n)))

    def _note_spans(self, row: int, side: SideName,
                    ids: tuple[int, ...]) -> list[tuple[int, int, _NoteSpan]]:
        out: list[tuple[int, int, _NoteSpan]] = []
        side_obj = self.cmp.left if side == "left" else self.cmp.right
        for note in self.notes:
            if note.article_id != self.ids[side] or note.resolved is None:
                continue
            ranges = _row_ranges(side_obj, ids, note.resolved.start, note.resolved.end)
            if not ranges:
                continue
            # The number goes once, after the passage, in the row holding its last sentence.
            last = self._last_sentence(side_obj, note.resolved.start, note.resolved.end)
            badge_row = self.row_of[side].get(last) if last is not None else None
            span = _NoteSpan(self.note_numbers.get(note.id, 0), note, badge_row == row)
            out.extend((a, b, span) for a, b in ranges)
        return out

    @staticmethod
    def _last_sentence(side: Side, start: int, end: int) -> int | None:
        hit = [s.id for s in side.sentences if s.start < end and start < s.end]
        return hit[-1] if hit else None

    # ---- building ----------------------------------------------------------------------

    def build(self) -> DiffDocument:
        self._plan_quotes()
        self._plan_moves()
        doc = QTextDocument()
        doc.setUndoRedoEnabled(False)
        doc.setDefaultFont(self.font)
        doc.setDocumentMargin(6)
        rows = self.cmp.rows
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        row_maps: list[RowMap] = []
        table: QTextTable | None = None
        if rows:
            table = cursor.insertTable(len(rows), 3, self._table_format())
            for n, row in enumerate(rows):
                row_maps.append(self._fill_row(table, cursor, n, row))
        cursor.endEditBlock()
        self.marks.sort(key=lambda m: m.doc_start)
        return DiffDocument(doc, table, self.cmp.left, self.cmp.right, row_maps, self.marks,
                            sorted(self.altered_rows), self.colors)

    def _table_format(self) -> QTextTableFormat:
        fmt = QTextTableFormat()
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        half = (100.0 - MARGIN_PERCENT) / 2
        fmt.setColumnWidthConstraints([
            QTextLength(QTextLength.Type.PercentageLength, MARGIN_PERCENT),
            QTextLength(QTextLength.Type.PercentageLength, half),
            QTextLength(QTextLength.Type.PercentageLength, half),
        ])
        fmt.setCellPadding(5)
        fmt.setCellSpacing(0)
        fmt.setBorder(0.6)
        fmt.setBorderCollapse(True)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderBrush(QBrush(self.colors.empty_cell))
        return fmt

    def _fill_row(self, table: QTextTable, cursor: QTextCursor, n: int, row: Row) -> RowMap:
        margin_start = cursor.position()
        self._fill_margin(cursor, n, row)
        margin_end = cursor.position()
        cursor.movePosition(QTextCursor.MoveOperation.NextCell)
        left = self._fill_cell(cursor, n, row, "left", row.left)
        cursor.movePosition(QTextCursor.MoveOperation.NextCell)
        right = self._fill_cell(cursor, n, row, "right", row.right)
        cursor.movePosition(QTextCursor.MoveOperation.NextCell)
        self._format_cells(table, n, row)
        return RowMap(n, row, margin_start, margin_end, left, right)

    def _fill_margin(self, cursor: QTextCursor, n: int, row: Row) -> None:
        f = self.formats
        cursor.insertText(CURRENT_ARROW + " ", f.arrow)
        label = KIND_LABELS.get(row.kind, "")
        if label:
            cursor.insertText(label, f.kind_label)
        for n_line, (text, fmt, mark) in enumerate(self.margin_lines.get(n, ())):
            if label or n_line:
                cursor.insertText(LINE_SEPARATOR, f.margin)
            start = cursor.position()
            cursor.insertText(text, fmt)
            if mark is not None:
                self.marks.append(Mark(mark.kind, start, cursor.position(), mark.tooltip,
                                       mark.note_id, mark.target_row))

    def _fill_cell(self, cursor: QTextCursor, n: int, row: Row, side: SideName,
                   ids: tuple[int, ...]) -> CellMap:
        side_obj = self.cmp.left if side == "left" else self.cmp.right
        text = row_text(side_obj, ids)
        cell = CellMap(n, side, ids, cursor.position(), text=text)
        ops = _op_ranges(row, side, len(text))
        quotes = self._quote_ranges(n, side, side_obj, ids)
        notes = self._note_spans(n, side, ids)
        whole = row.kind in ("added", "removed")
        f = self.formats
        if not ops and not quotes and not notes:
            if text:
                cell.pieces.append(Piece(cursor.position(), 0, Utf16Map(text)))
                cursor.insertText(text, f.plain)
            cell.doc_end = cursor.position()
            return cell
        cuts = {0, len(text)}
        for a, b, *_ in ops:
            cuts.update((a, b))
        for a, b, _q in quotes:
            cuts.update((a, b))
        for a, b, _ns in notes:
            cuts.update((a, b))
        bounds = sorted(c for c in cuts if 0 <= c <= len(text))
        for a, b in pairwise(bounds):
            op = next(((k, i) for oa, ob, k, i in ops if oa <= a < ob), ("", -1))
            quote = [q for qa, qb, q in quotes if qa <= a < qb]
            covering = [ns for na, nb, ns in notes if na <= a < nb]
            start = cursor.position()
            chunk = text[a:b]
            cell.pieces.append(Piece(start, a, Utf16Map(chunk)))
            fmt = f.text(op[0], side, op[1], whole, bool(quote), bool(covering))
            cursor.insertText(chunk, fmt)
            end = start + utf16_len(chunk)
            for q in quote:
                other = q.left if side == "right" else q.right
                self.marks.append(Mark("quote", start, end,
                                       "Quotation altered. Other version: "
                                       f"“{_short(other.text, 200) if other else '(none)'}”"))
            for ns in covering:
                self.marks.append(Mark("note", start, end, self._note_tip(ns), ns.note.id))
            for _na, nb, ns in notes:
                if nb == b and ns.badge:
                    badge_start = cursor.position()
                    cursor.insertText(f"✎{ns.number}", f.note_badge)
                    self.marks.append(Mark("note", badge_start, cursor.position(),
                                           self._note_tip(ns), ns.note.id))
        cell.doc_end = cursor.position()
        return cell

    @staticmethod
    def _note_tip(ns: _NoteSpan) -> str:
        label = f" [{ns.note.label}]" if ns.note.label else ""
        return f"Note {ns.number}{label}: {_short(ns.note.body, 160)}\nClick to open it."

    def _quote_ranges(self, n: int, side: SideName, side_obj: Side,
                      ids: tuple[int, ...]) -> list[tuple[int, int, Quote]]:
        out: list[tuple[int, int, Quote]] = []
        for q in self.quotes_in_row.get((n, side), ()):
            qs = q.left if side == "left" else q.right
            if qs is None:
                continue
            out.extend((a, b, q) for a, b in _row_ranges(side_obj, ids, qs.start, qs.end))
        return out

    def _format_cells(self, table: QTextTable, n: int, row: Row) -> None:
        c = self.colors
        backgrounds: list[QBrush | None] = [None, None, None]
        if row.kind == "edited":
            backgrounds[1] = backgrounds[2] = QBrush(c.edited_row_bg)
        elif row.kind == "added":
            backgrounds[1] = QBrush(c.empty_cell, Qt.BrushStyle.BDiagPattern)
            backgrounds[2] = QBrush(c.added_row_bg)
        elif row.kind == "removed":
            backgrounds[1] = QBrush(c.removed_row_bg)
            backgrounds[2] = QBrush(c.empty_cell, Qt.BrushStyle.BDiagPattern)
        for col, brush in enumerate(backgrounds):
            if brush is None:
                continue
            fmt = QTextTableCellFormat()
            fmt.setBackground(brush)
            table.cellAt(n, col).setFormat(fmt)


def build_diff_document(left_id: int, right_id: int, comparison: Comparison,
                        notes: Sequence[NoteRecord], colors: DiffColors,
                        font: QFont) -> DiffDocument:
    """Lay out `comparison` as an aligned table with every difference formatted."""
    return _Builder(left_id, right_id, comparison, notes, colors, font).build()


def highlighted_spans(doc: DiffDocument, side: SideName) -> list[tuple[str, int, int]]:
    """(op kind, start, end) in article code points, read back from the document's formats."""
    out: list[tuple[str, int, int]] = []
    text_doc = doc.document
    for rm in doc.rows:
        cell = rm.cell(side)
        if not cell.pieces:
            continue
        current: tuple[str, int] | None = None
        start = end = 0
        block = text_doc.findBlock(cell.doc_start)
        while block.isValid() and block.position() <= cell.doc_end:
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                it += 1
                a, b = frag.position(), frag.position() + frag.length()
                if b <= cell.doc_start or a >= cell.doc_end:
                    continue
                fmt = frag.charFormat()
                if fmt.property(PROP_ORNAMENT):
                    continue
                kind = fmt.property(PROP_OP_KIND)
                key = (str(kind), int(fmt.property(PROP_OP_PARITY))) if kind else None
                if key is not None and key == current:
                    end = b
                    continue
                if current is not None:
                    out.append(_span(doc, cell, current[0], start, end))
                current, start, end = key, a, b
            block = block.next()
        if current is not None:
            out.append(_span(doc, cell, current[0], start, end))
    return out


def _span(doc: DiffDocument, cell: CellMap, kind: str, a: int, b: int) -> tuple[str, int, int]:
    side = doc.side(cell.side)
    return (kind, row_offset_to_text(side, cell.ids, cell.doc_to_row(a)),
            row_offset_to_text(side, cell.ids, cell.doc_to_row(b)))
