"""Managing the library in the window (rename, delete, merge, move, undo), searching away from
the story on screen, the library's columns, the version pair, and notes left empty."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QLineEdit, QMessageBox

from reader.store import add_note, find_quote, get_story, list_notes, list_stories, writing
from reader.store.records import StoryComparison, StorySummary
from reader.ui.library_tree import ARTICLE_MIME
from tests.ui.test_main_window import Window, click_row, shown_after, story_with_most_versions

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

    from reader.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A refusal would open a modal box and hang the test: fail instead."""
    def refuse(_parent: object, title: str, text: str, *_: object) -> None:
        raise AssertionError(f"unexpected message box {title!r}: {text}")

    monkeypatch.setattr(QMessageBox, "warning", refuse)


def _story(w: MainWindow, story_id: int) -> StorySummary:
    story = w.library.model.story(w.library.model.story_index(story_id))
    assert story is not None
    return story


def _titles(sessions: sessionmaker[Session]) -> dict[int, tuple[str, int]]:
    with sessions() as s:
        return {st.id: (st.title, len(st.versions)) for st in list_stories(s)}


def _other_story(w: MainWindow, story_id: int) -> StorySummary:
    return next(st for st in w.library.model.loaded_stories() if st.id != story_id)


# Renaming and deleting ------------------------------------------------------------------------

