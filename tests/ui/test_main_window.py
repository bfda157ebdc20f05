"""The main window end to end: a real window over a real (temporary) library of the samples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.compare.model import CompareOptions
from reader.store import get_article, list_notes, writing
from reader.store.records import VersionPair
from reader.ui.dialogs import ImportFailuresDialog
from reader.ui.import_runner import INLINE_WORDS, ComparisonRequest
from tests.ui.conftest import COMPARE_TIMEOUT_MS, open_window
from tests.ui.reading import column_text, current_row, text_edit

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

    from reader.ui.main_window import MainWindow

Window = tuple["MainWindow", VersionPair]

# Qt's offscreen platform says this whenever a top-level window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def shown_after(qtbot: QtBot, window: MainWindow, act: Callable[[], object]) -> VersionPair:
    """Do something, then wait for the comparison it brings up."""
    with qtbot.waitSignal(window.comparisonShown, timeout=COMPARE_TIMEOUT_MS) as blocker:
        act()
    doc = blocker.args[0]
    assert isinstance(doc, VersionPair)
    return doc


def squash(text: str) -> str:
    return " ".join(text.split())


def click_row(qtbot: QtBot, window: MainWindow, story_id: int, article_id: int | None) -> None:
    model = window.library.model
    index = (model.article_index(story_id, article_id) if article_id is not None
             else model.story_index(story_id))
    assert index.isValid()
    tree = window.library.tree
    tree.expand(index.parent())
    tree.scrollTo(index)
    viewport = tree.viewport()
    assert viewport is not None
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tree.visualRect(index).center())


def story_with_most_versions(window: MainWindow) -> int:
    model = window.library.model
    stories = [model.story(model.index(r, 0)) for r in range(model.rowCount())]
    best = max((s for s in stories if s is not None), key=lambda s: len(s.versions))
    assert len(best.versions) >= 3
    return best.id


def select_in_pane(window: MainWindow, phrase: str, article_id: int) -> tuple[int, int, int]:
    """Select `phrase` where the view shows it in the given version (it may be in both)."""
    edit = text_edit(window.view)
    document = edit.document()
    at = 0
    while True:
        found = document.find(phrase, at, QTextDocument.FindFlag.FindCaseSensitively)
        assert not found.isNull(), phrase
        edit.setTextCursor(found)
        passage = window.view.selected_passage()
        if passage is not None and passage[0] == article_id:
            return passage
        at = found.selectionEnd()


# Library and comparison ---------------------------------------------------------------------

def test_clicking_each_version_shows_its_text(qtbot: QtBot, window: Window,
                                               sample_library: sessionmaker[Session]) -> None:
    w, _ = window
    story_id = story_with_most_versions(w)
    story = w.library.model.story(w.library.model.story_index(story_id))
    assert story is not None
    for n, version in enumerate(story.versions):
        def click(article_id: int = version.id) -> None:
            click_row(qtbot, w, story_id, article_id)

        doc = shown_after(qtbot, w, click)
        side: Literal["left", "right"] = "left" if n == 0 else "right"
        assert (doc.left if n == 0 else doc.right).id == version.id
        with sample_library() as s:
            text = get_article(s, version.id).text
        shown = squash(column_text(w.view, side))
        compared = doc.comparison.left if n == 0 else doc.comparison.right
        first_sentence = compared.sentences[0].text
        assert squash(first_sentence) in shown
        assert squash(first_sentence) in squash(text)
        if n > 0:  # a version faces the one before it
            assert doc.left.id == story.versions[n - 1].id


def test_arrow_down_switches_the_comparison_without_a_click(qtbot: QtBot,
                                                            window: Window) -> None:
    w, first = window
    w.library.tree.setFocus()
    doc = shown_after(qtbot, w, lambda: QTest.keyClick(w.library.tree, Qt.Key.Key_Down))
    assert doc.story.id != first.story.id
    assert squash(doc.comparison.left.sentences[0].text) in squash(column_text(w.view, "left"))
    back = shown_after(qtbot, w, lambda: QTest.keyClick(w.library.tree, Qt.Key.Key_Up))
    assert back.story.id == first.story.id


def test_search_filters_the_library_as_you_type(qtbot: QtBot, window: Window) -> None:
    w, _ = window
    model = w.library.model
    assert model.rowCount() == 3
    QTest.keyClicks(w.library.search, "jembatan")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    story = model.story(model.index(0, 0))
    assert story is not None and "Jembatan" in story.title
    assert "match" in w.library.count_label.text()
    # Down goes on to the results and shows the first one.
    doc = shown_after(qtbot, w, lambda: QTest.keyClick(w.library.search, Qt.Key.Key_Down))
    assert doc.story.id == story.id and w.library.tree.hasFocus()
    w.library.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=2000)


def test_ctrl_f_focuses_the_library_search(qtbot: QtBot, window: Window) -> None:
    w, _ = window
    w.activateWindow()
    w.actions_.find.trigger()
    assert w.library.search.hasFocus() or QApplication.focusWidget() is w.library.search


def test_next_change_moves_to_the_next_changed_row(qtbot: QtBot, window: Window) -> None:
    w, doc = window
    changed = [i for i, r in enumerate(doc.comparison.rows) if r.kind != "equal" or r.moved]
    assert len(changed) >= 2
    w.actions_.next_change.trigger()
    assert current_row(w.view) == changed[0]
    w.actions_.next_change.trigger()
    assert current_row(w.view) == changed[1]
    w.actions_.previous_change.trigger()
    assert current_row(w.view) == changed[0]


def test_version_picker_compares_the_chosen_pair(qtbot: QtBot, window: Window) -> None:
    w, _ = window
    story_id = story_with_most_versions(w)
    shown_after(qtbot, w, lambda: click_row(qtbot, w, story_id, None))
    assert w.picker.isEnabled()
    combo = w.picker.left_combo
    target = 1 if combo.currentIndex() != 1 else 0
    doc = shown_after(qtbot, w, lambda: combo.setCurrentIndex(target))
    assert doc.left.id == combo.itemData(target)
    assert (doc.left.id, doc.right.id) == w.picker.pair()


def test_ignore_options_recompute_and_are_remembered(qtbot: QtBot, window: Window,
                                                     ui_settings: QSettings) -> None:
    w, before = window
    toggle = w.actions_.ignore_punctuation
    assert not toggle.isChecked()
    after = shown_after(qtbot, w, toggle.trigger)
    assert w.options().ignore_punctuation
    assert (after.left.id, after.right.id) == (before.left.id, before.right.id)
    assert after.comparison != before.comparison  # similarities change with punctuation gone
    assert ui_settings.value("compare/ignore_punctuation", type=bool) is True


def test_stale_comparison_results_are_dropped(qtbot: QtBot, window: Window) -> None:
    w, _ = window
    model = w.library.model
    stories = [model.story(model.index(r, 0)) for r in range(model.rowCount())]
    runner = w.runner
    runner.forget()
    arrived: list[ComparisonRequest] = []
    runner.ready.connect(lambda request, _doc: arrived.append(request))
    requests = []
    for story in stories:  # three in a row on the worker, faster than any comparison
        assert story is not None
        ids = [v.id for v in story.versions]
        requests.append(ComparisonRequest(story.id, ids[0], ids[-1], CompareOptions()))
        runner.request(requests[-1])  # no word count: always in the background
    qtbot.waitUntil(lambda: not runner.busy, timeout=COMPARE_TIMEOUT_MS)
    qtbot.wait(20)
    assert arrived == [requests[-1]]


# Notes ---------------------------------------------------------------------------------------

def test_note_on_a_passage_survives_closing_the_window(
        qtbot: QtBot, window: Window, sample_library: sessionmaker[Session],
        ui_settings: QSettings) -> None:
    w, doc = window
    phrase = " ".join(doc.comparison.right.sentences[0].text.split()[:4])
    passage = select_in_pane(w, phrase, doc.right.id)
    w.actions_.add_note.trigger()
    qtbot.waitUntil(lambda: w.notes.editor.hasFocus(), timeout=2000)
    QTest.keyClicks(w.notes.editor, "Reworded lead")
    w.close()  # flushes: no wait for the debounce

    w2, doc2 = open_window(qtbot, sample_library, ui_settings)
    assert (doc2.story.id, doc2.left.id, doc2.right.id) == (doc.story.id, doc.left.id,
                                                            doc.right.id)
    notes = w2.notes.notes()
    assert [n.body for n in notes] == ["Reworded lead"]
    note = notes[0]
    assert note.article_id == doc.right.id and not note.orphaned
    assert note.anchor is not None and note.anchor.exact == phrase
    assert note.resolved is not None
    assert (note.resolved.start, note.resolved.end) == (passage[1], passage[2])
    assert doc2.right.text[note.resolved.start:note.resolved.end] == phrase
    # Picking the note in the new window flashes that same passage in the right pane.
    w2.notes.list.clearSelection()
    edit = text_edit(w2.view)
    edit.setExtraSelections([])
    assert w2.notes.select_note(note.id)
    flashed = edit.extraSelections()
    flashed_text = squash(" ".join(x.cursor.selectedText() for x in flashed))
    assert flashed_text.startswith(phrase)  # (followed by the note's badge)


def test_add_note_without_a_selection_covers_the_whole_comparison(qtbot: QtBot,
                                                                  window: Window) -> None:
    w, _ = window
    w.actions_.add_note.trigger()
    note = w.notes.current_note()
    assert note is not None and note.anchor is None and note.article_id is None


def test_typing_in_a_note_saves_after_the_debounce_without_a_button(
        qtbot: QtBot, window: Window, sample_library: sessionmaker[Session]) -> None:
    w, doc = window
    w.actions_.add_note.trigger()
    note = w.notes.current_note()
    assert note is not None
    QTest.keyClicks(w.notes.editor, "Quote altered in paragraph 3")

    def stored() -> str:
        with sample_library() as s:
            return next(n.body for n in list_notes(s, doc.story.id) if n.id == note.id)

    assert w.notes.has_unsaved_changes()
    qtbot.waitUntil(lambda: stored() == "Quote altered in paragraph 3", timeout=3000)
    assert not w.notes.has_unsaved_changes()
    assert w.notes.status.text() == "Saved"


def test_delete_note_then_ctrl_z_restores_it(qtbot: QtBot, window: Window,
                                              sample_library: sessionmaker[Session]) -> None:
    w, doc = window
    w.actions_.add_note.trigger()
    QTest.keyClicks(w.notes.editor, "keep me")
    note = w.notes.current_note()
    assert note is not None
    QTest.mouseClick(w.notes.delete_button, Qt.MouseButton.LeftButton)
    assert w.notes.notes() == ()
    assert w.notes.undo_bar.isVisibleTo(w.notes)
    with sample_library() as s:
        assert list_notes(s, doc.story.id) == []
    QTest.keyClick(w.notes.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [n.body for n in w.notes.notes()] == ["keep me"]
    assert not w.notes.undo_bar.isVisibleTo(w.notes)
    with sample_library() as s:
        assert [n.id for n in list_notes(s, doc.story.id)] == [note.id]
    # The Delete key in the list does the same.
    assert w.notes.select_note(note.id)
    QTest.keyClick(w.notes.list, Qt.Key.Key_Delete)
    assert w.notes.notes() == ()


def test_selecting_a_note_reveals_its_passage(qtbot: QtBot, window: Window) -> None:
    w, doc = window
    phrase = " ".join(doc.comparison.left.sentences[-1].text.split()[:3])
    select_in_pane(w, phrase, doc.left.id)
    w.actions_.add_note.trigger()
    w.notes.editor.setPlainText("on the passage")  # an untouched empty note would be dropped
    w.actions_.add_note.trigger()  # a second note, so selecting the first is a change
    edit = text_edit(w.view)
    edit.moveCursor(edit.textCursor().MoveOperation.Start)
    revealed: list[object] = []
    w.notes.noteActivated.connect(revealed.append)
    first = w.notes.notes()[-1] if w.notes.notes()[0].anchor is None else w.notes.notes()[0]
    assert first.anchor is not None
    assert w.notes.select_note(first.id)
    assert revealed and revealed[-1] == first
    # The flash is an extra selection over the passage.
    flashed = edit.extraSelections()
    assert flashed and phrase.split()[0] in flashed[0].cursor.selectedText()


def test_note_filter_narrows_the_list(qtbot: QtBot, window: Window) -> None:
    w, _ = window
    for body in ("alpha note", "beta note"):
        w.actions_.add_note.trigger()
        QTest.keyClicks(w.notes.editor, body)
    QTest.keyClicks(w.notes.filter, "beta")
    assert w.notes.model.rowCount() == 1
    shown = w.notes.model.note(w.notes.model.index(0))
    assert shown is not None and shown.body == "beta note"


# Import, export, themes, layout -----------------------------------------------------------

ORIGINAL = ("Riverside library to open on Sundays\n\n"
            "The Riverside public library will open on Sundays from March, the city said on "
            "Monday. \"We want every family to have a quiet place to read,\" said librarian "
            "Ana Ruiz. The change costs about 40,000 dollars a year.\n")
REWRITE = ("Riverside library to open on Sundays\n\n"
           "From March the Riverside public library will open its doors on Sundays, city "
           "officials said Monday. \"We want every family to have a place to read,\" librarian "
           "Ana Ruiz said. The change costs about 40,000 dollars a year.\n")


def test_import_selects_the_new_story_and_lists_failures(qtbot: QtBot, window: Window,
                                                         tmp_path: Path) -> None:
    w, _ = window
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "a.txt").write_text(ORIGINAL, encoding="utf-8")
    (folder / "b.txt").write_text(REWRITE, encoding="utf-8")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    with qtbot.waitSignal(w.importFinished, timeout=10_000) as blocker:
        w.imports.import_paths([folder])
    outcomes = blocker.args[0]
    assert sorted(o.status for o in outcomes) == ["failed", "imported", "imported"]
    qtbot.waitUntil(lambda: w.current_comparison() is not None
                    and w.current_comparison().story.title.startswith("Riverside"),  # type: ignore[union-attr]
                    timeout=COMPARE_TIMEOUT_MS)
    assert w.library.model.total == 4
    dialogs = [d for d in w.findChildren(ImportFailuresDialog)]
    assert len(dialogs) == 1
    table = dialogs[0].table
    file_cell, reason_cell = table.item(0, 0), table.item(0, 1)
    assert table.rowCount() == 1 and file_cell is not None and reason_cell is not None
    assert "broken.json" in file_cell.text() and reason_cell.text()
    dialogs[0].close()


def test_export_writes_the_comparison_with_its_notes(qtbot: QtBot, window: Window,
                                                     tmp_path: Path) -> None:
    w, _ = window
    w.actions_.add_note.trigger()
    QTest.keyClicks(w.notes.editor, "Exported note text")
    written = w.sharing.export_to("md", tmp_path / "out.md")  # saves the note being typed first
    assert written is not None and written.exists()
    assert "Exported note text" in written.read_text(encoding="utf-8")
    from reader.ui.export_dialog import export_format_for

    assert export_format_for(Path("x.pdf"), "HTML page (*.html)") == "pdf"
    assert export_format_for(Path("x"), "Markdown (*.md)") == "md"


def test_dark_theme_applies_and_is_remembered(qtbot: QtBot, window: Window,
                                              ui_settings: QSettings) -> None:
    w, _ = window
    dark = dict(w.actions_.theme_actions)["dark"]
    try:
        dark.trigger()
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert ui_settings.value("view/theme") == "dark"
    finally:
        w.apply_theme("system")


def test_layout_and_last_story_are_remembered(qtbot: QtBot, window: Window,
                                               sample_library: sessionmaker[Session],
                                               ui_settings: QSettings) -> None:
    w, _ = window
    story_id = story_with_most_versions(w)
    story = w.library.model.story(w.library.model.story_index(story_id))
    assert story is not None
    middle = story.versions[1]
    shown_after(qtbot, w, lambda: click_row(qtbot, w, story_id, middle.id))
    total = sum(w.splitter.sizes())
    w.splitter.setSizes([total // 4, total // 2, total - total // 4 - total // 2])
    sizes = w.splitter.sizes()
    w.close()
    w2, doc2 = open_window(qtbot, sample_library, ui_settings)
    assert (doc2.story.id, doc2.right.id) == (story_id, middle.id)
    restored = w2.splitter.sizes()
    # The offscreen screen nudges the restored window by a few pixels; the library column,
    # which the reader dragged, keeps its width exactly.
    assert restored[0] == sizes[0]
    assert all(abs(a - b) <= 40 for a, b in zip(restored, sizes, strict=True)), (restored, sizes)


def long_article(n_sentences: int, reword: bool) -> str:
    sentences = []
    for i in range(n_sentences):
        verb = "stated" if reword and i % 3 == 0 else "said"
        sentences.append(f"Official number {i} {verb} on Monday that the district bridge "
                         f"project {i * 7} would need another review before the spring.")
    body = "\n\n".join(" ".join(sentences[k:k + 5]) for k in range(0, len(sentences), 5))
    return "Bridge review drags on\n\n" + body + "\n"


def test_long_comparisons_run_off_the_ui_thread(qtbot: QtBot, window: Window,
                                                tmp_path: Path) -> None:
    w, first = window
    folder = tmp_path / "long"
    folder.mkdir()
    n = INLINE_WORDS // 32 + 40  # 16 words a sentence, two versions: past the inline limit
    (folder / "1-a.txt").write_text(long_article(n, reword=False), encoding="utf-8")
    (folder / "2-b.txt").write_text(long_article(n, reword=True), encoding="utf-8")
    with qtbot.waitSignal(w.importFinished, timeout=10_000):
        w.imports.import_paths([folder])
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=COMPARE_TIMEOUT_MS)
    long_story = w.current_comparison()
    assert long_story is not None
    assert long_story.left.words + long_story.right.words > INLINE_WORDS
    shown_after(qtbot, w, lambda: w.library.select(first.story.id))
    w.runner.forget()
    with qtbot.waitSignal(w.comparisonShown, timeout=COMPARE_TIMEOUT_MS) as blocker:
        w.library.select(long_story.story.id)
        # Back in the event loop at once: the comparison is on a worker thread.
        assert w.runner.busy
        assert w.current_comparison() is not None
        assert w.current_comparison().story.id == first.story.id  # type: ignore[union-attr]
    assert blocker.args[0].story.id == long_story.story.id


def test_dropping_files_on_the_window_imports_them(qtbot: QtBot, window: Window,
                                                   tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    w, _ = window
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    paths[0].write_text(ORIGINAL, encoding="utf-8")
    paths[1].write_text(REWRITE, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(w.importFinished, timeout=10_000) as blocker:
        w.dropEvent(event)
    assert [o.status for o in blocker.args[0]] == ["imported", "imported"]
    qtbot.waitUntil(lambda: w.current_comparison() is not None
                    and w.current_comparison().story.title.startswith("Riverside"),  # type: ignore[union-attr]
                    timeout=COMPARE_TIMEOUT_MS)


def test_shortcuts_dialog_lists_the_documented_keys(qtbot: QtBot, window: Window) -> None:
    from reader.ui.actions import shortcut_table

    w, _ = window
    keys = {what: k for what, k in shortcut_table(w.actions_)}
    assert keys["Next Change"] == "Alt+Down" and keys["Previous Change"] == "Alt+Up"
    assert keys["Import Files"] == "Ctrl+I" and keys["Export Comparison"] == "Ctrl+E"
    assert keys["Find in Library"] == "Ctrl+F" and keys["Add Note"] == "Ctrl+Shift+N"
    assert keys["Next Changed Quotation"] == "Alt+Q" and keys["Quit"] == "Ctrl+Q"


def test_ctrl_e_exports_in_the_format_chosen_in_the_dialog(
        qtbot: QtBot, window: Window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        ui_settings: QSettings) -> None:
    from PySide6.QtWidgets import QFileDialog

    w, doc = window
    asked: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, filters: str,
                _selected: str) -> tuple[str, str]:
        asked.append(suggested)
        assert "Markdown (*.md)" in filters.split(";;")
        return str(tmp_path / "shared"), "Markdown (*.md)"  # no extension typed

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    w.activateWindow()
    w.library.tree.setFocus()
    QTest.keyClick(w, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked and asked[0].endswith(".html")
    written = tmp_path / "shared.md"
    assert written.exists()
    assert doc.story.title.split()[0] in written.read_text(encoding="utf-8")
    assert ui_settings.value("export/folder") == str(tmp_path)
    assert ui_settings.value("export/format") == "md"


def test_picking_a_note_on_a_version_not_shown_brings_it_in_and_flashes_it(
        qtbot: QtBot, window: Window, sample_library: sessionmaker[Session]) -> None:
    from reader.store import add_note, anchor_for_passage

    w, _ = window
    story_id = story_with_most_versions(w)
    shown = shown_after(qtbot, w, lambda: click_row(qtbot, w, story_id, None))
    story = w.library.model.story(w.library.model.story_index(story_id))
    assert story is not None
    first = story.versions[0]
    assert first.id not in (shown.left.id, shown.right.id)  # the latest edit: the last two
    with writing(sample_library) as s:
        text = get_article(s, first.id).text
        words = " ".join(text.split()[:3])
        start = text.index(words)
        note = add_note(s, story_id, "on the first version", article_id=first.id,
                        anchor=anchor_for_passage(text, start, start + len(words)))
    w.notes.reload()
    pair = shown_after(qtbot, w, lambda: w.notes.select_note(note.id))
    assert pair.right.id == first.id and pair.left.id == shown.left.id
    flashed = text_edit(w.view).extraSelections()
    assert flashed and squash(flashed[0].cursor.selectedText()).startswith(words)
