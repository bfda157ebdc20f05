"""The side-by-side comparison widget: what it formats, maps, navigates and reports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu
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
from reader.store.records import ArticleDetail, NoteRecord, TextAnchor
from reader.ui import diff_document
from reader.ui.comparison_view import ComparisonView
from reader.ui.text_positions import Utf16Map

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
         notes: Sequence[NoteRecord] = ()) -> tuple[ArticleDetail, ArticleDetail]:
    left = article(LEFT_ID, comparison.left, "Daily Post")
    right = article(RIGHT_ID, comparison.right, "Evening Star")
    view.show_comparison(left, right, comparison, notes)
    # Rows after the first screen are appended while the event loop is idle: let it run.
    while view._doc is not None and not view._doc.complete:
        QApplication.processEvents()
    return left, right


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


def select(view: ComparisonView, first: int, last: int) -> None:
    cursor = QTextCursor(view.text_edit().document())
    cursor.setPosition(first)
    cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
    view.text_edit().setTextCursor(cursor)


def right_cell_position(view: ComparisonView, row: int, row_offset: int) -> int:
    """Document position of a row-text offset in the right column (via the view's own map)."""
    doc = view._doc
    assert doc is not None
    return doc.rows[row].right.row_to_doc(row_offset)


# ---- tests ----------------------------------------------------------------------------------


def test_highlighted_spans_are_exactly_the_engines_ops(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    for side in ("left", "right"):
        assert view.highlighted_spans(side) == expected_spans(cmp, side)  # type: ignore[arg-type]
    # The fixture does exercise every kind of op on the side where it shows.
    kinds = {k for k, _, _ in view.highlighted_spans("left") + view.highlighted_spans("right")}
    assert {"replace", "delete", "insert"} <= kinds


def test_the_slow_path_formats_the_same(view: ComparisonView,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cmp = hand_comparison()
    notes = [note(1, RIGHT_ID, cmp.right.text, "Monday morning")]
    show(view, cmp, notes)
    assert view._doc is not None and view._doc.via_html
    fast = {s: view.highlighted_spans(s) for s in ("left", "right")}  # type: ignore[arg-type]
    fast_text = view.pane_text("right")
    monkeypatch.setattr(diff_document, "_layout_matches", lambda *a: False)
    show(view, cmp, notes)
    assert view._doc is not None and not view._doc.via_html
    for side in ("left", "right"):
        assert view.highlighted_spans(side) == fast[side]  # type: ignore[arg-type]
    assert view.pane_text("right") == fast_text
    assert {m.note_id for m in view._doc.marks if m.kind == "note"} == {1}


def test_spans_land_on_the_changed_words(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    left_words = [cmp.left.text[a:b] for _, a, b in view.highlighted_spans("left")]
    right_words = [cmp.right.text[a:b] for _, a, b in view.highlighted_spans("right")]
    assert "new " in left_words
    assert any("🎉" in w for w in right_words)
    assert any("good" in w for w in right_words)  # the altered quotation's new word
    assert cmp.left.sentences[4].text in left_words  # the removed sentence, whole
    assert cmp.right.sentences[5].text in right_words  # the added sentence, whole


@pytest.mark.parametrize("fast", [True, False], ids=["html", "cursor"])
def test_each_row_has_margin_left_and_right_cells_side_by_side(
        view: ComparisonView, monkeypatch: pytest.MonkeyPatch, fast: bool) -> None:
    if not fast:
        monkeypatch.setattr(diff_document, "_layout_matches", lambda *a: False)
    cmp = hand_comparison()
    show(view, cmp)
    doc = view._doc
    assert doc is not None and doc.via_html == fast
    assert len(doc.tables) == len(cmp.rows)
    edit = view.text_edit()
    for rm in doc.rows:
        cells = diff_document.row_cells(doc.tables[rm.index])
        assert cells is not None
        spans = ((rm.margin_start, rm.margin_end), (rm.left.doc_start, rm.left.doc_end),
                 (rm.right.doc_start, rm.right.doc_end))
        for cell, (first, last) in zip(cells, spans, strict=True):
            assert (cell.firstPosition(), cell.lastPosition()) == (first, last)
        # Side by side on screen: same top, margin < left < right, the versions equally wide.
        lefts = []
        for first, _ in spans:
            cursor = QTextCursor(edit.document())
            cursor.setPosition(first)
            lefts.append(edit.cursorRect(cursor).left())
        assert lefts[0] < lefts[1] < lefts[2]
        width = edit.viewport().width() - 2 * edit.document().documentMargin()
        assert abs((lefts[2] - lefts[1]) - (width - doc.margin_width) / 2) < 8
    # The titles stand over their columns.
    header = view._header
    for label, x in ((header.left, lefts[1]), (header.right, lefts[2])):
        label_x = label.mapToGlobal(QPoint(label.contentsMargins().left(), 0)).x()
        assert abs(label_x - edit.viewport().mapToGlobal(QPoint(x, 0)).x()) <= 4
        # An added sentence faces an empty cell, and the other way round.
        if rm.row.kind == "added":
            assert rm.left.doc_start == rm.left.doc_end
        if rm.row.kind == "removed":
            assert rm.right.doc_start == rm.right.doc_end


def test_pane_text_shows_every_sentence_once_in_reading_order(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp, [note(1, RIGHT_ID, cmp.right.text, "bridge 🎉 on")])
    for side_name, side in (("left", cmp.left), ("right", cmp.right)):
        text = view.pane_text(side_name)  # type: ignore[arg-type]
        for s in side.sentences:
            assert text.count(s.text) == 1
        ids = [i for r in cmp.rows for i in (r.left if side_name == "left" else r.right)]
        positions = [text.index(side.sentences[i].text) for i in ids]
        assert positions == sorted(positions)
    right_order = [s.text for s in cmp.right.sentences]
    assert view.pane_text("right") == "\n".join(right_order)


def test_selection_in_the_right_column_maps_to_article_offsets_after_an_emoji(
        view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    sentence = cmp.right.sentences[0]
    word = "Monday"  # after the 🎉 in the same sentence
    at = sentence.text.index(word)
    select(view, right_cell_position(view, 0, at), right_cell_position(view, 0, at + len(word)))
    assert view.text_edit().textCursor().selectedText() == word
    passage = view.selected_passage()
    assert passage == (RIGHT_ID, sentence.start + at, sentence.start + at + len(word))
    assert cmp.right.text[passage[1]:passage[2]] == word


def test_selection_across_rows_selects_whole_rows_so_no_passage(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    s2, s3 = cmp.right.sentences[2], cmp.right.sentences[3]
    first = right_cell_position(view, 2, s2.text.index("good"))
    last = right_cell_position(view, 3, s3.text.index(" within"))
    select(view, first, last)
    # Qt widens a selection that leaves its row to whole rows: both versions are selected.
    selected = view.text_edit().textCursor().selectedText()
    assert cmp.left.sentences[1].text in selected and s3.text in selected
    assert view.selected_passage() is None


def test_selection_spanning_both_columns_or_the_margin_is_none(
        view: ComparisonView, qtbot: QtBot) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    doc = view._doc
    assert doc is not None
    with qtbot.waitSignal(view.selectionChanged, check_params_cb=lambda v: v is True):
        select(view, doc.rows[2].left.doc_start + 2, doc.rows[2].left.doc_start + 8)
    assert view.selected_passage() is not None
    with qtbot.waitSignal(view.selectionChanged, check_params_cb=lambda v: v is False):
        select(view, doc.rows[2].left.doc_start + 2, doc.rows[2].right.doc_start + 8)
    assert view.selected_passage() is None
    select(view, doc.rows[2].margin_start, doc.rows[2].margin_start + 3)
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
        seen.append(view.current_row())
    with qtbot.assertNotEmitted(view.currentRowChanged):
        assert not view.next_change()
    assert seen == expected
    assert view.current_row() == expected[-1]  # stays on the last change
    back = []
    while view.previous_change():
        back.append(view.current_row())
    assert back == expected[-2::-1]
    assert not view.previous_change()


def test_next_change_emits_and_scrolls_on_a_long_comparison(view: ComparisonView,
                                                            qtbot: QtBot) -> None:
    cmp = long_comparison(60)
    show(view, cmp)
    bar = view.text_edit().verticalScrollBar()
    assert bar.maximum() > 0
    last = [i for i, r in enumerate(cmp.rows) if r.kind != "equal"][-1]
    while view.current_row() != last:
        with qtbot.waitSignal(view.currentRowChanged):
            assert view.next_change()
    assert bar.value() > 0
    doc = view._doc
    assert doc is not None
    cursor = QTextCursor(view.text_edit().document())
    cursor.setPosition(doc.rows[last].right.doc_start)
    rect = view.text_edit().cursorRect(cursor)
    assert 0 <= rect.top() < view.text_edit().viewport().height()
    assert not view.next_change()


def test_next_altered_quote_goes_to_the_altered_quotation(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    assert view.next_altered_quote()
    assert view.current_row() == 2
    assert not view.next_altered_quote()


def test_note_marks_sit_at_resolved_positions_and_clicks_emit(view: ComparisonView,
                                                             qtbot: QtBot) -> None:
    cmp = hand_comparison()
    passage = "Monday morning"
    notes = [note(7, RIGHT_ID, cmp.right.text, passage),
             note(8, LEFT_ID, cmp.left.text, "gone", orphaned=True)
             if "gone" in cmp.left.text else note(8, LEFT_ID, cmp.left.text, "bridge",
                                                  orphaned=True)]
    show(view, cmp, notes)
    doc = view._doc
    assert doc is not None
    note_marks = [m for m in doc.marks if m.kind == "note"]
    assert {m.note_id for m in note_marks} == {7}  # the orphaned note has no mark
    start = right_cell_position(view, 0, cmp.right.sentences[0].text.index(passage))
    cursor = QTextCursor(view.text_edit().document())
    cursor.setPosition(start)
    cursor.setPosition(start + len(passage), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == passage
    assert cursor.charFormat().background().color() == doc.colors.note_bg
    # Click in the middle of the passage, as a reader would.
    cursor.setPosition(start + 3)
    rect = view.text_edit().cursorRect(cursor)
    with qtbot.waitSignal(view.noteClicked) as blocker:
        qtbot.mouseClick(  # type: ignore[no-untyped-call]
            view.text_edit().viewport(), Qt.MouseButton.LeftButton,
            pos=rect.center() + QPoint(2, 0))
    assert blocker.args == [7]
    # The number is shown right after the passage, and is not article text.
    cursor.setPosition(start + len(passage))
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 2)
    assert cursor.selectedText() == "✎1"
    assert passage in view.pane_text("right") and "✎" not in view.pane_text("right")


def test_set_notes_re_marks_and_keeps_spans(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    assert not [m for m in view._doc.marks if m.kind == "note"]  # type: ignore[union-attr]
    # A note spanning two sentences of different rows, the first ending inside a change.
    view.set_notes([note(3, LEFT_ID, cmp.left.text, "bridge on Monday. “It is a great")])
    marks = [m for m in view._doc.marks if m.kind == "note"]  # type: ignore[union-attr]
    assert {m.note_id for m in marks} == {3}
    assert view.highlighted_spans("left") == expected_spans(cmp, "left")
    view.set_notes([])
    assert not [m for m in view._doc.marks if m.kind == "note"]  # type: ignore[union-attr]


def test_moved_marker_click_scrolls_to_the_old_position(view: ComparisonView,
                                                        qtbot: QtBot) -> None:
    cmp = long_comparison(60, move_last_to_top=True)
    show(view, cmp)
    doc = view._doc
    assert doc is not None
    moves = [m for m in doc.marks if m.kind == "move"]
    moved_row = next(i for i, r in enumerate(cmp.rows) if r.moved)
    link = next(m for m in moves if doc.locate(m.doc_start)[0].index == moved_row)  # type: ignore[index]
    assert "moved from ¶" in _text(view, link.doc_start, link.doc_end)
    bar = view.text_edit().verticalScrollBar()
    assert bar.value() == 0
    cursor = QTextCursor(view.text_edit().document())
    cursor.setPosition(link.doc_start + 3)
    rect = view.text_edit().cursorRect(cursor)
    with qtbot.waitSignal(view.currentRowChanged) as blocker:
        qtbot.mouseClick(  # type: ignore[no-untyped-call]
            view.text_edit().viewport(), Qt.MouseButton.LeftButton,
            pos=rect.center() + QPoint(2, 0))
    assert blocker.args == [link.target_row]
    assert bar.value() > 0
    # ...and the marker at the old position links back.
    back = next(m for m in moves if m.target_row == moved_row)
    assert doc.locate(back.doc_start)[0].index == link.target_row  # type: ignore[index]


def _text(view: ComparisonView, a: int, b: int) -> str:
    cursor = QTextCursor(view.text_edit().document())
    cursor.setPosition(a)
    cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_altered_quote_and_statuses_are_flagged_in_the_margin(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    doc = view._doc
    assert doc is not None
    margin = {rm.index: _text(view, rm.margin_start, rm.margin_end) for rm in doc.rows}
    assert "quote altered" in margin[2] and "edited" in margin[2]
    assert "quote dropped" in margin[4] and "removed" in margin[4]
    assert "reported speech" in margin[5]
    assert "new quote" in margin[6] and "added" in margin[6]
    quote_marks = [m for m in doc.marks if m.kind == "quote" and doc.locate(m.doc_start)
                   and doc.locate(m.doc_start)[1] == "right"]  # type: ignore[index]
    assert any("great day for the city" in m.tooltip for m in quote_marks)


def test_identical_banner_and_stats(view: ComparisonView) -> None:
    side = make_side("Same", [["One sentence here.", "Another one."]])
    rows = tuple(Row("equal", False, (i,), (i,), 1.0,
                     (Op("equal", (0, len(s.text)), (0, len(s.text))),))
                 for i, s in enumerate(side.sentences))
    cmp = Comparison(side, side, rows, (), Stats(5, 5, 1.0, 0.0, RowCounts(equal=2)))
    show(view, cmp)
    assert view.is_identical_banner_visible()
    assert view.highlighted_spans("left") == [] and view.highlighted_spans("right") == []
    assert not view.next_change()
    show(view, hand_comparison())
    assert not view.is_identical_banner_visible()
    text = view.stats_bar.text()
    assert "70% of left reused" in text and "3 edited" in text and "1 altered" in text


def test_show_message_replaces_the_comparison(view: ComparisonView) -> None:
    show(view, hand_comparison())
    view.show_message("Comparing…")
    assert view._message.isVisible() and view._message.text() == "Comparing…"
    assert not view.text_edit().isVisible()
    assert view.selected_passage() is None and view.highlighted_spans("left") == []
    assert not view.next_change() and view.current_row() is None
    show(view, hand_comparison())
    assert view.text_edit().isVisible() and view.highlighted_spans("left")


def test_reveal_passage_scrolls_and_flashes(view: ComparisonView) -> None:
    cmp = long_comparison(60)
    show(view, cmp)
    last = cmp.right.sentences[-1]
    view.reveal_passage(RIGHT_ID, last.start, last.end)
    assert view.text_edit().verticalScrollBar().value() > 0
    flashes = view.text_edit().extraSelections()
    assert len(flashes) == 1 and flashes[0].cursor.selectedText() == last.text


def test_dark_palette_re_renders_with_dark_colours(view: ComparisonView, qtbot: QtBot) -> None:
    show(view, hand_comparison())
    light_bg = view._doc.colors.delete_bg  # type: ignore[union-attr]
    dark = QPalette()
    for role, color in ((QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.Base,
                        "#1b1b1d"), (QPalette.ColorRole.Text, "#e8e8e8"),
                        (QPalette.ColorRole.WindowText, "#e8e8e8")):
        dark.setColor(role, QColor(color))
    old = QApplication.palette()
    try:
        QApplication.setPalette(dark)
        qtbot.waitUntil(lambda: view._doc is not None and view._doc.colors.dark)
        assert view._doc.colors.delete_bg != light_bg  # type: ignore[union-attr]
        assert view.highlighted_spans("left") == expected_spans(hand_comparison(), "left")
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
    show(view, cmp)
    assert view._doc is not None and view._doc.via_html
    for side_name, side in (("left", cmp.left), ("right", cmp.right)):
        assert view.highlighted_spans(side_name) == expected_spans(cmp, side_name)  # type: ignore[arg-type]
        text = view.pane_text(side_name)  # type: ignore[arg-type]
        ids = [i for r in cmp.rows for i in (r.left if side_name == "left" else r.right)]
        assert sorted(ids) == list(range(len(side.sentences)))
        assert text == "\n".join(
            " ".join(side.sentences[i].text for i in (r.left if side_name == "left" else r.right))
            for r in cmp.rows if (r.left if side_name == "left" else r.right))
    changes = [i for i, r in enumerate(cmp.rows) if r.kind != "equal" or r.moved]
    walked = []
    while view.next_change():
        walked.append(view.current_row())
    assert walked == changes


def test_engine_output_selection_after_emoji_and_moves(view: ComparisonView,
                                                       qtbot: QtBot) -> None:
    cmp = real(EN_LEFT, EN_RIGHT)
    show(view, cmp)
    doc = view._doc
    assert doc is not None
    for word in ("Tuesday 🎉.", "Mayor Ana Diaz", "Residents"):
        start = cmp.right.text.index(word)
        rm = next(rm for rm in doc.rows if any(
            cmp.right.sentences[i].start <= start < cmp.right.sentences[i].end
            for i in rm.right.ids))
        at = rm.right.text.index(word)
        select(view, rm.right.row_to_doc(at), rm.right.row_to_doc(at + len(word)))
        assert view.text_edit().textCursor().selectedText() == word
        assert view.selected_passage() == (RIGHT_ID, start, start + len(word))
    # The moved sentence is flagged and linked to where it stood on the left.
    moved = next(i for i, r in enumerate(cmp.rows) if r.moved)
    links = [m for m in doc.marks if m.kind == "move"]
    assert any(doc.locate(m.doc_start)[0].index == moved for m in links)  # type: ignore[index]
    assert any(m.target_row == moved for m in links)
    # The altered quotation is the one next_altered_quote finds.
    altered = next(q for q in cmp.quotes if q.status == "altered")
    assert altered.right is not None
    assert view.next_altered_quote()
    assert altered.right.sentence in cmp.rows[view.current_row() or 0].right


def test_hovering_an_altered_quotation_shows_both_wordings(view: ComparisonView,
                                                           qtbot: QtBot) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    cmp = hand_comparison()
    show(view, cmp)
    doc = view._doc
    assert doc is not None
    tag = next(m for m in doc.marks if m.kind == "quote" and doc.locate(m.doc_start)
               and doc.locate(m.doc_start)[1] == "margin")  # type: ignore[index]
    cursor = QTextCursor(view.text_edit().document())
    cursor.setPosition(tag.doc_start + 4)
    point = view.text_edit().cursorRect(cursor).center() + QPoint(2, 0)
    viewport = view.text_edit().viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "great day for the city" in QToolTip.text()
    assert "good day for our city" in QToolTip.text()
    QToolTip.hideText()


def test_context_menu_offers_add_note_for_a_passage(view: ComparisonView, qtbot: QtBot) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    doc = view._doc
    assert doc is not None
    edit = view.text_edit()

    def add_note_action() -> QAction:
        menu: QMenu = edit.context_menu(QPoint(10, 10))  # type: ignore[attr-defined]
        return next(a for a in menu.actions() if a.text() == "Add note…")

    assert not add_note_action().isEnabled()
    select(view, doc.rows[3].right.doc_start, doc.rows[3].right.doc_start + 9)
    action = add_note_action()
    assert action.isEnabled()
    with qtbot.waitSignal(view.addNoteRequested):
        action.trigger()


@pytest.mark.parametrize("fast", [True, False], ids=["html", "cursor"])
def test_a_long_comparison_shows_its_first_rows_at_once_and_the_rest_soon(
        view: ComparisonView, monkeypatch: pytest.MonkeyPatch, fast: bool) -> None:
    if not fast:
        monkeypatch.setattr(diff_document, "_layout_matches", lambda *a: False)
    first = view.first_screen_rows()
    cmp = long_comparison(3 * first + 7, move_last_to_top=True)
    left = article(LEFT_ID, cmp.left, "Daily Post")
    right = article(RIGHT_ID, cmp.right, "Evening Star")
    view.show_comparison(left, right, cmp)
    doc = view._doc
    assert doc is not None and not doc.complete and len(doc.rows) == first
    # ...which fill the viewport: nothing below them shows before the rest arrives.
    edit = view.text_edit()
    assert edit.document().size().height() > edit.viewport().height()
    while not doc.complete:
        QApplication.processEvents()
    assert doc.via_html == fast
    assert [rm.index for rm in doc.rows] == list(range(len(cmp.rows)))
    assert len(doc.tables) == len(cmp.rows)
    starts = [m.doc_start for m in doc.marks]
    assert starts == sorted(starts) and len([m for m in doc.marks if m.kind == "move"]) == 2
    for a, b in pairwise(doc.rows):
        assert a.right.doc_end < b.margin_start
    for side in ("left", "right"):
        assert view.highlighted_spans(side) == expected_spans(cmp, side)  # type: ignore[arg-type]
        ids = [i for r in cmp.rows for i in (r.left if side == "left" else r.right)]
        sentences = (cmp.left if side == "left" else cmp.right).sentences
        assert view.pane_text(side) == "\n".join(  # type: ignore[arg-type]
            sentences[i].text for i in ids)


def test_stepping_to_a_row_not_laid_out_yet_lays_it_out(view: ComparisonView) -> None:
    cmp = long_comparison(3 * view.first_screen_rows())
    view.show_comparison(article(LEFT_ID, cmp.left, "Daily Post"),
                         article(RIGHT_ID, cmp.right, "Evening Star"), cmp)
    assert view.previous_change()  # with no current row: the last change, far below
    last = [i for i, r in enumerate(cmp.rows) if r.kind != "equal"][-1]
    assert view.current_row() == last
    assert view._doc is not None and view._doc.complete
