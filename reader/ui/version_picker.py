"""Which two versions of a story face each other: two combo boxes, left and right."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from reader.store.records import ArticleSummary
from reader.ui.library_model import format_date


def version_label(n: int, article: ArticleSummary) -> str:
    parts = [f"v{n}"]
    if article.outlet:
        parts.append(article.outlet)
    if article.published:
        parts.append(format_date(article.published))
    return " · ".join(parts)


class VersionPicker(QWidget):
    """Enabled when a story has three or more versions; with two it only shows which is which.
    (Whoever places it hides it for a story with one version.)"""

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
            combo.setMinimumContentsLength(30)
            combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(self._emit)
        layout.addWidget(QLabel("Compare", self))
        layout.addWidget(self.left_combo)
        layout.addWidget(QLabel("with", self))
        layout.addWidget(self.right_combo)
        self._updating = False
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
        self.setEnabled(len(versions) >= 3)

    def pair(self) -> tuple[int, int] | None:
        left, right = self.left_combo.currentData(), self.right_combo.currentData()
        if isinstance(left, int) and isinstance(right, int):
            return left, right
        return None

    def _emit(self) -> None:
        if self._updating:
            return
        pair = self.pair()
        if pair is not None:
            self.pairChanged.emit(*pair)
