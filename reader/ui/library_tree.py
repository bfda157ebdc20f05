"""The library's tree view: a version row can be dragged onto another story to move it there.

The drag carries only the version's id; what a drop means (moving the version) is decided by
whoever listens to `versionDropped`.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from reader.ui.library_model import LibraryModel

ARTICLE_MIME = "application/x-parallax-reader-article"


class LibraryTree(QTreeView):
    versionDropped = Signal(int, int)  # article id, id of the story it was dropped on

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._library = model
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        # F2 renames a story in place (the model makes only story titles editable).
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        article = self._library.article(self.currentIndex())
        if article is None:
            return  # only versions move; a story is merged from its context menu
        mime = QMimeData()
        mime.setData(ARTICLE_MIME, QByteArray(str(article.id).encode("ascii")))
        mime.setText(article.title)
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime is not None and mime.hasFormat(ARTICLE_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()  # files go on to the window, which imports them

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        target = self.drop_target(event.position().toPoint())
        mime = event.mimeData()
        if mime is None or not mime.hasFormat(ARTICLE_MIME) or target is None \
                or target == self._dragged_story(mime):
            event.ignore()
            return
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        target = self.drop_target(event.position().toPoint())
        article_id = _article_id(mime) if mime is not None else None
        if mime is None or article_id is None or target is None \
                or target == self._dragged_story(mime):
            event.ignore()  # nowhere to go, or back onto its own story
            return
        event.acceptProposedAction()
        self.versionDropped.emit(article_id, target)

    def drop_target(self, pos: QPoint) -> int | None:
        """The story under `pos` (a story row or one of its versions)."""
        index: QModelIndex = self.indexAt(pos)
        story = self._library.story(index)
        return story.id if story is not None else None

    def _dragged_story(self, mime: QMimeData) -> int | None:
        """The story the dragged version is in now (None when it is not listed)."""
        article_id = _article_id(mime)
        for story in self._library.loaded_stories():
            if any(v.id == article_id for v in story.versions):
                return story.id
        return None


def _article_id(mime: QMimeData) -> int | None:
    raw = bytes(mime.data(ARTICLE_MIME).data()).decode("ascii", "replace")
    return int(raw) if raw.isdigit() else None
