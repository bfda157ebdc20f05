"""The timeline strip above the comparison: a story of six versions (imported out of order,
dated in order), and one of fifty. A reader clicks nodes, Ctrl+clicks, steps with Alt+Left and
Alt+Right, and chooses which pair a story opens on."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.store import add_article, close_library, open_library
from reader.ui.actions import shortcut_table
from reader.ui.timeline_text import stepped_pair
from tests.compare.chain import CHAIN
from tests.store.conftest import make_article
from tests.ui.conftest import COMPARE_TIMEOUT_MS, open_window

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

    from reader.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

OUTLETS = ("Harbour Courier", "Coastal Post", "The Daily Ledger")


def build_story(sessions: sessionmaker[Session], texts: list[str],
                import_order: list[int]) -> list[int]:
    """One story; version n is dated day n. Returns the ids in story (date) order."""
    ids: dict[int, int] = {}
    story_id = None
    with sessions.begin() as s:
        for n in import_order:
            outcome = add_article(s, make_article(
                texts[n], "Council budget", source=f"v{n}.txt", outlet=OUTLETS[n % 3],
                published=date(2026, 3, 1) + timedelta(days=n)),
                story_id=story_id, new_story=story_id is None)
            assert outcome.article_id is not None, outcome
            story_id = outcome.story_id
            ids[n] = outcome.article_id
    return [ids[n] for n in range(len(texts))]


@pytest.fixture
def six_versions(tmp_path: Path) -> Iterator[tuple[sessionmaker[Session], list[int]]]:
    sessions = open_library(f"sqlite:///{tmp_path / 'library.db'}")
    # Imported out of order: the strip follows the dates, not the import order.
    yield sessions, build_story(sessions, CHAIN, [2, 0, 1, 5, 3, 4])
    close_library(sessions)


def pair_shown(w: MainWindow) -> tuple[int, int] | None:
    doc = w.current_comparison()
    return (doc.left.id, doc.right.id) if doc is not None else None


def wait_for_pair(qtbot: QtBot, w: MainWindow, pair: tuple[int, int]) -> None:
    qtbot.waitUntil(lambda: pair_shown(w) == pair, timeout=COMPARE_TIMEOUT_MS)
    assert w.timeline.strip.pair() == pair  # the strip marks what is on screen


def click_node(w: MainWindow, index: int, *, ctrl: bool = False) -> None:
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    QTest.mouseClick(w.timeline.strip.canvas, Qt.MouseButton.LeftButton, modifier,
                     w.timeline.strip.node_center(index).toPoint())


def test_a_story_opens_on_its_latest_edit_with_every_version_on_the_strip(
        qtbot: QtBot, six_versions: tuple[sessionmaker[Session], list[int]],
        ui_settings: QSettings) -> None:
    sessions, ids = six_versions
    w, _ = open_window(qtbot, sessions, ui_settings)
    wait_for_pair(qtbot, w, (ids[4], ids[5]))
    strip = w.timeline.strip
    assert strip.isVisible()
    assert strip.ids() == ids  # by date, though imported as v2, v0, v1, v5, v3, v4
    qtbot.waitUntil(strip.has_changes, timeout=COMPARE_TIMEOUT_MS)
    # Between v5 and v6 (the protest sentence restored) the mark says one sentence added.
    between = (strip.node_center(4).x() + strip.node_center(5).x()) / 2
    tip = strip.canvas.tooltip_at(between)
    assert tip.startswith("v5 → v6")
    assert "1 added" in tip and "0 removed" in tip
    # Between v3 and v4 (the protest sentence deleted): one removed.
    between = (strip.node_center(2).x() + strip.node_center(3).x()) / 2
    assert "1 removed" in strip.canvas.tooltip_at(between)
    node_tip = strip.canvas.tooltip_at(strip.node_center(1).x())
    assert node_tip.startswith("v2 · Coastal Post") and "2 Mar 2026" in node_tip
    assert "Click: compare with v1" in node_tip


def test_clicking_a_node_compares_it_with_its_predecessor_and_ctrl_click_sets_the_other_end(
        qtbot: QtBot, six_versions: tuple[sessionmaker[Session], list[int]],
        ui_settings: QSettings) -> None:
    sessions, ids = six_versions
    w, _ = open_window(qtbot, sessions, ui_settings)
    click_node(w, 2)
    wait_for_pair(qtbot, w, (ids[1], ids[2]))
    assert w.picker.pair() == (ids[1], ids[2])  # the pickers follow
    click_node(w, 5, ctrl=True)  # v3 stays; v6 becomes the other end
    wait_for_pair(qtbot, w, (ids[2], ids[5]))
    click_node(w, 0, ctrl=True)  # an older version goes on the left
    wait_for_pair(qtbot, w, (ids[0], ids[2]))
    click_node(w, 0)  # the first version has no predecessor: it is compared with the second
    wait_for_pair(qtbot, w, (ids[0], ids[1]))
    # A pair chosen in the pickers is marked on the strip too.
    w.picker.right_combo.setCurrentIndex(w.picker.right_combo.findData(ids[4]))
    wait_for_pair(qtbot, w, (ids[0], ids[4]))


def test_alt_left_and_alt_right_step_through_consecutive_versions(
        qtbot: QtBot, six_versions: tuple[sessionmaker[Session], list[int]],
        ui_settings: QSettings) -> None:
    sessions, ids = six_versions
    w, _ = open_window(qtbot, sessions, ui_settings)
    wait_for_pair(qtbot, w, (ids[4], ids[5]))
    w.activateWindow()
    w.library.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.library.tree)
    alt = Qt.KeyboardModifier.AltModifier
    QTest.keyClick(w, Qt.Key.Key_Right, alt)
    assert "latest version" in w.statusBar().currentMessage()
    for n in range(4, 0, -1):
        QTest.keyClick(w, Qt.Key.Key_Left, alt)
        wait_for_pair(qtbot, w, (ids[n - 1], ids[n]))
    QTest.keyClick(w, Qt.Key.Key_Left, alt)
    assert "first version" in w.statusBar().currentMessage()
    assert pair_shown(w) == (ids[0], ids[1])
    w.view.setFocus()  # from the comparison too
    QTest.keyClick(w.view, Qt.Key.Key_Right, alt)
    wait_for_pair(qtbot, w, (ids[1], ids[2]))
    # From a pair that is not consecutive, a step goes on from its newer end.
    w.show_article(w.library.current()[0] or pytest.fail("no story"), None,
                   pair=(ids[0], ids[3]))
    wait_for_pair(qtbot, w, (ids[0], ids[3]))
    QTest.keyClick(w, Qt.Key.Key_Right, alt)
    wait_for_pair(qtbot, w, (ids[3], ids[4]))
    # F1 lists them.
    table = dict(shortcut_table(w.actions_))
    assert table["Next Version Pair"] == "Alt+Right"
    assert table["Previous Version Pair"] == "Alt+Left"


def test_the_preference_opens_stories_on_first_against_latest_and_is_remembered(
        qtbot: QtBot, six_versions: tuple[sessionmaker[Session], list[int]],
        ui_settings: QSettings) -> None:
    sessions, ids = six_versions
    other = build_story(sessions, [f"Ferry news. {t}" for t in CHAIN[:4]], [0, 1, 2, 3])
    w, _ = open_window(qtbot, sessions, ui_settings)
    wait_for_pair(qtbot, w, (other[2], other[3]))  # imported last: its latest edit
    w.actions_.first_with_latest.trigger()
    assert ui_settings.value("compare/first_with_latest", type=bool) is True
    # A story not yet looked at opens on its first and latest versions...
    six = next(st for st in w.library.model.loaded_stories()
               if ids[0] in {v.id for v in st.versions})
    assert w.library.select(six.id)
    wait_for_pair(qtbot, w, (ids[0], ids[5]))
    # ...but one the reader looked at keeps the pair they chose there.
    click_node(w, 2)
    wait_for_pair(qtbot, w, (ids[1], ids[2]))
    ferry = next(st for st in w.library.model.loaded_stories() if st.id != six.id)
    assert w.library.select(ferry.id)
    wait_for_pair(qtbot, w, (other[2], other[3]))
    assert w.library.select(six.id)
    wait_for_pair(qtbot, w, (ids[1], ids[2]))
    w.close()
    again, _ = open_window(qtbot, sessions, ui_settings)
    assert again.actions_.first_with_latest.isChecked()


def test_fifty_versions_scroll_with_the_latest_edit_in_view(
        qtbot: QtBot, tmp_path: Path, ui_settings: QSettings) -> None:
    sessions = open_library(f"sqlite:///{tmp_path / 'library.db'}")
    texts = [CHAIN[n % len(CHAIN)] + f" Update {n}: the tally was revised to {n * 7} votes."
             for n in range(50)]
    ids = build_story(sessions, texts, list(range(50)))
    try:
        w, _ = open_window(qtbot, sessions, ui_settings)
        w.resize(1200, 800)
        wait_for_pair(qtbot, w, (ids[48], ids[49]))
        strip = w.timeline.strip
        assert len(strip.ids()) == 50
        qtbot.waitUntil(strip.has_changes, timeout=COMPARE_TIMEOUT_MS)
        bar = strip.scroller.horizontalScrollBar()
        assert bar.isVisible() and bar.maximum() > 0
        qtbot.waitUntil(lambda: bar.value() == bar.maximum())  # the latest edit in view
        viewport = strip.scroller.viewport()
        last = strip.canvas.mapTo(viewport, strip.node_center(49).toPoint())
        assert viewport.rect().contains(last)
        image = strip.grab().toImage()
        assert image.width() > 0
        # Labels are elided to their slot; the full outlet and title are in the tooltip.
        tip = strip.canvas.tooltip_at(strip.node_center(30).x())
        assert tip.startswith("v31 · Harbour Courier") and "Council budget" in tip
        click_node(w, 30)
        wait_for_pair(qtbot, w, (ids[29], ids[30]))
        w.close()
    finally:
        close_library(sessions)


def test_a_story_of_one_version_has_no_strip(
        qtbot: QtBot, six_versions: tuple[sessionmaker[Session], list[int]],
        ui_settings: QSettings) -> None:
    from reader.app import build_main_window

    sessions, ids = six_versions
    with sessions.begin() as s:
        lone = add_article(s, make_article("A lighthouse keeper retired after forty years.",
                                           "Lighthouse", source="lone.txt"), new_story=True)
    w = build_main_window(sessions, ui_settings)  # opens on the story imported last
    qtbot.addWidget(w)
    w.show()
    story, _ = w.library.current()
    assert story is not None and story.id == lone.story_id
    assert not w.timeline.strip.isVisible()
    w.actions_.previous_version.trigger()  # nothing to step through, and no error
    w.library.step_story(+1)
    wait_for_pair(qtbot, w, (ids[4], ids[5]))
    assert w.timeline.strip.isVisible()


def test_a_step_keeps_swapped_sides_the_way_round_they_were() -> None:
    ids = [10, 11, 12, 13]
    assert stepped_pair(ids, (12, 11), +1) == (13, 12)
    assert stepped_pair(ids, (11, 12), -1) == (10, 11)
    assert stepped_pair(ids, (12, 13), +1) is None
    assert stepped_pair(ids, (10, 13), -1) is None


def test_ctrl_shift_e_exports_the_whole_story_as_one_overview_page(
        qtbot: QtBot, six_versions: tuple[sessionmaker[Session], list[int]],
        ui_settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from reader.store import add_note, anchor_for_passage

    sessions, ids = six_versions
    w, _ = open_window(qtbot, sessions, ui_settings)
    wait_for_pair(qtbot, w, (ids[4], ids[5]))
    story_id = w.current_comparison().story.id  # type: ignore[union-attr]
    start = CHAIN[0].index("Fishermen")
    with sessions.begin() as s:
        add_note(s, story_id, "Who protested", article_id=ids[0],
                 anchor=anchor_for_passage(CHAIN[0], start, start + len("Fishermen")))
    asked: list[str] = []

    def save_as(_parent: object, title: str, suggested: str, filters: str) -> tuple[str, str]:
        asked.append(f"{title}|{Path(suggested).name}|{filters}")
        return str(tmp_path / "story"), filters  # no extension typed

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    assert dict(shortcut_table(w.actions_))["Export Story Overview"] == "Ctrl+Shift+E"
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)  # a shortcut goes to the active window only
    w.library.tree.setFocus()
    QTest.keyClick(w, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert asked == ["Export Story Overview|council-budget-overview.html|HTML page (*.html)"]
    page = (tmp_path / "story.html").read_text(encoding="utf-8")
    assert page.count('<section class="step"') == 5  # six versions, five steps
    assert "Who protested" in page
    assert w.statusBar().currentMessage() == (
        f"Exported the overview of 6 versions to {tmp_path / 'story.html'}")
