"""The right panel: the story's notes, a filter, and an editor that saves by itself.

Saving: 700 ms after typing stops, at the latest 700 ms after the first unsaved keystroke
(so continuous typing is never more than a moment from disk), and at once when the reader
switches note or story or closes the window (`flush`). There is no Save button.
A save that someone else's beat is refused and settled by the reader (note_conflicts.py);
`refresh_from_library` shows others' notes and leaves the note being typed alone.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.store import (
    NoteConflict,
    NotFound,
    add_note,
    delete_note,
    list_notes,
    restore_note,
)
from reader.store.records import NoteRecord, TextAnchor
from reader.ui.note_conflicts import KEPT_MESSAGE, ask_conflict, ask_deleted, keep
from reader.ui.note_editor import NoteEditor, UndoBar, describe_note
from reader.ui.note_saver import NoteEdit, NoteSaver
from reader.ui.notes_model import NoteDelegate, NotesModel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

WAITING_FOR_LIBRARY = "Waiting for the library…"  # the tooltip says why, and that the note is kept
SAVE_DEBOUNCE_MS = 700
SAVE_MAX_WAIT_MS = 700


class NotesPanel(QWidget):
    noteActivated = Signal(object)  # NoteRecord: the reader picked it; show its passage
    notesChanged = Signal(object)  # tuple[NoteRecord, ...]: the story's live notes now
    undoAvailable = Signal(bool)
    saved = Signal(int)  # note id, after each save reached the library
    pinRequested = Signal(int)  # note id: copy this carried note onto its passage here

    def __init__(self, sessions: sessionmaker[Session], parent: QWidget | None = None, *,
                 author: str = "") -> None:
        super().__init__(parent)
        self._sessions = sessions
        self.author = author  # recorded on the notes this window creates
        self._settling = False  # a conflict dialog is open: no saves or refreshes meanwhile
        self._story_id: int | None = None
        self._editing: NoteRecord | None = None
        self._dirty_since: float | None = None
        self._deleted: list[tuple[int, int, float]] = []  # (story, note, when), newest last
        self._fresh_id: int | None = None  # a note just added, not yet written in
        self._pinnable: set[int] = set()

        self.model = NotesModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 6, 6)
        layout.setSpacing(4)

        title_row = QHBoxLayout()
        self.title = QLabel("<b>Notes</b>", self)
        self.add_button = QPushButton("Add note", self)
        self.add_button.setToolTip("Add a note on the selected passage (Ctrl+Shift+N)")
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.add_button)
        layout.addLayout(title_row)

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter notes")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter notes")
        layout.addWidget(self.filter)

        self.undo_bar = UndoBar(self)
        self.undo_button = self.undo_bar.undo_button
        layout.addWidget(self.undo_bar)

        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.empty_label.setForegroundRole(self.empty_label.foregroundRole())
        layout.addWidget(self.empty_label)

        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(NoteDelegate(self.list))
        self.list.setAccessibleName("Notes")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.list, 3)

        self.editor_box = NoteEditor(self)
        self.label_edit, self.color_combo = self.editor_box.label_edit, self.editor_box.color_combo
        self.editor, self.status = self.editor_box.editor, self.editor_box.status
        self.pin_button = self.editor_box.pin_button
        self.delete_button = self.editor_box.delete_button
        layout.addWidget(self.editor_box, 2)
        layout.addStretch(0)

        self._saver = NoteSaver(sessions, self)
        self._saver.waiting.connect(self._show_waiting)
        self._saver.saved.connect(self._saved_later)
        self._saver.conflicted.connect(self._conflicted)
        self._saver.failed.connect(lambda reason: self.status.setText(f"Not saved: {reason}"))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SAVE_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.flush)
        self._max_wait = QTimer(self)
        self._max_wait.setSingleShot(True)
        self._max_wait.setInterval(SAVE_MAX_WAIT_MS)
        self._max_wait.timeout.connect(self.flush)

        self.editor.textChanged.connect(self._edited)
        self.label_edit.textEdited.connect(self._edited)
        self.color_combo.activated.connect(self._edited)
        self.filter.textChanged.connect(self._filter_changed)
        self.delete_button.clicked.connect(self.delete_current)
        self.pin_button.clicked.connect(self._pin_current)
        self.undo_button.clicked.connect(self.undo_delete)
        sm = self.list.selectionModel()
        assert sm is not None
        sm.currentChanged.connect(self._current_changed)
        self.list.clicked.connect(self._clicked)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_current)
        self._load_editor(None)
        self._update_empty()

    # Public ----------------------------------------------------------------------------------

    @property
    def story_id(self) -> int | None:
        return self._story_id

    def notes(self) -> tuple[NoteRecord, ...]:
        return self.model.notes()

    def current_note(self) -> NoteRecord | None:
        return self._editing

    def has_unsaved_changes(self) -> bool:
        return self._dirty_since is not None

    def can_undo(self) -> bool:
        return bool(self._deleted)

    def last_delete_time(self) -> float | None:
        """When the note that `undo_delete` would bring back was deleted."""
        times = [when for story_id, _, when in self._deleted if story_id == self._story_id]
        return times[-1] if times else None

    def leave(self) -> None:
        """Save the note being edited; drop it if it was just added and left empty."""
        self.flush()
        note = self._editing
        if note is None or note.id != self._fresh_id:
            return
        self._fresh_id = None
        if note.body.strip() or note.label.strip() or note.color:
            return
        with self._sessions.begin() as s:
            delete_note(s, note.id)
        self._load_editor(None)
        self.model.remove(note.id)
        self._update_empty()
        self.notesChanged.emit(self.model.notes())

    def set_story(self, story_id: int | None) -> None:
        """Show a story's notes (saving whatever was being typed for the previous one)."""
        self.leave()
        if story_id == self._story_id:
            return
        self._story_id = story_id
        self._load_editor(None)
        self.undo_bar.hide()
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.flush()
        notes: list[NoteRecord] = []
        if self._story_id is not None:
            try:
                with self._sessions.begin() as s:
                    notes = list_notes(s, self._story_id)
            except NotFound:  # the story was deleted (here or in another window)
                self._story_id = None
        editing = select_id if select_id is not None else (
            self._editing.id if self._editing else None)
        self.model.set_notes(notes)
        self._load_editor(None)
        if editing is not None:
            self.select_note(editing, activate=False)
        self._update_empty()
        self.notesChanged.emit(self.model.notes())

    def create_note(self, article_id: int | None, anchor: TextAnchor | None, *,
                    made: str = "") -> NoteRecord | None:
        """A new empty note (on a passage, or on the whole comparison), ready for typing;
        `made` says under the editor which kind of note it is."""
        if self._story_id is None:
            return None
        self.leave()
        with self._sessions.begin() as s:
            note = add_note(s, self._story_id, "", article_id=article_id, anchor=anchor,
                            author=self.author)
        self._fresh_id = note.id
        self.filter.clear()
        self.model.add(note)
        self.select_note(note.id, activate=False)
        if made:
            self.status.setText(made)
        self._update_empty()
        self.notesChanged.emit(self.model.notes())
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return note

    def set_carried(self, captions: dict[int, str], pinnable: set[int]) -> None:
        """What the comparison on screen says of notes written on other versions: a caption
        each ("carried from version #3: reworded here"), and which can be pinned here."""
        self._pinnable = pinnable
        self.model.set_captions(captions)
        self.pin_button.setVisible(self._editing is not None and self._editing.id in pinnable)

    def pin_copy(self, note: NoteRecord, article_id: int, anchor: TextAnchor
                 ) -> NoteRecord | None:
        """A copy of `note` (text, label, colour) anchored to `anchor` of version `article_id`."""
        if self._story_id is None:
            return None
        self.flush()
        with self._sessions.begin() as s:
            copy = add_note(s, self._story_id, note.body, article_id=article_id, anchor=anchor,
                            label=note.label, color=note.color)
        self.model.add(copy)
        self.select_note(copy.id, activate=False)
        self._update_empty()
        self.notesChanged.emit(self.model.notes())
        return copy

    def _pin_current(self) -> None:
        if self._editing is not None:
            self.pinRequested.emit(self._editing.id)

    def select_note(self, note_id: int, *, activate: bool = True) -> bool:
        row = self.model.row_of(note_id)
        if row < 0:
            return False
        index = self.model.index(row)
        sm = self.list.selectionModel()
        assert sm is not None
        sm.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list.scrollTo(index)
        if activate and self._editing is not None:
            self.noteActivated.emit(self._editing)
        return True

    def flush(self) -> None:
        """Save the note being edited now, if anything changed."""
        self._debounce.stop()
        self._max_wait.stop()
        note = self._editing
        if note is None or self._dirty_since is None or self._settling:
            return
        body, label = self.editor.toPlainText(), self.label_edit.text()
        color = self.color_combo.currentData()
        # Based on the version the reader was looking at: a save after someone else's is
        # refused and settled (_conflicted), never written over theirs.
        edit = NoteEdit(note.id, body, label, color if isinstance(color, str) else "",
                        note.version)
        self._dirty_since = None
        # A save that lands is shown by _saved_later; one that waits keeps the text in memory
        # (note_saver.py) and in the list, so going back to the note shows what was typed.
        self._saver.save(edit)
        if any(waiting.note_id == edit.note_id for waiting in self._saver.pending()):
            self.model.replace(replace(note, body=body, label=edit.label, color=edit.color))

    def refresh_from_library(self) -> None:
        """Show what others saved, leaving the note being typed as it is."""
        if self._story_id is None or self._settling:
            return
        with self._sessions.begin() as s:
            notes = list_notes(s, self._story_id)
        if sorted(notes, key=lambda n: n.id) == sorted(self.model.notes(), key=lambda n: n.id):
            return
        self.model.set_notes(notes)  # keeps self._editing
        if self._editing is not None:
            fresh = next((n for n in notes if n.id == self._editing.id), None)
            if self._dirty_since is None:  # nothing typed: show the note as stored now
                self._load_editor(fresh)
            if fresh is not None:
                self.select_note(fresh.id, activate=False)
        self._update_empty()
        self.notesChanged.emit(self.model.notes())

    def delete_current(self) -> None:
        note = self._editing
        if note is None:
            return
        self.flush()
        with self._sessions.begin() as s:
            delete_note(s, note.id, by=self.author)
        self._deleted.append((note.story_id, note.id, time.monotonic()))
        self._load_editor(None)
        self.model.remove(note.id)
        self.undo_bar.show()
        self._update_empty()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.undoAvailable.emit(True)
        self.notesChanged.emit(self.model.notes())

    def undo_delete(self) -> bool:
        """Restore the last deleted note of this story."""
        for i in range(len(self._deleted) - 1, -1, -1):
            story_id, note_id, _ = self._deleted[i]
            if story_id == self._story_id:
                del self._deleted[i]
                with self._sessions.begin() as s:
                    restore_note(s, note_id)
                self.undo_bar.setVisible(any(sid == self._story_id
                                             for sid, _, _ in self._deleted))
                self.undoAvailable.emit(bool(self._deleted))
                self.reload(select_id=note_id)
                return True
        return False

    def unsaved_edits(self) -> tuple[NoteEdit, ...]:
        """Last try to save what waits for the library; what still could not be saved."""
        self.flush()
        return self._saver.finish()

    # Internals -------------------------------------------------------------------------------

    def _saved(self, saved: NoteRecord) -> None:
        self._dirty_since = None
        self._editing = saved
        self.model.replace(saved)
        self.status.setText("Saved")
        self.saved.emit(saved.id)
        self.notesChanged.emit(self.model.notes())

    def _settle(self, note: NoteRecord, theirs: NoteRecord, body: str, label: str,
                color: str) -> None:
        """The reader's save was refused: theirs is stored (or the note was deleted). Keep
        mine, theirs, or both; for a deleted note, mine as a new note, or nothing."""
        self._settling = True
        try:
            ask = ask_deleted if theirs.deleted else ask_conflict
            choice = ask(self, theirs, body)
            kept = keep(self._sessions, note, theirs, choice, body=body, label=label,
                        color=color, author=self.author)
        except NoteConflict as again:  # changed (or deleted) once more while the dialog was open
            self._settle(note, again.theirs, body, label, color)
            return
        except NotFound as gone:  # the whole story was deleted meanwhile
            self.status.setText(f"Not saved: {gone}")
            return
        finally:
            self._settling = False
        self._show_settled(theirs, kept)
        self.status.setText(KEPT_MESSAGE[choice])

    def _show_settled(self, theirs: NoteRecord, kept: NoteRecord | None) -> None:
        if theirs.deleted:
            self.model.remove(theirs.id)
        else:
            self.model.replace(theirs)
        shown = kept or (None if theirs.deleted else theirs)
        if shown is not None and shown.id != theirs.id:  # mine, as a new note
            self.model.add(shown)
        self._load_editor(shown)
        if shown is None:  # the reader's edit of a deleted note, discarded
            self._update_empty()
            self.notesChanged.emit(self.model.notes())
            return
        self.select_note(shown.id, activate=False)
        self._saved(shown)

    def _show_waiting(self, waiting: bool) -> None:
        if waiting:
            self.status.setText(WAITING_FOR_LIBRARY)
            self.status.setToolTip("Another program is writing to the library. What you "
                                   "typed is kept and saved as soon as it lets go.")
        else:
            self.status.setToolTip("")

    def _saved_later(self, saved: NoteRecord) -> None:
        self.model.replace(saved)
        if self._editing is not None and self._editing.id == saved.id:
            self._editing = saved
            if self._dirty_since is None:
                self.status.setText("Saved")
        self.saved.emit(saved.id)
        self.notesChanged.emit(self.model.notes())

    def _conflicted(self, edit: NoteEdit, theirs: NoteRecord) -> None:
        # A deleted note may be gone from the list already (another window's deletion seen
        # while typing): the stored record still says where it was.
        note = next((n for n in self.model.notes() if n.id == edit.note_id),
                    theirs if theirs.deleted else None)
        if note is not None:
            self._settle(note, theirs, edit.body, edit.label, edit.color)

    def _edited(self) -> None:
        if self._editing is None:
            return
        if self._dirty_since is None:
            self._dirty_since = time.monotonic()
            self._max_wait.start()
            self.status.setText("Editing…")
        self._debounce.start()

    def _load_editor(self, note: NoteRecord | None) -> None:
        self._editing = note
        self._dirty_since = None
        for w in (self.editor, self.label_edit, self.color_combo):
            w.blockSignals(True)
        try:
            self.editor.setPlainText(note.body if note else "")
            self.label_edit.setText(note.label if note else "")
            self.color_combo.setCurrentIndex(max(0, self.color_combo.findData(
                note.color if note else "")))
        finally:
            for w in (self.editor, self.label_edit, self.color_combo):
                w.blockSignals(False)
        self.editor_box.setEnabled(note is not None)
        self.editor_box.setVisible(note is not None)
        self.status.setText("" if note is None else describe_note(note))
        self.pin_button.setVisible(note is not None and note.id in self._pinnable)

    def _current_changed(self, current: QModelIndex | QPersistentModelIndex,
                         _previous: QModelIndex | QPersistentModelIndex) -> None:
        note = self.model.note(current)
        if note is not None and self._editing is not None and note.id == self._editing.id:
            return
        self.leave()
        self._load_editor(note)
        if note is not None:
            self.noteActivated.emit(note)

    def _clicked(self, index: QModelIndex) -> None:
        note = self.model.note(index)
        if note is not None:
            self.noteActivated.emit(note)  # again: jumping back to a passage is the point

    def _filter_changed(self, text: str) -> None:
        editing = self._editing.id if self._editing else None
        self.flush()
        self.model.set_filter(text)
        if editing is not None and not self.select_note(editing, activate=False):
            self._load_editor(None)
        self._update_empty()

    def _update_empty(self) -> None:
        if self._story_id is None:
            text = "Select a story to see its notes."
        elif not self.model.notes():
            text = ("No notes yet. Select a passage in either version and press "
                    "<b>Add note</b> (Ctrl+Shift+N).")
        elif self.model.rowCount() == 0:
            text = "No note matches the filter."
        else:
            text = ""
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))
        # An empty white list and a greyed editor look broken: show only the hint.
        self.list.setVisible(bool(self.model.notes()))
        self.editor_box.setVisible(self._editing is not None)
        self.add_button.setEnabled(self._story_id is not None)
        n = len(self.model.notes())
        self.title.setText(f"<b>Notes</b> ({n})" if n else "<b>Notes</b>")
