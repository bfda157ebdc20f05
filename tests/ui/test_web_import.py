"""The window's web imports driven as a person would, against the local site and archive:
File › Import from URL…, File › Import Archived Versions… (with Cancel), the Watch List."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialogButtonBox, QProgressDialog, QPushButton
from sqlalchemy import select

from reader.store import get_story
from reader.store.models import Article
from reader.store.records import StoryComparison
from reader.ui.watch_panel import INTERVALS
from reader.web import FetchPolicy
from tests.web.server import ORIGINAL_TITLE, Site, web_site

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

    from reader.ui.main_window import MainWindow

__all__ = ["web_site"]
# The offscreen platform says so whenever a window is shown; it is not a fault of ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
FAST = FetchPolicy(connect_timeout=2, read_timeout=2, per_host_interval=0, first_backoff=0.01)
ORIGINAL = "https://news.example/harbour-barrier"
IMPORT_MS = 20_000


def _ok(box: QDialogButtonBox) -> None:
    button = box.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None and button.isEnabled()
    button.click()


def _story_row_font(window: MainWindow, story_id: int) -> QFont:
    index = window.library.model.story_index(story_id)
    font = window.library.model.data(index, Qt.ItemDataRole.FontRole)
    return font if isinstance(font, QFont) else QFont()


def test_import_from_url(qtbot: QtBot, window: tuple[MainWindow, StoryComparison],
                         web_site: Site) -> None:
    win, _doc = window
    win.web.policy = FAST
    action = win.web.import_url
    assert action.shortcut().toString() == "Ctrl+L"
    assert action in win.menuBar().actions()[0].menu().actions()  # File menu
    assert ("Import from URL", "Ctrl+L") in win.web.shortcuts()  # listed by F1
    dialog = win.web.ask_urls()
    qtbot.keyClicks(dialog.urls_edit, "news.example/no-scheme")
    assert not dialog.ok_button.isEnabled()
    assert "Not a web address" in dialog.problem.text()
    dialog.urls_edit.setPlainText(f"{web_site.url('/changing')}\n{web_site.url('/changing')}\n")
    with qtbot.waitSignal(win.importFinished, timeout=IMPORT_MS) as finished:
        _ok(dialog.buttons)
    outcomes = finished.args[0]
    assert [o.status for o in outcomes] == ["imported", "imported"]
    # The window lands on the story, its two fetched versions side by side.
    qtbot.waitUntil(lambda: (doc := win.current_comparison()) is not None
                    and doc.story.id == outcomes[0].story_id, timeout=IMPORT_MS)
    doc = win.current_comparison()
    assert doc is not None
    assert doc.left.title == ORIGINAL_TITLE
    assert "six-hour" in doc.left.text and "seven-hour" in doc.right.text
    assert "Imported 2, 0 already in the library, 0 failed." in win.statusBar().currentMessage()


def test_a_failed_url_is_listed_with_its_reason(qtbot: QtBot,
                                                window: tuple[MainWindow, StoryComparison],
                                                web_site: Site) -> None:
    win, _doc = window
    win.web.policy = FAST
    with qtbot.waitSignal(win.importFinished, timeout=IMPORT_MS) as finished:
        win.web.import_urls([web_site.url("/missing")])
    [outcome] = finished.args[0]
    assert (outcome.status, outcome.reason) == ("failed", "HTTP 404 Not Found")


def test_import_archived_versions(qtbot: QtBot, window: tuple[MainWindow, StoryComparison],
                                  web_site: Site, sample_library: sessionmaker[Session]) -> None:
    win, _doc = window
    win.web.policy = FAST
    dialog = win.web.ask_history()
    assert dialog.archive_edit.text() == "https://web.archive.org"
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.url_edit, ORIGINAL)
    dialog.archive_edit.setText(web_site.base)
    with qtbot.waitSignal(win.importFinished, timeout=IMPORT_MS) as finished:
        _ok(dialog.buttons)
    outcomes = finished.args[0]
    assert [o.status for o in outcomes] == ["imported", "imported", "duplicate", "imported"]
    story_id = outcomes[0].story_id
    with sample_library.begin() as s:
        versions = get_story(s, story_id).versions
    assert [v.published for v in versions] == [date(2025, 2, 1), date(2025, 2, 3),
                                               date(2025, 2, 6)]
    qtbot.waitUntil(lambda: (doc := win.current_comparison()) is not None
                    and doc.story.id == story_id, timeout=IMPORT_MS)
    # The archive asked for is remembered for the next time.
    assert win.web.ask_history().archive_edit.text() == web_site.base


def test_cancelling_a_history_keeps_whole_versions(qtbot: QtBot,
                                                   window: tuple[MainWindow, StoryComparison],
                                                   web_site: Site,
                                                   sample_library: sessionmaker[Session]
                                                   ) -> None:
    win, _doc = window
    # Paced like a real archive (shortened): Cancel lands while the next capture waits.
    win.web.policy = dataclasses.replace(FAST, per_host_interval=0.5)
    with qtbot.waitSignal(win.importFinished, timeout=IMPORT_MS) as finished:
        win.web.import_archived(ORIGINAL, web_site.base)
        # The progress dialog, as the reader sees it once the first capture is in.
        qtbot.waitUntil(lambda: (dialog := win.findChild(QProgressDialog)) is not None
                        and dialog.value() >= 1, timeout=IMPORT_MS)
        dialog = win.findChild(QProgressDialog)
        assert dialog is not None
        assert dialog.labelText() == "Importing 1 of 4 captures…"
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        cancel.click()
    outcomes = finished.args[0]
    assert 1 <= len(outcomes) < 4
    with sample_library.begin() as s:
        texts = s.execute(select(Article.text).where(Article.url == ORIGINAL)).scalars().all()
    assert len(texts) == sum(o.status == "imported" for o in outcomes)
    assert all(t.startswith("The Portville harbour council") and t.rstrip().endswith(".")
               for t in texts)


def test_the_watch_list(qtbot: QtBot, window: tuple[MainWindow, StoryComparison],
                        web_site: Site, ui_settings: object) -> None:
    win, _doc = window
    win.web.policy = FAST
    panel = win.web.panel
    assert not win.web.dock.isVisible()
    win.web.show_watch_list.trigger()
    assert win.web.dock.isVisible()
    assert not panel.check_button.isEnabled()  # nothing to check yet
    win.web.watch(web_site.url("/conditional"))
    assert panel.list.count() == 1
    assert panel.list.item(0).text() == f"{web_site.url('/conditional')}\nnot checked yet"

    with qtbot.waitSignal(win.library.model.modelReset, timeout=IMPORT_MS):
        qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not win.web.checking(), timeout=IMPORT_MS)
    assert panel.status.text() == "Checked 1 page: 1 new version."
    assert "new version 1 of story" in panel.list.item(0).text()

    web_site.conditional_version = 2
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not win.web.checking(), timeout=IMPORT_MS)
    assert "new version 2 of story" in panel.list.item(0).text()
    assert "1 edited, 1 added, 0 removed" in panel.list.item(0).text()
    story_id = win.web.panel.list.item(0).data(Qt.ItemDataRole.UserRole + 1)
    assert isinstance(story_id, int)
    # Versions the check brought in are bold, with the word "new", until they are opened.
    assert _story_row_font(win, story_id).bold()
    from reader.ui.library_model import SUBTITLE_ROLE
    index = win.library.model.story_index(story_id)
    assert str(win.library.model.data(index, SUBTITLE_ROLE)).startswith("new")
    with qtbot.waitSignal(win.comparisonShown, timeout=IMPORT_MS):
        assert win.library.select(story_id)
    qtbot.waitUntil(lambda: not _story_row_font(win, story_id).bold(), timeout=IMPORT_MS)

    # Nothing is checked in the background unless the reader chooses an interval.
    assert not win.web.timer.isActive()
    panel.interval_combo.setCurrentIndex(
        [minutes for minutes, _label in INTERVALS].index(60))
    assert win.web.timer.isActive() and win.web.timer.interval() == 60 * 60_000
    assert win._settings.value("watch/interval_minutes", type=int) == 60

    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert panel.list.count() == 0


def test_the_background_check_runs_quietly(qtbot: QtBot,
                                           window: tuple[MainWindow, StoryComparison],
                                           web_site: Site) -> None:
    win, doc = window
    win.web.policy = FAST
    win.web.timer.timeout.emit()  # an empty watch list: nothing is fetched
    assert not win.web.checking() and web_site.paths() == []
    win.web.watch(web_site.url("/article"))
    with qtbot.waitSignal(win.library.model.modelReset, timeout=IMPORT_MS):
        win.web.timer.timeout.emit()  # what the interval timer does
        assert win.web.checking()
        assert not win.imports.busy  # no progress dialog, no import of the window's
    qtbot.waitUntil(lambda: not win.web.checking(), timeout=IMPORT_MS)
    assert web_site.paths() == ["/article"]
    # The reader stays where they were; the new story waits in bold.
    current = win.current_comparison()
    assert current is not None and current.story.id == doc.story.id
    assert win.web.panel.status.text() == "Checked 1 page: 1 new version."
