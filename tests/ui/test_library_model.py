"""The library tree loads stories a page at a time and finds a story beyond the first page."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest

from reader.store import count_stories, import_paths, list_stories
from reader.ui.library_model import SUBTITLE_ROLE, LibraryModel
from reader.ui.timeline_text import default_pair
from tests.store.corpus import CorpusGenerator

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot
    from sqlalchemy.orm import Session, sessionmaker

ROOT = QModelIndex()


def test_stories_arrive_a_page_at_a_time(qtbot: QtBot,
                                         sample_library: sessionmaker[Session]) -> None:
    model = LibraryModel(sample_library, page_size=1)
    assert (model.rowCount(), model.total) == (1, 3)
    assert model.can_fetch_more()
    assert not model.canFetchMore(ROOT)  # the panel asks for pages, not Qt's layout
    with qtbot.waitSignal(model.rowsInserted, timeout=5000):
        model.fetch_more()  # read on the worker; the view is not held up
        assert not model.can_fetch_more()  # one page at a time
        assert model.rowCount() == 1
    assert model.rowCount() == 2
    with sample_library() as s:
        last = list_stories(s)[-1]
    index = model.story_index(last.id)  # reads the rest at once to find it
    assert index.isValid() and model.rowCount() == 3 and not model.can_fetch_more()
    story = model.story(index)
    assert story is not None and story.id == last.id


def test_a_page_read_before_a_new_query_is_dropped(qtbot: QtBot,
                                                   sample_library: sessionmaker[Session]
                                                   ) -> None:
    model = LibraryModel(sample_library, page_size=1)
    model.fetch_more()
    model.set_query("jembatan")  # while the page is being read
    assert model.wait()
    qtbot.wait(20)  # let the stale page's signal arrive
    # A full first page (of one) is counted after it is shown.
    qtbot.waitUntil(lambda: not model.counting, timeout=5000)
    assert model.rowCount() == 1 == model.total
    story = model.story(model.index(0, 0))
    assert story is not None and "Jembatan" in story.title


def test_stories_have_their_versions_as_children(qtbot: QtBot,
                                                 sample_library: sessionmaker[Session]) -> None:
    model = LibraryModel(sample_library)
    with sample_library() as s:
        stories = {st.id: st for st in list_stories(s)}
    for row in range(model.rowCount()):
        parent = model.index(row, 0)
        story = model.story(parent)
        assert story is not None
        assert model.rowCount(parent) == len(stories[story.id].versions)
        assert model.index(row, 1).data() == str(len(story.versions))
        child = model.index(0, 0, parent)
        assert model.parent(child) == parent
        article = model.article(child)
        assert article is not None and article.story_id == story.id
        assert model.index(0, 1, parent).data() == ""  # the narrow count column is the story's
        assert f"{article.words:,} words" in str(child.data(SUBTITLE_ROLE))
        assert model.article(parent) is None
        # What the tree view asks of every row as it lays itself out.
        assert model.hasChildren(parent) and not model.hasChildren(child)
        assert not model.hasChildren(model.index(row, 1))  # only the title column expands
        title, count = model.flags(parent), model.flags(model.index(row, 1))
        assert title & Qt.ItemFlag.ItemIsEditable and not count & Qt.ItemFlag.ItemIsEditable
        assert not (title | count) & Qt.ItemFlag.ItemIsDragEnabled
        assert model.flags(child) & Qt.ItemFlag.ItemIsDragEnabled
        assert not model.flags(child) & Qt.ItemFlag.ItemIsEditable
        for flags in (title, count, model.flags(child)):
            assert flags & Qt.ItemFlag.ItemIsEnabled and flags & Qt.ItemFlag.ItemIsSelectable
    assert model.hasChildren(ROOT) and not model.flags(ROOT)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Title"


def test_versions_are_oldest_first_and_pairs_follow(qtbot: QtBot,
                                                    sample_library: sessionmaker[Session]
                                                    ) -> None:
    from reader.store.comparisons import version_age

    model = LibraryModel(sample_library)
    for row in range(model.rowCount()):
        story = model.story(model.index(row, 0))
        assert story is not None
        assert list(story.versions) == sorted(story.versions, key=version_age)
        ids = [v.id for v in story.versions]
        assert default_pair(story, None) == (ids[-2], ids[-1])  # the latest edit
        assert default_pair(story, None, first_with_latest=True) == (ids[0], ids[-1])
        assert default_pair(story, story.versions[0]) == (ids[0], ids[1])
        assert default_pair(story, story.versions[-1]) == (ids[-2], ids[-1])


def test_query_and_sort_reload_from_the_library(qtbot: QtBot,
                                                sample_library: sessionmaker[Session]) -> None:
    model = LibraryModel(sample_library)
    model.set_sort("title")
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles == sorted(titles, key=str.casefold)
    with qtbot.waitSignal(model.searchFinished, timeout=5000):
        model.set_query("plastic")  # read on the worker: the window goes on responding
    with sample_library() as s:
        assert model.total == count_stories(s, "plastic") == 1
    assert model.rowCount() == 1


# A bare panel as a top-level window: the offscreen platform says it cannot pass size hints on.
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_panel_reads_further_pages_only_as_the_reader_scrolls(
        qtbot: QtBot, tmp_path: Path) -> None:
    from reader.store import add_article, close_library, open_library
    from reader.ui.library_panel import LibraryPanel
    from tests.store.conftest import make_article

    sessions = open_library(f"sqlite:///{tmp_path / 'many.db'}")
    with sessions.begin() as s:
        for n in range(60):
            add_article(s, make_article(f"Item {n}: zebra{n} crossing{n} repainted.",
                                        f"Story {n}", source=f"{n}.txt"), new_story=True)
    panel = LibraryPanel(LibraryModel(sessions, page_size=20))
    qtbot.addWidget(panel)
    panel.resize(300, 250)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.wait(200)  # Qt's own layout passes: they must not read the library page by page
    model = panel.model
    assert model.rowCount() == 20 and model.total == 60
    bar = panel.tree.verticalScrollBar()
    bar.setValue(bar.maximum())  # the reader scrolls to the last story shown
    qtbot.waitUntil(lambda: model.rowCount() == 40, timeout=5000)
    qtbot.wait(200)
    assert model.rowCount() == 40  # one page, not the rest of the library
    assert model.wait()
    close_library(sessions)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_search_shows_its_first_page_then_its_count(
        qtbot: QtBot, backend_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Results do not wait for the count: a full first page is shown at once with "20+", the
    count follows on its own thread; a short first page is its own count."""
    from reader.store import add_article, close_library, open_library, writing
    from reader.ui import library_reads
    from reader.ui.library_panel import LibraryPanel
    from tests.store.conftest import make_article

    sessions = open_library(backend_url)
    with writing(sessions) as s:
        for n in range(45):
            word = "harbour" if n % 3 else "market"
            add_article(s, make_article(f"Item {n}: the {word} report, number{n}.",
                                        f"Story {n}", source=f"{n}.txt"), new_story=True)
    counts: list[str] = []
    real_count = library_reads.count_stories
    release = threading.Event()  # the count waits until the page has been looked at

    def count(session: Session, query: str = "") -> int:
        counts.append(query)
        release.wait(5)
        return real_count(session, query)

    monkeypatch.setattr(library_reads, "count_stories", count)
    panel = LibraryPanel(LibraryModel(sessions, page_size=20))
    qtbot.addWidget(panel)
    model = panel.model
    with qtbot.waitSignal(model.countFinished, timeout=5000):
        with qtbot.waitSignal(model.searchFinished, timeout=5000):
            model.set_query("harb")
        assert model.rowCount() == 20 and model.counting and model.total == 21
        assert panel.count_label.text() == "20+ stories match, counting…"
        assert model.has_more()
        release.set()
    assert not model.counting and model.total == 30 and counts == ["harb"]
    assert panel.count_label.text() == "30 stories match"
    with qtbot.waitSignal(model.searchFinished, timeout=5000):
        model.set_query("market")  # 15 stories: one short page, counted by itself
    assert (model.rowCount(), model.total, model.counting) == (15, 15, False)
    assert counts == ["harb"]
    assert panel.count_label.text() == "15 stories match"
    assert model.wait()
    close_library(sessions)


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_search_never_reads_pages_to_find_the_story_on_screen(
        qtbot: QtBot, tmp_path: Path) -> None:
    """The story on screen is further down a search's results: the window shows the first page
    at once (it used to read up to 20 pages on the UI thread looking for it, half a second at
    100,000 articles), says nothing about it being hidden, and selects it again when the reader
    scrolls down to it."""
    from reader.store import add_article, close_library, open_library
    from reader.ui.library_panel import LibraryPanel
    from tests.store.conftest import make_article

    sessions = open_library(f"sqlite:///{tmp_path / 'many.db'}")
    with sessions.begin() as s:
        ids = [add_article(s, make_article(f"Item {n}: zebra{n} crossing repainted.",
                                           f"Story {n}", source=f"{n}.txt"),
                           new_story=True).story_id for n in range(60)]
    panel = LibraryPanel(LibraryModel(sessions, page_size=20))
    qtbot.addWidget(panel)
    panel.resize(300, 250)
    panel.show()
    qtbot.waitExposed(panel)
    model = panel.model
    assert panel.select(ids[5])  # newest first: Story 5 is on the third page
    hidden: list[str] = []
    panel.storyHidden.connect(hidden.append)
    with qtbot.waitSignal(model.searchFinished, timeout=5000):
        QTest.keyClicks(panel.search, "crossing")
    assert model.rowCount() == 20 and model.has_more()
    assert not panel.tree.currentIndex().isValid() and hidden == []
    bar = panel.tree.verticalScrollBar()
    while model.rowCount() < 60:
        rows = model.rowCount()
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda rows=rows: model.rowCount() > rows, timeout=5000)
    story = model.story(panel.tree.currentIndex())
    assert story is not None and story.id == ids[5] and hidden == []
    assert model.wait()
    close_library(sessions)


