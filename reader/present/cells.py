"""One side of one row cut into pieces: where each change, note passage and flagged quotation
starts and ends, and where note numbers and quotation flags go."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from reader.compare.model import Comparison, Row, row_text
from reader.present.model import (
    Cell,
    Change,
    Item,
    NoteRef,
    NumberedNote,
    Piece,
    QuoteFlag,
    SideName,
)
from reader.present.offsets import RowPlace
from reader.present.quotes import quote_parts

_CLOSING_QUOTES = "\u201d\u2019\"'\u00bb\u203a"


def row_ids(row: Row, side: SideName) -> tuple[int, ...]:
    return row.left if side == "left" else row.right


def changed_ranges(row: Row, side: SideName, length: int) -> list[tuple[int, int, int | None]]:
    """The row's changes on one side as (start, end, op index) in row-text offsets.

    A replace shows on both sides, a delete on the left, an insert on the right. An added or
    removed row without ops is one change over the whole text.
    """
    wanted = ("delete", "replace") if side == "left" else ("insert", "replace")
    out: list[tuple[int, int, int | None]] = []
    for n, op in enumerate(row.ops):
        a, b = op.left if side == "left" else op.right
        if op.op in wanted and a < b:
            out.append((a, b, n))
    if not row.ops and length and row.kind == ("removed" if side == "left" else "added"):
        out.append((0, length, None))
    return out


def build_cell(cmp: Comparison, number: int, side: SideName, notes: Iterable[NumberedNote],
               flagged: Iterable[int]) -> Cell:
    """The cell of row `number` on `side`, with `notes` (placed on this side) and the quotations
    `flagged` (indices into cmp.quotes) marked over the text they cover."""
    row = cmp.rows[number - 1]
    ids = row_ids(row, side)
    if not ids:
        return Cell(side, ())
    sd = cmp.left if side == "left" else cmp.right
    text = row_text(sd, ids)
    place = RowPlace.of(sd, ids)
    changes = changed_ranges(row, side, len(text))
    change: Change = "deleted" if side == "left" else "inserted"

    refs: list[tuple[int, Item]] = []
    note_ranges: list[tuple[NumberedNote, list[tuple[int, int]]]] = []
    for n in notes:
        res = n.note.resolved
        assert res is not None
        ranges = place.ranges(res.start, res.end)
        if ranges or n.row == number:
            note_ranges.append((n, ranges))
        if n.row == number:
            refs.append((ranges[-1][1] if ranges else place.point(res.end), NoteRef(n)))

    quote_ranges: list[tuple[int, list[tuple[int, int]]]] = []
    for qi in flagged:
        parts = quote_parts(cmp.quotes[qi], side)
        ranges = [r for qs in parts for r in place.ranges(qs.start, qs.end)]
        if not ranges:
            continue
        quote_ranges.append((qi, ranges))
        if place.holds(parts[-1].end - 1):
            # The flag goes after the closing quotation mark, not between it and the words.
            at = place.ranges(parts[-1].start, parts[-1].end)[-1][1]
            while at < len(text) and text[at] in _CLOSING_QUOTES:
                at += 1
            refs.append((at, QuoteFlag(qi)))

    cuts = {0, len(text), *(c for a, b, _ in changes for c in (a, b)),
            *(c for _, rs in note_ranges for a, b in rs for c in (a, b)),
            *(c for _, rs in quote_ranges for a, b in rs for c in (a, b)),
            *(at for at, _ in refs)}
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    # Quote flags go before note numbers at the same point: the flag belongs to the words.
    pending = sorted(refs, key=lambda r: (r[0], isinstance(r[1], NoteRef)))
    items: list[Item] = []
    for a, b in itertools.pairwise(points):
        while pending and pending[0][0] <= a:
            items.append(pending.pop(0)[1])
        if a == b:
            continue
        op = next(((n,) for x, y, n in changes if x <= a and b <= y), None)
        _append_piece(items, Piece(
            text[a:b], change if op is not None else "same", op[0] if op else None,
            tuple(n for n, rs in note_ranges if _covers(rs, a, b)),
            next((qi for qi, rs in quote_ranges if _covers(rs, a, b)), None), a))
    items.extend(item for _, item in pending)
    return Cell(side, tuple(items))


def _covers(ranges: Iterable[tuple[int, int]], a: int, b: int) -> bool:
    return any(x <= a and b <= y for x, y in ranges)


def _append_piece(items: list[Item], piece: Piece) -> None:
    """Merge with the previous piece when nothing distinguishes them, to keep markup small."""
    prev = items[-1] if items else None
    if (isinstance(prev, Piece) and (prev.change, prev.op, prev.notes, prev.quote)
            == (piece.change, piece.op, piece.notes, piece.quote)):
        items[-1] = Piece(prev.text + piece.text, prev.change, prev.op, prev.notes, prev.quote,
                          prev.start)
        return
    items.append(piece)
