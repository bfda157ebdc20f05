"""The main window: library | comparison | notes. It builds the panels and wires their signals;
what each shows and does lives in the panel's own module."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QSettings,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QWidget,
)

from reader.compare.model import CompareOptions
from reader.export import ExportError, export_comparison, suggested_filename
from reader.present import Layout, build_layout, carried_caption
from reader.store import anchor_for_passage
from reader.store.records import (
    ArticleSummary,
    ImportOutcome,
    NoteRecord,
    StorySummary,
    VersionPair,
)
from reader.ui.actions import (
    WindowActions,
    build_actions,
    build_menus,
    paint_icons,
    shortcut_table,
)
from reader.ui.comparison_view import ComparisonView
from reader.ui.dialogs import ShortcutsDialog, show_about
from reader.ui.export_dialog import choose_export_target
from reader.ui.import_flow import ImportFlow
from reader.ui.import_runner import ComparisonRequest, ComparisonRunner
from reader.ui.library_model import LibraryModel
from reader.ui.library_panel import LibraryPanel
from reader.ui.note_saver import show_unsaved_notes
from reader.ui.notes_panel import NotesPanel
from reader.ui.themes import Theme, ThemeSwitcher, parse_theme
from reader.ui.version_picker import VersionPicker
from reader.ui.web_import import WebImports
from reader.ui.window_state import restore_layout, save_layout

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

APP_TITLE = "Parallax Reader"
COMPARING_DELAY_MS = 150  # only say "Comparing…" when it is not instant
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


class MainWindow(QMainWindow):
    comparisonShown = Signal(object)  # VersionPair, once it is on screen
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
        app = QApplication.instance()
        self._themes = themes or (ThemeSwitcher(app) if isinstance(app, QApplication) else None)
        self._story: StorySummary | None = None
        self._pair: VersionPair | None = None  # the comparison on screen
        # A passage to show once the comparison asked for is ready (a note's, in a version
        # that was not on screen).
        self._reveal_when_ready: tuple[ComparisonRequest, tuple[int, int, int]] | None = None

        self.setWindowTitle(APP_TITLE)
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
        # URL and archive imports and the watch list: their menu entries, dock and timer.
        self.web = WebImports(sessions, settings, self, after=self.actions_.import_samples)
        paint_icons(self.actions_, self.palette().color(QPalette.ColorRole.WindowText))
        self.runner = ComparisonRunner(sessions, self)
        self.imports = ImportFlow(sessions, settings, self)
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

    def _wire(self, a: WindowActions) -> None:
        a.import_files.triggered.connect(self.imports.choose_files)
        a.import_folder.triggered.connect(self.imports.choose_folder)
        a.import_samples.triggered.connect(self.imports.import_samples)
        self.imports.message.connect(self.statusBar().showMessage)
        self.imports.busyChanged.connect(lambda _: self._update_actions())
        self.imports.finished.connect(self._import_finished)
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
            lambda: self._step(self.view.next_changed_quote, "changed quotation"))
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
        self.notes.pinRequested.connect(self._pin_note)
        self.notes.undoAvailable.connect(lambda _: self._update_actions())
        self.view.addNoteRequested.connect(self.add_note)
        self.view.noteClicked.connect(lambda note_id: self.notes.select_note(note_id,
                                                                             activate=False))
        self.view.selectionChanged.connect(self._passage_selected)
        self.web.importRequested.connect(self.imports.start)
        self.web.libraryChanged.connect(self.refresh)
        self.web.versionsOpened.connect(self.library.model.mark_opened)
        self.web.storyRequested.connect(self.library.select)
        self.comparisonShown.connect(self.web.comparison_shown)

    # Settings --------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self._settings
        restore_layout(self, self.splitter, s)
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

    def _remember_pair(self, pair: VersionPair) -> None:
        s = self._settings
        s.setValue(f"{self._session_key}/story", pair.story.id)
        s.setValue(f"{self._session_key}/left", pair.left.id)
        s.setValue(f"{self._session_key}/right", pair.right.id)

    def _restore_last_story(self) -> None:
        """Reopen the story and the two versions compared when the window last closed."""
        story_id = self._settings.value(f"{self._session_key}/story", 0, type=int)
        left = self._settings.value(f"{self._session_key}/left", 0, type=int)
        right = self._settings.value(f"{self._session_key}/right", 0, type=int)
        if isinstance(story_id, int) and story_id and isinstance(left, int) \
                and isinstance(right, int) and self._open_story(story_id, (left, right)):
            return
        if self.library.model.total == 0 or not self.library.step_story(+1):
            self._show_empty_library()

    def _open_story(self, story_id: int, pair: tuple[int, int]) -> bool:
        """Select a story in the library and compare `pair` of its versions (its default pair
        when those are no longer both versions of it); False when the story is gone."""
        with QSignalBlocker(self.library):  # this choice of versions, not the default one
            found = self.library.select(story_id)
        story, _ = self.library.current()
        if not found or story is None:
            return False
        ids = {v.id for v in story.versions}
        self.show_article(story, None, pair=pair if set(pair) <= ids and pair[0] != pair[1]
                          else None)
        return True

    # The comparison --------------------------------------------------------------------------

    def options(self) -> CompareOptions:
        values = [a.isChecked() for a in self.actions_.ignore_toggles()]
        return CompareOptions(**dict(zip(OPTION_KEYS, values, strict=True)))

    def current_comparison(self) -> VersionPair | None:
        """The two versions on screen and their comparison, once shown."""
        return self._pair

    def show_article(self, story: StorySummary, article: ArticleSummary | None, *,
                     pair: tuple[int, int] | None = None) -> None:
        """The reader moved to a story (article None) or one of its versions; `pair` chooses
        the versions compared instead of the default ones."""
        self._story = story
        self.notes.set_story(story.id)
        if len(story.versions) < 2:
            self.runner.cancel_pending()
            self._comparing.stop()
            self._pair = None
            self._set_picker(story, None, None)
            self.view.show_message(
                f"“{story.title}” has one version so far.\n\nImport another version of it "
                "(File ▸ Import, or drop the file here) to compare them.")
            self._update_actions()
            return
        left, right = pair or default_pair(story, article)
        self._compare(story, left, right)

    def _set_picker(self, story: StorySummary, left: int | None, right: int | None) -> None:
        self.picker.set_versions(story.versions, left, right)
        self._picker_action.setVisible(len(story.versions) >= 2)

    def _compare(self, story: StorySummary, left: int, right: int, *,
                 reveal: tuple[int, int, int] | None = None) -> None:
        """Ask for the comparison of two versions; once it is shown, reveal that passage."""
        self._story = story
        self._set_picker(story, left, right)
        if not self._comparing.isActive():
            self._comparing.start()
        words = sum(v.words for v in story.versions if v.id in (left, right))
        request = ComparisonRequest(story.id, left, right, self.options())
        self._reveal_when_ready = (request, reveal) if reveal is not None else None
        self.runner.request(request, words=words)

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

    def _comparison_ready(self, request: ComparisonRequest, pair: VersionPair) -> None:
        self._comparing.stop()
        self._pair = pair
        self.view.show_comparison(pair.left, pair.right, self._layout(pair))
        self._remember_pair(pair)
        self.setWindowTitle(f"{pair.story.title} — {APP_TITLE}")
        self._update_actions()
        reveal, self._reveal_when_ready = self._reveal_when_ready, None
        if reveal is not None and reveal[0] == request:
            self.view.reveal_passage(*reveal[1])
        self.comparisonShown.emit(pair)

    def _comparison_failed(self, request: ComparisonRequest, reason: str) -> None:
        self._comparing.stop()
        self._pair = None
        self.view.show_message(f"Could not compare these versions: {reason}")
        self._update_actions()

    def _show_empty_library(self) -> None:
        self._pair = None
        self._picker_action.setVisible(False)
        self.notes.set_story(None)
        self.view.show_message(
            "Your library is empty.\n\nImport articles with File ▸ Import Files (Ctrl+I), drop "
            "files or folders on this window, or use File ▸ Import Samples to try it out.")
        self._update_actions()

    def _step(self, move: Callable[[], bool], what: str, *, before: bool = False) -> None:
        if self._pair is None:
            return
        if not move():
            word = "previous" if before else "next"
            self.statusBar().showMessage(f"No {word} {what}.", 3000)

    # Notes -----------------------------------------------------------------------------------

    def add_note(self) -> None:
        doc = self._pair
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
        if self._pair is not None and self.notes.story_id == self._pair.story.id:
            self.view.show_notes(self._layout(self._pair))
        self._update_actions()

    def _notes_of(self, pair: VersionPair) -> tuple[NoteRecord, ...]:
        """The notes panel's notes, when they are the notes of `pair`'s story."""
        if self.notes.story_id != pair.story.id:
            return ()
        return self.notes.notes()

    def _layout(self, pair: VersionPair) -> Layout:
        layout = build_layout(pair.comparison, pair.left.id, pair.right.id, self._notes_of(pair),
                              pair.carried)
        # The notes panel says which notes were carried here from other versions.
        carried = [n for n in layout.numbered if n.carried is not None]
        self.notes.set_carried({n.note.id: carried_caption(n) for n in carried},
                               {n.note.id for n in carried if n.carried != "gone"})
        return layout

    def _pin_note(self, note_id: int) -> None:
        """Copy a carried note onto the passage it was carried to, in this version."""
        pair = self._pair
        moved = next((c for c in pair.carried if c.note.id == note_id), None) if pair else None
        if pair is None or moved is None or moved.status == "gone":
            return
        text = pair.left.text if moved.article_id == pair.left.id else pair.right.text
        pinned = self.notes.pin_copy(moved.note, moved.article_id,
                                     anchor_for_passage(text, moved.start, moved.end))
        if pinned is not None:
            self.statusBar().showMessage(
                f"Note pinned to version #{moved.article_id}: it now belongs to this passage.",
                4000)

    def _reveal_note(self, note: NoteRecord) -> None:
        if note.article_id is None or note.resolved is None or self._story is None:
            return
        place = (note.article_id, note.resolved.start, note.resolved.end)
        doc = self._pair
        if doc is not None and note.article_id in (doc.left.id, doc.right.id):
            self.view.reveal_passage(*place)
            return
        moved = next((c for c in doc.carried if c.note.id == note.id and c.status != "gone"),
                     None) if doc is not None else None
        if moved is not None:  # carried into this comparison: show it where it stands here
            self.view.reveal_passage(moved.article_id, moved.start, moved.end)
            return
        # The note sits in a version not on screen: bring that version in on the right.
        ids = [v.id for v in self._story.versions]
        if note.article_id not in ids:
            return
        left = doc.left.id if doc is not None else ids[0]
        if left == note.article_id:
            left = ids[0] if ids[0] != note.article_id else ids[-1]
        self._compare(self._story, left, note.article_id, reveal=place)

    def refresh(self) -> None:
        """Re-read the library and the story's notes: another window may have saved since."""
        self.notes.reload()
        self.library.reload()

    def _import_finished(self, outcomes: list[ImportOutcome]) -> None:
        """Show the story imported last (the first story when nothing was shown yet)."""
        self.runner.forget()
        self.library.reload()
        landed = [o.story_id for o in outcomes if o.story_id is not None and o.status != "failed"]
        if landed:
            if not self.library.select(landed[-1]):
                self.library.step_story(+1)
        elif self._story is None and self.library.model.total:
            self.library.step_story(+1)
        self.importFinished.emit(outcomes)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.imports.drag_entered(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.imports.dropped(event)

    # Export ----------------------------------------------------------------------------------

    def export(self) -> None:
        """Ask where to export the comparison on screen, then write it there."""
        if self._pair is None:
            self.statusBar().showMessage("Choose a story with two versions to export.", 4000)
            return
        pair = self._pair
        target = choose_export_target(self, self._settings,
                                      lambda fmt: suggested_filename(pair, fmt))
        if target is not None:
            self.export_to(*target)

    def export_to(self, fmt: str, path: Path) -> Path | None:
        """Export the comparison on screen with every note of the story (saving the one being
        typed first); None when there is none or the file could not be written."""
        if self._pair is None:
            return None
        self.notes.flush()
        doc = self._pair.with_notes(self.notes.notes())
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
        ShortcutsDialog(shortcut_table(self.actions_) + self.web.shortcuts(), self).open()

    def _update_actions(self) -> None:
        a = self.actions_
        has_doc = self._pair is not None
        for action in (a.export, a.next_change, a.previous_change, a.next_altered_quote):
            action.setEnabled(has_doc)
        a.add_note.setEnabled(self._story is not None)
        a.undo.setEnabled(self.notes.can_undo())
        busy = self.imports.busy
        for action in (a.import_files, a.import_folder, a.import_samples):
            action.setEnabled(not busy)
        self.web.set_busy(busy)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            paint_icons(self.actions_, self.palette().color(QPalette.ColorRole.WindowText))
        super().changeEvent(event)

    def save_now(self) -> None:
        """Write what is pending (the note being typed, the layout): before quitting."""
        unsaved = self.notes.unsaved_edits()
        if unsaved:  # the library stayed locked: hand the words back rather than lose them
            show_unsaved_notes(self, [edit.body for edit in unsaved])
        save_layout(self, self.splitter, self._settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_now()
        self.web.shutdown()
        self.imports.cancel_and_wait()
        self.runner.cancel_pending()
        self.runner.wait()
        self.library.model.wait()
        super().closeEvent(event)
