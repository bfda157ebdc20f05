"""The watch list panel: the watched pages, what their last check found, Check now, and how
often to check by itself (off unless the reader chooses an interval)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.store.web_records import WatchRecord
from reader.web.urls import is_web_url

# (minutes, label) for the background check; 0 is off, the default.
INTERVALS: tuple[tuple[int, str], ...] = (
    (0, "Only when I press Check now"), (15, "Every 15 minutes"), (60, "Every hour"),
    (360, "Every 6 hours"), (1440, "Every day"))


def describe(watch: WatchRecord) -> str:
    if watch.checked_at is None:
        return "not checked yet"
    when = watch.checked_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return f"{when}: {watch.last_result}"


class WatchPanel(QWidget):
    addRequested = Signal(str)  # a web address
    removeRequested = Signal(str)
    checkRequested = Signal()
    intervalChanged = Signal(int)  # minutes, 0 for off
    storyRequested = Signal(int)  # the story of a watched page, double-clicked

    def __init__(self, watches: Sequence[WatchRecord], interval_minutes: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Watched pages")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)  # each page's two lines read as one entry
        self.list.setSpacing(2)
        self.list.itemDoubleClicked.connect(self._open_story)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add…", self)
        self.remove_button = QPushButton("&Remove", self)
        self.check_button = QPushButton("&Check Now", self)
        self.check_button.setToolTip("Fetch every watched page again and import the ones "
                                     "whose text changed")
        for button in (self.add_button, self.remove_button, self.check_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        row = QHBoxLayout()
        row.addWidget(QLabel("Check:", self))
        self.interval_combo = QComboBox(self)
        self.interval_combo.setAccessibleName("Check automatically")
        for minutes, label in INTERVALS:
            self.interval_combo.addItem(label, minutes)
        index = self.interval_combo.findData(interval_minutes)
        self.interval_combo.setCurrentIndex(max(index, 0))
        row.addWidget(self.interval_combo, 1)
        layout.addLayout(row)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.add_button.clicked.connect(self._ask_url)
        self.remove_button.clicked.connect(self._remove)
        self.check_button.clicked.connect(self.checkRequested)
        self.interval_combo.currentIndexChanged.connect(
            lambda _i: self.intervalChanged.emit(int(self.interval_combo.currentData())))
        self.set_watches(watches)

    def set_watches(self, watches: Sequence[WatchRecord]) -> None:
        current = self.current_url()
        self.list.clear()
        for watch in watches:
            item = QListWidgetItem(f"{watch.url}\n{describe(watch)}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, watch.url)
            item.setData(Qt.ItemDataRole.UserRole + 1, watch.story_id)
            item.setToolTip(watch.url)
            if watch.url == current:
                self.list.setCurrentItem(item)
        if not watches:
            self.status.setText("No page is watched. Add one to be told when its text changes.")
        self._update_buttons()

    def set_checking(self, checking: bool, text: str = "") -> None:
        self.check_button.setEnabled(not checking and self.list.count() > 0)
        self.status.setText(text)

    def current_url(self) -> str | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, str) else None

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.current_url() is not None)
        self.check_button.setEnabled(self.list.count() > 0)

    def _ask_url(self) -> None:
        url, ok = QInputDialog.getText(self, "Watch a Page", "Address of the page to watch:")
        url = url.strip()
        if not ok or not url:
            return
        if not is_web_url(url):
            self.status.setText(f"Not a web address (http:// or https://): {url}")
            return
        self.addRequested.emit(url)

    def _remove(self) -> None:
        url = self.current_url()
        if url is not None:
            self.removeRequested.emit(url)

    def _open_story(self, item: QListWidgetItem) -> None:
        story = item.data(Qt.ItemDataRole.UserRole + 1)
        if isinstance(story, int):
            self.storyRequested.emit(story)
