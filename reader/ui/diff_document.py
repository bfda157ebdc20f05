"""The aligned comparison as one QTextDocument: rows of [margin | left version | right version].

Each comparison row is a one-row table with the same column widths, so rows stay aligned (an
added sentence faces an empty cell) and both versions scroll together for free. One table per
row, not one big table: Qt lays a table out all at once, so a big one made showing a 5k-word
comparison take ~300 ms and every change of the current row re-laid it all out, while small
tables are laid out lazily, screen by screen, and re-laid one at a time. Rows can also be put
into the document in steps (`first_rows`, `DiffDocument.append_rows`): the view builds what
fills the first screen, shows it, and appends the rest while the event loop is idle.

Every cell holds its row's sentences joined by one space, exactly `row_text`, so a position in a
cell maps back to an article offset through `row_offset_to_text`. Ornaments the reader sees but
that are not article text (note numbers, margin labels) are kept out of that mapping: each cell
records the runs of article text it holds ("pieces").
"""

from __future__ import annotations

import gc
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
    QFontMetrics,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTable,
    QTextTableCell,
    QTextTableCellFormat,
    QTextTableFormat,
)

from reader.compare.model import Comparison, Quote, Row, Side, row_offset_to_text, row_text
from reader.store.records import NoteRecord
from reader.ui.palette_colors import DiffColors
from reader.ui.text_positions import Utf16Map, utf16_len

SideName = Literal["left", "right"]
MarkKind = Literal["note", "move", "quote"]

CELL_PADDING = 5
# The margin is as wide as its longest label, so labels stay on one line in a narrow window;
# the two versions share the rest of the width equally.
MARGIN_SAMPLES = ("▶ ❝→ reported speech", "▶ ⇅ moved from ¶888", "▶ ⇅ ¶888 was before ↓")
LINE_SEPARATOR = "\u2028"  # a line break inside one block: keeps a margin cell one paragraph
CURRENT_ARROW = "▶"

