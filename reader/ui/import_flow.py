"""An import from the window: choosing files or a folder, running it in the background with a
progress dialog that appears only when it takes a while, and reporting how it ended."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from reader.store.records import ImportOutcome, ImportProgress
from reader.ui.dialogs import ImportFailuresDialog
from reader.ui.import_runner import ImportRun

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

PROGRESS_AFTER_MS = 400  # the dialog appears only for imports that take a while


class ImportFlow(QObject):
    """One import at a time, from the menu or from files dropped on the window. `finished`
    brings its outcomes (failures are listed in a dialog too), `failed` why it could not run;
    `message` says what happens."""

    message = Signal(str, int)  # for the status bar: text, milliseconds (0: until replaced)
    finished = Signal(object)  # list[ImportOutcome]
    failed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, sessions: sessionmaker[Session], settings: QSettings,
                 window: QWidget) -> None:
        super().__init__(window)
        self._sessions = sessions
        self._settings = settings
        self._window = window
        self._run: ImportRun | None = None
        self._progress: QProgressDialog | None = None
        window.setAcceptDrops(True)

    @property
    def busy(self) -> bool:
        return self._run is not None

    def choose_files(self) -> None:
        folder = str(self._settings.value("import/folder", str(Path.home())))
        names, _ = QFileDialog.getOpenFileNames(
            self._window, "Import Articles", folder,
            "Articles (*.txt *.html *.htm *.json *.jsonl *.md);;All files (*)")
        if names:
            self._settings.setValue("import/folder", str(Path(names[0]).parent))
            self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        folder = str(self._settings.value("import/folder", str(Path.home())))
        name = QFileDialog.getExistingDirectory(self._window, "Import a Folder of Articles",
                                                folder)
        if name:
            self._settings.setValue("import/folder", name)
            self.import_paths([Path(name)])

    def import_paths(self, paths: Sequence[Path]) -> None:
        self.start(ImportRun.for_paths(self._sessions, paths, parent=self),
                   "Importing articles…")

    def import_samples(self) -> None:
        self.start(ImportRun.for_samples(self._sessions, parent=self),
                   "Importing the sample stories…")

    def drag_entered(self, event: QDragEnterEvent) -> None:
        """Accept files or folders dragged onto the window."""
        if self._paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropped(self, event: QDropEvent) -> None:
        """Import the files or folders dropped on the window."""
        paths = self._paths(event)
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    @staticmethod
    def _paths(event: QDropEvent) -> list[Path]:
        mime = event.mimeData()
        urls = mime.urls() if mime is not None and mime.hasUrls() else []
        return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]

    def cancel_and_wait(self) -> None:
        if self._run is not None:
            self._run.cancel()
            self._run.wait()

    def start(self, run: ImportRun, label: str) -> None:
        """Run an import made elsewhere (a URL or an archive's history) the same way."""
        if self._run is not None:
            run.deleteLater()
            self.message.emit("An import is already running.", 3000)
            return
        self._run = run
        dialog = QProgressDialog(label, "Cancel", 0, 0, self._window)
        dialog.setWindowTitle("Import")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(run.cancel)
        self._progress = dialog
        run.progress.connect(self._show_progress)
        run.detailed.connect(self._show_detail)
        run.finished.connect(self._finished)
        run.failed.connect(self._failed)
        self.busyChanged.emit(True)
        self.message.emit(label, 0)
        run.start()

    def _show_progress(self, done: int, total: int) -> None:
        dialog = self._progress
        if dialog is not None:
            unit = self._run.unit if self._run is not None else "files"
            dialog.setLabelText(f"Importing {done:,} of {total:,} {unit}…")
            dialog.setMaximum(total)
            # Last: a modal progress dialog processes events in setValue, and the import's
            # end (which closes the dialog) may be among them.
            dialog.setValue(done)

    def _show_detail(self, progress: ImportProgress) -> None:
        """A file import: articles done, rate and time left, as `reader import` shows them."""
        dialog = self._progress
        if dialog is not None:
            dialog.setLabelText(f"Importing: {progress.describe()}")
            dialog.setMaximum(1000)
            dialog.setValue(round(progress.fraction * 1000))  # last, as in _show_progress

    def _finished(self, outcomes: list[ImportOutcome]) -> None:
        self._close()
        counts = {k: sum(1 for o in outcomes if o.status == k)
                  for k in ("imported", "duplicate", "failed")}
        self.message.emit(
            f"Imported {counts['imported']}, {counts['duplicate']} already in the library, "
            f"{counts['failed']} failed.", 8000)
        self.finished.emit(outcomes)
        failures = [o for o in outcomes if o.status == "failed"]
        if failures:
            ImportFailuresDialog(failures, self._window).open()

    def _failed(self, reason: str) -> None:
        self._close()
        self.message.emit("", 0)
        QMessageBox.warning(self._window, "Import Failed", f"The import could not run: {reason}")

    def _close(self) -> None:
        if self._progress is not None:
            self._progress.canceled.disconnect()
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        if self._run is not None:
            self._run.deleteLater()
        self._run = None
        self.busyChanged.emit(False)
