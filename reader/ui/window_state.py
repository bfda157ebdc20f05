"""The window's size, toolbars and column widths, kept between sessions."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter


def restore_layout(window: QMainWindow, splitter: QSplitter, settings: QSettings) -> None:
    """As the window was when it last closed; 1440×860 (or nine tenths of a smaller screen)
    the first time."""
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
    if isinstance(sizes, QByteArray):
        splitter.restoreState(sizes)


def save_layout(window: QMainWindow, splitter: QSplitter, settings: QSettings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("window/splitter", splitter.saveState())
    settings.sync()
