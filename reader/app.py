"""The desktop app: the one place that ties settings, the library and the window together."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from reader.store import LibraryError, close_library, library_is_empty
from reader.store.engine import library_failure
from reader.store.errors import NOT_A_LIBRARY, is_lock_error
from reader.store.records import ImportOutcome
from reader.store.repair import repair_library
from reader.ui.import_runner import ImportRun
from reader.ui.library_opening import open_showing_upgrade
from reader.ui.main_window import MainWindow
from reader.ui.themes import ThemeSwitcher

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

ORG_NAME = "ParallaxReader"
APP_NAME = "ParallaxReader"


def build_main_window(sessions: sessionmaker[Session], settings: QSettings,
                      themes: ThemeSwitcher | None = None, library_name: str = "") -> MainWindow:
    return MainWindow(sessions, settings, themes=themes, library_name=library_name)


def fresh_library_path(location: Path) -> Path:
    """A new file name beside `location` that does not exist yet (never overwrite a library)."""
    stem, suffix = location.stem, location.suffix or ".db"
    n = 1
    while True:
        candidate = location.with_name(f"{stem}-new{'' if n == 1 else f'-{n}'}{suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def _sqlite_path(url: str) -> Path | None:
    prefix = "sqlite:///"
    return Path(url[len(prefix):]) if url.startswith(prefix) and len(url) > len(prefix) else None


def open_or_ask(url: str, parent: QWidget | None = None
                ) -> tuple[sessionmaker[Session], str] | None:
    """Open the library (and say which URL it ended up being); when it cannot be opened, let
    the reader pick another, start a fresh one beside it, try a repair, or quit (None)."""
    while True:
        try:
            return open_showing_upgrade(url, parent), url
        except LibraryError as exc:
            chosen = ask_what_next(exc, url, parent, "could not be opened", "Quit")
            if chosen is None:
                return None
            url = chosen


def ask_what_next(exc: LibraryError, url: str, parent: QWidget | None, what: str,
                  dismiss: str) -> str | None:
    """The library failed: offer another library, a fresh one, or (damaged) a repair.

    The URL of the library to open next, or None when the reader chose `dismiss`.
    """
    box = QMessageBox(QMessageBox.Icon.Critical, "Problem with the Library",
                      f"The library at {exc.location} {what}:\n\n{exc.reason}", parent=parent)
    current = _sqlite_path(url)
    if current is not None:
        box.setInformativeText(
            f"“Start a Fresh Library” creates {fresh_library_path(current).name} beside "
            "it and leaves this file untouched.")
    other = box.addButton("Open Another Library…", QMessageBox.ButtonRole.AcceptRole)
    fresh = box.addButton("Start a Fresh Library", QMessageBox.ButtonRole.ActionRole)
    repair = (box.addButton("Try a Repair", QMessageBox.ButtonRole.ActionRole)
              if current is not None and is_damage(exc.reason) else None)
    box.addButton(dismiss, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if clicked is other:
        name, _ = QFileDialog.getOpenFileName(
            parent, "Open Library", str(Path.home()),
            "Parallax libraries (*.db *.sqlite *.sqlite3);;All files (*)")
        return f"sqlite:///{Path(name).resolve()}" if name else url
    if repair is not None and clicked is repair and current is not None:
        return repair_and_tell(current, parent) or url
    if clicked is fresh:
        base = current or Path.home() / "parallax-library.db"
        return f"sqlite:///{fresh_library_path(base).resolve()}"
    return None


def is_damage(reason: str) -> bool:
    return reason.startswith("library is damaged") or reason == NOT_A_LIBRARY


def repair_and_tell(path: Path, parent: QWidget | None) -> str | None:
    """Run `reader repair` on the file; say what was saved; the new library's URL, or None."""
    try:
        report = repair_library(path)
    except LibraryError as exc:
        QMessageBox.critical(parent, "Repair Failed", str(exc))
        return None
    lost = "Nothing was lost." if report.complete else (
        f"{report.lost} rows could not be read and are lost." if report.lost
        else "Some rows could not be read and are lost.")
    copied = ", ".join(f"{t.copied} {t.table}" for t in report.tables
                       if t.table in ("stories", "articles", "notes"))
    QMessageBox.information(parent, "Library Repaired",
                            f"Copied {copied} into {report.target.name}, beside the damaged "
                            f"file (which was not changed). {lost}")
    return f"sqlite:///{report.target.resolve()}"