def test_a_page_comes_in_one_insert_laid_out_by_qt_alone(
        qtbot: QtBot, sample_library: sessionmaker[Session], tmp_path: Path) -> None:
    """Qt's tree view asks every loaded row for its index, flags and children each time a
    page comes in: Qt's own items answer them, not Python (bench/README.md), and the page's
    rows arrive in one insert (the library panel counts and reselects on each)."""
    for asked_per_row in ("index", "parent", "rowCount", "columnCount", "hasChildren", "flags"):
        assert asked_per_row not in vars(LibraryModel)
    dump = tmp_path / "more.jsonl"
    dump.write_text("".join(article.json_line() + "\n"
                            for article in CorpusGenerator(seed=3).articles(4, extra_versions=0)),
                    encoding="utf-8")
    import_paths(sample_library, [dump])
    model = LibraryModel(sample_library, page_size=3, background_pages=False)
    inserted: list[tuple[bool, int, int]] = []
    model.rowsInserted.connect(
        lambda parent, first, last: inserted.append((parent.isValid(), first, last)))
    assert model.fetch_page_now()
    assert inserted == [(False, 3, 5)] and model.rowCount() == 6
    for row in range(6):
        story = model.story(model.index(row, 1))
        assert story is not None and model.rowCount(model.index(row, 0)) == len(story.versions)
        assert model.flags(model.index(row, 1)) == (Qt.ItemFlag.ItemIsEnabled
                                                    | Qt.ItemFlag.ItemIsSelectable)
