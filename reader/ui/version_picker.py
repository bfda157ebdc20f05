"""Which two versions of a story face each other: two combo boxes, left and right."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from reader.store.records import ArticleSummary, StorySummary
from reader.ui.library_model import format_date


def version_label(n: int, article: ArticleSummary) -> str:
    parts = [f"v{n}"]
    if article.outlet:
        parts.append(article.outlet)
    if article.published:
        parts.append(format_date(article.published))
    return " · ".join(parts)


class VersionPicker(QWidget):
    """Two versions side by side, either chosen from the story's versions, and a button that
    swaps them. Choosing on one side the version shown on the other swaps the two, so a
    version is never compared with itself. (Whoever places it hides it for a story with one
    version.)"""

    pairChanged = Signal(int, int)  # left article id, right article id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.left_combo = QComboBox(self)
        self.right_combo = QComboBox(self)
        for combo, name in ((self.left_combo, "Left version"), (self.right_combo, "Right version")):
            combo.setAccessibleName(name)
            combo.setToolTip(name)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            # Narrow enough for a 900-pixel window; the list shows whole labels.
            combo.setMinimumContentsLength(14)
            combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(self._emit)
        self.swap_button = QToolButton(self)
        self.swap_button.setText("⇄")
        self.swap_button.setToolTip("Swap sides (Ctrl+Shift+S)")
        self.swap_button.setAccessibleName("Swap sides")
        self.swap_button.clicked.connect(self.swap)
        layout.addWidget(QLabel("Compare", self))
        layout.addWidget(self.left_combo)
        layout.addWidget(self.swap_button)
        layout.addWidget(self.right_combo)
        self._updating = False
        self._pair: tuple[int, int] | None = None
        self._chosen: dict[int, tuple[int, int]] = {}  # story id: the pair shown last
        self.set_versions((), None, None)

    def set_versions(self, versions: Sequence[ArticleSummary], left_id: int | None,
                     right_id: int | None) -> None:
        """Show the story's versions with the pair selected; emits nothing."""
        self._updating = True
        try:
            for combo, selected in ((self.left_combo, left_id), (self.right_combo, right_id)):
                combo.clear()
                for n, article in enumerate(versions, start=1):
                    combo.addItem(version_label(n, article), article.id)
                    combo.setItemData(n - 1, article.title, Qt.ItemDataRole.ToolTipRole)
                index = combo.findData(selected)
                combo.setCurrentIndex(index)
        finally:
            self._updating = False
        self._pair = self.pair()
        self.setEnabled(len(versions) >= 2)

    def remember(self, story_id: int, left: int, right: int) -> None:
        self._chosen[story_id] = (left, right)

    def chosen_for(self, story: StorySummary) -> tuple[int, int] | None:
        """The pair last shown for `story`, while both are still versions of it."""
        pair = self._chosen.get(story.id)
        ids = {v.id for v in story.versions}
        return pair if pair is not None and set(pair) <= ids and pair[0] != pair[1] else None

    def swap(self) -> None:
        """Right on the left, left on the right (emits pairChanged)."""
        pair = self.pair()
        if pair is not None:
            self._select(pair[1], pair[0])
            self._emit()

    def _select(self, left: int, right: int) -> None:
        self._updating = True
        try:
            self.left_combo.setCurrentIndex(self.left_combo.findData(left))
            self.right_combo.setCurrentIndex(self.right_combo.findData(right))
        finally:
            self._updating = False

    def pair(self) -> tuple[int, int] | None:
        left, right = self.left_combo.currentData(), self.right_combo.currentData()
        if isinstance(left, int) and isinstance(right, int):
            return left, right
        return None

    def _emit(self) -> None:
        if self._updating:
            return
        pair, before = self.pair(), self._pair
        if pair is None or pair == before:
            return
        if pair[0] == pair[1] and before is not None:
            # The version already on the other side was chosen: the two change places.
            pair = (pair[0], before[0]) if pair[0] != before[0] else (before[1], pair[1])
            self._select(*pair)
        self._pair = pair
        self.pairChanged.emit(*pair)
