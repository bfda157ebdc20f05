"""Two windows on one library: what the other one saves shows up by itself (F5 still
re-reads at once), the note being typed is left alone, and two saves of one note never
overwrite each other silently. On SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QKeySequence

from reader.store import (
    add_note,
    close_library,
    delete_note,
    import_paths,
    list_notes,
    open_library,
    update_note,
)
from reader.store.records import NoteRecord
from reader.ui.note_conflicts import (
    DISCARD_MINE,
    KEEP_BOTH,
    KEEP_MINE,
    KEEP_THEIRS,
    SAVE_AS_NEW,
    deleted_choice,
    deleted_dialog,
)
from reader.ui.notes_model import note_html
from tests.ui.conftest import open_window

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
# The window looks every 0.5 s; the target is 2 s, measured in bench/team_bench.py. A loaded
# test machine gets more room here.
SEEN_WITHIN_MS = 5000


def _answer(monkeypatch: pytest.MonkeyPatch, dialog: str, choice: str
            ) -> list[tuple[NoteRecord, str]]:
    """The notes panel's `dialog` answers `choice` at once; what it was asked is recorded."""
    asked: list[tuple[NoteRecord, str]] = []

    def ask(_parent: object, theirs: NoteRecord, mine: str) -> str:
        asked.append((theirs, mine))
        return choice

    monkeypatch.setattr(f"reader.ui.notes_panel.{dialog}", ask)
    return asked


def _bodies(window: object) -> list[str]:
    return [n.body for n in window.notes.notes()]  # type: ignore[attr-defined]


def test_what_another_window_saves_shows_up_by_itself(
        qtbot: QtBot, sample_library: sessionmaker[Session], ui_settings: QSettings,
        backend_url: str, tmp_path: Path) -> None:
    window, doc = open_window(qtbot, sample_library, ui_settings)
    stories_before = window.library.model.total
    other = open_library(backend_url)  # the second window's library
    try:
        with other.begin() as s:
            add_note(s, doc.story.id, "Saved by the other window", author="budi")
        qtbot.waitUntil(lambda: "Saved by the other window" in _bodies(window),
                        timeout=SEEN_WITHIN_MS)
        [theirs] = [n for n in window.notes.notes() if n.body == "Saved by the other window"]
        assert theirs.author == "budi"
        page = tmp_path / "dam.txt"
        page.write_text("Dam inspection finds cracks\n\nEngineers inspected the northern dam "
                        "on Friday and found new cracks in the spillway wall.\n",
                        encoding="utf-8")
        [outcome] = import_paths(other, [page])
        assert outcome.status == "imported"
        qtbot.waitUntil(lambda: window.library.model.total == stories_before + 1,
                        timeout=SEEN_WITHIN_MS)
    finally:
        close_library(other)
    current_story, _ = window.library.current()
    assert current_story is not None and current_story.id == doc.story.id
    refresh = window.actions_.refresh
    assert refresh.shortcut() == QKeySequence(QKeySequence.StandardKey.Refresh)  # F5
    refresh.trigger()
    assert "Saved by the other window" in _bodies(window)


def test_the_note_being_typed_is_left_alone_when_others_save(
        qtbot: QtBot, sample_library: sessionmaker[Session], ui_settings: QSettings,
        backend_url: str) -> None:
    window, doc = open_window(qtbot, sample_library, ui_settings)
    window.notes.author = "dewi"
    mine = window.notes.create_note(None, None)
    assert mine is not None and mine.author == "dewi"
    qtbot.keyClicks(window.notes.editor, "Half a thou")
    other = open_library(backend_url)
    try:
        with other.begin() as s:
            add_note(s, doc.story.id, "Meanwhile at the other desk", author="budi")
    finally:
        close_library(other)
    qtbot.waitUntil(lambda: "Meanwhile at the other desk" in _bodies(window),
                    timeout=SEEN_WITHIN_MS)
    assert window.notes.editor.toPlainText().startswith("Half a thou")
    assert window.notes.current_note() is not None
    assert window.notes.current_note().id == mine.id  # type: ignore[union-attr]
    qtbot.keyClicks(window.notes.editor, "ght")
    window.notes.flush()
    with sample_library() as s:
        stored = {n.body: n.author for n in list_notes(s, doc.story.id)}
    assert stored["Half a thought"] == "dewi"
    [saved] = [n for n in window.notes.notes() if n.id == mine.id]
    assert "dewi · " in note_html(saved, QColor("gray"), QColor("red"))  # the list's byline
    assert window.notes.status.text() == "Saved"


