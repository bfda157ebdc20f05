"""The library search's words boxed in the comparison, F3 / Shift+F3 stepping through them
(centred, "Match N of M", wrapping with a message), and cleared with the search."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtTest import QTest

from reader.store import add_note
from reader.store.records import VersionPair
from reader.store.search_words import fold, text_tokens
from reader.ui.palette_colors import diff_colors
from tests.ui.reading import text_between, text_edit, wait_for_rows

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

    from reader.ui.main_window import MainWindow

Window = tuple["MainWindow", VersionPair]

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def word_in_both(doc: VersionPair) -> str:
    """A word of five letters or more that both versions use, a few times in all."""
    left = Counter(t for t, _, _ in text_tokens(doc.left.text) if len(t) >= 5 and t.isalpha())
    right = Counter(t for t, _, _ in text_tokens(doc.right.text) if len(t) >= 5 and t.isalpha())
    both = sorted((left[w] + right[w], w) for w in left.keys() & right.keys())
    return next(w for n, w in both if n >= 4)


def search_for(qtbot: QtBot, w: MainWindow, typed: str) -> None:
    w.library.search.setFocus()
    QTest.keyClicks(w.library.search, typed)
    qtbot.waitUntil(lambda: w.library.model.query == typed.strip(), timeout=2000)


def press(w: MainWindow, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
          ) -> str:
    QTest.keyClick(w, Qt.Key.Key_F3, modifier)
    return w.statusBar().currentMessage()


def boxed_on_screen(w: MainWindow, span: tuple[int, int]) -> bool:
    """True when the search's box colour is painted along the left edge of the span's
    first line (the box; the words inside keep their own colour)."""
    from reader.export.boxes import line_rects

    edit = text_edit(w.view)
    rect = line_rects(edit.document(), *span)[0]
    rect.translate(-edit.horizontalScrollBar().value(), -edit.verticalScrollBar().value())
    image: QImage = edit.viewport().grab().toImage()
    dpr = image.devicePixelRatio()
    want = diff_colors(edit.palette()).search
    for dx in range(-4, 1):
        pixel = image.pixelColor(round((rect.left() + dx) * dpr), round(rect.center().y() * dpr))
        if max(abs(pixel.red() - want.red()), abs(pixel.green() - want.green()),
               abs(pixel.blue() - want.blue())) < 50:
            return True
    return False


def test_search_words_are_boxed_stepped_with_f3_and_cleared(qtbot: QtBot,
                                                            window: Window) -> None:
    w, doc = window
    w.resize(1200, 700)
    word = word_in_both(doc)
    search_for(qtbot, w, word.upper()[:-1])  # any case, the last word a prefix
    marks = w.view.search
    hits = marks.hits()
    assert {h.side for h in hits} == {"left", "right"}
    assert w.statusBar().currentMessage().startswith(f"{len(hits)} matches for")
    wait_for_rows(w.view, len(doc.comparison.rows))
    shown = [text_between(w.view, a, b) for a, b in marks.ranges()]
    assert len(shown) == len(hits)
    assert all(fold(t).startswith(word[:-1]) for t in shown), shown

    bar = text_edit(w.view).verticalScrollBar()
    total = len(hits)
    for n in range(1, total + 1):
        assert press(w) == f"Match {n} of {total} for “{word.upper()[:-1]}”"
        span = marks.current_range()
        assert span is not None and fold(text_between(w.view, *span)).startswith(word[:-1])
        edit = text_edit(w.view)
        qtbot.wait(10)
        cursor = QTextCursor(edit.document())
        cursor.setPosition(span[0])
        middle = edit.cursorRect(cursor).center().y() / edit.viewport().height()
        if 0 < bar.value() < bar.maximum():  # centred unless an end of the text clamps it
            assert abs(middle - 0.5) < 0.1, (n, middle)
        assert 0 < middle < 1
        assert boxed_on_screen(w, span)
    said = press(w)
    assert said.startswith(f"Match 1 of {total}") and "passed the end" in said
    said = press(w, Qt.KeyboardModifier.ShiftModifier)
    assert said.startswith(f"Match {total} of {total}") and "passed the start" in said
    assert press(w, Qt.KeyboardModifier.ShiftModifier).startswith(f"Match {total - 1} of")

    last = marks.current_range()
    assert last is not None
    QTest.keyClick(w.library.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: w.library.model.query == "", timeout=2000)
    assert marks.hits() == () and marks.ranges() == []
    assert not boxed_on_screen(w, last)
    assert press(w).startswith("Search the library first")


def test_a_story_found_by_its_notes_says_its_text_lacks_the_word(
        qtbot: QtBot, window: Window, sample_library: sessionmaker[Session]) -> None:
    w, doc = window
    with sample_library.begin() as s:
        add_note(s, doc.story.id, "Check with the zebracrossing desk")
    search_for(qtbot, w, "zebracross")
    story, _ = w.library.current()
    assert story is not None and story.id == doc.story.id  # found through the note
    assert w.view.search.hits() == ()
    assert "is not in the text of these two versions" in press(w)
