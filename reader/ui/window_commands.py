"""Commands of the window that only report back in its status bar: exporting and printing
the comparison on screen, and stepping through its changes and the library search's matches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStatusBar

from reader.compare.model import CompareOptions
from reader.export import (
    ExportError,
    export_comparison,
    export_overview,
    suggested_filename,
    suggested_overview_filename,
)
from reader.store import NotFound
from reader.store.overview import load_story_overview
from reader.store.records import StoryComparison, VersionPair
from reader.ui.actions import WindowActions
from reader.ui.comparison_view import ComparisonView
from reader.ui.export_dialog import choose_export_target, choose_overview_target
from reader.ui.library_panel import LibraryPanel
from reader.ui.notes_panel import NotesPanel
from reader.ui.printing import choose_printer, print_to

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


class Sharing:
    """Export (Ctrl+E) and print (Ctrl+P) the comparison on screen (`shown()`, None when
    there is none) with every note of the story in the notes panel; export the overview of
    its whole story (Ctrl+Shift+E), compared under the window's options (`options()`)."""

    def __init__(self, window: QMainWindow, settings: QSettings, sessions: sessionmaker[Session],
                 shown: Callable[[], VersionPair | None], notes: NotesPanel,
                 options: Callable[[], CompareOptions]) -> None:
        self._window = window
        self._settings = settings
        self._sessions = sessions
        self._shown = shown
        self._notes = notes
        self._options = options

    def _annotated(self) -> StoryComparison | None:
        """The comparison with its notes, the one being typed saved first."""
        pair = self._shown()
        if pair is None:
            return None
        self._notes.flush()
        return pair.with_notes(self._notes.notes())

    def export(self) -> None:
        """Ask where to export the comparison on screen, then write it there."""
        doc = self._annotated()
        if doc is None:
            self._say("Choose a story with two versions to export.", 4000)
            return
        target = choose_export_target(self._window, self._settings,
                                      lambda fmt: suggested_filename(doc, fmt))
        if target is not None:
            self.export_to(*target)

    def export_to(self, fmt: str, path: Path) -> Path | None:
        """Write the comparison as `fmt` to `path`; None when there is none or the file could
        not be written (the reader is told why)."""
        doc = self._annotated()
        if doc is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = export_comparison(doc, fmt, path)
        except (ExportError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self._window, "Export Failed",
                                f"Could not export to {path}:\n{exc}")
            return None
        QApplication.restoreOverrideCursor()
        self._say(f"Exported to {written}", 8000)
        return written

    def export_overview(self) -> Path | None:
        """Ask where to write the overview page of the story on screen (every version in
        order, each step's changes, the quotations' histories, the notes), then write it."""
        pair = self._shown()
        if pair is None:
            self._say("Choose a story with two versions to export its overview.", 4000)
            return None
        self._notes.flush()
        path = choose_overview_target(self._window, self._settings,
                                      suggested_overview_filename(pair.story))
        if path is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with self._sessions() as session:
                overview = load_story_overview(session, pair.story.id, self._options())
            written = export_overview(overview, path)
        except (NotFound, ValueError, ExportError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self._window, "Export Failed",
                                f"Could not export the story overview to {path}:\n{exc}")
            return None
        QApplication.restoreOverrideCursor()
        versions = len(overview.timeline)
        self._say(f"Exported the overview of {versions} versions to {written}", 8000)
        return written

    def print_comparison(self) -> int:
        """Print through Qt's print dialog, laid out as the PDF export; the number of pages
        printed (0 when nothing was)."""
        if self._annotated() is None:
            self._say("Choose a story with two versions to print.", 4000)
            return 0
        printer = choose_printer(self._window)
        doc = self._annotated()  # after the dialog: the notes as they are now
        if printer is None or doc is None:
            return 0
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = print_to(printer, doc)
        except RuntimeError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self._window, "Printing Failed", f"Could not print: {exc}")
            return 0
        QApplication.restoreOverrideCursor()
        where = printer.printerName() or "the printer"
        self._say(f"Sent {pages} page{'s' if pages != 1 else ''} to {where}", 8000)
        return pages

    def _say(self, text: str, ms: int) -> None:
        self._window.statusBar().showMessage(text, ms)


def step_change(view: ComparisonView, status: QStatusBar, *, forward: bool) -> None:
    """Alt+Down / Alt+Up: the next or previous change, and where the reader now is."""
    if view.current_layout() is None:
        return
    moved = view.next_change() if forward else view.previous_change()
    where = view.change_position()
    if not moved:
        said = f"No {'next' if forward else 'previous'} change."
        if where is not None:
            said += f" This is change {where[0]} of {where[1]}."
        status.showMessage(said, 4000)
    elif where is not None:
        status.showMessage(f"Change {where[0]} of {where[1]}")


def wire_view_commands(a: WindowActions, view: ComparisonView, status: QStatusBar,
                       sharing: Sharing) -> None:
    """Export, print, zoom and the steps through changes: the actions that act on the
    comparison on screen. (Alt+Q belongs to the quotation list, which knows its entry.)"""
    a.export.triggered.connect(sharing.export)
    a.export_overview.triggered.connect(sharing.export_overview)
    a.print_.triggered.connect(sharing.print_comparison)
    a.zoom_in.triggered.connect(lambda: view.zoom(+1))
    a.zoom_out.triggered.connect(lambda: view.zoom(-1))
    a.zoom_reset.triggered.connect(view.reset_zoom)
    a.next_change.triggered.connect(lambda: step_change(view, status, forward=True))
    a.previous_change.triggered.connect(lambda: step_change(view, status, forward=False))


def step_match(view: ComparisonView, status: QStatusBar, *, forward: bool) -> None:
    """F3 / Shift+F3: the next or previous word the library search matched, centred, and
    where the reader now is; going round an end says so."""
    marks = view.search
    if view.current_layout() is None:
        return
    if not marks.query:
        status.showMessage("Search the library first (Ctrl+F): F3 then steps through the "
                           "words it matched.", 5000)
        return
    step = marks.step(forward)
    if step is None:
        status.showMessage(f"“{marks.query}” is not in the text of these two versions "
                           "(the story matched by its title or a note).", 6000)
        return
    said = f"Match {step.number} of {step.total} for “{marks.query}”"
    if step.wrapped:
        said += (" — passed the end, back to the first" if forward
                 else " — passed the start, back to the last")
    status.showMessage(said)


def wire_search_marks(a: WindowActions, library: LibraryPanel, view: ComparisonView,
                      status: QStatusBar) -> None:
    """The library search boxes its words in the comparison; F3 / Shift+F3 step through them."""
    def searched(query: str) -> None:
        view.search.set_query(query)
        if query.strip() and view.current_layout() is not None:
            count = len(view.search.hits())
            noun = "match" if count == 1 else "matches"
            status.showMessage(f"{count} {noun} for “{query.strip()}” in this comparison "
                               "(F3 next, Shift+F3 previous)", 6000)
        elif not query.strip():
            status.clearMessage()

    library.queryChanged.connect(searched)
    a.next_match.triggered.connect(lambda: step_match(view, status, forward=True))
    a.previous_match.triggered.connect(lambda: step_match(view, status, forward=False))