@pytest.mark.parametrize("choice", [KEEP_MINE, KEEP_THEIRS, KEEP_BOTH])
def test_a_note_saved_by_both_asks_which_to_keep(
        qtbot: QtBot, sample_library: sessionmaker[Session], ui_settings: QSettings,
        backend_url: str, choice: str, monkeypatch: pytest.MonkeyPatch) -> None:
    window, doc = open_window(qtbot, sample_library, ui_settings)
    note = window.notes.create_note(None, None)
    assert note is not None
    qtbot.keyClicks(window.notes.editor, "My wording")
    other = open_library(backend_url)
    try:  # the other desk saves the same note first
        with other.begin() as s:
            update_note(s, note.id, body="Their wording", expected_version=note.version)
    finally:
        close_library(other)
    asked = _answer(monkeypatch, "ask_conflict", choice)
    window.notes.flush()
    # Refused, with their text shown.
    assert [(theirs.body, mine) for theirs, mine in asked] == [("Their wording", "My wording")]
    with sample_library() as s:
        stored = sorted(n.body for n in list_notes(s, doc.story.id))
    expected = {KEEP_MINE: ["My wording"], KEEP_THEIRS: ["Their wording"],
                KEEP_BOTH: ["My wording", "Their wording"]}[choice]
    assert stored == expected
    assert sorted(_bodies(window)) == expected
    assert window.notes.editor.toPlainText() == (
        "Their wording" if choice == KEEP_THEIRS else "My wording")
    assert not window.notes.has_unsaved_changes()


@pytest.mark.parametrize("seen_first", [True, False], ids=["deletion-seen", "deletion-unseen"])
@pytest.mark.parametrize("choice", [SAVE_AS_NEW, DISCARD_MINE])
def test_a_note_deleted_by_another_while_edited_asks_what_to_do_with_the_edit(
        qtbot: QtBot, sample_library: sessionmaker[Session], ui_settings: QSettings,
        backend_url: str, choice: str, seen_first: bool,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window, doc = open_window(qtbot, sample_library, ui_settings)
    note = window.notes.create_note(None, None)
    assert note is not None
    qtbot.keyClicks(window.notes.editor, "Draft")
    window.notes.flush()  # saved once: the other desk sees it
    qtbot.keyClicks(window.notes.editor, " and my wording")
    other = open_library(backend_url)
    try:  # the other desk deletes the note while this one is typing
        with other.begin() as s:
            delete_note(s, note.id, by="budi")
    finally:
        close_library(other)
    if seen_first:  # the window's look at the library took it off the list meanwhile
        qtbot.waitUntil(lambda: note.id not in [n.id for n in window.notes.notes()],
                        timeout=SEEN_WITHIN_MS)
        assert window.notes.editor.toPlainText() == "Draft and my wording"  # left alone
    asked = _answer(monkeypatch, "ask_deleted", choice)
    window.notes.flush()
    # Refused, never saved into the deleted note.
    assert [(theirs.deleted_by, mine) for theirs, mine in asked] == [
        ("budi", "Draft and my wording")]
    with sample_library() as s:
        live = list_notes(s, doc.story.id)
        [deleted] = [n for n in list_notes(s, doc.story.id, include_deleted=True)
                     if n.id == note.id]
    assert (deleted.deleted, deleted.body) == (True, "Draft")
    if choice == SAVE_AS_NEW:
        [mine] = live
        assert (mine.body, mine.author) == ("Draft and my wording", window.notes.author)
        assert mine.id != note.id
        assert [n.id for n in window.notes.notes()] == [mine.id]
        assert window.notes.current_note() == mine
        assert window.notes.editor.toPlainText() == "Draft and my wording"
        assert window.notes.status.text() == "Saved as a new note"
    else:
        assert live == [] and window.notes.notes() == ()
        assert window.notes.current_note() is None
        assert not window.notes.editor_box.isVisible()
    assert not window.notes.has_unsaved_changes()


@pytest.mark.parametrize("button", ["Save as a New Note", "Discard My Edit", None])
def test_the_deleted_note_dialog_names_who_and_offers_both_ways(
        qtbot: QtBot, sample_library: sessionmaker[Session], ui_settings: QSettings,
        button: str | None) -> None:
    window, doc = open_window(qtbot, sample_library, ui_settings)
    with sample_library.begin() as s:
        note = add_note(s, doc.story.id, "Draft", author="dewi")
        delete_note(s, note.id, by="budi")
    with sample_library() as s:
        [theirs] = [n for n in list_notes(s, doc.story.id, include_deleted=True)
                    if n.id == note.id]
    box = deleted_dialog(window, theirs, "My wording")
    box.open()  # as exec() shows it, without a nested event loop in the test
    qtbot.waitExposed(box)
    assert box.text() == "This note was deleted by budi while you were editing it."
    assert "My wording" in box.informativeText()
    buttons = {b.text(): b for b in box.buttons()}
    assert sorted(buttons) == ["Discard My Edit", "Save as a New Note"]
    assert box.defaultButton() is buttons["Save as a New Note"]
    if button is None:  # closed without choosing: nothing typed is dropped
        box.reject()
    else:
        qtbot.mouseClick(buttons[button], Qt.MouseButton.LeftButton)
    assert not box.isVisible()
    expected = DISCARD_MINE if button == "Discard My Edit" else SAVE_AS_NEW
    assert deleted_choice(box) == expected
