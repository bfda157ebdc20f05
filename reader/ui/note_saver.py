"""Saving note edits so that nothing typed is lost while another program writes the library.

A save that cannot get the library's write lock within a moment is kept in memory (the newest
text of each note) and retried every second until the lock clears; `waiting` tells the panel
to show it. Any other failure is kept too, and said in one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.store import NoteConflict, NotFound, update_note, writing
from reader.store.errors import describe_database_error, is_lock_error
from reader.store.records import NoteRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

# How long one attempt may hold up the window waiting for the lock, and how often to retry.
ATTEMPT_WAIT_MS = 200
RETRY_MS = 1000


@dataclass(frozen=True)
class NoteEdit:
    note_id: int
    body: str
    label: str
    color: str
    expected_version: int | None = None  # the note's version the text was typed over


class NoteSaver(QObject):
    waiting = Signal(bool)  # True while edits wait for the library, False once all landed
    saved = Signal(object)  # NoteRecord of each edit that reached the library
    failed = Signal(str)  # a save failed for another reason than the lock: one line
    conflicted = Signal(object, object)  # NoteEdit, NoteRecord: someone else saved it first

    def __init__(self, sessions: sessionmaker[Session], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._pending: dict[int, NoteEdit] = {}
        self._last: dict[int, NoteRecord] = {}
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.retry)

    def save(self, edit: NoteEdit) -> NoteRecord | None:
        """Save now if the library lets us; else keep the edit and retry. The record, or None."""
        self._pending.pop(edit.note_id, None)
        self._pending[edit.note_id] = edit  # the newest text of a note replaces one waiting
        self.retry()
        return None if edit.note_id in self._pending else self._last.get(edit.note_id)

    def pending(self) -> tuple[NoteEdit, ...]:
        return tuple(self._pending.values())

    def retry(self, *, wait_ms: int | None = ATTEMPT_WAIT_MS) -> None:
        self._last = {}
        was_waiting = self._retry.isActive()
        for note_id, edit in list(self._pending.items()):
            try:
                with writing(self._sessions, wait_ms=wait_ms) as s:
                    record = update_note(s, edit.note_id, body=edit.body, label=edit.label,
                                         color=edit.color,
                                         expected_version=edit.expected_version)
            except NoteConflict as conflict:  # another member saved it since: they settle it
                del self._pending[note_id]
                self.conflicted.emit(edit, conflict.theirs)
                continue
            except Exception as exc:  # kept, never dropped: the reader's words are in it
                if is_lock_error(exc):
                    self._retry.start()
                    self.waiting.emit(True)
                elif isinstance(exc, NotFound):  # deleted meanwhile (by another window)
                    del self._pending[note_id]
                    self.failed.emit(str(exc))
                else:
                    self.failed.emit(describe_database_error(exc))
                return
            del self._pending[note_id]
            self._last[note_id] = record
            self.saved.emit(record)
        if was_waiting or not self._pending:
            self._retry.stop()
            self.waiting.emit(False)

    def finish(self) -> tuple[NoteEdit, ...]:
        """Last try before the window closes, waiting the full busy timeout; what is left."""
        self._retry.stop()
        if self._pending:
            self.retry(wait_ms=None)
        self._retry.stop()
        return self.pending()


def show_unsaved_notes(parent: QWidget, bodies: list[str]) -> None:
    """The library stayed locked to the end: give the reader the words to copy elsewhere."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Notes Not Saved",
                      "Another program kept the library locked, so these notes could not be "
                      "saved. Copy them before closing:", QMessageBox.StandardButton.Close,
                      parent)
    box.setDetailedText("\n\n---\n\n".join(bodies))
    box.exec()
