"""Which passage a selection gives a note (issue 13, notes 1–3): a selection over several rows
of one column, one that strays into the other column, partial words, and the note's colour."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.store import list_notes
from reader.store.records import VersionPair
from reader.ui.comparison_view import ComparisonView
from tests.ui.conftest import open_window
from tests.ui.reading import cell_span, fragments, position, select, text_edit
from tests.ui.test_comparison_view import (
    LEFT_ID,
    RIGHT_ID,
    hand_comparison,
    note,
    show,
)
from tests.ui.test_comparison_view import view as view

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from sqlalchemy.orm import Session, sessionmaker

    from reader.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def point_of(view: ComparisonView, pos: int) -> QPoint:
    edit = text_edit(view)
    cursor = QTextCursor(edit.document())
    cursor.setPosition(pos)
    return edit.cursorRect(cursor).center()


def drag(view: ComparisonView, first: int, last: int) -> None:
    """Press at document position `first`, move to `last` with the button held, release."""
    viewport = text_edit(view).viewport()
    a, b = QPointF(point_of(view, first)), QPointF(point_of(view, last))
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    mods = Qt.KeyboardModifier.NoModifier
    for kind, at, button, buttons in ((QEvent.Type.MouseButtonPress, a, left, left),
                                      (QEvent.Type.MouseMove, (a + b) / 2, none, left),
                                      (QEvent.Type.MouseMove, b, none, left),
                                      (QEvent.Type.MouseButtonRelease, b, left, none)):
        QApplication.sendEvent(viewport, QMouseEvent(kind, at, viewport.mapToGlobal(at),
                                                     button, buttons, mods))


def test_a_drag_down_one_column_anchors_to_that_versions_whole_span(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    right = cmp.right.text
    drag(view, position(view, 2, "right", "good"), position(view, 3, "right", " within"))
    assert "It is a great day" in text_edit(view).textCursor().selectedText()  # Qt: whole rows
    # Holding Ctrl+Shift for Ctrl+Shift+N presses keys that move nothing: the end stays.
    for key in (Qt.Key.Key_Control, Qt.Key.Key_Shift):
        QTest.keyPress(text_edit(view), key)
    passage = view.selected_passage()
    assert passage is not None
    article, start, end = passage
    assert article == RIGHT_ID
    assert right[start:end] == right[right.index("good"):right.index(" within")]
    assert "she said. Officials said" in right[start:end]


def test_a_drag_that_strays_into_the_other_column_keeps_the_column_it_started_in(
        view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    left = cmp.left.text
    # Down and across: from the left column of row 3 to the right column of row 4.
    drag(view, position(view, 2, "left", "great"), position(view, 3, "right", "within"))
    passage = view.selected_passage()
    assert passage is not None and passage[0] == LEFT_ID
    officials = cmp.left.sentences[2]
    assert left[passage[1]:passage[2]] == left[left.index("great"):officials.end]
    # Within one row, from the right column leftwards into the left one: the start of the cell.
    drag(view, position(view, 5, "right", "repairs"), position(view, 5, "left", "said"))
    passage = view.selected_passage()
    assert passage is not None and passage[0] == RIGHT_ID
    council = cmp.right.sentences[4]
    assert cmp.right.text[passage[1]:passage[2]] == cmp.right.text[council.start:
                                                                   cmp.right.text.index("repairs")]


def test_shift_selection_across_rows_by_keyboard_is_a_passage_too(view: ComparisonView) -> None:
    cmp = hand_comparison()
    show(view, cmp)
    select(view, position(view, 2, "right", "good"), position(view, 3, "right", " within"))
    passage = view.selected_passage()
    assert passage is not None and passage[0] == RIGHT_ID
    right = cmp.right.text
    # Qt has moved the end to the end of the row; the passage runs to the end of its sentence.
    assert right[passage[1]:passage[2]] == right[right.index("good"):cmp.right.sentences[3].end]


def test_only_the_margin_or_nothing_gives_no_passage(view: ComparisonView) -> None:
    show(view, hand_comparison())
    margin = cell_span(view, 2, "margin")[0]
    select(view, margin, margin + 3)
    assert view.selected_passage() is None
    select(view, margin + 3, margin + 3)
    assert view.selected_passage() is None


def test_a_notes_colour_shows_in_the_window(view: ComparisonView) -> None:
    cmp = hand_comparison()
    blue = note(1, RIGHT_ID, cmp.right.text, "Monday morning")
    blue = type(blue)(**{**blue.__dict__, "color": "#56ccf2"})
    plain = note(2, LEFT_ID, cmp.left.text, "Monday")
    show(view, cmp, [blue, plain])

    def background(row: int, column: str, text: str) -> QColor:
        found = [f for t, f in fragments(view, row, column) if text in t]  # type: ignore[arg-type]
        assert found, text
        return found[0].background().color()

    shade = background(0, "right", "morning")
    assert shade.blue() > shade.red() + 20  # blue, not the yellow of a note without colour
    default = background(0, "left", "Monday")
    assert default.red() > default.blue() + 20


def first_row_with_two_sentences(pair: VersionPair) -> tuple[int, int, int] | None:
    """Two consecutive rows holding one right sentence each: (first row, sentence, next)."""
    rows = pair.comparison.rows
    for n in range(len(rows) - 1):
        if len(rows[n].right) == 1 and len(rows[n + 1].right) == 1 \
                and rows[n + 1].right[0] == rows[n].right[0] + 1:
            return n, rows[n].right[0], rows[n + 1].right[0]
    return None


def test_add_note_on_a_selection_over_two_rows_anchors_and_says_so(
        qtbot: QtBot, sample_library: sessionmaker[Session], ui_settings: QSettings) -> None:
    w, pair = open_window(qtbot, sample_library, ui_settings)
    found = first_row_with_two_sentences(pair)
    assert found is not None
    row, first, second = found
    s1, s2 = (pair.comparison.right.sentences[i] for i in (first, second))
    a = position(w.view, row, "right", s1.text[:12], 1)  # inside the first word
    b = position(w.view, row + 1, "right", s2.text[-12:], 2)
    drag(w.view, a, b)
    w.actions_.add_note.trigger()
    notes = list_notes_of(sample_library, pair.story.id)
    assert len(notes) == 1 and notes[0].article_id == pair.right.id
    anchor = notes[0].anchor
    assert anchor is not None
    text = pair.right.text
    assert anchor.start == s1.start  # snapped back to the start of the word
    assert s1.text in anchor.exact and s2.text[:20] in anchor.exact
    assert not text[anchor.end - 1].isalnum() or not text[anchor.end:anchor.end + 1].isalnum()
    said = w.notes.status.text()
    assert "passage of the right version" in said

    select(w.view, a, a)  # nothing selected
    w.actions_.add_note.trigger()
    notes = list_notes_of(sample_library, pair.story.id)
    assert [n.article_id for n in notes].count(None) == 1
    assert "whole comparison" in w.notes.status.text()


def list_notes_of(sessions: sessionmaker[Session], story_id: int) -> list:  # type: ignore[type-arg]
    with sessions.begin() as s:
        return list_notes(s, story_id)


def test_note_numbers_are_the_same_after_a_restart(
        qtbot: QtBot, sample_library: sessionmaker[Session], ui_settings: QSettings) -> None:
    from reader.store import add_note, anchor_for_passage

    w, pair = open_window(qtbot, sample_library, ui_settings)
    text = pair.right.text
    later, earlier = text.index(pair.comparison.right.sentences[2].text), 0
    ids = []
    with sample_library.begin() as s:  # the later passage first, then the earlier one
        for at in (later, earlier, later):
            ids.append(add_note(s, pair.story.id, f"at {at}", article_id=pair.right.id,
                                anchor=anchor_for_passage(text, at, at + 6)).id)
    w.refresh()
    numbers = numbering(w)
    # By position in the text, then by creation: the earlier passage is 1, the two notes on
    # the same passage follow in the order they were made.
    assert numbers == {ids[1]: 1, ids[0]: 2, ids[2]: 3}
    w.close()
    again, _ = open_window(qtbot, sample_library, ui_settings)
    assert numbering(again) == numbers


def numbering(w: MainWindow) -> dict[int, int]:
    pair = w.current_comparison()
    assert pair is not None
    layout = w.view._layout
    assert layout is not None
    return {n.note.id: n.number for n in layout.numbered}
