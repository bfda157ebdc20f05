"""Others' writes reach the window by themselves: a timer asks the library's ChangeWatcher
(LISTEN/NOTIFY on PostgreSQL, data_version on SQLite) what changed, a few times a second."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reader.store.changes import watch_changes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

# Half a second between looks keeps a note saved elsewhere on screen well within 2 s.
LOOK_EVERY_MS = 500


class LiveRefresh(QObject):
    notesChanged = Signal()  # someone wrote notes: re-read the story's notes
    libraryChanged = Signal()  # someone wrote stories or articles: re-read the library list

    def __init__(self, sessions: sessionmaker[Session], parent: QObject | None = None, *,
                 library_busy: Callable[[], bool] = lambda: False) -> None:
        """`library_busy`: while true (our own import runs, and re-reads at its end), the
        library list is left alone."""
        super().__init__(parent)
        self._watcher = watch_changes(sessions)
        self._library_busy = library_busy
        self._timer = QTimer(self)
        self._timer.setInterval(LOOK_EVERY_MS)
        self._timer.timeout.connect(self.look)
        self._timer.start()

    def look(self) -> None:
        changed = self._watcher.changes()
        if "notes" in changed:
            self.notesChanged.emit()
        if {"stories", "articles"} & changed and not self._library_busy():
            self.libraryChanged.emit()

    def stop(self) -> None:
        self._timer.stop()
        self._watcher.close()
