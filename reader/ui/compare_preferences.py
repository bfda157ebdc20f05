"""The comparison preferences of the View menu, kept in the settings: which differences to
ignore, and which two versions a story opens on."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal

from reader.compare.model import CompareOptions
from reader.store.records import ArticleSummary, StorySummary
from reader.ui.actions import WindowActions
from reader.ui.timeline_text import default_pair

OPTION_KEYS = ("ignore_case", "ignore_punctuation", "ignore_quote_style", "ignore_whitespace")
FIRST_WITH_LATEST = "compare/first_with_latest"


class ComparePreferences(QObject):
    """Restores the View menu's comparison choices, saves each as the reader changes it."""

    optionsChanged = Signal()  # an "Ignore …" choice was toggled

    def __init__(self, actions: WindowActions, settings: QSettings,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._actions, self._settings = actions, settings
        defaults = CompareOptions()
        for key, action in zip(OPTION_KEYS, actions.ignore_toggles(), strict=True):
            action.setChecked(bool(settings.value(f"compare/{key}", getattr(defaults, key),
                                                  type=bool)))
            action.toggled.connect(self._options_toggled)
        actions.first_with_latest.setChecked(bool(settings.value(FIRST_WITH_LATEST, False,
                                                                 type=bool)))
        actions.first_with_latest.toggled.connect(
            lambda on: settings.setValue(FIRST_WITH_LATEST, on))

    def options(self) -> CompareOptions:
        values = [a.isChecked() for a in self._actions.ignore_toggles()]
        return CompareOptions(**dict(zip(OPTION_KEYS, values, strict=True)))

    def default_pair(self, story: StorySummary, article: ArticleSummary | None
                     ) -> tuple[int, int]:
        """The latest edit, or first against latest when the reader prefers (View menu)."""
        return default_pair(story, article, self._actions.first_with_latest.isChecked())

    def _options_toggled(self) -> None:
        options = self.options()
        for key in OPTION_KEYS:
            self._settings.setValue(f"compare/{key}", getattr(options, key))
        self.optionsChanged.emit()
