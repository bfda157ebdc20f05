"""The side-by-side comparison widget: what it formats, maps, navigates and reports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QMenu
from pytestqt.qtbot import QtBot

from reader.compare.model import (
    Comparison,
    Op,
    OpKind,
    Quote,
    QuoteCounts,
    QuoteSide,
    QuoteStatus,
    Row,
    RowCounts,
    RowKind,
    Sentence,
    Side,
    Stats,
    row_offset_to_text,
    row_text,
)
from reader.compare.words import count_words
from reader.present import Layout, NoteRef, Piece, build_layout
from reader.store.records import ArticleDetail, NoteRecord, TextAnchor
from reader.ui.comparison_parts import ColumnHeader
from reader.ui.comparison_view import ComparisonView
from reader.ui.stats_bar import StatsBar
from reader.ui.text_positions import Utf16Map
from tests.ui.reading import (
    boxed_texts,
    cell_span,
    cell_text,
    column_text,
    current_row,
    fragments,
    position,
    row_tables,
    runs_where,
    select,
    text_between,
    text_edit,
    wait_for_rows,
)

# The offscreen platform says these when a top-level widget or a tool-tip is shown; they are
# not our warnings.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       r"This plugin does not support raise\(\)")

# ---- hand-built comparison --------------------------------------------------------------

LEFT_PARAGRAPHS = [
    ["The mayor opened the new bridge on Monday.",
     "“It is a great day for the city,” she said."],
    ["Officials said “traffic will fall by a third” within a year.",
     "The project cost 40 million dollars."],
    ["Critics said “the money was wasted” on a vanity project.",
     "The council said “repairs are finished” last week."],
]
RIGHT_PARAGRAPHS = [
    ["The mayor opened the bridge 🎉 on Monday morning.",
     "The project cost 40 million dollars."],
    ["“It is a good day for our city,” she said.",
     "Officials said “traffic will fall by a third” within a year."],
    ["The council said repairs were finished last week.",
     "Residents said “we waited years for this”."],
]


def make_side(title: str, paragraphs: list[list[str]]) -> Side:
    sentences: list[Sentence] = []
    text = ""
    for p, para in enumerate(paragraphs):
        if p:
            text += "\n\n"
        for n, s in enumerate(para):
            if n:
                text += " "
            sentences.append(Sentence(len(sentences), s, len(text), len(text) + len(s), p))
            text += s
    return Side(title, text, tuple(sentences))


def diff_ops(a: str, b: str) -> tuple[Op, ...]:
    """Word-level ops between two row texts (difflib), as the engine reports them."""
    import difflib
    import re

    ta = [m.span() for m in re.finditer(r"\S+\s*", a)]
    tb = [m.span() for m in re.finditer(r"\S+\s*", b)]
    sm = difflib.SequenceMatcher(None, [a[x:y] for x, y in ta], [b[x:y] for x, y in tb],
                                 autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        la = (ta[i1][0] if i1 < len(ta) else len(a), ta[i2 - 1][1] if i2 > i1 else
              (ta[i1][0] if i1 < len(ta) else len(a)))
        lb = (tb[j1][0] if j1 < len(tb) else len(b), tb[j2 - 1][1] if j2 > j1 else
              (tb[j1][0] if j1 < len(tb) else len(b)))
        kind: OpKind = "equal" if tag == "equal" else tag  # type: ignore[assignment]
        ops.append(Op(kind, la, lb))
    return tuple(ops)


def quote_side(side: Side, sid: int, inner: str) -> QuoteSide:
    s = side.sentences[sid]
    at = s.text.index(inner)
    return QuoteSide(inner, sid, s.start + at, s.start + at + len(inner))


def hand_comparison() -> Comparison:
    left, right = make_side("Bridge opens", LEFT_PARAGRAPHS), make_side("Bridge", RIGHT_PARAGRAPHS)

    def row(kind: RowKind, lids: tuple[int, ...], rids: tuple[int, ...],
            moved: bool = False) -> Row:
        a, b = row_text(left, lids), row_text(right, rids)
        if kind == "equal":
            ops: tuple[Op, ...] = ((Op("equal", (0, len(a)), (0, len(b))),))
        elif kind == "added":
            ops = (Op("insert", (0, 0), (0, len(b))),)
        elif kind == "removed":
            ops = (Op("delete", (0, len(a)), (0, 0)),)
        else:
            ops = diff_ops(a, b)
        return Row(kind, moved, lids, rids, 1.0 if kind == "equal" else 0.7, ops)

    rows = (
        row("edited", (0,), (0,)),
        row("equal", (3,), (1,), moved=True),
        row("edited", (1,), (2,)),
        row("equal", (2,), (3,)),
        row("removed", (4,), ()),
        row("edited", (5,), (4,)),
        row("added", (), (5,)),
    )
    statuses: list[tuple[QuoteStatus, QuoteSide | None, QuoteSide | None]] = [
        ("altered", quote_side(left, 1, "It is a great day for the city,"),
         quote_side(right, 2, "It is a good day for our city,")),
        ("verbatim", quote_side(left, 2, "traffic will fall by a third"),
         quote_side(right, 3, "traffic will fall by a third")),
        ("dropped", quote_side(left, 4, "the money was wasted"), None),
        ("unquoted", quote_side(left, 5, "repairs are finished"),
         quote_side(right, 4, "repairs were finished")),
        ("added", None, quote_side(right, 5, "we waited years for this")),
    ]
    quotes = tuple(Quote(s, a, b, 0.8) for s, a, b in statuses)
    stats = Stats(count_words(left.text), count_words(right.text), 0.7, 0.3,
                  RowCounts(equal=2, edited=3, added=1, removed=1, moved=1),
                  QuoteCounts(verbatim=1, altered=1, unquoted=1, dropped=1, added=1))
    return Comparison(left, right, rows, quotes, stats)


def article(article_id: int, side: Side, outlet: str) -> ArticleDetail:
    return ArticleDetail(
        id=article_id, story_id=1, title=side.title, outlet=outlet, published=date(2025, 2, 13),
        language="en", words=count_words(side.text), source_name=f"{outlet}.txt",
        imported_at=datetime(2025, 2, 14), text=side.text, raw=side.text.encode(), url=None,
        section=None, content_hash=str(article_id))


def note(note_id: int, article_id: int, text: str, passage: str, *, orphaned: bool = False,
         occurrence: int = 0) -> NoteRecord:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(passage, start + 1)
    anchor = TextAnchor(passage, text[max(0, start - 10):start],
                        text[start + len(passage):start + len(passage) + 10],
                        start, start + len(passage))
    now = datetime(2025, 2, 15)
    return NoteRecord(note_id, 1, article_id, f"note {note_id}", "", "", anchor,
                      None if orphaned else anchor, orphaned, now, now, False)


LEFT_ID, RIGHT_ID = 11, 12


@pytest.fixture
def view(qtbot: QtBot) -> ComparisonView:
    w = ComparisonView()
    qtbot.addWidget(w)
    w.resize(1100, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


def show(view: ComparisonView, comparison: Comparison,
         notes: Sequence[NoteRecord] = ()) -> Layout:
    layout = build_layout(comparison, LEFT_ID, RIGHT_ID, notes)
    left = article(LEFT_ID, comparison.left, "Daily Post")
    right = article(RIGHT_ID, comparison.right, "Evening Star")
    view.show_comparison(left, right, layout)
    # Rows after the first screen are appended while the event loop is idle: let it run.
    wait_for_rows(view, len(comparison.rows))
    return layout


def expected_spans(comparison: Comparison, side: str) -> list[tuple[str, int, int]]:
    """The engine's non-equal ops on one side, mapped to article offsets."""
    out: list[tuple[str, int, int]] = []
    s = comparison.left if side == "left" else comparison.right
    for row in comparison.rows:
        ids = row.left if side == "left" else row.right
        for op in row.ops:
            a, b = op.left if side == "left" else op.right
            if op.op != "equal" and a < b:
                out.append((op.op, row_offset_to_text(s, ids, a), row_offset_to_text(s, ids, b)))
    return out


