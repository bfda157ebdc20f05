"""A note written on one version, seen in a comparison of two others: the reader sees it at
the passage it was carried to, marked as carried, and can pin a copy there."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from reader.store import (
    add_article,
    add_note,
    anchor_for_passage,
    close_library,
    list_notes,
    open_library,
)
from tests.compare.chain import CHAIN
from tests.store.conftest import make_article
from tests.ui.conftest import open_window, show_pair
from tests.ui.reading import cell_text, row_tables

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

# The offscreen platform says this whenever a shown window's size hints change.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def chain_library(tmp_path: Path) -> Iterator[tuple[sessionmaker[Session], int, list[int]]]:
    """The council story's first five versions, with a note on two passages of the first."""
    sessions = open_library(f"sqlite:///{tmp_path / 'library.db'}")
    ids: list[int] = []
    story_id = None
    with sessions.begin() as s:
        for n in range(5):
            outcome = add_article(s, make_article(CHAIN[n], "Council budget", source=f"v{n}.txt",
                                                  published=date(2026, 3, 1 + n)),
                                  story_id=story_id, new_story=story_id is None)
            story_id = outcome.story_id
            assert outcome.article_id is not None
            ids.append(outcome.article_id)
        assert story_id is not None
        for passage, body in (("called the vote historic", "Historic? Check the minutes."),
                              ("Fishermen protested", "How many protesters?")):
            start = CHAIN[0].index(passage)
            add_note(s, story_id, body, article_id=ids[0],
                     anchor=anchor_for_passage(CHAIN[0], start, start + len(passage)))
    yield sessions, story_id, ids
    close_library(sessions)


def test_a_note_from_another_version_is_shown_carried_and_can_be_pinned(
        qtbot: QtBot, chain_library: tuple[sessionmaker[Session], int, list[int]],
        ui_settings: QSettings) -> None:
    sessions, story_id, ids = chain_library
    w, _ = open_window(qtbot, sessions, ui_settings)
    show_pair(qtbot, w, sessions, story_id, ids[3], ids[4])
    # v3 and v4 say "a turning point" where v0 said "historic" and have no protest sentence:
    # the first note is carried to the left (the nearer version to v0), the second is gone.
    shown = [cell_text(w.view, r, "left") for r in range(len(row_tables(w.view)))]
    [row] = [t for t in shown if "✎" in t]
    assert "called the vote a turning point✎1↷" in row
    # The notes panel says what happened to each note here.
    texts = [w.notes.model.index(r).data() for r in range(w.notes.model.rowCount())]
    assert any("carried from version" in t and "reworded here" in t for t in texts)
    assert any("How many protesters?" in t and "not in these versions" in t for t in texts)

    [carried] = [n for n in w.notes.notes() if n.body.startswith("Historic?")]
    assert w.notes.select_note(carried.id)
    assert w.notes.pin_button.isVisible()
    QTest.mouseClick(w.notes.pin_button, Qt.MouseButton.LeftButton)
    with sessions() as s:
        pinned = [n for n in list_notes(s, story_id) if n.article_id == ids[3]]
    assert [(n.body, n.resolved.exact if n.resolved else None) for n in pinned] == [
        ("Historic? Check the minutes.", "called the vote a turning point")]
    assert "pinned" in w.statusBar().currentMessage()


def test_a_gone_note_cannot_be_pinned(
        qtbot: QtBot, chain_library: tuple[sessionmaker[Session], int, list[int]],
        ui_settings: QSettings) -> None:
    sessions, story_id, ids = chain_library
    w, _ = open_window(qtbot, sessions, ui_settings)
    show_pair(qtbot, w, sessions, story_id, ids[3], ids[4])
    [gone] = [n for n in w.notes.notes() if n.body.startswith("How many")]
    assert w.notes.select_note(gone.id)
    assert not w.notes.pin_button.isVisible()
