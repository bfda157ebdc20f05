"""The editor under the notes list: label, colour, the note's text, and its status line with
Pin here and Delete; and the bar that offers to undo a deletion. The notes panel owns what
they show and when it saves."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reader.store.records import NoteRecord
from reader.ui.notes_model import NOTE_COLORS


def describe_note(note: NoteRecord) -> str:
    """The status line under a note just opened: where it is."""
    if note.orphaned:
        return "The passage of this note is no longer found."
    return "On a passage" if note.anchor else "On the whole comparison"


def _swatch(color: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(color) if color else QColor(0, 0, 0, 0))
    return QIcon(pix)


class NoteEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        meta = QHBoxLayout()
        self.label_edit = QLineEdit(self)
        self.label_edit.setPlaceholderText("Label")
        self.label_edit.setAccessibleName("Note label")
        self.color_combo = QComboBox(self)
        self.color_combo.setAccessibleName("Note colour")
        for color, name in NOTE_COLORS:
            self.color_combo.addItem(_swatch(color), name, color)
        meta.addWidget(self.label_edit, 1)
        meta.addWidget(self.color_combo)
        box.addLayout(meta)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText("Write your note. It saves itself as you type.")
        self.editor.setAccessibleName("Note text")
        self.editor.setTabChangesFocus(True)
        box.addWidget(self.editor, 1)
        foot = QHBoxLayout()
        self.status = QLabel(self)
        # Wraps rather than hides under the Delete button in a narrow panel.
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.pin_button = QPushButton("Pin here", self)
        self.pin_button.setToolTip("This note was written on another version. Pin a copy of "
                                   "it to the passage it was carried to in this comparison.")
        self.pin_button.hide()
        foot.addWidget(self.pin_button)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setToolTip("Delete this note (Delete in the list; you can undo)")
        foot.addWidget(self.status, 1)
        foot.addWidget(self.delete_button)
        box.addLayout(foot)


class UndoBar(QFrame):
    """"Note deleted — Undo": shown after a deletion in the panel."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(6, 2, 2, 2)
        bar.addWidget(QLabel("Note deleted \u2014", self))
        self.undo_button = QPushButton("Undo", self)
        self.undo_button.setToolTip("Bring the note back (Ctrl+Z)")
        bar.addWidget(self.undo_button)
        bar.addStretch(1)
        self.hide()
