"""Notes written on a version outside the comparison: placed where they were carried, marked,
and listed as not in these versions when they are gone; the same in the layout and exports."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from reader.compare import compare
from reader.export.html import render_html
from reader.export.markdown import render_markdown
from reader.present import build_layout, carried_caption
from reader.store.records import CarriedNote, NoteRecord, TextAnchor
from tests.compare.chain import CHAIN
from tests.export.fixtures import make_doc

LEFT, RIGHT, HOME = 11, 12, 10  # the ids make_doc gives the two sides
MOMENT = datetime(2026, 3, 1, tzinfo=UTC)


def _note(note_id: int, passage: str, body: str) -> NoteRecord:
    start = CHAIN[0].index(passage)
    anchor = TextAnchor(passage, "", "", start, start + len(passage))
    return NoteRecord(note_id, 1, HOME, body, "", "", anchor, anchor, False, MOMENT, MOMENT,
                      False)


def _carried(note: NoteRecord, text: str, status: str, passage: str) -> CarriedNote:
    if status == "gone":
        return CarriedNote(note, RIGHT, "gone", -1, -1, passage)
    start = text.index(passage)
    return CarriedNote(note, RIGHT, status, start, start + len(passage),  # type: ignore[arg-type]
                       passage)


def test_a_carried_note_is_placed_on_its_side_and_marked() -> None:
    cmp = compare(CHAIN[2], CHAIN[3])
    reworded = _note(1, "called the vote historic", "was it historic?")
    protest = _note(2, "Fishermen protested", "how many?")
    carried = [_carried(reworded, CHAIN[3], "changed", "called the vote a turning point"),
               _carried(protest, CHAIN[3], "gone", "Fishermen protested")]
    layout = build_layout(cmp, LEFT, RIGHT, [reworded, protest], carried)
    [placed] = [n for row in layout.rows for n in row.notes]
    assert placed.note.id == 1 and placed.side == "right" and placed.carried == "changed"
    assert placed.passage == "called the vote a turning point"
    assert carried_caption(placed) == "carried from version #10: reworded here"
    [gone] = layout.elsewhere
    assert gone.note.id == 2 and gone.carried == "gone"
    assert carried_caption(gone) == "written on version #10: not in these versions"


def test_the_exports_say_where_a_note_was_carried_from() -> None:
    cmp = compare(CHAIN[2], CHAIN[3])
    reworded = _note(1, "called the vote historic", "was it historic?")
    protest = _note(2, "Fishermen protested", "how many?")
    doc = replace(make_doc(cmp, (reworded, protest)), carried=(
        _carried(reworded, CHAIN[3], "changed", "called the vote a turning point"),
        _carried(protest, CHAIN[3], "gone", "Fishermen protested")))
    page = render_html(doc, MOMENT)
    assert "carried from version #10: reworded here" in page
    assert "written on version #10: not in these versions" in page
    markdown = render_markdown(doc, MOMENT)
    assert "> *carried from version \\#10: reworded here*" in markdown.splitlines()
