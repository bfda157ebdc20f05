"""Two people saved one note: the library refused the second save (NoteConflict). The reader
sees the other's text beside theirs and keeps theirs, the other's, or both. A note someone
deleted while the reader was editing it (NoteDeleted) is never saved back silently: the reader
saves their text as a new note on the same passage, or discards the edit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from reader.store import add_note, update_note
from reader.store.records import NoteRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

KEEP_MINE, KEEP_THEIRS, KEEP_BOTH = "mine", "theirs", "both"
SAVE_AS_NEW, DISCARD_MINE = "new", "discard"
KEPT_MESSAGE = {KEEP_MINE: "Kept yours", KEEP_THEIRS: "Kept their text",
                KEEP_BOTH: "Kept yours as a new note", SAVE_AS_NEW: "Saved as a new note",
                DISCARD_MINE: "Your edit was discarded"}


def ask_conflict(parent: QWidget, theirs: NoteRecord, mine: str) -> str:
    """Someone saved this note while the reader was typing: which text stays?"""
    who = theirs.author or "Someone else"
    box = QMessageBox(QMessageBox.Icon.Warning, "Note Changed by Someone Else",
                      f"{who} saved this note while you were editing it.", parent=parent)
    box.setInformativeText(f"Their text:\n\n{theirs.body}\n\nYour text:\n\n{mine}")
    mine_button = box.addButton("Keep Mine", QMessageBox.ButtonRole.AcceptRole)
    theirs_button = box.addButton("Keep Theirs", QMessageBox.ButtonRole.RejectRole)
    both_button = box.addButton("Keep Both", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(both_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is mine_button:
        return KEEP_MINE
    return KEEP_THEIRS if clicked is theirs_button else KEEP_BOTH


def ask_deleted(parent: QWidget, theirs: NoteRecord, mine: str) -> str:
    """Someone deleted this note while the reader was typing: save the text anew, or drop it?"""
    box = deleted_dialog(parent, theirs, mine)
    box.exec()
    return deleted_choice(box)


def deleted_dialog(parent: QWidget, theirs: NoteRecord, mine: str) -> QMessageBox:
    who = theirs.deleted_by or "someone else"
    box = QMessageBox(QMessageBox.Icon.Warning, "Note Deleted by Someone Else",
                      f"This note was deleted by {who} while you were editing it.",
                      parent=parent)
    box.setInformativeText(f"Your text:\n\n{mine}")
    box.setDefaultButton(box.addButton("Save as a New Note", QMessageBox.ButtonRole.AcceptRole))
    discard = box.addButton("Discard My Edit", QMessageBox.ButtonRole.DestructiveRole)
    discard.setObjectName(DISCARD_MINE)
    return box


def deleted_choice(box: QMessageBox) -> str:
    """Only Discard drops the reader's words: a dialog closed otherwise keeps them."""
    clicked = box.clickedButton()
    discarded = clicked is not None and clicked.objectName() == DISCARD_MINE
    return DISCARD_MINE if discarded else SAVE_AS_NEW


def keep(sessions: sessionmaker[Session], note: NoteRecord, theirs: NoteRecord, choice: str, *,
         body: str, label: str, color: str, author: str) -> NoteRecord | None:
    """Store the reader's choice: the note kept as theirs (None: the other's text stays as it
    is, or the deleted note stays deleted). Raises NoteConflict when the note changed yet again
    meanwhile."""
    if choice in (KEEP_THEIRS, DISCARD_MINE):
        return None
    with sessions.begin() as s:
        if choice == KEEP_MINE:  # knowingly replacing the version just seen
            return update_note(s, note.id, body=body, label=label, color=color,
                               expected_version=theirs.version)
        # Both, or a new note for a deleted one: mine becomes a note of its own, on the same
        # passage.
        return add_note(s, note.story_id, body, article_id=note.article_id, anchor=note.anchor,
                        label=label, color=color, author=author)