def layout_spans(layout: Layout, side: str) -> list[tuple[str, int, int]]:
    """The layout's changed pieces on one side, one per engine op, in article offsets."""
    cmp = layout.comparison
    s = cmp.left if side == "left" else cmp.right
    out: list[tuple[str, int, int]] = []
    last_op: int | None = None
    for view in layout.rows:
        ids = view.row.left if side == "left" else view.row.right
        for piece in view.cell(side).pieces:  # type: ignore[arg-type]
            if piece.change == "same":
                continue
            kind = view.row.ops[piece.op].op if piece.op is not None else (
                "delete" if side == "left" else "insert")
            a = row_offset_to_text(s, ids, piece.start)
            b = row_offset_to_text(s, ids, piece.start + len(piece.text))
            if out and out[-1][0] == kind and out[-1][2] == a and piece.op == last_op:
                out[-1] = (kind, out[-1][1], b)
            else:
                out.append((kind, a, b))
            last_op = piece.op
    return out


def changed_text(layout: Layout, row: int, side: str) -> list[str]:
    """The changed words of a row side as the layout cuts them, neighbours joined."""
    out: list[str] = []
    joined = False
    for item in layout.rows[row].cell(side).items:  # type: ignore[arg-type]
        if isinstance(item, Piece) and item.change != "same":
            if joined:
                out[-1] += item.text
            else:
                out.append(item.text)
            joined = True
        elif isinstance(item, Piece | NoteRef):  # the window draws a note's number in the text
            joined = False
    return out


