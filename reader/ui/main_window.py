"""The main window: library | comparison | notes. It builds the panels and wires their signals;
what each shows and does lives in the panel's own module."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QSettings,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QWidget,
)

from reader.compare.model import CompareOptions
from reader.present import Layout, build_layout
from reader.store import anchor_for_selection
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
    build_toolbar,
    fit_toolbar,
    paint_icons,
    shortcut_table,
)
from reader.ui.carried_notes import carried_captions, carried_into, pinned_anchor
from reader.ui.compare_preferences import ComparePreferences
from reader.ui.comparison_view import ComparisonView
from reader.ui.dialogs import ShortcutsDialog, show_about
from reader.ui.import_flow import ImportFlow
from reader.ui.import_runner import ComparisonRequest, ComparisonRunner
from reader.ui.library_editing import LibraryEditor
from reader.ui.library_model import LibraryModel
from reader.ui.library_panel import LibraryPanel
from reader.ui.live_refresh import LiveRefresh
from reader.ui.note_author import bind_author_action, saved_author
from reader.ui.note_saver import show_unsaved_notes
from reader.ui.notes_panel import NotesPanel
from reader.ui.quote_history_dialog import open_quote_history
from reader.ui.quote_list import QuoteList
from reader.ui.themes import Theme, ThemeSwitcher, parse_theme
from reader.ui.timeline_runner import StoryTimeline
from reader.ui.version_picker import VersionPicker
from reader.ui.web_import import WebImports
from reader.ui.window_commands import Sharing, wire_search_marks, wire_view_commands
from reader.ui.window_state import PanelWidths, restore_layout, save_layout

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

APP_TITLE = "Parallax Reader"
COMPARING_DELAY_MS = 150  # only say "Comparing…" when it is not instant
EMPTY_LIBRARY = ("Your library is empty.\n\nImport articles with File ▸ Import Files (Ctrl+I), "
                 "drop files or folders on this window, or use File ▸ Import Samples to try it.")


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
        self.notes = NotesPanel(sessions, self, author=saved_author(settings))
        self.live = LiveRefresh(sessions, self, library_busy=lambda: self.imports.busy)
        self.library_editor = LibraryEditor(sessions, self.library, self.notes, self)
        self.quotes = QuoteList(self)
        self.side_tabs = QTabWidget(self)  # notes and the quotation list share the right column
        self.side_tabs.addTab(self.notes, "Notes")
        self.side_tabs.addTab(self.quotes, "Quotations")
        self.picker = VersionPicker(self)
        self.timeline = StoryTimeline(sessions, self)  # the strip above the comparison
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        # An explicit minimum: a wide line of statistics must not push the window off screen.
        self.view.setMinimumWidth(360)
        for w in (self.library, self.timeline.above(self.view), self.side_tabs):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(1, 1)
        self.library.setMinimumWidth(170)  # narrow enough for a 900-pixel window
        self.side_tabs.setMinimumWidth(180)
        self.panel_widths = PanelWidths(self.splitter)
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
        self.preferences = ComparePreferences(self.actions_, settings, self)
        self.imports = ImportFlow(sessions, settings, self)
        self.sharing = Sharing(self, settings, sessions, self.current_comparison, self.notes,
                               self.options)
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
        self._toolbar, self._picker_action = build_toolbar(self, a, self.picker)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        fit_toolbar(self._toolbar, self.width())
        self.panel_widths.fit(self.width())

    def _wire(self, a: WindowActions) -> None:
        a.import_files.triggered.connect(self.imports.choose_files)
        a.import_folder.triggered.connect(self.imports.choose_folder)
        a.import_samples.triggered.connect(self.imports.import_samples)
        self.imports.message.connect(self.statusBar().showMessage)
        self.imports.busyChanged.connect(lambda _: self._update_actions())
        self.imports.finished.connect(self._import_finished)
        wire_view_commands(a, self.view, self.statusBar(), self.sharing)
        wire_search_marks(a, self.library, self.view, self.statusBar())
        a.open_library.triggered.connect(self._choose_library)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(self.library_editor.undo_latest)
        a.swap_sides.triggered.connect(self.picker.swap)
        a.add_note.triggered.connect(self.add_note)
        bind_author_action(a.author, self, self.notes, self._settings)
        a.find.triggered.connect(self.library.focus_search)
        self.preferences.optionsChanged.connect(self._options_changed)
        a.theme_group.triggered.connect(self._theme_chosen)
        # The quotation list knows which entry is current: Alt+Q moves its selection.
        a.next_altered_quote.triggered.connect(self.quotes.step_next)
        self.quotes.quoteChosen.connect(self.view.reveal_quotation)
        self.quotes.quoteChosen.connect(lambda _: self.side_tabs.setCurrentWidget(self.quotes))
        self.quotes.message.connect(self.statusBar().showMessage)
        self.quotes.historyRequested.connect(self.view.request_quote_history)
        a.refresh.triggered.connect(self.refresh)
        a.next_story.triggered.connect(lambda: self.library.step_story(+1))
        a.previous_story.triggered.connect(lambda: self.library.step_story(-1))
        a.next_version.triggered.connect(lambda: self.timeline.step(+1))
        a.previous_version.triggered.connect(lambda: self.timeline.step(-1))
        self.timeline.message.connect(self.statusBar().showMessage)
        a.shortcuts.triggered.connect(self._show_shortcuts)
        a.about.triggered.connect(lambda: show_about(self))

        self.library.articleChosen.connect(self.show_article)
        self.library.storyHidden.connect(self._put_away)
        self.library_editor.changed.connect(self.runner.forget)
        self.library_editor.undoAvailable.connect(lambda _: self._update_actions())
        self.picker.pairChanged.connect(self._pair_chosen)
        self.timeline.strip.pairChosen.connect(self._pair_chosen)
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
        self.view.quoteHistoryRequested.connect(lambda article, offset: open_quote_history(
            self, self._sessions, self._pair, (article, offset), self.options()))
        self.web.importRequested.connect(self.imports.start)
        self.web.libraryChanged.connect(self.refresh)
        self.web.versionsOpened.connect(self.library.model.mark_opened)
        self.web.storyRequested.connect(self.library.select)
        self.comparisonShown.connect(self.web.comparison_shown)
        self.live.notesChanged.connect(self.notes.refresh_from_library)
        self.live.libraryChanged.connect(self.library.reload)

    # Settings --------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self._settings
        self.panel_widths.active = not restore_layout(self, self.splitter, s)
        self.panel_widths.fit(self.width())
        theme = parse_theme(s.value("view/theme", "system"))
        for name, action in self.actions_.theme_actions:
            action.setChecked(name == theme)
        if self._themes is not None:
            self._themes.apply(theme)

    def _remember_pair(self, pair: VersionPair) -> None:
        self.picker.remember(pair.story.id, pair.left.id, pair.right.id)
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
            self._put_away()

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
        return self.preferences.options()

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
            self.quotes.show_quotations(None)
            self._set_picker(story, None, None)
            self.view.show_message(
                f"“{story.title}” has one version so far.\n\nImport another version of it "
                "(File ▸ Import, or drop the file here) to compare them.")
            self._update_actions()
            return
        left, right = pair or (self.picker.chosen_for(story) if article is None else None) \
            or self.preferences.default_pair(story, article)
        self._compare(story, left, right)

    def _set_picker(self, story: StorySummary, left: int | None, right: int | None) -> None:
        self.picker.set_versions(story.versions, left, right)
        self._picker_action.setVisible(len(story.versions) >= 2)
        self.timeline.show_story(story, self.options(), (left, right))

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
        pair = self.picker.pair()
        if self._story is not None and pair is not None:
            self._compare(self._story, *pair)

    def _say_comparing(self) -> None:
        if self.runner.busy:
            self.view.show_message("Comparing…")

    def _comparison_ready(self, request: ComparisonRequest, pair: VersionPair) -> None:
        self._comparing.stop()
        self._pair = pair
        layout = self._layout(pair)
        self.view.show_comparison(pair.left, pair.right, layout)
        self.quotes.show_quotations(layout.quotations)
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
        self.quotes.show_quotations(None)
        self.view.show_message(f"Could not compare these versions: {reason}")
        self._update_actions()

    def _put_away(self, message: str = EMPTY_LIBRARY) -> None:
        self.runner.cancel_pending()
        self._comparing.stop()
        self._pair = self._story = None
        self.quotes.show_quotations(None)
        self._picker_action.setVisible(False)
        self.timeline.show_story(None, self.options())
        self.notes.set_story(None)
        self.view.show_message(message)
        self.setWindowTitle(APP_TITLE)
        self._update_actions()

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
            side = "left" if article_id == doc.left.id else "right"
            text = doc.left.text if side == "left" else doc.right.text
            anchor = anchor_for_selection(text, start, end)
            self.notes.create_note(article_id, anchor, made=f"On a passage of the {side} version")
        else:
            self.notes.create_note(None, None, made="On the whole comparison")

    def _passage_selected(self, selected: bool) -> None:
        self.actions_.add_note.setText("Add Note on Selection" if selected else "Add &Note")

    def _notes_changed(self, notes: tuple[NoteRecord, ...]) -> None:
        if self._pair is not None and self.notes.story_id == self._pair.story.id:
            self.view.show_notes(self._layout(self._pair))
        self._update_actions()

    def _layout(self, pair: VersionPair) -> Layout:
        notes = self.notes.notes() if self.notes.story_id == pair.story.id else ()
        layout = build_layout(pair.comparison, pair.left.id, pair.right.id, notes, pair.carried)
        self.notes.set_carried(*carried_captions(layout))  # which notes came from elsewhere
        return layout

    def _pin_note(self, note_id: int) -> None:
        """Copy a carried note onto the passage it was carried to, in this version."""
        moved = carried_into(self._pair, note_id)
        if self._pair is not None and moved is not None and self.notes.pin_copy(
                moved.note, moved.article_id, pinned_anchor(self._pair, moved)):
            self.statusBar().showMessage(f"Note pinned to version #{moved.article_id}: it now "
                                         "belongs to this passage.", 4000)

    def _reveal_note(self, note: NoteRecord) -> None:
        if note.article_id is None or note.resolved is None or self._story is None:
            return
        place = (note.article_id, note.resolved.start, note.resolved.end)
        doc = self._pair
        if doc is not None and note.article_id in (doc.left.id, doc.right.id):
            self.view.reveal_passage(*place)
            return
        moved = carried_into(doc, note.id)
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
        for action in (a.export, a.export_overview, a.print_, a.next_change, a.previous_change,
                       a.next_altered_quote, a.zoom_in, a.zoom_out, a.zoom_reset):
            action.setEnabled(has_doc)
        a.add_note.setEnabled(self._story is not None)
        a.undo.setEnabled(self.notes.can_undo() or self.library_editor.can_undo())
        a.swap_sides.setEnabled(has_doc)
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
        self.notes.leave()
        unsaved = self.notes.unsaved_edits()
        if unsaved:  # the library stayed locked: hand the words back rather than lose them
            show_unsaved_notes(self, [edit.body for edit in unsaved])
        save_layout(self, self.splitter, self._settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.live.stop()
        self.save_now()
        self.web.shutdown()
        self.imports.cancel_and_wait()
        self.runner.cancel_pending()
        self.runner.wait()
        self.timeline.shutdown()
        self.library.model.wait()
        super().closeEvent(event)