# Margin tags of quotation statuses; verbatim quotations need no flag.
QUOTE_TAGS: dict[str, str] = {
    "altered": "❝≠ quote altered",
    "unquoted": "❝→ reported speech",
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
    tables: list[QTextTable]  # one outer table per row (see `row_cells`)
    left_side: Side
    right_side: Side
    rows: list[RowMap]
    marks: list[Mark]
    quote_rows: list[int]  # rows holding an altered quotation, in order
    colors: DiffColors
    via_html: bool  # built by the fast path (False: the cell-by-cell fallback)
    margin_width: int  # pixels, padding included
    # Rows not laid out yet (see `append_rows`); None once every row is in the document.
    _pending: _Pending | None = field(default=None, repr=False)

    @property
    def complete(self) -> bool:
        return self._pending is None

    def append_rows(self, count: int) -> bool:
        """Lay out up to `count` more rows at the end; True while rows remain after that."""
        pending = self._pending
        if pending is None:
            return False
        # Building allocates tens of thousands of small objects; the cyclic collector would
        # walk the whole comparison again and again meanwhile.
        collecting = gc.isenabled()
        gc.disable()
        try:
            _append(self, pending, max(count, 0))
        finally:
            if collecting:
                gc.enable()
        if len(self.rows) >= len(pending.planner.cmp.rows):
            self._pending = None
        return self._pending is not None

    def finish(self) -> None:
        """Lay out every row still missing."""
        if self._pending is not None:
            self.append_rows(len(self._pending.planner.cmp.rows))

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
            margin = self.tables[i].cellAt(0, 0)
            cell_format = margin.format().toTableCellFormat()
            if current:
                cell_format.setBackground(self.colors.current_row_bg)
            else:
                cell_format.clearBackground()
            margin.setFormat(cell_format)
        cursor.endEditBlock()


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


# ---- styles: one description, rendered either as CSS (fast path) or as a QTextCharFormat ----

# Every piece of text in a cell has a style key: for article text
# ("text", op kind, parity, whole row, in an altered quotation, annotated); for ornaments one of
# the names below. Op kind and parity travel in the format's tool-tip property ("op:replace:1"),
# which survives the HTML import and lets `highlighted_spans` read back what was formatted; the
# view never shows format tool-tips (it answers tool-tip events itself).
TextStyle = tuple[str, str, int, bool, bool, bool]
# Ornament styles: "arrow" (current-row marker), "kind" (margin label), "moved", "quote_tag",
# "badge" (a note's number).
TAG_ORNAMENT = "ornament"


def _op_tag(op: str, parity: int) -> str:
    return f"op:{op}:{parity}"


class _Styles:
    def __init__(self, colors: DiffColors, font: QFont) -> None:
        self.colors = colors
        self.font = font
        size = font.pointSizeF()
        self.small_css = (f"font-size:{max(size * 0.82, 6.0):.1f}pt" if size > 0
                          else f"font-size:{max(int(font.pixelSize() * 0.82), 8)}px")
        self.small_font = QFont(font)
        if size > 0:
            self.small_font.setPointSizeF(max(size * 0.82, 6.0))
        else:
            self.small_font.setPixelSize(max(int(font.pixelSize() * 0.82), 8))
        metrics = QFontMetrics(self.small_font)
        self.margin_width = (max(metrics.horizontalAdvance(t) for t in MARGIN_SAMPLES)
                             + 2 * CELL_PADDING + 6)
        self._css: dict[object, str] = {}
        self._formats: dict[object, QTextCharFormat] = {}

    # CSS for the HTML path.
    def css(self, key: str | TextStyle, side: SideName) -> str:
        cache_key = (key, side)
        found = self._css.get(cache_key)
        if found is None:
            found = self._make_css(key, side)
            self._css[cache_key] = found
        return found

    def _make_css(self, key: str | TextStyle, side: SideName) -> str:
        c = self.colors
        if isinstance(key, str):
            color = {"arrow": "transparent", "kind": c.css(c.text), "moved": c.css(c.moved),
                     "quote_tag": c.css(c.quote), "badge": c.css(c.note_fg)}[key]
            extra = {"moved": "; text-decoration:underline",
                     "badge": f"; background-color:{c.css(c.note_bg)}; font-weight:bold;"
                              " vertical-align:super"}.get(key, "")
            size = "" if key == "badge" else self.small_css + "; "
            return f' style="{size}color:{color}{extra}" title="{TAG_ORNAMENT}"'
        _, op, parity, whole, quote, note = key
        style = _style_of(op, side)
        decorations, background = [], ""
        if style == "delete":
            decorations.append("line-through")
            background = "" if whole else c.css(c.delete_bg)
        elif style == "insert":
            decorations.append("underline")
            background = "" if whole else c.css(c.insert_bg)
        if quote:
            # A line over the words: free of the underline and strike-through the changes
            # use. (A wavy underline was the first idea; Qt does not draw one on plain text.)
            decorations.append("overline")
        if note:
            background = c.css(c.note_bg)
        parts = []
        if decorations:
            parts.append("text-decoration:" + " ".join(decorations))
        if background:
            parts.append("background-color:" + background)
        attrs = f' style="{"; ".join(parts)}"' if parts else ""
        if op:
            attrs += f' title="{_op_tag(op, parity)}"'
        return attrs

    # QTextCharFormat for the cursor path (and for touching up after the HTML import).
    def char_format(self, key: str | TextStyle, side: SideName) -> QTextCharFormat:
        cache_key = (key, side)
        found = self._formats.get(cache_key)
        if found is None:
            found = self._make_format(key, side)
            self._formats[cache_key] = found
        return found

    def _make_format(self, key: str | TextStyle, side: SideName) -> QTextCharFormat:
        c = self.colors
        fmt = QTextCharFormat()
        if isinstance(key, str):
            fmt.setToolTip(TAG_ORNAMENT)
            if key == "badge":
                fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
                fmt.setForeground(c.note_fg)
                fmt.setBackground(c.note_bg)
                fmt.setFontWeight(QFont.Weight.Bold)
                return fmt
            fmt.setFont(self.small_font)
            fmt.setForeground({"arrow": QColor(0, 0, 0, 0), "kind": c.text, "moved": c.moved,
                               "quote_tag": c.quote}[key])
            fmt.setFontUnderline(key == "moved")
            return fmt
        _, op, parity, whole, quote, note = key
        if op:
            fmt.setToolTip(_op_tag(op, parity))
        style = _style_of(op, side)
        if style == "delete":
            fmt.setFontStrikeOut(True)
            if not whole:
                fmt.setBackground(c.delete_bg)
        elif style == "insert":
            fmt.setFontUnderline(True)
            fmt.setUnderlineColor(c.insert_fg)
            if not whole:
                fmt.setBackground(c.insert_bg)
        if quote:
            fmt.setFontOverline(True)
        if note:
            fmt.setBackground(c.note_bg)
        return fmt



# ---- planning: what each cell shows, independent of how it is put in the document --------


@dataclass(frozen=True)
class _Seg:
    text: str
    style: str | TextStyle
    row_start: int  # offset of the text in the row text; -1 for an ornament


@dataclass
class _CellPlan:
    side: SideName  # the margin is planned with its row's left side, for style lookup
    segs: list[_Seg] = field(default_factory=list)
    # Marks with positions relative to the cell's first position (UTF-16), fixed up later.
    marks: list[Mark] = field(default_factory=list)
    length: int = 0  # UTF-16 units

    def add(self, text: str, style: str | TextStyle, row_start: int = -1) -> tuple[int, int]:
        start = self.length
        self.segs.append(_Seg(text, style, row_start))
        self.length += utf16_len(text)
        return start, self.length


@dataclass(frozen=True)
class _NoteSpan:
    number: int
    note: NoteRecord
    badge_row: int  # the row whose cell carries the note's number, after the passage


@dataclass(frozen=True)
class _RowPlan:
    margin: _CellPlan
    left: _CellPlan
    right: _CellPlan


class _Planner:
    def __init__(self, left_id: int, right_id: int, comparison: Comparison,
                 notes: Sequence[NoteRecord]) -> None:
        self.cmp = comparison
        self.ids: dict[SideName, int] = {"left": left_id, "right": right_id}
        self.row_of: dict[SideName, dict[int, int]] = {"left": {}, "right": {}}
        for n, row in enumerate(comparison.rows):
            for sid in row.left:
                self.row_of["left"][sid] = n
            for sid in row.right:
                self.row_of["right"][sid] = n
        self.margin_lines: dict[int, list[tuple[str, str, Mark | None]]] = {}
        self.quotes_in_row: dict[tuple[int, SideName], list[Quote]] = {}
        self.altered_rows: set[int] = set()
        self.notes_by_sentence: dict[tuple[SideName, int], list[_NoteSpan]] = {}
        self._plan_notes(notes)
        self._plan_quotes()
        self._plan_moves()

    def _side(self, name: SideName) -> Side:
        return self.cmp.left if name == "left" else self.cmp.right

    def _plan_notes(self, notes: Sequence[NoteRecord]) -> None:
        numbers = {n.id: i + 1 for i, n in enumerate(notes)}
        sides: tuple[SideName, SideName] = ("left", "right")
        starts = {name: [s.start for s in self._side(name).sentences] for name in sides}
        for note in notes:
            if note.resolved is None or note.orphaned or note.deleted:
                continue
            for name in sides:
                if note.article_id != self.ids[name]:
                    continue
                sentences = self._side(name).sentences
                first = max(bisect_right(starts[name], note.resolved.start) - 1, 0)
                last = bisect_right(starts[name], note.resolved.end - 1)
                hit = [s.id for s in sentences[first:last]
                       if s.start < note.resolved.end and note.resolved.start < s.end]
                if not hit:
                    continue
                span = _NoteSpan(numbers[note.id], note, self.row_of[name].get(hit[-1], -1))
                for sid in hit:
                    self.notes_by_sentence.setdefault((name, sid), []).append(span)
                break  # comparing a version with itself: mark the left only

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
            self.margin_lines.setdefault(row, []).append((tag, "quote_tag", _quote_mark(q)))

    def _plan_moves(self) -> None:
        left = self.cmp.left
        for n, row in enumerate(self.cmp.rows):
            if not row.moved or not row.left:
                continue
            first, last = min(row.left), max(row.left)
            para = left.sentences[first].paragraph + 1
            before = self.row_of["left"].get(first - 1)
            after = self.row_of["left"].get(last + 1)
            target = before if before is not None else after
            if target is None or target == n:
                self.margin_lines.setdefault(n, []).insert(
                    0, (f"⇅ moved from ¶{para}", "moved", None))
                continue
            was_after = before is not None
            neighbour = left.sentences[first - 1 if was_after else last + 1].text
            self.margin_lines.setdefault(n, []).insert(0, (
                f"⇅ moved from ¶{para}", "moved",
                Mark("move", 0, 0, f"Moved: on the left this came "
                     f"{'after' if was_after else 'before'} “{_short(neighbour)}”."
                     "\nClick to see where it was.", target_row=target)))
            self.margin_lines.setdefault(target, []).append((
                f"⇅ ¶{para} was {'next' if was_after else 'before'} {'↓' if n > target else '↑'}",
                "moved",
                Mark("move", 0, 0, f"On the left, “{_short(left.sentences[first].text)}” came "
                     f"{'right after' if was_after else 'right before'} this.\n"
                     "Click to go to where it is now.", target_row=n)))

    def plan_row(self, n: int) -> _RowPlan:
        row = self.cmp.rows[n]
        return _RowPlan(self._margin(n, row), self._cell(n, row, "left", row.left),
                        self._cell(n, row, "right", row.right))

    def _margin(self, n: int, row: Row) -> _CellPlan:
        plan = _CellPlan("left")
        plan.add(CURRENT_ARROW + " ", "arrow")
        label = KIND_LABELS.get(row.kind, "")
        if label:
            plan.add(label, "kind")
        for n_line, (text, style, mark) in enumerate(self.margin_lines.get(n, ())):
            if label or n_line:
                # An invisible arrow keeps every line indented like the first.
                plan.add(LINE_SEPARATOR, "kind")
                plan.add(CURRENT_ARROW + " ", "arrow")
            a, b = plan.add(text, style)
            if mark is not None:
                plan.marks.append(Mark(mark.kind, a, b, mark.tooltip, mark.note_id,
                                       mark.target_row))
        return plan

    def _cell(self, n: int, row: Row, side: SideName, ids: tuple[int, ...]) -> _CellPlan:
        side_obj = self._side(side)
        text = row_text(side_obj, ids)
        plan = _CellPlan(side)
        ops = _op_ranges(row, side, len(text))
        quotes = [(a, b, q) for q in self.quotes_in_row.get((n, side), ())
                  for qs in ((q.left if side == "left" else q.right),) if qs is not None
                  for a, b in _row_ranges(side_obj, ids, qs.start, qs.end)]
        spans = {ns.note.id: ns for sid in ids
                 for ns in self.notes_by_sentence.get((side, sid), ())}
        notes = [(a, b, ns) for ns in spans.values() if ns.note.resolved is not None
                 for a, b in _row_ranges(side_obj, ids, ns.note.resolved.start,
                                         ns.note.resolved.end)]
        whole = row.kind in ("added", "removed")
        if not ops and not quotes and not notes:  # most rows of a light edit
            if text:
                plan.add(text, ("text", "", 0, whole, False, False), 0)
            return plan
        cuts = {0, len(text)}
        for a, b, *_ in ops:
            cuts.update((a, b))
        for a, b, _q in quotes:
            cuts.update((a, b))
        for a, b, _ns in notes:
            cuts.update((a, b))
        bounds = sorted(c for c in cuts if 0 <= c <= len(text))
        for a, b in pairwise(bounds):
            op, index = next(((k, i) for oa, ob, k, i in ops if oa <= a < ob), ("", 0))
            quote = [q for qa, qb, q in quotes if qa <= a < qb]
            covering = [ns for na, nb, ns in notes if na <= a < nb]
            style: TextStyle = ("text", op, index % 2, whole, bool(quote), bool(covering))
            start, end = plan.add(text[a:b], style, a)
            for q in quote:
                other = q.left if side == "right" else q.right
                plan.marks.append(Mark("quote", start, end, "Quotation altered. Other version: "
                                       f"“{_short(other.text, 200) if other else '(none)'}”"))
            for ns in covering:
                plan.marks.append(Mark("note", start, end, _note_tip(ns), ns.note.id))
            for _na, nb, ns in notes:
                if nb == b and ns.badge_row == n:
                    s2, e2 = plan.add(f"✎{ns.number}", "badge")
                    plan.marks.append(Mark("note", s2, e2, _note_tip(ns), ns.note.id))
        return plan


def _quote_mark(q: Quote) -> Mark:
    left = f"Left: “{_short(q.left.text, 200)}”" if q.left else "Left: (no quotation)"
    right = f"Right: “{_short(q.right.text, 200)}”" if q.right else "Right: (no quotation)"
    title = {"altered": "Quotation altered", "unquoted": "Quotation turned into reported speech",
             "dropped": "Quotation dropped", "added": "New quotation",
             "verbatim": "Quotation kept word for word"}[q.status]
    return Mark("quote", 0, 0, f"{title} (similarity {q.similarity:.0%})\n{left}\n{right}")


def _note_tip(ns: _NoteSpan) -> str:
    label = f" [{ns.note.label}]" if ns.note.label else ""
    return f"Note {ns.number}{label}: {_short(ns.note.body, 160)}\nClick to open it."


# ---- putting the plan into a document ---------------------------------------------------------


def _escape(text: str) -> str:
    # Line breaks and tabs inside a sentence show as spaces: same length, so offsets hold.
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", " ").replace("\r", " ").replace("\t", " "))


class _Emitter:
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.colors = styles.colors

    def _backgrounds(self, row: Row) -> tuple[QColor | None, QColor | None]:
        c = self.colors
        if row.kind == "edited":
            return c.edited_row_bg, c.edited_row_bg
        if row.kind == "added":
            return None, c.added_row_bg
        if row.kind == "removed":
            return c.removed_row_bg, None
        return None, None

    def html(self, rows: Sequence[Row], plans: Sequence[_RowPlan]) -> str:
        # Each row: an outer table [margin (fixed width) | content], the content holding an
        # inner table [left 50% | right 50%]. Qt takes percentages of the whole table width,
        # so a fixed margin beside two 50% columns would not split the rest equally.
        c = self.colors
        outer = ('<table width="100%" cellspacing="0" cellpadding="0" border="0"><tr>'
                 f'<td width="{self.styles.margin_width}" '
                 f'style="white-space:pre-wrap; padding:{CELL_PADDING}px">')
        inner = ('</td><td width="100%"><table width="100%" cellspacing="0" '
                 f'cellpadding="{CELL_PADDING}" border="0"><tr>')
        parts: list[str] = []
        for row, plan in zip(rows, plans, strict=True):
            parts.append(outer)
            self._html_cell(parts, plan.margin)
            parts.append(inner)
            for cell, bg in zip((plan.left, plan.right), self._backgrounds(row), strict=True):
                bg_attr = f' bgcolor="{c.css(bg)}"' if bg is not None else ""
                parts.append(f'<td width="50%"{bg_attr} style="white-space:pre-wrap">')
                self._html_cell(parts, cell)
                parts.append("</td>")
            parts.append("</tr></table></td></tr></table>")
        return "".join(parts)

    def _html_cell(self, parts: list[str], cell: _CellPlan) -> None:
        for seg in cell.segs:
            text = "<br>" if seg.text == LINE_SEPARATOR else _escape(seg.text)
            attrs = self.styles.css(seg.style, cell.side)
            parts.append(f"<span{attrs}>{text}</span>" if attrs else text)

    def fill_by_cursor(self, cursor: QTextCursor, rows: Sequence[Row],
                       plans: Sequence[_RowPlan]) -> None:
        """The slow, sure way: used only if the HTML import did not give the expected text."""
        outer_format = QTextTableFormat()
        outer_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        outer_format.setColumnWidthConstraints([
            QTextLength(QTextLength.Type.FixedLength, self.styles.margin_width),
            QTextLength(QTextLength.Type.PercentageLength, 100),
        ])
        outer_format.setCellPadding(0)
        inner_format = QTextTableFormat()
        inner_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        inner_format.setColumnWidthConstraints([
            QTextLength(QTextLength.Type.PercentageLength, 50),
            QTextLength(QTextLength.Type.PercentageLength, 50),
        ])
        inner_format.setCellPadding(CELL_PADDING)
        for fmt in (outer_format, inner_format):
            fmt.setCellSpacing(0)
            fmt.setBorder(0)
        margin_format = QTextTableCellFormat()
        margin_format.setPadding(CELL_PADDING)
        # No edit block: inside one, QTextCursor cannot move to the next table cell.
        for row, plan in zip(rows, plans, strict=True):
            outer = cursor.insertTable(1, 2, outer_format)
            outer.cellAt(0, 0).setFormat(margin_format)
            self._insert(cursor, plan.margin)
            cursor.movePosition(QTextCursor.MoveOperation.NextCell)
            inner = cursor.insertTable(1, 2, inner_format)
            for col, (cell, bg) in enumerate(zip((plan.left, plan.right),
                                                 self._backgrounds(row), strict=True)):
                if col:
                    cursor.movePosition(QTextCursor.MoveOperation.NextCell)
                self._insert(cursor, cell)
                if bg is not None:
                    cell_format = QTextTableCellFormat()
                    cell_format.setBackground(bg)
                    inner.cellAt(0, col).setFormat(cell_format)
            cursor.setPosition(outer.lastPosition() + 1)

    def _insert(self, cursor: QTextCursor, cell: _CellPlan) -> None:
        for seg in cell.segs:
            cursor.insertText(seg.text, self.styles.char_format(seg.style, cell.side))


def _tables(doc: QTextDocument) -> list[QTextTable]:
    root = doc.rootFrame()
    return [f for f in root.childFrames() if isinstance(f, QTextTable)] if root else []


def row_cells(outer: QTextTable) -> tuple[QTextTableCell, QTextTableCell, QTextTableCell] | None:
    """The margin, left and right cells of one row's outer table."""
    inner = [f for f in outer.childFrames() if isinstance(f, QTextTable)]
    if outer.columns() != 2 or len(inner) != 1 or inner[0].columns() != 2:
        return None
    return outer.cellAt(0, 0), inner[0].cellAt(0, 0), inner[0].cellAt(0, 1)


def _layout_matches(tables: list[QTextTable], plans: list[_RowPlan]) -> bool:
    if len(tables) != len(plans):
        return False
    for table, plan in zip(tables, plans, strict=True):
        cells = row_cells(table)
        if cells is None:
            return False
        for qcell, cell in zip(cells, (plan.margin, plan.left, plan.right), strict=True):
            if qcell.lastPosition() - qcell.firstPosition() != cell.length:
                return False
    return True


def build_diff_document(left_id: int, right_id: int, comparison: Comparison,
                        notes: Sequence[NoteRecord], colors: DiffColors, font: QFont,
                        first_rows: int | None = None) -> DiffDocument:
    """Lay out `comparison` as aligned rows with every difference formatted.

    With `first_rows`, only that many rows are laid out now (enough for the first screen);
    `DiffDocument.append_rows` adds the rest later, `finish` all at once.
    """
    planner = _Planner(left_id, right_id, comparison, notes)
    styles = _Styles(colors, font)
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(6)
    hatch = QTextTableCellFormat()
    hatch.setBackground(QBrush(colors.empty_cell, Qt.BrushStyle.BDiagPattern))
    built = DiffDocument(doc, [], comparison.left, comparison.right, [], [],
                         sorted(planner.altered_rows), colors, True, styles.margin_width)
    built._pending = _Pending(planner, _Emitter(styles), hatch)
    built.append_rows(len(comparison.rows) if first_rows is None else first_rows)
    return built


@dataclass
class _Pending:
    """What a partly built document needs to lay out its remaining rows."""

    planner: _Planner
    emitter: _Emitter
    hatch: QTextTableCellFormat


def _append(built: DiffDocument, pending: _Pending, count: int) -> None:
    comparison = pending.planner.cmp
    first = len(built.rows)
    rows = comparison.rows[first:first + count]
    plans = [pending.planner.plan_row(n) for n in range(first, first + len(rows))]
    doc = built.document
    end = QTextCursor(doc)
    end.movePosition(QTextCursor.MoveOperation.End)
    start = end.position()
    new_tables: list[QTextTable] = []
    if built.via_html:
        # Qt builds a document from HTML many times faster than cell by cell from Python
        # (whose table inserts grow quadratically), so HTML it is, checked against the plan.
        html = pending.emitter.html(rows, plans)
        if first == 0:
            doc.setHtml(html)
        else:
            end.insertHtml(html)
        new_tables = _tables(doc)[first:]
        if not _layout_matches(new_tables, plans):
            built.via_html = False
            if first == 0:
                doc.clear()
            else:
                end.setPosition(start)
                end.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
                end.removeSelectedText()
    if not built.via_html:
        end = QTextCursor(doc)
        end.movePosition(QTextCursor.MoveOperation.End)
        pending.emitter.fill_by_cursor(end, rows, plans)
        new_tables = _tables(doc)[first:]
    marks: list[Mark] = []
    for n, (row, plan, table) in enumerate(zip(rows, plans, new_tables, strict=True), first):
        qcells = row_cells(table)
        assert qcells is not None  # checked by _layout_matches, or built so by the cursor
        starts = [c.firstPosition() for c in qcells]
        left = _cell_map(n, "left", row, comparison, plan.left, starts[1])
        right = _cell_map(n, "right", row, comparison, plan.right, starts[2])
        for cell_plan, cell_start in ((plan.margin, starts[0]), (plan.left, starts[1]),
                                      (plan.right, starts[2])):
            marks.extend(Mark(m.kind, cell_start + m.doc_start, cell_start + m.doc_end,
                              m.tooltip, m.note_id, m.target_row) for m in cell_plan.marks)
        if row.kind in ("added", "removed"):  # the cell facing nothing is hatched
            qcells[1 if row.kind == "added" else 2].setFormat(pending.hatch)
        built.rows.append(RowMap(n, row, starts[0], starts[0] + plan.margin.length, left, right))
    marks.sort(key=lambda m: m.doc_start)
    built.marks.extend(marks)  # rows come in document order, so the marks stay sorted
    built.tables.extend(new_tables)


def _cell_map(n: int, side: SideName, row: Row, comparison: Comparison, plan: _CellPlan,
              start: int) -> CellMap:
    ids = row.left if side == "left" else row.right
    side_obj = comparison.left if side == "left" else comparison.right
    cell = CellMap(n, side, ids, start, start + plan.length, row_text(side_obj, ids))
    offset = start
    for seg in plan.segs:
        u16 = Utf16Map(seg.text)
        if seg.row_start >= 0:
            cell.pieces.append(Piece(offset, seg.row_start, u16))
        offset += u16.utf16_length
    return cell


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
                tag = frag.charFormat().toolTip()
                if tag == TAG_ORNAMENT:
                    continue
                key = None
                if tag.startswith("op:"):
                    _, kind, parity = tag.split(":")
                    key = (kind, int(parity))
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