def test_f2_renames_the_story_in_place_and_ctrl_z_undoes_it(
        qtbot: QtBot, window: Window, sample_library: sessionmaker[Session]) -> None:
    w, doc = window
    w.library.tree.setFocus()
    QTest.keyClick(w.library.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == doc.story.title
    editor.selectAll()
    QTest.keyClicks(editor, "Renamed by a reader")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _titles(sample_library)[doc.story.id][0] == "Renamed by a reader")
    assert _story(w, doc.story.id).title == "Renamed by a reader"
    assert w.library.undo_bar.isVisibleTo(w.library)
    assert "Renamed" in w.library.undo_label.text()
    w.library.tree.setFocus()
    QTest.keyClick(w.library.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _titles(sample_library)[doc.story.id][0] == doc.story.title
    assert _story(w, doc.story.id).title == doc.story.title
    assert not w.library.undo_bar.isVisibleTo(w.library)


def test_delete_key_deletes_the_story_and_undo_brings_it_back(
        qtbot: QtBot, window: Window, sample_library: sessionmaker[Session]) -> None:
    w, doc = window
    before = _titles(sample_library)
    w.library.tree.setFocus()
    after = shown_after(qtbot, w, lambda: QTest.keyClick(w.library.tree, Qt.Key.Key_Delete))
    assert after.story.id != doc.story.id  # its neighbour is shown in its place
    assert doc.story.id not in _titles(sample_library)
    assert not w.library.model.story_index(doc.story.id).isValid()
    assert w.library.undo_label.text().startswith(f"Deleted story “{doc.story.title[:40]}")
    back = shown_after(qtbot, w, lambda: QTest.mouseClick(w.library.undo_button,
                                                          Qt.MouseButton.LeftButton))
    assert back.story.id == doc.story.id
    assert _titles(sample_library) == before
    assert w.library.current()[0] is not None and w.library.current()[0].id == doc.story.id


def test_deleting_a_version_and_undoing(qtbot: QtBot, window: Window,
                                        sample_library: sessionmaker[Session]) -> None:
    w, _ = window
    story_id = story_with_most_versions(w)
    story = _story(w, story_id)
    victim = story.versions[-1]
    shown_after(qtbot, w, lambda: click_row(qtbot, w, story_id, victim.id))
    doc = shown_after(qtbot, w, lambda: QTest.keyClick(w.library.tree, Qt.Key.Key_Delete))
    assert victim.id not in (doc.left.id, doc.right.id)
    assert _titles(sample_library)[story_id][1] == len(story.versions) - 1
    w.actions_.undo.trigger()
    assert _titles(sample_library)[story_id][1] == len(story.versions)
    assert len(_story(w, story_id).versions) == len(story.versions)


# Moving and merging ---------------------------------------------------------------------------

def _drag_onto(w: MainWindow, article_id: int, story_id: int) -> tuple[bool, bool]:
    """Drag a version onto a story's row: (whether the move was accepted, and the drop)."""
    tree = w.library.tree
    index = w.library.model.story_index(story_id)
    tree.scrollTo(index)
    pos = QPointF(tree.visualRect(index).center())
    mime = QMimeData()
    mime.setData(ARTICLE_MIME, QByteArray(str(article_id).encode()))
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    move = QDragMoveEvent(pos.toPoint(), Qt.DropAction.MoveAction, mime, buttons, mods)
    tree.dragMoveEvent(move)
    drop = QDropEvent(pos, Qt.DropAction.MoveAction, mime, buttons, mods)
    tree.dropEvent(drop)
    return move.isAccepted(), drop.isAccepted()


def test_dragging_a_version_onto_another_story_moves_it_with_its_notes(
        qtbot: QtBot, window: Window, sample_library: sessionmaker[Session]) -> None:
    w, _ = window
    source_id = story_with_most_versions(w)
    source = _story(w, source_id)
    moving = source.versions[-1]
    target = _other_story(w, source_id)
    with writing(sample_library) as s:
        text = w.library.model.article(w.library.model.article_index(source_id, moving.id))
        assert text is not None
        from reader.store import get_article

        passage = get_article(s, moving.id).text.split()[0]
        add_note(s, source_id, "travels along", article_id=moving.id,
                 anchor=find_quote(s, moving.id, passage))
    shown_after(qtbot, w, lambda: click_row(qtbot, w, source_id, moving.id))
    model = w.library.model
    # The view starts a drag only from rows the model calls draggable: versions, not stories.
    assert model.flags(model.article_index(source_id, moving.id)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.story_index(source_id)) & Qt.ItemFlag.ItemIsDragEnabled
    accepted, dropped = _drag_onto(w, moving.id, target.id)
    assert accepted and dropped
    with sample_library() as s:
        assert moving.id in [v.id for v in get_story(s, target.id).versions]
        assert [n.body for n in list_notes(s, target.id)] == ["travels along"]
    assert len(_story(w, target.id).versions) == len(target.versions) + 1
    assert "Moved" in w.library.undo_label.text()
    # Dropping a version on its own story does nothing.
    assert _drag_onto(w, moving.id, target.id) == (False, False)
    w.actions_.undo.trigger()
    assert _titles(sample_library)[source_id][1] == len(source.versions)


def test_merge_into_another_story_from_the_context_menu_choice(
        qtbot: QtBot, window: Window, sample_library: sessionmaker[Session],
        monkeypatch: pytest.MonkeyPatch) -> None:
    w, doc = window
    target = _other_story(w, doc.story.id)
    offered: list[list[str]] = []

    def choose(_parent: object, _title: str, _prompt: str, items: list[str], *_: object
               ) -> tuple[str, bool]:
        offered.append(items)
        return next(i for i in items if i.startswith(target.title)), True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    merged = shown_after(qtbot, w, lambda: w.library.pickRequested.emit(doc.story, None))
    assert merged.story.id == target.id
    assert len(offered[0]) == len(w.library.model.loaded_stories())  # every other story
    titles = _titles(sample_library)
    assert doc.story.id not in titles
    assert titles[target.id][1] == len(target.versions) + len(doc.story.versions)
    w.actions_.undo.trigger()
    assert _titles(sample_library)[doc.story.id][1] == len(doc.story.versions)


def test_move_to_a_new_story(qtbot: QtBot, window: Window,
                             sample_library: sessionmaker[Session]) -> None:
    w, _ = window
    source_id = story_with_most_versions(w)
    moving = _story(w, source_id).versions[0]
    before = len(_titles(sample_library))
    w.library.moveRequested.emit(moving.id, 0)
    titles = _titles(sample_library)
    assert len(titles) == before + 1
    assert w.library.current()[0] is not None
    assert [v.id for v in w.library.current()[0].versions] == [moving.id]


# Searching away from the story on screen ------------------------------------------------------

def test_a_search_that_hides_the_story_clears_its_comparison(qtbot: QtBot,
                                                             window: Window) -> None:
    w, doc = window
    QTest.keyClicks(w.library.search, "zzqx")
    qtbot.waitUntil(lambda: w.library.model.rowCount() == 0, timeout=2000)
    assert w.current_comparison() is None
    assert any("not in the search results" in label.text() and label.isVisibleTo(w)
               for label in w.view.findChildren(QLabel))
    assert w.notes.story_id is None
    again = shown_after(qtbot, w, lambda: QTest.keyClick(w.library.search, Qt.Key.Key_Escape))
    assert again.story.id == doc.story.id
    story, _ = w.library.current()
    assert story is not None and story.id == doc.story.id


def test_a_search_that_keeps_the_story_keeps_it_selected(qtbot: QtBot, window: Window) -> None:
    w, doc = window
    word = doc.story.title.split()[0]
    QTest.keyClicks(w.library.search, word)
    qtbot.waitUntil(lambda: w.library.model.query == word, timeout=2000)
    story, _ = w.library.current()
    assert story is not None and story.id == doc.story.id
    assert w.current_comparison() is not None


# The library's columns ------------------------------------------------------------------------

# The first launch on a 1440×900 screen (nine tenths of it), that screen, and a 1920×1080 one.
@pytest.mark.parametrize("size", [(1296, 810), (1440, 900), (1920, 1080)])
def test_titles_get_the_width_of_the_library(qtbot: QtBot, window: Window,
                                             size: tuple[int, int]) -> None:
    w, _ = window
    w.resize(*size)
    qtbot.wait(50)
    tree = w.library.tree
    title, count = tree.columnWidth(0), tree.columnWidth(1)
    assert count <= 60
    assert title >= 4 * count and title >= 220, (title, count)
    assert w.library.model.headerData(1, Qt.Orientation.Horizontal,
                                      Qt.ItemDataRole.ToolTipRole) == "Versions"


# The version pair -----------------------------------------------------------------------------

def test_the_chosen_pair_is_remembered_per_story_and_sides_swap(
        qtbot: QtBot, window: Window) -> None:
    w, _ = window
    story_id = story_with_most_versions(w)
    story = _story(w, story_id)
    shown_after(qtbot, w, lambda: click_row(qtbot, w, story_id, None))
    # The story opens on its latest edit (v2, v3); the reader chooses v1 against v3.
    v1, v3 = story.versions[0].id, story.versions[2].id
    combo = w.picker.left_combo
    doc = shown_after(qtbot, w, lambda: combo.setCurrentIndex(combo.findData(v1)))
    assert (doc.left.id, doc.right.id) == (v1, v3)
    other = _other_story(w, story_id)
    shown_after(qtbot, w, lambda: click_row(qtbot, w, other.id, None))
    back = shown_after(qtbot, w, lambda: click_row(qtbot, w, story_id, None))
    assert (back.left.id, back.right.id) == (v1, v3)  # remembered: wins over the default
    swapped = shown_after(qtbot, w, w.actions_.swap_sides.trigger)
    assert (swapped.left.id, swapped.right.id) == (v3, v1)
    assert w.picker.pair() == (v3, v1)
    assert w.timeline.strip.pair() == (v3, v1)  # the strip marks the swapped pair too
    assert w.actions_.swap_sides.shortcut().toString() == "Ctrl+Shift+S"


def test_pickers_work_on_a_two_version_story(qtbot: QtBot, window: Window) -> None:
    w, doc = window
    two = next(st for st in w.library.model.loaded_stories() if len(st.versions) == 2)
    if doc.story.id != two.id:
        doc = shown_after(qtbot, w, lambda: click_row(qtbot, w, two.id, None))
    assert w.picker.isEnabled() and w.picker.left_combo.isEnabled()
    # Choosing on the left the version shown on the right swaps the two.
    combo = w.picker.left_combo
    swapped = shown_after(qtbot, w, lambda: combo.setCurrentIndex(combo.findData(doc.right.id)))
    assert (swapped.left.id, swapped.right.id) == (doc.right.id, doc.left.id)


# Notes left empty -----------------------------------------------------------------------------

def test_an_untouched_empty_note_is_dropped_when_left(
        qtbot: QtBot, window: Window, sample_library: sessionmaker[Session]) -> None:
    w, doc = window
    w.actions_.add_note.trigger()
    assert len(w.notes.notes()) == 1
    other = _other_story(w, doc.story.id)
    shown_after(qtbot, w, lambda: click_row(qtbot, w, other.id, None))
    with sample_library() as s:
        assert list_notes(s, doc.story.id) == []
    # A note written in stays.
    back: StoryComparison = shown_after(qtbot, w, lambda: click_row(qtbot, w, doc.story.id, None))
    assert back.story.id == doc.story.id and w.notes.notes() == ()
    w.actions_.add_note.trigger()
    QTest.keyClicks(w.notes.editor, "keep")
    shown_after(qtbot, w, lambda: click_row(qtbot, w, other.id, None))
    with sample_library() as s:
        assert [n.body for n in list_notes(s, doc.story.id)] == ["keep"]


def _fully_shown(label: QLabel) -> bool:
    if label.wordWrap():
        return label.heightForWidth(label.width()) <= label.height()
    return label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()


def test_the_note_kind_is_not_cut_off_by_the_delete_button(qtbot: QtBot,
                                                           window: Window) -> None:
    w, _ = window
    total = sum(w.splitter.sizes())
    w.splitter.setSizes([300, total - 300 - 230, 230])  # a narrow notes column
    w.actions_.add_note.trigger()
    qtbot.wait(50)
    status, delete = w.notes.status, w.notes.delete_button
    assert status.text() == "On the whole comparison"
    assert _fully_shown(status)
    assert not status.geometry().intersects(delete.geometry())


def test_a_story_deleted_in_another_window_is_put_away_on_refresh(
        qtbot: QtBot, window: Window, sample_library: sessionmaker[Session]) -> None:
    from reader.store import delete_story

    w, doc = window
    with sample_library.begin() as s:
        delete_story(s, doc.story.id)
    w.refresh()
    assert w.windowTitle() == "Parallax Reader"
    assert w.current_comparison() is None
    assert any("no longer in the library" in label.text() and label.isVisibleTo(w)
               for label in w.view.findChildren(QLabel))
