"""The window's size, toolbars and column widths, kept between sessions."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter


class PanelWidths:
    """Until the reader drags a splitter handle (or a saved layout is restored), the library,
    the comparison and the notes keep their first-launch shares of any window width: the
    comparison most of it, the library enough to read titles, and in a 900-pixel window the
    side panels narrow to their minimum first."""

    def __init__(self, splitter: QSplitter) -> None:
        self._splitter = splitter
        self.active = True
        splitter.splitterMoved.connect(self._moved)

    def _moved(self, _pos: int, _index: int) -> None:
        self.active = False

    def fit(self, width: int) -> None:
        if self.active and self._splitter.count() == 3:
            side = min(320, max(170, width * 24 // 100)), min(260, max(180, width * 18 // 100))
            self._splitter.setSizes([side[0], width - sum(side), side[1]])


def restore_layout(window: QMainWindow, splitter: QSplitter, settings: QSettings) -> bool:
    """As the window was when it last closed; 1440×860 (or nine tenths of a smaller screen)
    the first time. True when the splitter's sizes were restored too."""
    geometry = settings.value("window/geometry")
    if not (isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)):
        screen = window.screen()
        if screen is None:
            window.resize(1440, 860)
        else:
            room = screen.availableGeometry()
            window.resize(min(1440, room.width() * 9 // 10), min(860, room.height() * 9 // 10))
    state = settings.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    sizes = settings.value("window/splitter")
    return isinstance(sizes, QByteArray) and splitter.restoreState(sizes)


def save_layout(window: QMainWindow, splitter: QSplitter, settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/splitter", splitter.saveState())
    settings.sync()
