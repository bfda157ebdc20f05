"""One side of one row cut into pieces: where each change, note passage and flagged quotation
starts and ends, and where note numbers and quotation flags go."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import TypeVar

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
from reader.present.quotes import quote_parts, verdict

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


Ranges = list[tuple[int, int]]
T = TypeVar("T")


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
    refs: list[tuple[int, Item]] = []
    note_ranges = _note_ranges(place, number, notes, refs)
    quote_ranges = _quote_ranges(cmp, side, place, text, flagged, refs)
    if not (refs or note_ranges or quote_ranges):  # most rows: only the changes cut the text
        return Cell(side, _change_pieces(text, changes, side))
    cuts = {0, len(text), *(at for at, _ in refs)}
    for ranges in ([(a, b) for a, b, _ in changes], *(rs for _, rs in note_ranges),
                   *(rs for _, rs in quote_ranges)):
        cuts.update(c for a, b in ranges for c in (a, b))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    # Quote flags go before note numbers at the same point: the flag belongs to the words.
    pending = sorted(refs, key=lambda r: (r[0], isinstance(r[1], NoteRef)))
    change: Change = "deleted" if side == "left" else "inserted"
    items: list[Item] = []
    for a, b in itertools.pairwise(points):
        while pending and pending[0][0] <= a:
            items.append(pending.pop(0)[1])
        op = next((n for x, y, n in changes if x <= a and b <= y), False)
        quote = next(iter(_covering(quote_ranges, a, b)), None)
        _append_piece(items, Piece(
            text[a:b], "same" if op is False else change, None if op is False else op,
            _covering(note_ranges, a, b), quote,
            None if quote is None else verdict(cmp.quotes[quote]), a))
    items.extend(item for _, item in pending)
    return Cell(side, tuple(items))


def _change_pieces(text: str, changes: list[tuple[int, int, int | None]],
                   side: SideName) -> tuple[Item, ...]:
    change: Change = "deleted" if side == "left" else "inserted"
    items: list[Item] = []
    pos = 0
    for a, b, op in sorted(changes, key=lambda c: c[0]):
        if pos < a:
            items.append(Piece(text[pos:a], "same", None, (), None, None, pos))
        items.append(Piece(text[a:b], change, op, (), None, None, a))
        pos = b
    if pos < len(text):
        items.append(Piece(text[pos:], "same", None, (), None, None, pos))
    return tuple(items)


def _covering(marked: Sequence[tuple[T, Ranges]], a: int, b: int) -> tuple[T, ...]:
    return tuple(what for what, ranges in marked if _covers(ranges, a, b))


def _note_ranges(place: RowPlace, number: int, notes: Iterable[NumberedNote],
                 refs: list[tuple[int, Item]]) -> list[tuple[NumberedNote, Ranges]]:
    """Where each note's passage lies in the row; its number goes after the passage's end in
    the row it is placed in."""
    out = []
    for n in notes:
        res = n.note.resolved
        assert res is not None
        ranges = place.ranges(res.start, res.end)
        out.append((n, ranges))
        if n.row == number:
            refs.append((ranges[-1][1] if ranges else place.point(res.end), NoteRef(n)))
    return out


def _quote_ranges(cmp: Comparison, side: SideName, place: RowPlace, text: str,
                  flagged: Iterable[int], refs: list[tuple[int, Item]]
                  ) -> list[tuple[int, Ranges]]:
    """Where each flagged quotation lies in the row; its flag goes after the closing quotation
    mark (not between it and the words) of its last part, in the row that holds it."""
    out = []
    for qi in flagged:
        parts = quote_parts(cmp.quotes[qi], side)
        ranges = [r for qs in parts for r in place.ranges(qs.start, qs.end)]
        if not ranges:
            continue
        out.append((qi, ranges))
        if place.holds(parts[-1].end - 1):
            at = place.ranges(parts[-1].start, parts[-1].end)[-1][1]
            while at < len(text) and text[at] in _CLOSING_QUOTES:
                at += 1
            refs.append((at, QuoteFlag(qi, verdict(cmp.quotes[qi]))))
    return out


def _covers(ranges: Iterable[tuple[int, int]], a: int, b: int) -> bool:
    return any(x <= a and b <= y for x, y in ranges)


def _append_piece(items: list[Item], piece: Piece) -> None:
    """Merge with the previous piece when nothing distinguishes them, to keep markup small."""
    prev = items[-1] if items else None
    if (isinstance(prev, Piece) and (prev.change, prev.op, prev.notes, prev.quote)
            == (piece.change, piece.op, piece.notes, piece.quote)):
        items[-1] = Piece(prev.text + piece.text, prev.change, prev.op, prev.notes, prev.quote,
                          prev.verdict, prev.start)
        return
    items.append(piece)
