"""A story's notes as a list model, and the delegate that draws each note as a small card."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from reader.store.records import NoteRecord

NOTE_ROLE = Qt.ItemDataRole.UserRole + 1
CAPTION_ROLE = Qt.ItemDataRole.UserRole + 2  # what the comparison on screen says of a carried note
AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root; Qt's default for `parent`

# The colours a note can carry; "" is the default (no colour).
NOTE_COLORS: tuple[tuple[str, str], ...] = (
    ("", "No colour"), ("#f2c94c", "Yellow"), ("#6fcf97", "Green"), ("#56ccf2", "Blue"),
    ("#eb5757", "Red"), ("#bb6bd9", "Purple"),
)
SWATCH_WIDTH = 5
PASSAGE_CHARS = 160
BODY_CHARS = 280


def format_time(moment: datetime) -> str:
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return local.strftime("%d %b %Y, %H:%M").lstrip("0")


def note_matches(note: NoteRecord, needle: str) -> bool:
    if not needle:
        return True
    hay = [note.body, note.label]
    if note.anchor is not None:
        hay.append(note.anchor.exact)
    return any(needle in h.casefold() for h in hay)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def note_html(note: NoteRecord, muted: QColor, warn: QColor, caption: str = "") -> str:
    parts: list[str] = []
    if note.label:
        parts.append(f"<b>{html.escape(note.label)}</b>")
    if note.anchor is None:
        parts.append(f"<span style='color:{muted.name()}'>On the whole comparison</span>")
    else:
        parts.append(f"<i>“{html.escape(_clip(note.anchor.exact, PASSAGE_CHARS))}”</i>")
    body = note.body.strip()
    parts.append(html.escape(_clip(body, BODY_CHARS)) if body
                 else f"<span style='color:{muted.name()}'>(empty note)</span>")
    meta = f"<span style='color:{muted.name()}'>{html.escape(format_time(note.updated))}</span>"
    if note.orphaned:
        meta += (f" &nbsp;<b style='color:{warn.name()}'>⚠ passage not found</b>")
    parts.append(meta)
    if caption:  # written on another version and carried into the comparison on screen
        parts.append(f"<span style='color:{muted.name()}'>↷ {html.escape(caption)}</span>")
    return "<br>".join(parts)


class NotesModel(QAbstractListModel):
    """All the story's live notes; `set_filter` narrows what is shown without a query."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[NoteRecord] = []
        self._shown: list[NoteRecord] = []
        self._needle = ""
        self._captions: dict[int, str] = {}

    def set_captions(self, captions: dict[int, str]) -> None:
        """What the comparison on screen says of each note carried from another version."""
        if captions != self._captions:
            self._captions = captions
            if self._shown:
                self.dataChanged.emit(self.index(0), self.index(len(self._shown) - 1))

    def caption(self, note_id: int) -> str:
        return self._captions.get(note_id, "")

    def set_notes(self, notes: Sequence[NoteRecord]) -> None:
        self.beginResetModel()
        self._all = [n for n in notes if not n.deleted]
        self._refilter()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._needle = text.strip().casefold()
        self._refilter()
        self.endResetModel()

    def notes(self) -> tuple[NoteRecord, ...]:
        return tuple(self._all)

    def note(self, index: AnyIndex) -> NoteRecord | None:
        if not index.isValid() or index.row() >= len(self._shown):
            return None
        return self._shown[index.row()]

    def row_of(self, note_id: int) -> int:
        for row, n in enumerate(self._shown):
            if n.id == note_id:
                return row
        return -1

    def replace(self, note: NoteRecord) -> None:
        """A saved note's new state, in place (keeps the selection)."""
        self._all = [note if n.id == note.id else n for n in self._all]
        row = self.row_of(note.id)
        if row >= 0:
            self._shown[row] = note
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def add(self, note: NoteRecord) -> None:
        self._all.append(note)
        if note_matches(note, self._needle):
            row = len(self._shown)
            self.beginInsertRows(QModelIndex(), row, row)
            self._shown.append(note)
            self.endInsertRows()

    def remove(self, note_id: int) -> None:
        self._all = [n for n in self._all if n.id != note_id]
        row = self.row_of(note_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._shown[row]
            self.endRemoveRows()

    def _refilter(self) -> None:
        self._shown = [n for n in self._all if note_matches(n, self._needle)]

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        note = self.note(index)
        if note is None:
            return None
        if role == NOTE_ROLE:
            return note
        if role == CAPTION_ROLE:
            return self.caption(note.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            passage = f"“{note.anchor.exact}” " if note.anchor else ""
            orphan = " (passage not found)" if note.orphaned else ""
            caption = self.caption(note.id)
            carried = f" ({caption})" if caption else ""
            return (f"{note.label + ': ' if note.label else ''}{passage}{note.body}{orphan}"
                    f"{carried}")
        if role == Qt.ItemDataRole.ToolTipRole:
            return note.body or None
        return None


class NoteDelegate(QStyledItemDelegate):
    """Draws a note as rich text with its colour as a bar down the left edge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(6)

    def _layout(self, option: QStyleOptionViewItem, note: NoteRecord, width: int,
                caption: str) -> None:
        palette = option.palette
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        warn = QColor("#e06c00") if palette.color(QPalette.ColorRole.Base).lightness() < 128 \
            else QColor("#b34700")
        self._doc.setDefaultFont(option.font)
        self._doc.setHtml(note_html(note, muted, warn, caption))
        self._doc.setTextWidth(max(40, width - SWATCH_WIDTH - 4))

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        note = index.data(NOTE_ROLE)
        if not isinstance(note, NoteRecord):
            return super().sizeHint(option, index)
        width = option.rect.width() or 240
        self._layout(option, note, width, str(index.data(CAPTION_ROLE) or ""))
        return QSize(width, int(self._doc.size().height()) + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        note = index.data(NOTE_ROLE)
        if not isinstance(note, NoteRecord):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        rect = option.rect
        palette: QPalette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight).lighter(170)
                         if selected and palette.color(QPalette.ColorRole.Base).lightness() >= 128
                         else palette.color(QPalette.ColorRole.Highlight).darker(160) if selected
                         else palette.color(QPalette.ColorRole.Base))
        swatch = QColor(note.color) if note.color else palette.color(QPalette.ColorRole.Mid)
        painter.fillRect(rect.x(), rect.y() + 2, SWATCH_WIDTH, rect.height() - 4, swatch)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        self._layout(option, note, rect.width(), str(index.data(CAPTION_ROLE) or ""))
        painter.translate(rect.x() + SWATCH_WIDTH + 2, rect.y() + 2)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.Text))
        ctx.clip = QRectF(0, 0, rect.width() - SWATCH_WIDTH - 2, rect.height() - 2)
        layout = self._doc.documentLayout()
        assert layout is not None
        layout.draw(painter, ctx)
        painter.restore()
