"""`build_layout`: a comparison plus notes, turned once into what the window and exports draw."""

from __future__ import annotations

from collections.abc import Sequence

from reader.compare.model import Comparison
from reader.present.cells import build_cell, row_ids
from reader.present.likeness import likeness, percent
from reader.present.margin import margin_lines, moved_markers, quote_tooltip
from reader.present.model import (
    SIDES,
    Layout,
    LegendEntry,
    Line,
    NumberedNote,
    QuoteLine,
    RowView,
    SideName,
)
from reader.present.notes import place_notes
from reader.present.quotes import (
    is_flagged,
    meaning,
    quote_parts,
    reattributed,
    speaker_line,
    unsure,
    verdict,
    words_added,
    words_cut,
)
from reader.store.records import CarriedNote, NoteRecord, StoryComparison

LEGEND: tuple[LegendEntry, ...] = (
    LegendEntry("deleted", "struck through", "removed from left",
                "words deleted from the left version"),
    LegendEntry("inserted", "underlined", "new on right", "words inserted in the right version"),
    LegendEntry("moved", "⇅ moved", "moved",
                "the sentence stands elsewhere in the other version; its old place is marked "
                "and the two are linked"),
    LegendEntry("quote", "❝ quotation", "quotation changed",
                "a direct quotation not kept word for word (altered, cut, turned into reported "
                "speech, dropped or new), framed in a dotted box with a bracket at its start; "
                "the other version's wording is in the quotation table"),
    LegendEntry("note", "passage¹", "note",
                "a passage with a note; the number leads to the note"),
    LegendEntry("empty", "hatched cell", "no counterpart",
                "the sentence has no counterpart in the other version"),
)


def layout_of(doc: StoryComparison) -> Layout:
    return build_layout(doc.comparison, doc.left.id, doc.right.id, doc.notes, doc.carried)


def build_layout(cmp: Comparison, left_id: int, right_id: int,
                 notes: Sequence[NoteRecord], carried: Sequence[CarriedNote] = ()) -> Layout:
    """The layout of a comparison of versions `left_id` and `right_id` with the story's notes.

    `carried` says where notes written on the story's other versions stand in these two
    (store.timeline.carry_to_pair); such a note is placed there, marked as carried.
    """
    rows_of: dict[SideName, dict[int, int]] = {"left": {}, "right": {}}
    for number, row in enumerate(cmp.rows, start=1):
        for side in SIDES:
            for sid in row_ids(row, side):
                rows_of[side][sid] = number
    placed = place_notes(cmp, left_id, right_id, notes, rows_of, carried)
    notes_at = _notes_by_row(cmp, placed.placed, rows_of)
    quotes_at = _flagged_by_row(cmp, rows_of)
    markers = moved_markers(cmp, rows_of)
    margins = margin_lines(cmp, rows_of)

    rows: list[RowView] = []
    for number, row in enumerate(cmp.rows, start=1):
        cells = {side: build_cell(cmp, number, side, notes_at.get((side, number), ()),
                                  quotes_at.get((side, number), ())) for side in SIDES}
        rows.append(RowView(
            number, row, cells["left"], cells["right"],
            tuple(n for n in placed.placed if n.row == number),
            tuple(m for ms in markers.values() for m in ms if m.target == number),
            tuple(margins.get(number, ())), likeness(cmp, row)))

    lines: list[Line] = list(markers.get(0, ()))
    for view in rows:
        lines.append(view)
        lines.extend(markers.get(view.number, ()))
    return Layout(cmp, tuple(lines), tuple(rows), placed.whole, placed.orphaned, placed.elsewhere,
                  rows_of, _quotations(cmp, rows_of), statistics(cmp, len(
                      [n for n in notes if not n.deleted])), LEGEND)


def _notes_by_row(cmp: Comparison, placed: Sequence[NumberedNote],
                  rows_of: dict[SideName, dict[int, int]]
                  ) -> dict[tuple[SideName, int], list[NumberedNote]]:
    """Each placed note under every row its passage touches (and the row of its number)."""
    out: dict[tuple[SideName, int], list[NumberedNote]] = {}
    for n in placed:
        assert n.side is not None and n.row is not None and n.note.resolved is not None
        res = n.note.resolved
        sentences = (cmp.left if n.side == "left" else cmp.right).sentences
        rows = {rows_of[n.side][s.id] for s in sentences if s.start < res.end and res.start < s.end}
        for row in sorted(rows | {n.row}):
            out.setdefault((n.side, row), []).append(n)
    return out


def _flagged_by_row(cmp: Comparison, rows_of: dict[SideName, dict[int, int]]
                    ) -> dict[tuple[SideName, int], list[int]]:
    out: dict[tuple[SideName, int], list[int]] = {}
    for index, quote in enumerate(cmp.quotes):
        if not is_flagged(quote):
            continue
        for side in SIDES:
            rows = {rows_of[side].get(p.sentence) for p in quote_parts(quote, side)}
            for row in sorted(r for r in rows if r is not None):
                out.setdefault((side, row), []).append(index)
    return out


def _quotations(cmp: Comparison, rows_of: dict[SideName, dict[int, int]]
                ) -> tuple[QuoteLine, ...]:
    lines = []
    for index, quote in enumerate(cmp.quotes):
        where = []
        for side in SIDES:
            parts = quote_parts(quote, side)
            where.append(rows_of[side].get(parts[0].sentence) if parts else None)
        lines.append(QuoteLine(index + 1, quote, verdict(quote), meaning(quote),
                               is_flagged(quote), (where[0], where[1]), speaker_line(quote),
                               reattributed(quote), words_cut(quote), words_added(quote),
                               unsure(quote), quote_tooltip(quote)))
    return tuple(lines)


def statistics(cmp: Comparison, notes: int) -> tuple[tuple[str, str], ...]:
    st = cmp.stats
    r = st.rows
    quotes = ", ".join(f"{count} {name}" for name, count in st.quotes.to_dict().items())
    return (
        ("Words", f"{st.left_words} left, {st.right_words} right"),
        ("Left reused on the right", percent(st.reused_left)),
        ("New on the right", percent(st.new_right)),
        ("Rows", f"{r.equal} equal, {r.edited} edited, {r.added} added, {r.removed} removed, "
                 f"{r.moved} moved"),
        ("Quotations", quotes),
        ("Notes", str(notes)),
    )
