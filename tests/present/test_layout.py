"""The shared layout: pieces, note placement, moved-row markers, highlight runs."""

from __future__ import annotations

from reader.compare.model import (
    Comparison,
    OpKind,
    Quote,
    QuoteCounts,
    Row,
    RowCounts,
    Stats,
    row_text,
)
from reader.present import (
    MovedFrom,
    NoteRef,
    Piece,
    QuoteFlag,
    RowView,
    layout_of,
)
from reader.present.model import DEFAULT_NOTE_COLOR
from reader.present.runs import note_runs
from tests.export.fixtures import (
    anchor_at,
    english_doc,
    make_doc,
    make_ops,
    make_side,
    note,
    quote_in,
)

A, B, C = "Alpha came first.", "Bravo came second.", "Charlie came third."


def _cmp(left: list[list[str]], right: list[list[str]], rows: tuple[Row, ...],
         quotes: tuple[Quote, ...] = ()) -> Comparison:
    return Comparison(make_side("L", left), make_side("R", right), rows, quotes,
                      Stats(0, 0, 0.0, 0.0, RowCounts(), QuoteCounts()))


def _equal(left: int, right: int, text: str, moved: bool = False) -> Row:
    return Row("equal", moved, (left,), (right,), 1.0, make_ops([("equal", text, text)]))


def test_pieces_rebuild_each_row_text_exactly() -> None:
    doc = english_doc()
    layout = layout_of(doc)
    cmp = doc.comparison
    for view in layout.rows:
        assert view.left.text == row_text(cmp.left, view.row.left)
        assert view.right.text == row_text(cmp.right, view.row.right)


def test_moved_row_shown_in_right_order_marks_its_left_place() -> None:
    cmp = _cmp([[A, B, C]], [[C, A, B]],
               (_equal(2, 0, C, moved=True), _equal(0, 1, A), _equal(1, 2, B)))
    layout = layout_of(make_doc(cmp))
    kinds = [type(line).__name__ for line in layout.lines]
    assert kinds == ["RowView", "RowView", "RowView", "MovedFrom"]
    marker = layout.lines[3]
    assert marker == MovedFrom("left", 1, (2,), 3)
    assert layout.rows[0].moved_from == (marker,)


def test_moved_row_shown_in_left_order_marks_its_right_place() -> None:
    cmp = _cmp([[A, B, C]], [[C, A, B]],
               (_equal(0, 1, A), _equal(1, 2, B), _equal(2, 0, C, moved=True)))
    layout = layout_of(make_doc(cmp))
    assert layout.lines[0] == MovedFrom("right", 3, (0,), 0)
    assert [type(line).__name__ for line in layout.lines[1:]] == ["RowView"] * 3


def test_n_to_m_row_ops_cross_the_sentence_joiner() -> None:
    merged = "Alpha came first and Bravo came second."
    segments: list[tuple[OpKind, str, str]] = [
                ("equal", "Alpha came first", "Alpha came first"),
                ("replace", ". ", " and "),
                ("equal", "Bravo came second.", "Bravo came second.")]
    row = Row("edited", False, (0, 1), (0,), 0.9, make_ops(segments))
    cmp = _cmp([[A], [B]], [[merged]], (row,))
    view = layout_of(make_doc(cmp)).rows[0]
    assert [(p.text, p.change) for p in view.left.items if isinstance(p, Piece)] == [
        ("Alpha came first", "same"), (". ", "deleted"), ("Bravo came second.", "same")]
    assert [(p.text, p.change) for p in view.right.items if isinstance(p, Piece)] == [
        ("Alpha came first", "same"), (" and ", "inserted"), ("Bravo came second.", "same")]


