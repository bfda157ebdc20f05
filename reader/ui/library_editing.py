"""Carrying out what the library panel asks for: rename, delete, merge and move, with undo.

Each request is one library action (reader.store.manage) in one transaction; its LibraryChange
goes on an undo stack that the panel's undo bar and Ctrl+Z pop. `changed` says the library
changed (comparisons and notes read before are stale); then the panel is re-read and shows
the story the action concerns.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from reader.store import (
    LibraryChange,
    NotFound,
    delete_story,
    delete_version,
    merge_stories,
    move_version,
    rename_story,
    undo_change,
)
from reader.store.records import ArticleSummary, StorySummary
from reader.ui.library_panel import LibraryPanel
from reader.ui.notes_panel import NotesPanel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


class LibraryEditor(QObject):
    changed = Signal()
    undoAvailable = Signal(bool)

    def __init__(self, sessions: sessionmaker[Session], panel: LibraryPanel, notes: NotesPanel,
                 parent: QWidget) -> None:
        """`notes` is re-read after each change (notes move with their versions)."""
        super().__init__(parent)
        self._sessions = sessions
        self._panel = panel
        self._notes = notes
        self._window = parent
        self._done: list[tuple[float, LibraryChange]] = []  # newest last
        panel.renameRequested.connect(self.rename)
        panel.deleteRequested.connect(self.delete)
        panel.pickRequested.connect(self.pick_target)
        panel.moveRequested.connect(self.move)
        panel.undoRequested.connect(self.undo)

    # What the panel asks for -----------------------------------------------------------------

    def rename(self, story_id: int, title: str) -> bool:
        return self._apply(lambda s: rename_story(s, story_id, title))

    def delete(self, story: StorySummary, article: ArticleSummary | None) -> bool:
        if article is None:
            return self._apply(lambda s: delete_story(s, story.id))
        return self._apply(lambda s: delete_version(s, article.id))

    def move(self, article_id: int, story_id: int) -> bool:
        """Move a version to `story_id`, or to a new story when it is 0."""
        if story_id == 0:
            return self._apply(lambda s: move_version(s, article_id, new_story=True))
        return self._apply(lambda s: move_version(s, article_id, to_story_id=story_id))

    def merge(self, story_id: int, into_id: int) -> bool:
        return self._apply(lambda s: merge_stories(s, story_id, into_id))

    def pick_target(self, story: StorySummary, article: ArticleSummary | None) -> None:
        """Ask which story to merge `story` into (or move `article` to), among those listed."""
        others = [st for st in self._panel.model.loaded_stories() if st.id != story.id]
        if not others:
            return
        labels = [f"{st.title} ({len(st.versions)} version{'s' if len(st.versions) != 1 else ''})"
                  for st in others]
        if article is None:
            title = "Merge Into Another Story"
            prompt = f"Move every version of “{story.title}” into:"
        else:
            title, prompt = "Move to Another Story", f"Move “{article.title}” to:"
        chosen, ok = QInputDialog.getItem(self._window, title, prompt, labels, 0, False)
        if not ok or chosen not in labels:
            return
        target = others[labels.index(chosen)]
        if article is None:
            self.merge(story.id, target.id)
        else:
            self.move(article.id, target.id)

    # Undo ----------------------------------------------------------------------------------

    def undo_latest(self) -> None:
        """Ctrl+Z: undo whichever came last, a change to the library or a note's deletion."""
        library_time, notes_time = self.last_change_time(), self._notes.last_delete_time()
        if library_time is not None and (notes_time is None or library_time > notes_time):
            self.undo()
        else:
            self._notes.undo_delete()

    def can_undo(self) -> bool:
        return bool(self._done)

    def last_change_time(self) -> float | None:
        return self._done[-1][0] if self._done else None

    def undo(self) -> bool:
        if not self._done:
            return False
        _, change = self._done.pop()
        try:
            with self._sessions.begin() as s:
                story_id = undo_change(s, change)
        except Exception as exc:  # another window changed the library since: say so
            self._refuse(f"Could not undo “{change.summary}”: {exc}")
            return False
        self._offer_undo()
        self._show(story_id or 0)
        return True

    # Internals -----------------------------------------------------------------------------

    def _apply(self, action: Callable[[Session], LibraryChange]) -> bool:
        try:
            with self._sessions.begin() as s:
                change = action(s)
        except (NotFound, ValueError) as exc:
            self._refuse(str(exc))
            return False
        self._done.append((time.monotonic(), change))
        self._offer_undo()
        self._show(change.story_id or 0)
        return True

    def _show(self, story_id: int) -> None:
        self.changed.emit()
        self._notes.reload()
        self._panel.reload_after_change(story_id)

    def _offer_undo(self) -> None:
        self._panel.show_undo(self._done[-1][1].summary if self._done else None)
        self.undoAvailable.emit(bool(self._done))

    def _refuse(self, reason: str) -> None:
        QMessageBox.warning(self._window, "Library Not Changed", reason)

