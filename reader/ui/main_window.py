"""The main window: library | comparison | notes. It builds the panels and wires their signals;
what each shows and does lives in the panel's own module."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QToolBar,
    QWidget,
)

from reader.compare.model import CompareOptions
from reader.export import ExportError, export_comparison, suggested_filename
from reader.store import anchor_for_passage, notes_shown_with
from reader.store.records import (
    ArticleSummary,
    ImportOutcome,
    ImportProgress,
    NoteRecord,
    StoryComparison,
    StorySummary,
)
from reader.ui.actions import (
    WindowActions,
    build_actions,
    build_menus,
    paint_icons,
    shortcut_table,
)
from reader.ui.comparison_view import ComparisonView
from reader.ui.dialogs import ImportFailuresDialog, ShortcutsDialog, show_about
from reader.ui.import_runner import ComparisonRequest, ComparisonRunner, ImportRun
from reader.ui.library_model import LibraryModel
from reader.ui.library_panel import LibraryPanel
from reader.ui.notes_panel import NotesPanel
from reader.ui.themes import Theme, ThemeSwitcher, parse_theme
from reader.ui.version_picker import VersionPicker

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

APP_TITLE = "Parallax Reader"
COMPARING_DELAY_MS = 150  # only say "Comparing…" when it is not instant
PROGRESS_AFTER_MS = 400  # the import dialog appears only for imports that take a while
EXPORT_FILTERS: tuple[tuple[str, str, str], ...] = (
    ("html", "HTML page", "*.html"), ("pdf", "PDF document", "*.pdf"),
    ("md", "Markdown", "*.md"), ("json", "JSON (Web Annotations)", "*.json"),
)
OPTION_KEYS = ("ignore_case", "ignore_punctuation", "ignore_quote_style", "ignore_whitespace")


def default_pair(story: StorySummary, article: ArticleSummary | None) -> tuple[int, int]:
    """Oldest against newest for a story; a version against the one before it (the oldest
    against the next). `story.versions` are oldest first (see library_model.by_age)."""
    ids = [v.id for v in story.versions]
    if article is None or article.id not in ids:
        return ids[0], ids[-1]
    i = ids.index(article.id)
    if i == 0:
        return ids[0], ids[1] if len(ids) > 1 else ids[0]
    return ids[i - 1], ids[i]


def sorted_notes(notes: Sequence[NoteRecord]) -> tuple[NoteRecord, ...]:
    """Whole-comparison notes first, as StoryComparison promises."""
    return tuple(sorted(notes, key=lambda n: n.article_id is not None))


class MainWindow(QMainWindow):
    comparisonShown = Signal(object)  # StoryComparison, once it is on screen
    importFinished = Signal(object)  # list[ImportOutcome]
    openLibraryRequested = Signal(str)  # a database URL the reader chose

    def __init__(self, sessions: sessionmaker[Session], settings: QSettings, *,
                 library_name: str = "", themes: ThemeSwitcher | None = None,
                 parent: QWidget | None = None) -> None:
        """`library_name` (its URL, say) keeps the last story of each library apart."""
        super().__init__(parent)
        self._sessions = sessions
        self._settings = settings
        digest = hashlib.sha1(library_name.encode("utf-8")).hexdigest()[:12]
        self._session_key = f"session/{digest}"
        self._restore_pair: tuple[int, int, int] | None = None
        app = QApplication.instance()
        self._themes = themes or (ThemeSwitcher(app) if isinstance(app, QApplication) else None)
        self._story: StorySummary | None = None
        self._doc: StoryComparison | None = None
        self._pending_reveal: tuple[int, int, int] | None = None
        self._import: ImportRun | None = None
        self._progress: QProgressDialog | None = None

        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self.library = LibraryPanel(LibraryModel(sessions, parent=self), self)
        self.view = ComparisonView(self)
        self.notes = NotesPanel(sessions, self)
        self.picker = VersionPicker(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        # An explicit minimum: a wide line of statistics must not push the window off screen.
        self.view.setMinimumWidth(360)
        for w in (self.library, self.view, self.notes):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(1, 1)
        # The comparison is what people came for: it gets most of the width on first launch.
        self.splitter.setSizes([250, 920, 240])
        self.setCentralWidget(self.splitter)

        self.actions_ = build_actions(self)
        bar = self.menuBar()
        assert bar is not None
        build_menus(bar, self.actions_)
        self._build_toolbar(self.actions_)
        paint_icons(self.actions_, self.palette().color(QPalette.ColorRole.WindowText))
        self.runner = ComparisonRunner(sessions, self)
        self._comparing = QTimer(self)
        self._comparing.setSingleShot(True)
        self._comparing.setInterval(COMPARING_DELAY_MS)
        self._comparing.timeout.connect(self._say_comparing)

        self._restore_settings()
        self._wire(self.actions_)
        self._update_actions()
        self._restore_last_story()
        self.library.tree.setFocus()  # arrow keys move between articles from the start

    # Building --------------------------------------------------------------------------------

    def _build_toolbar(self, a: WindowActions) -> None:
        bar = QToolBar("Comparison", self)
        bar.setObjectName("comparison-toolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(16, 16))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(a.previous_change)
        bar.addAction(a.next_change)
        bar.addAction(a.next_altered_quote)
        bar.addSeparator()
        self._picker_action = bar.addWidget(self.picker)
        bar.addSeparator()
        bar.addAction(a.add_note)
        self.addToolBar(bar)
        self.toolbar = bar

    def _wire(self, a: WindowActions) -> None:
        a.import_files.triggered.connect(self.choose_files_to_import)
        a.import_folder.triggered.connect(self.choose_folder_to_import)
        a.import_samples.triggered.connect(self.import_samples)
        a.export.triggered.connect(self.export)
        a.open_library.triggered.connect(self._choose_library)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(self.notes.undo_delete)
        a.add_note.triggered.connect(self.add_note)
        a.find.triggered.connect(self.library.focus_search)
        for action in a.ignore_toggles():
            action.toggled.connect(self._options_changed)
        a.theme_group.triggered.connect(self._theme_chosen)
        a.next_change.triggered.connect(lambda: self._step(self.view.next_change, "change"))
        a.previous_change.triggered.connect(
            lambda: self._step(self.view.previous_change, "change", before=True))
        a.next_altered_quote.triggered.connect(
            lambda: self._step(self.view.next_altered_quote, "altered quotation"))
        a.refresh.triggered.connect(self.refresh)
        a.next_story.triggered.connect(lambda: self.library.step_story(+1))
        a.previous_story.triggered.connect(lambda: self.library.step_story(-1))
        a.shortcuts.triggered.connect(self._show_shortcuts)
        a.about.triggered.connect(lambda: show_about(self))

        self.library.articleChosen.connect(self.show_article)
        self.picker.pairChanged.connect(self._pair_chosen)
        self.runner.ready.connect(self._comparison_ready)
        self.runner.failed.connect(self._comparison_failed)
        self.notes.add_button.clicked.connect(self.add_note)
        self.notes.noteActivated.connect(self._reveal_note)
        self.notes.notesChanged.connect(self._notes_changed)
        self.notes.undoAvailable.connect(lambda _: self._update_actions())
        self.view.addNoteRequested.connect(self.add_note)
        self.view.noteClicked.connect(lambda note_id: self.notes.select_note(note_id,
                                                                             activate=False))
        self.view.selectionChanged.connect(self._passage_selected)

    # Settings --------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self._settings
        geometry = s.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self._default_size()
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        sizes = s.value("window/splitter")
        if isinstance(sizes, QByteArray):
            self.splitter.restoreState(sizes)
        defaults = CompareOptions()
        for key, action in zip(OPTION_KEYS, self.actions_.ignore_toggles(), strict=True):
            action.setChecked(bool(s.value(f"compare/{key}", getattr(defaults, key), type=bool)))
        theme = parse_theme(s.value("view/theme", "system"))
        for name, action in self.actions_.theme_actions:
            action.setChecked(name == theme)
        if self._themes is not None:
            self._themes.apply(theme)

    def _default_size(self) -> None:
        """1440×860, or nine tenths of a smaller screen."""
        screen = self.screen()
        if screen is None:
            self.resize(1440, 860)
            return
        room = screen.availableGeometry()
        self.resize(min(1440, room.width() * 9 // 10), min(860, room.height() * 9 // 10))

    def _save_settings(self) -> None:
        s = self._settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.sync()

    def _remember_pair(self, doc: StoryComparison) -> None:
        s = self._settings
        s.setValue(f"{self._session_key}/story", doc.story.id)
        s.setValue(f"{self._session_key}/left", doc.left.id)
        s.setValue(f"{self._session_key}/right", doc.right.id)

    def _restore_last_story(self) -> None:
        story_id = self._settings.value(f"{self._session_key}/story", 0, type=int)
        left = self._settings.value(f"{self._session_key}/left", 0, type=int)
        right = self._settings.value(f"{self._session_key}/right", 0, type=int)
        if isinstance(story_id, int) and isinstance(left, int) and isinstance(right, int):
            self._restore_pair = (story_id, left, right)
        if isinstance(story_id, int) and story_id and self.library.select(story_id):
            self._restore_pair = None
            return
        self._restore_pair = None
        if self.library.model.total == 0 or not self.library.step_story(+1):
            self._show_empty_library()

    # The comparison --------------------------------------------------------------------------

    def options(self) -> CompareOptions:
        values = [a.isChecked() for a in self.actions_.ignore_toggles()]
        return CompareOptions(**dict(zip(OPTION_KEYS, values, strict=True)))

    def current_comparison(self) -> StoryComparison | None:
        return self._doc

    def show_article(self, story: StorySummary, article: ArticleSummary | None) -> None:
        """The reader moved to a story (article None) or one of its versions."""
        self._story = story
        self.notes.set_story(story.id)
        if len(story.versions) < 2:
            self.runner.cancel_pending()
            self._comparing.stop()
            self._doc = None
            self._set_picker(story, None, None)
            self.view.show_message(
                f"“{story.title}” has one version so far.\n\nImport another version of it "
                "(File ▸ Import, or drop the file here) to compare them.")
            self._update_actions()
            return
        left, right = default_pair(story, article)
        remembered = self._restore_pair
        if remembered is not None and remembered[0] == story.id and article is None \
                and {remembered[1], remembered[2]} <= {v.id for v in story.versions}:
            left, right = remembered[1], remembered[2]
        self._compare(story, left, right)

    def _set_picker(self, story: StorySummary, left: int | None, right: int | None) -> None:
        self.picker.set_versions(story.versions, left, right)
        self._picker_action.setVisible(len(story.versions) >= 2)

    def _compare(self, story: StorySummary, left: int, right: int) -> None:
        self._story = story
        self._set_picker(story, left, right)
        if not self._comparing.isActive():
            self._comparing.start()
        words = sum(v.words for v in story.versions if v.id in (left, right))
        self.runner.request(ComparisonRequest(story.id, left, right, self.options()),
                            words=words)

    def _pair_chosen(self, left: int, right: int) -> None:
        if self._story is not None:
            self._compare(self._story, left, right)

    def _options_changed(self) -> None:
        options = self.options()
        for key in OPTION_KEYS:
            self._settings.setValue(f"compare/{key}", getattr(options, key))
        pair = self.picker.pair()
        if self._story is not None and pair is not None:
            self._compare(self._story, *pair)

    def _say_comparing(self) -> None:
        if self.runner.busy:
            self.view.show_message("Comparing…")

    def _comparison_ready(self, request: ComparisonRequest, doc: StoryComparison) -> None:
        self._comparing.stop()
        self._doc = doc
        self.view.show_comparison(doc.left, doc.right, doc.comparison, self._notes_on_screen(doc))
        self._remember_pair(doc)
        self.setWindowTitle(f"{doc.story.title} — {APP_TITLE}")
        self._update_actions()
        if self._pending_reveal is not None:
            article_id, start, end = self._pending_reveal
            self._pending_reveal = None
            if article_id in (doc.left.id, doc.right.id):
                self.view.reveal_passage(article_id, start, end)
        self.comparisonShown.emit(doc)

    def _comparison_failed(self, request: ComparisonRequest, reason: str) -> None:
        self._comparing.stop()
        self._doc = None
        self.view.show_message(f"Could not compare these versions: {reason}")
        self._update_actions()

    def _show_empty_library(self) -> None:
        self._doc = None
        self._picker_action.setVisible(False)
        self.notes.set_story(None)
        self.view.show_message(
            "Your library is empty.\n\nImport articles with File ▸ Import Files (Ctrl+I), drop "
            "files or folders on this window, or use File ▸ Import Samples to try it out.")
        self._update_actions()

    def _step(self, move: Callable[[], bool], what: str, *, before: bool = False) -> None:
        if self._doc is None:
            return
        if not move():
            word = "previous" if before else "next"
            self.statusBar().showMessage(f"No {word} {what}.", 3000)

    # Notes -----------------------------------------------------------------------------------

    def add_note(self) -> None:
        doc = self._doc
        if self._story is None:
            return
        if doc is not None and doc.story.id != self._story.id:
            doc = None  # the reader moved on and the next comparison is still running
        passage = self.view.selected_passage() if doc is not None else None
        if passage is not None and doc is not None:
            article_id, start, end = passage
            text = doc.left.text if article_id == doc.left.id else doc.right.text
            self.notes.create_note(article_id, anchor_for_passage(text, start, end))
        else:
            self.notes.create_note(None, None)

    def _passage_selected(self, selected: bool) -> None:
        self.actions_.add_note.setText("Add Note on Selection" if selected else "Add &Note")

    def _notes_changed(self, notes: tuple[NoteRecord, ...]) -> None:
        if self._doc is not None and self.notes.story_id == self._doc.story.id:
            self.view.set_notes(self._notes_on_screen(self._doc))
        self._update_actions()

    def _notes_on_screen(self, doc: StoryComparison) -> tuple[NoteRecord, ...]:
        """Whole-comparison notes and those on the two versions shown."""
        if self.notes.story_id != doc.story.id:
            return doc.notes
        return notes_shown_with(self.notes.notes(), (doc.left.id, doc.right.id))

    def _reveal_note(self, note: NoteRecord) -> None:
        if note.article_id is None or note.resolved is None or self._story is None:
            return
        place = (note.article_id, note.resolved.start, note.resolved.end)
        doc = self._doc
        if doc is not None and note.article_id in (doc.left.id, doc.right.id):
            self.view.reveal_passage(*place)
            return
        # The note sits in a version not on screen: bring that version in on the right.
        ids = [v.id for v in self._story.versions]
        if note.article_id not in ids:
            return
        left = doc.left.id if doc is not None else ids[0]
        if left == note.article_id:
            left = ids[0] if ids[0] != note.article_id else ids[-1]
        self._pending_reveal = place
        self._compare(self._story, left, note.article_id)

    # Import ----------------------------------------------------------------------------------

    def choose_files_to_import(self) -> None:
        folder = str(self._settings.value("import/folder", str(Path.home())))
        names, _ = QFileDialog.getOpenFileNames(
            self, "Import Articles", folder,
            "Articles (*.txt *.html *.htm *.json *.jsonl *.md);;All files (*)")
        if names:
            self._settings.setValue("import/folder", str(Path(names[0]).parent))
            self.import_paths([Path(n) for n in names])

    def choose_folder_to_import(self) -> None:
        folder = str(self._settings.value("import/folder", str(Path.home())))
        name = QFileDialog.getExistingDirectory(self, "Import a Folder of Articles", folder)
        if name:
            self._settings.setValue("import/folder", name)
            self.import_paths([Path(name)])

    def import_paths(self, paths: Sequence[Path]) -> None:
        self._start_import(ImportRun.for_paths(self._sessions, paths, parent=self),
                           "Importing articles…")

    def import_samples(self) -> None:
        self._start_import(ImportRun.for_samples(self._sessions, parent=self),
                           "Importing the sample stories…")

    def importing(self) -> bool:
        return self._import is not None

    def _start_import(self, run: ImportRun, label: str) -> None:
        if self._import is not None:
            self.statusBar().showMessage("An import is already running.", 3000)
            return
        self._import = run
        dialog = QProgressDialog(label, "Cancel", 0, 0, self)
        dialog.setWindowTitle("Import")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(run.cancel)
        self._progress = dialog
        run.progress.connect(self._import_progress)
        run.finished.connect(self._import_finished)
        run.failed.connect(self._import_failed)
        self._update_actions()
        self.statusBar().showMessage(label)
        run.start()

    def _import_progress(self, progress: ImportProgress) -> None:
        if self._progress is not None:
            self._progress.setMaximum(1000)
            self._progress.setValue(round(progress.fraction * 1000))
            self._progress.setLabelText(f"Importing: {progress.describe()}")

    def _end_import(self) -> None:
        if self._progress is not None:
            self._progress.canceled.disconnect()
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        if self._import is not None:
            self._import.deleteLater()
        self._import = None
        self._update_actions()

    def refresh(self) -> None:
        """Re-read the library and the story's notes: another window may have saved since."""
        self.notes.reload()
        self.library.reload()

    def _import_failed(self, reason: str) -> None:
        self._end_import()
        self.statusBar().clearMessage()
        QMessageBox.warning(self, "Import Failed", f"The import could not run: {reason}")

    def _import_finished(self, outcomes: list[ImportOutcome]) -> None:
        self._end_import()
        counts = {k: sum(1 for o in outcomes if o.status == k)
                  for k in ("imported", "duplicate", "failed")}
        self.runner.forget()
        self.statusBar().showMessage(
            f"Imported {counts['imported']}, {counts['duplicate']} already in the library, "
            f"{counts['failed']} failed.", 8000)
        self.library.reload()
        landed = [o for o in outcomes if o.story_id is not None and o.status != "failed"]
        if landed:
            target = landed[-1]
            assert target.story_id is not None
            if not self.library.select(target.story_id):
                self.library.step_story(+1)
        elif self._story is None and self.library.model.total:
            self.library.step_story(+1)
        failures = [o for o in outcomes if o.status == "failed"]
        self.importFinished.emit(outcomes)
        if failures:
            ImportFailuresDialog(failures, self).open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime is not None and mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        paths = [Path(u.toLocalFile()) for u in (mime.urls() if mime else []) if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # Export ----------------------------------------------------------------------------------

    def export(self) -> None:
        if self._doc is None:
            self.statusBar().showMessage("Choose a story with two versions to export.", 4000)
            return
        self.notes.flush()
        doc = dataclasses.replace(self._doc, notes=sorted_notes(self.notes.notes()))
        last_fmt = str(self._settings.value("export/format", "html"))
        folder = Path(str(self._settings.value("export/folder", str(Path.home()))))
        filters = [f"{label} ({glob})" for _, label, glob in EXPORT_FILTERS]
        fmts = [fmt for fmt, _, _ in EXPORT_FILTERS]
        chosen_filter = filters[fmts.index(last_fmt)] if last_fmt in fmts else filters[0]
        fmt = fmts[filters.index(chosen_filter)]
        name, selected = QFileDialog.getSaveFileName(
            self, "Export Comparison", str(folder / suggested_filename(doc, fmt)),
            ";;".join(filters), chosen_filter)
        if not name:
            return
        path = Path(name)
        fmt = self.export_format_for(path, selected)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        self._settings.setValue("export/folder", str(path.parent))
        self._settings.setValue("export/format", fmt)
        self.export_to(doc, fmt, path)

    @staticmethod
    def export_format_for(path: Path, selected_filter: str) -> str:
        suffix = path.suffix.lower().lstrip(".")
        if suffix in {f for f, _, _ in EXPORT_FILTERS}:
            return suffix
        if suffix == "htm":
            return "html"
        for fmt, label, glob in EXPORT_FILTERS:
            if selected_filter == f"{label} ({glob})":
                return fmt
        return "html"

    def export_to(self, doc: StoryComparison, fmt: str, path: Path) -> Path | None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = export_comparison(doc, fmt, path)
        except (ExportError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Export Failed", f"Could not export to {path}:\n{exc}")
            return None
        QApplication.restoreOverrideCursor()
        self.statusBar().showMessage(f"Exported to {written}", 8000)
        return written

    # Other commands --------------------------------------------------------------------------

    def _choose_library(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open Library", str(Path.home()),
                                              "Parallax libraries (*.db *.sqlite);;All files (*)")
        if name:
            self.openLibraryRequested.emit(f"sqlite:///{Path(name).resolve()}")

    def _theme_chosen(self) -> None:
        for theme, action in self.actions_.theme_actions:
            if action.isChecked():
                self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        self._settings.setValue("view/theme", theme)
        for name, action in self.actions_.theme_actions:
            action.setChecked(name == theme)
        if self._themes is not None:
            self._themes.apply(theme)

    def _show_shortcuts(self) -> None:
        ShortcutsDialog(shortcut_table(self.actions_), self).open()

    def _update_actions(self) -> None:
        a = self.actions_
        has_doc = self._doc is not None
        for action in (a.export, a.next_change, a.previous_change, a.next_altered_quote):
            action.setEnabled(has_doc)
        a.add_note.setEnabled(self._story is not None)
        a.undo.setEnabled(self.notes.can_undo())
        busy = self._import is not None
        for action in (a.import_files, a.import_folder, a.import_samples):
            action.setEnabled(not busy)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            paint_icons(self.actions_, self.palette().color(QPalette.ColorRole.WindowText))
        super().changeEvent(event)

    def save_now(self) -> None:
        """Write what is pending (the note being typed, the layout): before quitting."""
        self.notes.flush()
        self._save_settings()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_now()
        if self._import is not None:
            self._import.cancel()
            self._import.wait()
        self.runner.cancel_pending()
        self.runner.wait()
        self.library.model.wait()
        super().closeEvent(event)
