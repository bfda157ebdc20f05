"""A selection in the comparison → the passage of one version it means.

Qt widens a selection that leaves its cell to whole cells, and one that leaves its row to
whole rows; its anchor stays where the reader started, and a mouse drag's end is kept by the
text widget (`DiffTextEdit.drag_end`), so the passage is still the reader's: the column where
the selection started, from there to where it ends in that column (or the row's end in it
when the end point is in the other column or the margin).
"""

from __future__ import annotations

from bisect import bisect_right

from reader.present import SideName
from reader.ui.diff_document import CellMap, DiffDocument


def passage_of(doc: DiffDocument, anchor: int, end_pos: int) -> tuple[SideName, int, int] | None:
    """(side, start, end) in code points of that side's article text, or None when the
    selection starts in the margin or covers no text of its column."""
    found = doc.locate(anchor)
    if found is None or found[1] == "margin":
        return None
    first_row, column = found
    side: SideName = "left" if column == "left" else "right"
    last = _end_in_column(doc, side, first_row.index, end_pos)
    first_cell = first_row.cell(side)
    if last is None or not first_cell.ids:
        return None
    last_cell, last_pos = last
    a = doc.article_offset(first_cell, anchor)
    b = doc.article_offset(last_cell, last_pos)
    start, end = min(a, b), max(a, b)
    return (side, start, end) if start < end else None


def _end_in_column(doc: DiffDocument, side: SideName, anchor_row: int,
                   pos: int) -> tuple[CellMap, int] | None:
    """Where a selection started in `side`'s column of `anchor_row` ends in that column:
    at `pos` when it lies in it, else at the near edge of the row `pos` is in (the row's end
    going down or right, its start going up or left)."""
    starts = [r.margin_start for r in doc.rows]
    index = max(bisect_right(starts, pos) - 1, 0)
    found = doc.locate(pos)
    if found is not None and found[1] == side and found[0].cell(side).ids:
        return found[0].cell(side), pos
    forward = index > anchor_row or (index == anchor_row and (
        found is None or pos > doc.rows[anchor_row].cell(side).doc_end))
    step = -1 if forward else 1
    while 0 <= index < len(doc.rows):  # back towards the anchor past rows empty on `side`
        cell = doc.rows[index].cell(side)
        if cell.ids:
            return cell, cell.doc_end if forward else cell.doc_start
        if index == anchor_row:
            break
        index += step
    return None
