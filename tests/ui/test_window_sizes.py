"""The window at 900×600 (and at the 864×486 logical pixels QT_SCALE_FACTOR=2 leaves of a
1920×1080 screen): every toolbar command reachable without the » menu, nothing cut off."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QLabel, QToolBar, QToolButton

from reader.store.records import VersionPair
from reader.ui.stats_bar import StatsBar

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from reader.ui.main_window import MainWindow

Window = tuple["MainWindow", VersionPair]

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def toolbar(w: MainWindow) -> QToolBar:
    bar = w.findChild(QToolBar, "comparison-toolbar")
    assert bar is not None
    return bar


def overflow_hidden(bar: QToolBar) -> bool:
    ext = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    return ext is None or not ext.isVisible()


def fully_shown(label: QLabel) -> bool:
    return label.isVisible() and label.height() >= label.heightForWidth(label.width())


@pytest.mark.parametrize(("width", "height"), [(900, 600), (864, 486), (1440, 900)])
def test_everything_fits_in_the_window(qtbot: QtBot, window: Window, width: int,
                                       height: int) -> None:
    w, _ = window
    w.resize(width, height)
    qtbot.waitUntil(lambda: w.width() == width)
    bar = toolbar(w)
    qtbot.waitUntil(lambda: overflow_hidden(bar))
    for action in bar.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        widget = bar.widgetForAction(action)
        assert widget is not None and widget.isVisible(), action.text()
        assert bar.rect().contains(widget.geometry()), action.text()
    assert w.picker.isVisible() and w.picker.left_combo.width() > 80
    add = bar.widgetForAction(w.actions_.add_note)
    assert add is not None and add.isVisible()
    stats = w.view.findChild(StatsBar)
    assert stats is not None and fully_shown(stats.label)
    legend = [lab for lab in w.view.findChildren(QLabel) if "removed from left" in lab.text()]
    assert legend and fully_shown(legend[0])
    assert "overline" not in legend[0].text()
    assert w.view.width() >= 360


def test_words_come_back_on_the_buttons_when_there_is_room(qtbot: QtBot, window: Window) -> None:
    from PySide6.QtCore import Qt

    w, _ = window
    w.resize(900, 600)
    qtbot.waitUntil(lambda: toolbar(w).toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly)
    w.resize(1600, 900)
    qtbot.waitUntil(
        lambda: toolbar(w).toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