def test_note_over_two_rows_is_marked_in_both_and_numbered_where_it_ends() -> None:
    cmp = _cmp([[A, B, C]], [[A, B, C]], (_equal(0, 0, A), _equal(1, 1, B), _equal(2, 2, C)))
    text = cmp.left.text
    passage = text[text.index("first"):text.index("Bravo") + len("Bravo")]
    layout = layout_of(make_doc(cmp, (note(7, 11, "spans", anchor=anchor_at(text, passage)),)))
    first, second, _ = layout.rows
    marked = [p.text for v in (first, second) for p in v.left.items
              if isinstance(p, Piece) and p.notes]
    assert marked == ["first.", "Bravo"]
    assert not first.notes and [n.number for n in second.notes] == [1]
    refs = [i for i in second.left.items if isinstance(i, NoteRef)]
    assert len(refs) == 1
    assert second.left.items.index(refs[0]) == 1  # right after "Bravo"


def test_note_on_the_gap_between_paragraphs_stays_with_the_sentence_before() -> None:
    cmp = _cmp([[A], [B]], [[A], [B]], (_equal(0, 0, A), _equal(1, 1, B)))
    gap = cmp.left.text.index("\n\n")
    anchored = note(1, 11, "gap", anchor=anchor_at(cmp.left.text, "\n\n"))
    assert anchored.resolved is not None and anchored.resolved.start == gap
    layout = layout_of(make_doc(cmp, (anchored,)))
    assert [n.note.id for n in layout.rows[0].notes] == [1]
    assert isinstance(layout.rows[0].left.items[-1], NoteRef)


def test_notes_sorted_into_whole_rows_orphaned_and_other_versions() -> None:
    cmp = _cmp([[A, B]], [[A, B]], (_equal(0, 0, A), _equal(1, 1, B)))
    text = cmp.left.text
    deleted = note(5, 11, "gone", anchor=anchor_at(text, "Alpha"))
    deleted = type(deleted)(**{**deleted.__dict__, "deleted": True})
    notes = (note(1, None, "whole"), note(2, 11, "on B", anchor=anchor_at(text, "Bravo")),
             note(3, 11, "orphan", anchor=anchor_at(text, "Alpha"), orphaned=True),
             note(4, 99, "third version", anchor=anchor_at(text, "came")),
             note(6, 12, "on A", anchor=anchor_at(cmp.right.text, "Alpha"), color="red"),
             deleted)
    layout = layout_of(make_doc(cmp, notes))
    assert [n.id for n in layout.whole] == [1]
    # Numbered by place: the left version's notes first, then the right's, whatever the row.
    assert [(n.number, n.note.id, n.row) for r in layout.rows for n in r.notes] == [
        (2, 6, 1), (1, 2, 2)]
    assert [(n.number, n.note.id, n.passage) for n in layout.orphaned] == [(3, 3, "Alpha")]
    assert [(n.number, n.note.id, n.side) for n in layout.elsewhere] == [(4, 4, None)]
    assert layout.rows[0].notes[0].color == DEFAULT_NOTE_COLOR  # "red" is not #rrggbb


def test_quote_flag_goes_after_the_closing_quotation_mark() -> None:
    said = "She said \u201cwe will win\u201d loudly."
    cmp = _cmp([[said]], [[said]], (_equal(0, 0, said),),
               (Quote("dropped", quote_in(make_side("L", [[said]]), 0, "we will win"), None,
                      0.0),))
    view: RowView = layout_of(make_doc(cmp)).rows[0]
    items = view.left.items
    flag = next(i for i in items if isinstance(i, QuoteFlag))
    before = "".join(p.text for p in items[:items.index(flag)] if isinstance(p, Piece))
    assert before == "She said \u201cwe will win\u201d"
    assert not any(isinstance(i, QuoteFlag) for i in view.right.items)


def test_note_runs_keep_one_run_per_passage() -> None:
    doc = english_doc()
    layout = layout_of(doc)
    police = layout.rows[6].right
    runs = note_runs(police.items)
    noted = [r for r in runs if r.notes]
    assert len(noted) == 1
    assert "".join(i.text for i in noted[0].items if isinstance(i, Piece)) == \
        "calling the jams \u201cunavoidable.\u201d"
    # The flag at the passage's end and the note number come after the highlight.
    after = runs[runs.index(noted[0]) + 1].items
    assert isinstance(after[0], QuoteFlag) and isinstance(after[1], NoteRef)