def assert_window_draws(view: ComparisonView, layout: Layout) -> None:
    """Every cell shows its row text, struck through where the layout deletes and underlined
    where it inserts, and nothing else."""
    for n, row in enumerate(layout.rows):
        for side in ("left", "right"):
            cell = row.cell(side)  # type: ignore[arg-type]
            shown = cell_text(view, n, side)  # type: ignore[arg-type]
            assert shown.replace("\u2028", "") .startswith(cell.text[:1]) or not cell.text
            marked = runs_where(view, n, side,  # type: ignore[arg-type]
                                (lambda f: f.fontStrikeOut()) if side == "left"
                                else (lambda f: f.fontUnderline()))
            assert marked == changed_text(layout, n, side)


# ---- tests ----------------------------------------------------------------------------------


def test_changed_pieces_are_exactly_the_engines_ops_and_drawn_so(view: ComparisonView) -> None:
    cmp = hand_comparison()
    layout = show(view, cmp)
    for side in ("left", "right"):
        assert layout_spans(layout, side) == expected_spans(cmp, side)
    kinds = {k for side in ("left", "right") for k, _, _ in layout_spans(layout, side)}
    assert {"replace", "delete", "insert"} <= kinds
    assert_window_draws(view, layout)


def test_changes_land_on_the_changed_words(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    struck = [w for n in range(len(cmp.rows))
              for w in runs_where(view, n, "left", lambda f: f.fontStrikeOut())]
    underlined = [w for n in range(len(cmp.rows))
                  for w in runs_where(view, n, "right", lambda f: f.fontUnderline())]
    assert "new " in struck
    assert any("🎉" in w for w in underlined)
    assert any("good" in w for w in underlined)  # the altered quotation's new word
    assert cmp.left.sentences[4].text in struck  # the removed sentence, whole
    assert cmp.right.sentences[5].text in underlined  # the added sentence, whole


def test_each_row_has_margin_left_and_right_cells_side_by_side(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    assert len(row_tables(view)) == len(cmp.rows)
    edit = text_edit(view)
    margin_width = 0
    for n, row in enumerate(cmp.rows):
        spans = [cell_span(view, n, c) for c in ("margin", "left", "right")]
        # Side by side on screen: same top, margin < left < right, the versions equally wide.
        lefts = []
        for first, _ in spans:
            cursor = QTextCursor(edit.document())
            cursor.setPosition(first)
            lefts.append(edit.cursorRect(cursor).left())
        assert lefts[0] < lefts[1] < lefts[2]
        width = edit.viewport().width() - 2 * edit.document().documentMargin()
        margin_width = lefts[1] - lefts[0]
        assert abs((lefts[2] - lefts[1]) - (width - margin_width) / 2) < 12
        # An added sentence faces an empty cell, and the other way round.
        if row.kind == "added":
            assert spans[1][0] == spans[1][1]
        if row.kind == "removed":
            assert spans[2][0] == spans[2][1]
    # The titles stand over their columns.
    header = view.findChild(ColumnHeader)
    assert header is not None
    for label, x in ((header.left, lefts[1]), (header.right, lefts[2])):
        label_x = label.mapToGlobal(QPoint(label.contentsMargins().left(), 0)).x()
        assert abs(label_x - edit.viewport().mapToGlobal(QPoint(x, 0)).x()) <= 4 + 5


def test_columns_show_every_sentence_once_in_reading_order(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp, [note(1, RIGHT_ID, cmp.right.text, "bridge 🎉 on")])
    for side_name, side in (("left", cmp.left), ("right", cmp.right)):
        text = column_text(view, side_name)  # type: ignore[arg-type]
        for s in side.sentences:
            assert text.count(s.text) == 1
        ids = [i for r in cmp.rows for i in (r.left if side_name == "left" else r.right)]
        positions = [text.index(side.sentences[i].text) for i in ids]
        assert positions == sorted(positions)
    right_order = [s.text for s in cmp.right.sentences]
    assert column_text(view, "right") == "\n".join(right_order)


def test_selection_in_the_right_column_maps_to_article_offsets_after_an_emoji(
        view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    sentence = cmp.right.sentences[0]
    word = "Monday"  # after the 🎉 in the same sentence
    at = sentence.text.index(word)
    start = position(view, 0, "right", word)
    select(view, start, start + len(word))
    assert text_edit(view).textCursor().selectedText() == word
    passage = view.selected_passage()
    assert passage == (RIGHT_ID, sentence.start + at, sentence.start + at + len(word))
    assert cmp.right.text[passage[1]:passage[2]] == word


def test_selection_spanning_both_columns_keeps_the_first_and_the_margin_is_none(
        view: ComparisonView, qtbot: QtBot) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    left, right, margin = (cell_span(view, 2, c)[0] for c in ("left", "right", "margin"))
    with qtbot.waitSignal(view.selectionChanged, check_params_cb=lambda v: v is True):
        select(view, left + 2, left + 8)
    assert view.selected_passage() is not None
    select(view, left + 2, right + 8)  # into the right column: the left one to its end
    sentence = cmp.left.sentences[1]
    assert view.selected_passage() == (LEFT_ID, sentence.start + 2, sentence.end)
    with qtbot.waitSignal(view.selectionChanged, check_params_cb=lambda v: v is False):
        select(view, margin, margin + 3)
    assert view.selected_passage() is None


def test_next_change_walks_exactly_the_non_equal_rows(view: ComparisonView,
                                                      qtbot: QtBot) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    expected = [i for i, r in enumerate(cmp.rows) if r.kind != "equal" or r.moved]
    seen = []
    for row in expected:
        with qtbot.waitSignal(view.currentRowChanged, check_params_cb=lambda r, row=row: r == row):
            assert view.next_change()
        seen.append(current_row(view))
    with qtbot.assertNotEmitted(view.currentRowChanged):
        assert not view.next_change()
    assert seen == expected
    assert current_row(view) == expected[-1]  # stays on the last change
    back = []
    while view.previous_change():
        back.append(current_row(view))
    assert back == expected[-2::-1]
    assert not view.previous_change()


def test_next_change_emits_and_scrolls_on_a_long_comparison(view: ComparisonView,
                                                            qtbot: QtBot) -> None:
    cmp = long_comparison(60)
    show(view, cmp)
    bar = text_edit(view).verticalScrollBar()
    assert bar.maximum() > 0
    last = [i for i, r in enumerate(cmp.rows) if r.kind != "equal"][-1]
    while current_row(view) != last:
        with qtbot.waitSignal(view.currentRowChanged):
            assert view.next_change()
    assert bar.value() > 0
    cursor = QTextCursor(text_edit(view).document())
    cursor.setPosition(cell_span(view, last, "right")[0])
    rect = text_edit(view).cursorRect(cursor)
    assert 0 <= rect.top() < text_edit(view).viewport().height()
    assert not view.next_change()


def test_next_flagged_quote_walks_the_rows_tagged_in_the_margin(view: ComparisonView) -> None:
    cmp = hand_comparison()
    layout = show(view, cmp)
    assert layout.flagged_rows == (3, 5, 6, 7)  # altered, dropped, unquoted, added
    walked = []
    while view.next_changed_quote():
        walked.append(current_row(view))
    assert walked == [2, 4, 5, 6]


def test_note_marks_sit_at_resolved_positions_and_clicks_emit(view: ComparisonView,
                                                             qtbot: QtBot) -> None:
    cmp = hand_comparison()
    passage = "Monday morning"
    notes = [note(7, RIGHT_ID, cmp.right.text, passage),
             note(8, LEFT_ID, cmp.left.text, "bridge", orphaned=True)]
    layout = show(view, cmp, notes)
    assert [(n.number, n.note.id) for n in layout.rows[0].notes] == [(1, 7)]
    assert [n.note.id for n in layout.orphaned] == [8]  # listed, never marked in the text
    start = position(view, 0, "right", passage)
    assert text_between(view, start, start + len(passage)) == passage
    cursor = QTextCursor(text_edit(view).document())
    cursor.setPosition(start + 1)
    assert cursor.charFormat().background().color() == QColor("#fff2a8")  # the note tint
    # Click in the middle of the passage, as a reader would.
    cursor.setPosition(start + 3)
    rect = text_edit(view).cursorRect(cursor)
    with qtbot.waitSignal(view.noteClicked) as blocker:
        qtbot.mouseClick(  # type: ignore[no-untyped-call]
            text_edit(view).viewport(), Qt.MouseButton.LeftButton,
            pos=rect.center() + QPoint(2, 0))
    assert blocker.args == [7]
    # The number is shown right after the passage, raised, and is not article text.
    number = start + len(passage)
    assert text_between(view, number, number + 2) == "✎1"
    cursor.setPosition(number + 1)
    assert cursor.charFormat().verticalAlignment() == \
        cursor.charFormat().VerticalAlignment.AlignSuperScript
    assert passage in column_text(view, "right") and "✎" not in column_text(view, "right")
    assert sum("✎" in cell_text(view, n, "left") for n in range(len(cmp.rows))) == 0


def test_new_notes_re_mark_and_keep_the_changes(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    # A note spanning two sentences of different rows, the first ending inside a change.
    layout = build_layout(cmp, LEFT_ID, RIGHT_ID,
                          [note(3, LEFT_ID, cmp.left.text, "bridge on Monday. “It is a great")])
    view.show_notes(layout)
    marked = [t for n in range(len(cmp.rows)) for t in runs_where(
        view, n, "left", lambda f: f.background().color() == QColor("#fff2a8"))]
    assert marked == ["bridge on Monday.", "“It is a great✎1"]  # the number wears the tint
    assert_window_draws(view, layout)
    view.show_notes(build_layout(cmp, LEFT_ID, RIGHT_ID, []))
    assert "✎" not in "".join(cell_text(view, n, "left") for n in range(len(cmp.rows)))


def test_moved_marker_click_scrolls_to_the_old_position(view: ComparisonView,
                                                        qtbot: QtBot) -> None:
    cmp = long_comparison(60, move_last_to_top=True)
    layout = show(view, cmp)
    moved = next(v for v in layout.rows if v.row.moved)
    link = next(m for m in moved.margin if m.kind == "moved")
    assert link.text.startswith("⇅ moved from ¶") and link.target is not None
    bar = text_edit(view).verticalScrollBar()
    assert bar.value() == 0
    at = position(view, moved.number - 1, "margin", link.text, 3)
    cursor = QTextCursor(text_edit(view).document())
    cursor.setPosition(at)
    rect = text_edit(view).cursorRect(cursor)
    with qtbot.waitSignal(view.currentRowChanged) as blocker:
        qtbot.mouseClick(  # type: ignore[no-untyped-call]
            text_edit(view).viewport(), Qt.MouseButton.LeftButton,
            pos=rect.center() + QPoint(2, 0))
    assert blocker.args == [link.target - 1]
    assert bar.value() > 0
    # ...and the marker at the old position links back.
    back = next(m for m in layout.rows[link.target - 1].margin if m.kind == "moved")
    assert back.target == moved.number
    assert back.text in cell_text(view, link.target - 1, "margin")


def test_flagged_quotations_are_tagged_in_the_margin_and_boxed(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    margin = {n: cell_text(view, n, "margin") for n in range(len(cmp.rows))}
    assert "quote altered" in margin[2] and "edited" in margin[2]
    assert "quote dropped" in margin[4] and "removed" in margin[4]
    assert "reported speech" in margin[5]
    assert "new quote" in margin[6] and "added" in margin[6]
    # Every quotation not kept word for word is framed where it stands; the verbatim one is
    # not. No line over or under it: underline means inserted.
    boxed = [t for n in range(len(cmp.rows)) for side in ("left", "right")
             for t in boxed_texts(view, n, side)]  # type: ignore[arg-type]
    assert "It is a good day for our city," in boxed
    assert "the money was wasted" in boxed and "we waited years for this" in boxed
    assert not any("traffic" in t for t in boxed)
    assert not any(f.fontOverline() for n in range(len(cmp.rows)) for side in ("left", "right")
                   for _, f in fragments(view, n, side))  # type: ignore[arg-type]


def test_the_quotation_box_is_painted_around_its_words(view: ComparisonView) -> None:
    from reader.export.boxes import line_rects

    cmp = hand_comparison()
    show(view, cmp)
    edit = text_edit(view)
    box = next(b for b in view.quote_boxes() if "good day" in text_between(view, b.start, b.end))
    rect = line_rects(edit.document(), box.start, box.end)[0]
    rect.translate(-edit.horizontalScrollBar().value(), -edit.verticalScrollBar().value())
    image = edit.viewport().grab().toImage()
    dpr = image.devicePixelRatio()

    def quote_coloured(x: float, y: float) -> bool:
        pixel = image.pixelColor(round(x * dpr), round(y * dpr))
        want = box.color
        return max(abs(pixel.red() - want.red()), abs(pixel.green() - want.green()),
                   abs(pixel.blue() - want.blue())) < 60

    top = rect.top()
    along_top = [quote_coloured(x, top) for x in range(int(rect.left()) + 2,
                                                        int(rect.right()) - 2)]
    assert 0.2 < sum(along_top) / len(along_top) < 0.9  # dotted: some dots, some gaps
    block = edit.document().findBlock(box.start)
    cell_left = edit.document().documentLayout().blockBoundingRect(block).left()
    bracket_x = cell_left - 3 - edit.horizontalScrollBar().value()  # in the cell's padding
    assert any(quote_coloured(bracket_x + dx, rect.center().y()) for dx in (-1, 0, 1, 2))


def test_identical_banner_and_stats(view: ComparisonView) -> None:
    side = make_side("Same", [["One sentence here.", "Another one."]])
    rows = tuple(Row("equal", False, (i,), (i,), 1.0,
                     (Op("equal", (0, len(s.text)), (0, len(s.text))),))
                 for i, s in enumerate(side.sentences))
    cmp = Comparison(side, side, rows, (), Stats(5, 5, 1.0, 0.0, RowCounts(equal=2)))
    layout = show(view, cmp)
    banner = view.findChild(QLabel, "identicalBanner")
    assert banner is not None and banner.isVisible()
    assert layout_spans(layout, "left") == [] and layout_spans(layout, "right") == []
    assert not any(f.fontStrikeOut() or f.fontUnderline() for n in range(2)
                   for side in ("left", "right") for _, f in fragments(view, n, side))  # type: ignore[arg-type]
    assert not view.next_change()
    show(view, hand_comparison())
    assert not banner.isVisible()
    bar = view.findChild(StatsBar)
    assert bar is not None
    text = bar.text()
    assert "70% of left reused" in text and "3 edited" in text and "1 altered" in text


def test_show_message_replaces_the_comparison(view: ComparisonView) -> None:
    show(view, hand_comparison())
    view.show_message("Comparing…")
    shown = [label for label in view.findChildren(QLabel) if label.isVisible()]
    assert [label.text() for label in shown] == ["Comparing…"]
    assert not text_edit(view).isVisible()
    assert view.selected_passage() is None and row_tables(view) == []
    assert not view.next_change() and current_row(view) is None
    show(view, hand_comparison())
    assert text_edit(view).isVisible() and len(row_tables(view)) == 7


def test_reveal_passage_scrolls_and_flashes(view: ComparisonView) -> None:
    cmp = long_comparison(60)
    show(view, cmp)
    last = cmp.right.sentences[-1]
    view.reveal_passage(RIGHT_ID, last.start, last.end)
    assert text_edit(view).verticalScrollBar().value() > 0
    flashes = text_edit(view).extraSelections()
    assert len(flashes) == 1 and flashes[0].cursor.selectedText() == last.text


def test_dark_palette_re_renders_with_dark_colours(view: ComparisonView, qtbot: QtBot) -> None:
    layout = show(view, hand_comparison())

    def deletion_tint() -> QColor:
        return next(f.background().color() for _, f in fragments(view, 0, "left")
                    if f.fontStrikeOut())

    light_bg = deletion_tint()
    dark = QPalette()
    for role, color in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.Base,
                        "#1b1b1d"), (QPalette.ColorRole.Text, "#e8e8e8"),
                        (QPalette.ColorRole.WindowText, "#e8e8e8")):
        dark.setColor(role, QColor(color))
    old = QApplication.palette()
    try:
        QApplication.setPalette(dark)
        qtbot.waitUntil(lambda: bool(row_tables(view)) and deletion_tint() != light_bg)
        assert deletion_tint().lightness() < light_bg.lightness()
        assert_window_draws(view, layout)
    finally:
        QApplication.setPalette(old)


def long_comparison(n: int, move_last_to_top: bool = False) -> Comparison:
    """n rows: every fifth edited, the rest equal; optionally the last sentence moved first."""
    base = [f"Sentence number {i} tells part of the story with some words." for i in range(n)]
    changed = [s.replace("some", "a few") if i % 5 == 2 else s for i, s in enumerate(base)]
    left = make_side("Long left", [[s] for s in base])
    order = list(range(n))
    if move_last_to_top:
        order = [n - 1, *range(n - 1)]
    right = make_side("Long right", [[changed[i]] for i in order])
    rows = []
    for r, i in enumerate(order):
        a, b = base[i], changed[i]
        kind: RowKind = "equal" if a == b else "edited"
        ops = diff_ops(a, b)
        rows.append(Row(kind, move_last_to_top and r == 0, (i,), (r,), 0.9, ops))
    stats = Stats(count_words(left.text), count_words(right.text), 0.95, 0.05,
                  RowCounts(equal=sum(r.kind == "equal" for r in rows),
                            edited=sum(r.kind == "edited" for r in rows)))
    return Comparison(left, right, tuple(rows), (), stats)


def test_utf16_helper_is_used_per_piece() -> None:
    # A guard that the emoji in the fixture really makes Qt and Python counts differ.
    assert Utf16Map(RIGHT_PARAGRAPHS[0][0]).utf16_length == len(RIGHT_PARAGRAPHS[0][0]) + 1


def test_awkward_text_keeps_its_length_in_the_document(view: ComparisonView) -> None:
    """Tabs, line breaks, markup characters and runs of spaces inside a sentence: the cell
    holds exactly as many characters as the row text, so offsets map."""
    texts = ["A <b>bold</b> & \"quoted\"\tclaim  with   spaces.",
             "Line\nbreak\r\nand \u2029 separator 👍🏽 here.", " Leading and trailing space. "]
    side = make_side("Awkward", [[t] for t in texts])
    rows = tuple(Row("equal", False, (i,), (i,), 1.0,
                     (Op("equal", (0, len(t)), (0, len(t))),)) for i, t in enumerate(texts))
    show(view, Comparison(side, side, rows, (), Stats(10, 10, 1.0, 0.0, RowCounts(equal=3))))
    for n, t in enumerate(texts):
        first, last = cell_span(view, n, "right")
        assert last - first == Utf16Map(t).utf16_length
        at = t.index("spaces") if "spaces" in t else t.index("here") if "here" in t else 3
        start = first + Utf16Map(t).to_utf16(at)
        select(view, start, start + 4)
        assert view.selected_passage() == (RIGHT_ID, side.sentences[n].start + at,
                                           side.sentences[n].start + at + 4)


# ---- with the real engine ---------------------------------------------------------------------

EN_LEFT = """The city council approved the new budget on Tuesday. "This budget protects every \
school," said Mayor Ana Diaz. Spending on roads will rise by 12 percent.

Critics said the plan ignores public transport. The vote was 7 to 2. Officials expect the \
first repairs in March."""
EN_RIGHT = """Spending on roads will rise by 12 percent. The city council passed the new budget \
on Tuesday 🎉. "This budget protects our schools," Mayor Ana Diaz said.

The vote was 7 to 2. Officials expect the first repairs in March. Residents welcomed the news."""
ID_LEFT = """Sekretaris Jenderal NATO Mark Rutte kembali menegaskan perlunya memperkuat Ukraina \
sebelum pembicaraan damai dimulai.

"Kami kuat, kami mampu, kami siap, dan kami akan memberikan hasil," ujarnya, seraya \
mengucapkan terima kasih kepada negara-negara NATO atas dukungannya. Struktur itu akan \
beroperasi pekan depan di Polandia."""
ID_RIGHT = """Sekretaris Jenderal NATO, Mark Rutte, kembali menegaskan pentingnya memperkuat \
posisi Ukraina sebelum proses negosiasi damai dimulai.

“Kami kuat, kami mampu, kami siap, dan kami akan memberikan hasil,” tegasnya, sembari \
menyampaikan apresiasi kepada negara-negara anggota NATO atas dukungan mereka. Pernyataan ini \
memicu reaksi dari para pemimpin Eropa."""


def real(left: str, right: str) -> Comparison:
    from reader.compare import compare

    return compare(left, right, left_title="Left", right_title="Right")


@pytest.mark.parametrize(("left", "right"), [(EN_LEFT, EN_RIGHT), (ID_LEFT, ID_RIGHT)],
                         ids=["english", "indonesian"])
def test_engine_output_is_shown_exactly(view: ComparisonView, left: str, right: str) -> None:
    cmp = real(left, right)
    layout = show(view, cmp)
    for side_name, side in (("left", cmp.left), ("right", cmp.right)):
        assert layout_spans(layout, side_name) == expected_spans(cmp, side_name)
        ids = [i for r in cmp.rows for i in (r.left if side_name == "left" else r.right)]
        assert sorted(ids) == list(range(len(side.sentences)))
        assert column_text(view, side_name) == "\n".join(  # type: ignore[arg-type]
            " ".join(side.sentences[i].text for i in (r.left if side_name == "left" else r.right))
            for r in cmp.rows if (r.left if side_name == "left" else r.right))
    assert_window_draws(view, layout)
    changes = [i for i, r in enumerate(cmp.rows) if r.kind != "equal" or r.moved]
    walked = []
    while view.next_change():
        walked.append(current_row(view))
    assert walked == changes


def test_engine_output_selection_after_emoji_and_moves(view: ComparisonView) -> None:
    cmp = real(EN_LEFT, EN_RIGHT)
    layout = show(view, cmp)
    for word in ("Tuesday 🎉.", "Mayor Ana Diaz", "Residents"):
        start = cmp.right.text.index(word)
        row = next(v.number - 1 for v in layout.rows if any(
            cmp.right.sentences[i].start <= start < cmp.right.sentences[i].end
            for i in v.row.right))
        at = position(view, row, "right", word)
        select(view, at, at + len(word) + ("🎉" in word))
        assert text_edit(view).textCursor().selectedText() == word
        assert view.selected_passage() == (RIGHT_ID, start, start + len(word))
    # The moved sentence is flagged and linked to where it stood on the left.
    moved = next(v for v in layout.rows if v.row.moved)
    link = next(m for m in moved.margin if m.kind == "moved")
    assert link.text in cell_text(view, moved.number - 1, "margin")
    # The altered quotation is one the flagged-quotation step finds.
    altered = next(q for q in cmp.quotes if q.status == "altered")
    assert altered.right is not None
    found = []
    while view.next_changed_quote():
        found.append(current_row(view))
    assert any(altered.right.sentence in cmp.rows[r or 0].right for r in found)


def test_hovering_a_flagged_quotation_shows_both_wordings(view: ComparisonView,
                                                          qtbot: QtBot) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    cmp = hand_comparison()
    show(view, cmp)
    at = position(view, 2, "margin", "quote altered", 4)
    cursor = QTextCursor(text_edit(view).document())
    cursor.setPosition(at)
    point = text_edit(view).cursorRect(cursor).center() + QPoint(2, 0)
    viewport = text_edit(view).viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "great day for the city" in QToolTip.text()
    assert "good day for our city" in QToolTip.text()
    QToolTip.hideText()


def test_context_menu_offers_add_note_for_a_passage(view: ComparisonView, qtbot: QtBot) -> None:
    show(view, hand_comparison())
    edit = text_edit(view)

    def add_note_action() -> QAction:
        menu: QMenu = edit.context_menu(QPoint(10, 10))  # type: ignore[attr-defined]
        return next(a for a in menu.actions() if a.text() == "Add note…")

    assert not add_note_action().isEnabled()
    start = cell_span(view, 3, "right")[0]
    select(view, start, start + 9)
    action = add_note_action()
    assert action.isEnabled()
    with qtbot.waitSignal(view.addNoteRequested):
        action.trigger()


def test_a_long_comparison_shows_its_first_rows_at_once_and_the_rest_soon(
        view: ComparisonView) -> None:
    first = view.first_screen_rows()
    cmp = long_comparison(3 * first + 7, move_last_to_top=True)
    layout = build_layout(cmp, LEFT_ID, RIGHT_ID, ())
    view.show_comparison(article(LEFT_ID, cmp.left, "Daily Post"),
                         article(RIGHT_ID, cmp.right, "Evening Star"), layout)
    assert len(row_tables(view)) == first
    # ...which fill the viewport: nothing below them shows before the rest arrives.
    edit = text_edit(view)
    assert edit.document().size().height() > edit.viewport().height()
    wait_for_rows(view, len(cmp.rows))
    assert len(row_tables(view)) == len(cmp.rows)
    for a, b in pairwise(range(len(cmp.rows))):
        assert cell_span(view, a, "right")[1] < cell_span(view, b, "margin")[0]
    assert_window_draws(view, layout)
    for side in ("left", "right"):
        ids = [i for r in cmp.rows for i in (r.left if side == "left" else r.right)]
        sentences = (cmp.left if side == "left" else cmp.right).sentences
        assert column_text(view, side) == "\n".join(  # type: ignore[arg-type]
            sentences[i].text for i in ids)


def test_stepping_to_a_row_not_laid_out_yet_lays_it_out(view: ComparisonView) -> None:
    cmp = long_comparison(3 * view.first_screen_rows())
    view.show_comparison(article(LEFT_ID, cmp.left, "Daily Post"),
                         article(RIGHT_ID, cmp.right, "Evening Star"),
                         build_layout(cmp, LEFT_ID, RIGHT_ID, ()))
    assert view.previous_change()  # with no current row: the last change, far below
    last = [i for i, r in enumerate(cmp.rows) if r.kind != "equal"][-1]
    assert len(row_tables(view)) == len(cmp.rows)
    assert current_row(view) == last
