"""Whose notes these are: the name recorded on each note the window creates (a shared library
shows it beside every note). Edit › Your Name on Notes sets it once; until then $READER_AUTHOR,
else the login name."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QWidget

from reader.store import default_author

AUTHOR_KEY = "notes/author"


def saved_author(settings: QSettings) -> str:
    return str(settings.value(AUTHOR_KEY, "") or default_author())


def ask_author(parent: QWidget, current: str, settings: QSettings) -> str:
    """The name the reader chose (remembered in the settings), or `current` if they cancel."""
    name, ok = QInputDialog.getText(parent, "Your Name on Notes",
                                    "The name recorded on the notes you write:", text=current)
    if not ok or not name.strip():
        return current
    settings.setValue(AUTHOR_KEY, name.strip())
    return name.strip()


class _Writes(Protocol):
    author: str


def bind_author_action(action: QAction, parent: QWidget, writer: _Writes,
                       settings: QSettings) -> None:
    """The menu command asks for the name and hands it to `writer` (the notes panel)."""
    action.triggered.connect(
        lambda: setattr(writer, "author", ask_author(parent, writer.author, settings)))
