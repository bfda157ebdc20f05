"""The window's web side: File › Import from URL… (Ctrl+L), File › Import Archived Versions…,
and the Watch List panel with its optional background check.

URL and history imports run through the window's import (its progress dialog with Cancel,
its jump to the story); watch checks run quietly on their own thread and only refresh the
library. Nothing is fetched unless the reader asks, or switched the background check on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from reader.store.records import ImportOutcome, StoryComparison
from reader.store.watch import add_watch, list_watches, remove_watch
from reader.store.web_sources import mark_opened
from reader.ui.import_runner import ImportRun
from reader.ui.watch_panel import WatchPanel
from reader.ui.web_dialogs import HistoryDialog, UrlImportDialog
from reader.web import FetchPolicy, WebClient, archive_base
from reader.web.client import cancellable_wait
from reader.webimport import WatchResult, check_watch_list, import_history, import_urls

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

INTERVAL_KEY = "watch/interval_minutes"
ARCHIVE_KEY = "web/archive"
_STATUS = {"new": "imported", "unchanged": "duplicate", "failed": "failed"}


def _as_outcome(result: WatchResult) -> ImportOutcome:
    return ImportOutcome(result.url, _STATUS[result.status],  # type: ignore[arg-type]
                         result.line, article_id=result.article_id, story_id=result.story_id)


class WebImports(QObject):
    importRequested = Signal(object, str)  # ImportRun for the window to run, its label
    libraryChanged = Signal()  # a watch check stored new versions
    versionsOpened = Signal(object)  # list[int]: versions no longer unopened
    storyRequested = Signal(int)

    def __init__(self, sessions: sessionmaker[Session], settings: QSettings,
                 window: QMainWindow, *, after: QAction | None = None,
                 policy: FetchPolicy | None = None) -> None:
        super().__init__(window)
        self._sessions = sessions
        self._settings = settings
        self._window = window
        self.policy = policy or FetchPolicy()
        self._check: ImportRun | None = None
        self.import_url = self._action("Import from &URL…", "Ctrl+L",
                                       "Fetch web pages and import them")
        self.import_url.triggered.connect(lambda: self.ask_urls())
        self.import_history = self._action("Import &Archived Versions…", None,
                                           "Import a page's versions from a web archive")
        self.import_history.triggered.connect(lambda: self.ask_history())

        with sessions.begin() as s:
            watches = list_watches(s)
        interval = settings.value(INTERVAL_KEY, 0, type=int)
        self.panel = WatchPanel(watches, interval if isinstance(interval, int) else 0)
        self.dock = QDockWidget("Watch List", window)
        self.dock.setObjectName("watch-list-dock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()  # until the reader opens it (View › Watch List); the layout remembers
        self.show_watch_list = self.dock.toggleViewAction()
        self.show_watch_list.setText("&Watch List")
        self.show_watch_list.setStatusTip("Pages to check for new versions")
        self._install_menus(after)

        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.check_now(background=True))
        self._set_interval(self.panel.interval_combo.currentData())
        self.panel.addRequested.connect(self.watch)
        self.panel.removeRequested.connect(self.unwatch)
        self.panel.checkRequested.connect(self.check_now)
        self.panel.intervalChanged.connect(self._interval_chosen)
        self.panel.storyRequested.connect(self.storyRequested)

    # Menus -------------------------------------------------------------------------------------

    def _action(self, text: str, keys: str | None, tip: str) -> QAction:
        action = QAction(text, self._window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        self._window.addAction(action)  # the shortcut works with the menu bar hidden
        return action

    def _install_menus(self, after: QAction | None) -> None:
        menus = {a.text(): a.menu() for a in self._window.menuBar().actions()}
        file_menu, view_menu = menus.get("&File"), menus.get("&View")
        if isinstance(file_menu, QMenu):
            entries = file_menu.actions()
            position = entries.index(after) + 1 if after in entries else len(entries)
            before = entries[position] if position < len(entries) else None
            file_menu.insertActions(before, [self.import_url, self.import_history])  # type: ignore[arg-type]
        if isinstance(view_menu, QMenu):
            view_menu.addSeparator()
            view_menu.addAction(self.show_watch_list)

    def shortcuts(self) -> list[tuple[str, str]]:
        """(what, keys) of these actions, for the keyboard shortcuts list (F1)."""
        keys = QKeySequence.SequenceFormat.NativeText
        return [(a.text().replace("&", "").rstrip("…"), a.shortcut().toString(keys))
                for a in (self.import_url, self.import_history) if not a.shortcut().isEmpty()]

    def set_busy(self, busy: bool) -> None:
        """An import runs: no second one starts."""
        self.import_url.setEnabled(not busy)
        self.import_history.setEnabled(not busy)

    # URL and history imports -------------------------------------------------------------------

    def ask_urls(self) -> UrlImportDialog:
        dialog = UrlImportDialog(self._window)
        dialog.accepted.connect(lambda: self.import_urls(dialog.urls()))
        dialog.open()
        return dialog

    def ask_history(self) -> HistoryDialog:
        archive = str(self._settings.value(ARCHIVE_KEY, "") or archive_base())
        dialog = HistoryDialog(archive, self._window)

        def accepted() -> None:
            request = dialog.request()
            self._settings.setValue(ARCHIVE_KEY, request.archive)
            self.import_archived(request.url, request.archive, since=request.since,
                                 until=request.until, limit=request.limit)

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def import_urls(self, urls: list[str]) -> None:
        sessions, policy = self._sessions, self.policy

        def job(progress: Callable[[int, int, ImportOutcome], None],
                cancelled: Callable[[], bool]) -> list[ImportOutcome]:
            with WebClient(policy, wait=cancellable_wait(cancelled)) as web:
                return import_urls(sessions, web, urls, on_progress=progress,
                                   should_cancel=cancelled)

        run = ImportRun(job, parent=self)
        run.unit = "pages"
        self.importRequested.emit(run, "Fetching pages…")

    def import_archived(self, url: str, archive: str, *, since: str | None = None,
                        until: str | None = None, limit: int | None = None) -> None:
        sessions, policy = self._sessions, self.policy

        def job(progress: Callable[[int, int, ImportOutcome], None],
                cancelled: Callable[[], bool]) -> list[ImportOutcome]:
            with WebClient(policy, wait=cancellable_wait(cancelled)) as web:
                return import_history(sessions, web, url, base=archive, since=since,
                                      until=until, limit=limit, on_progress=progress,
                                      should_cancel=cancelled)

        run = ImportRun(job, parent=self)
        run.unit = "captures"
        self.importRequested.emit(run, "Asking the archive for the page's captures…")

    # The watch list ----------------------------------------------------------------------------

    def watch(self, url: str) -> None:
        with self._sessions.begin() as s:
            _record, added = add_watch(s, url)
        self._reload_watches()
        self.panel.status.setText(f"Watching {url}." if added else f"{url} is already watched.")

    def unwatch(self, url: str) -> None:
        with self._sessions.begin() as s:
            remove_watch(s, url)
        self._reload_watches()
        self.panel.status.setText(f"No longer watching {url}.")

    def checking(self) -> bool:
        return self._check is not None

    def check_now(self, background: bool = False) -> None:
        if self._check is not None:
            return
        if background and self.panel.list.count() == 0:
            return
        sessions, policy = self._sessions, self.policy

        def job(progress: Callable[[int, int, ImportOutcome], None],
                cancelled: Callable[[], bool]) -> list[ImportOutcome]:
            with WebClient(policy, wait=cancellable_wait(cancelled)) as web:
                results = check_watch_list(
                    sessions, web, should_cancel=cancelled,
                    on_result=lambda d, t, r: progress(d, t, _as_outcome(r)))
            return [_as_outcome(r) for r in results]

        run = ImportRun(job, parent=self)
        self._check = run
        run.progress.connect(lambda done, total: self.panel.set_checking(
            True, f"Checked {done} of {total} pages…"))
        run.finished.connect(self._checked)
        run.failed.connect(lambda reason: self._check_ended(f"The check could not run: {reason}"))
        self.panel.set_checking(True, "Checking the watched pages…")
        run.start()

    def _checked(self, outcomes: list[ImportOutcome]) -> None:
        new = sum(o.status == "imported" for o in outcomes)
        failed = sum(o.status == "failed" for o in outcomes)
        text = (f"Checked {len(outcomes)} page{'s' if len(outcomes) != 1 else ''}: "
                f"{new} new version{'s' if new != 1 else ''}"
                + (f", {failed} failed" if failed else "") + ".")
        self._check_ended(text)
        if new:
            self.libraryChanged.emit()

    def _check_ended(self, text: str) -> None:
        if self._check is not None:
            self._check.deleteLater()
        self._check = None
        self._reload_watches()
        self.panel.set_checking(False, text)

    def _reload_watches(self) -> None:
        with self._sessions.begin() as s:
            self.panel.set_watches(list_watches(s))

    def _interval_chosen(self, minutes: int) -> None:
        self._settings.setValue(INTERVAL_KEY, minutes)
        self._set_interval(minutes)

    def _set_interval(self, minutes: object) -> None:
        if isinstance(minutes, int) and minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    # Unopened versions -------------------------------------------------------------------------

    def comparison_shown(self, doc: StoryComparison) -> None:
        """The two versions on screen are opened: they stop being shown in bold."""
        shown = {doc.left.id, doc.right.id}
        if not any(v.unopened for v in doc.story.versions if v.id in shown):
            return
        with self._sessions.begin() as s:
            opened = mark_opened(s, shown)
        if opened:
            self.versionsOpened.emit(opened)

    def shutdown(self) -> None:
        self.timer.stop()
        if self._check is not None:
            self._check.cancel()
            self._check.wait()