def import_samples_with_progress(sessions: sessionmaker[Session]) -> list[ImportOutcome]:
    """First run: fill an empty library with the samples, showing that something happens."""
    run = ImportRun.for_samples(sessions)
    dialog = QProgressDialog("Preparing the sample stories…", "", 0, 0)
    dialog.setWindowTitle("Parallax Reader")
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)
    loop = QEventLoop()
    result: list[ImportOutcome] = []

    def finished(outcomes: list[ImportOutcome]) -> None:
        result.extend(outcomes)
        loop.quit()

    run.finished.connect(finished)
    run.failed.connect(lambda _reason: loop.quit())
    run.start()
    loop.exec()
    dialog.close()
    return result


class LibraryWindows:
    """Keeps the window open on the current library; swaps it when another is opened."""

    def __init__(self, app: QApplication, settings: QSettings) -> None:
        self.app = app
        self.settings = settings
        self.themes = ThemeSwitcher(app)
        self.window: MainWindow | None = None
        self.sessions: sessionmaker[Session] | None = None
        self.url = ""
        self._asking = False

    def show(self, sessions: sessionmaker[Session], url: str) -> None:
        """Show a window on this library; one on another library gives way to it."""
        old, old_sessions = self.window, self.sessions
        if old is not None:
            old.save_now()  # the new window reads the layout from the same settings
            self.app.aboutToQuit.disconnect(old.save_now)
        window = build_main_window(sessions, self.settings, self.themes, library_name=url)
        window.openLibraryRequested.connect(self.open_other)
        # Quitting without closing the window (a session ending) still saves the note.
        self.app.aboutToQuit.connect(window.save_now)
        self.window, self.sessions, self.url = window, sessions, url
        window.show()  # before closing the old one, or closing the last window quits
        if old is not None:
            gc.unfreeze()  # the old window's objects are collected once it is gone
            old.close()  # waits for its workers
            old.deleteLater()
        if old_sessions is not None and old_sessions is not sessions:
            close_library(old_sessions)

    def open_other(self, url: str) -> None:
        opened = open_or_ask(url, self.window)
        if opened is not None:
            self.show(*opened)

    def library_failed(self, exc: BaseException) -> bool:
        """A database error while the window runs: one line, and the ways out. False if `exc`
        is no database error (then it is a bug, reported as usual)."""
        failure = library_failure(self.url, exc)
        if failure is None or self.window is None:
            return False
        if is_lock_error(exc):  # it passes: say so, nothing to choose
            self.window.statusBar().showMessage(f"Not done: {failure.reason}", 10_000)
            return True
        if not self._asking:  # one question at a time, however many calls fail meanwhile
            self._asking = True
            try:
                chosen = ask_what_next(failure, self.url, self.window, "failed",
                                       "Keep Working")
            finally:
                self._asking = False
            if chosen is not None:
                self.open_other(chosen)
        return True


def run(db_url: str) -> int:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("Parallax Reader")
    settings = QSettings()
    opened = open_or_ask(db_url)
    if opened is None:
        return 1
    sessions, url = opened
    with sessions.begin() as s:
        empty = library_is_empty(s)
    if empty:
        import_samples_with_progress(sessions)
    holder = LibraryWindows(app, settings)
    holder.show(sessions, url)
    # What the app made to start (the modules, Qt's wrappers, the window) lives as long as it
    # does: kept out of the collector's full passes, each of which otherwise held the window
    # ~55 ms with 10,000 stories loaded (12 ms so; bench/README.md).
    gc.freeze()
    report_as_usual = sys.excepthook

    def excepthook(kind: type[BaseException], exc: BaseException,
                   trace: TracebackType | None) -> None:
        # Qt calls slots outside any try: a database error in one reaches here.
        if not holder.library_failed(exc):
            report_as_usual(kind, exc, trace)

    sys.excepthook = excepthook
    try:
        return app.exec()
    finally:
        sys.excepthook = report_as_usual
