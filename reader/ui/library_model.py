"""The library as a two-level tree: stories, and their versions under them.

Stories are fetched a page at a time as the reader scrolls near the end (the library panel
asks: fetch_more), so a library of 100k articles opens as fast as one of ten.

The tree's shape lives in Qt's own items (a QStandardItemModel, each cell an item with its
flags and nothing else): Qt's tree view lays out every loaded row again whenever a page is
added, asking each row's index, flags and children, and answered in Python that grew by ~8 ms
a page for every 1,000 stories loaded (bench/README.md). What a row shows is still answered
here, from the stories read, and only for the rows on screen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from reader.store import count_stories, list_stories
from reader.store.records import ArticleSummary, StorySummary
from reader.ui.library_reads import (
    CountTask,
    PageSignals,
    PageTask,
    SearchSignals,
    SearchTask,
    SortKey,
    by_age,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

SORT_KEYS: tuple[SortKey, ...] = ("recent", "title", "date", "versions")
SORT_LABELS: dict[SortKey, str] = {"recent": "Recently imported", "title": "Title",
                                   "date": "Date", "versions": "Most versions"}
# The count is a narrow column: titles get the width (its header tooltip says "Versions").
COLUMNS = ("Title", "#")
COLUMN_TIPS = ("Story title; outlet and date below", "Versions")
# Which store sort a header click on each column asks for.
COLUMN_SORT: tuple[SortKey, ...] = ("title", "versions")
# The second line under a title: outlet(s) and date.
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex
# Each cell's flags, kept by its item.
_STORY_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_STORY_TITLE_FLAGS = _STORY_FLAGS | Qt.ItemFlag.ItemIsEditable  # F2 renames a story in place
_VERSION_FLAGS = _STORY_FLAGS | Qt.ItemFlag.ItemIsDragEnabled  # dropped on a story to move it


def story_outlets(story: StorySummary) -> str:
    seen: list[str] = []
    for v in story.versions:
        if v.outlet and v.outlet not in seen:
            seen.append(v.outlet)
    return ", ".join(seen)


def format_date(day: date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day is not None else ""


def _unopened(story: StorySummary, article: ArticleSummary | None) -> bool:
    if article is not None:
        return article.unopened
    return any(v.unopened for v in story.versions)


def story_date(story: StorySummary) -> str:
    dates = [v.published for v in story.versions if v.published is not None]
    return format_date(max(dates)) if dates else ""


class LibraryModel(QStandardItemModel):
    """The first page is read at once; later pages, asked for by the view as the reader
    scrolls, and searches, as the reader types, are read on worker threads (the newest
    search wins) unless `background_pages` is off."""

    searchStarted = Signal()
    searchFinished = Signal()  # the first page of a search is shown
    countFinished = Signal()  # the stories of a search with a full first page are counted

    renameRequested = Signal(int, str)  # story id, the title typed in place (F2)

    def __init__(self, sessions: sessionmaker[Session], *, page_size: int = 200,
                 background_pages: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.invisibleRootItem().setFlags(Qt.ItemFlag.NoItemFlags)  # nothing drops between rows
        self._sessions = sessions
        self._page_size = page_size
        self._query = ""
        self._sort: SortKey = "recent"
        self._stories: list[StorySummary] = []
        self._total = 0
        self._generation = 0  # bumped on every reload: pages read before it are dropped
        self._fetching = False
        self._background = background_pages
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._page_signals = PageSignals()  # no parent: a late page never hits a dead object
        self._page_signals.arrived.connect(self._page_arrived)
        self._task: PageTask | None = None
        self._search_pool = QThreadPool(self)
        self._search_pool.setMaxThreadCount(1)
        self._search_signals = SearchSignals()
        self._search_signals.arrived.connect(self._search_arrived)
        self._search_signals.counted.connect(self._count_arrived)
        self._searches: list[SearchTask] = []  # kept alive until their results arrive
        self._count_pool = QThreadPool(self)
        self._count_pool.setMaxThreadCount(1)
        self._counting: CountTask | None = None  # the count of the query shown, until it is in
        self._counts: list[CountTask] = []  # kept alive until they report, in their order
        self.reload()

    # What is shown -------------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._query

    @property
    def sort_key(self) -> SortKey:
        return self._sort

    @property
    def page_size(self) -> int:
        return self._page_size

    @property
    def total(self) -> int:
        """Stories matching the query, loaded or not (while `counting`: those loaded plus one)."""
        return self._total

    @property
    def searching(self) -> bool:
        return bool(self._searches)

    @property
    def counting(self) -> bool:
        """The stories of the query shown are being counted (`total` is loaded + 1 until then)."""
        return self._counting is not None

    def set_query(self, query: str) -> None:
        """Show the stories matching `query`: at once, or when the worker has read them."""
        query = query.strip()
        if query == self._query and not self._searches:
            return
        if not self._background:
            self._query = query
            self.reload()
            return
        self._generation += 1
        task = SearchTask(self._sessions, self._generation, lambda: self._generation, query,
                           self._sort, self._page_size, self._search_signals)
        task.setAutoDelete(False)
        self._searches.append(task)
        self.searchStarted.emit()
        self._search_pool.start(task)

    def _search_arrived(self, generation: int, query: str,
                        result: tuple[int | None, list[StorySummary]] | None) -> None:
        if self._searches:
            self._searches.pop(0)
        if generation == self._generation and result is not None:
            total, page = result
            self.beginResetModel()
            self._query = query
            self._fetching = False
            self._show(page)
            self._counting = None
            if total is None:  # a full page: more to scroll to, counted meanwhile
                self._total = len(page) + 1
                self._counting = CountTask(self._sessions, generation,
                                            lambda: self._generation, query,
                                            self._search_signals)
                self._counting.setAutoDelete(False)
                self._counts.append(self._counting)
                self._count_pool.start(self._counting)
            else:
                self._total = total
            self.endResetModel()
        if not self._searches:
            self.searchFinished.emit()

    def _count_arrived(self, generation: int, total: int | None) -> None:
        if self._counts:
            self._counts.pop(0)
        if generation != self._generation or self._counting is None:
            return
        self._counting = None
        if total is not None:
            self._total = max(total, len(self._stories))
        self.countFinished.emit()

    def set_sort(self, key: SortKey) -> None:
        if key != self._sort:
            self._sort = key
            self.reload()

    def reload(self) -> None:
        """Start again from the first page (after an import, a new query or sort)."""
        self.beginResetModel()
        self._generation += 1
        self._fetching = False
        self._counting = None
        with self._sessions.begin() as s:
            self._total = count_stories(s, self._query)
            self._show(by_age(list_stories(s, self._query, sort=self._sort, offset=0,
                                           limit=self._page_size)))
        self.endResetModel()

    def _show(self, stories: list[StorySummary]) -> None:
        """Inside a reset: these stories are all the rows. Qt is told nothing row by row, as
        the views rebuild themselves when the reset ends."""
        self._stories = stories
        blocked = self.blockSignals(True)
        try:
            root = self.invisibleRootItem()
            root.removeRows(0, root.rowCount())
            self._add_rows(stories)
        finally:
            self.blockSignals(blocked)

    def _add_rows(self, stories: Sequence[StorySummary]) -> None:
        """The rows of `stories` after the last, in one rowsInserted."""
        if not stories:
            return
        root = self.invisibleRootItem()
        first = root.rowCount()
        root.insertRows(first, [_story_item(story) for story in stories])
        for row in range(first, first + len(stories)):
            root.setChild(row, 1, _cell(_STORY_FLAGS))

    # Lookup ----------------------------------------------------------------------------------

    def story(self, index: AnyIndex) -> StorySummary | None:
        if not index.isValid():
            return None
        parent = index.parent()
        return self._stories[parent.row() if parent.isValid() else index.row()]

    def article(self, index: AnyIndex) -> ArticleSummary | None:
        """The version a row stands for, or None for a story row."""
        if not index.isValid():
            return None
        parent = index.parent()
        if not parent.isValid():
            return None
        return self._stories[parent.row()].versions[index.row()]

    def loaded_stories(self) -> tuple[StorySummary, ...]:
        return tuple(self._stories)

    def story_index(self, story_id: int, *, max_pages: int = 20) -> QModelIndex:
        """The row of a story, fetching further pages (up to a limit) until it turns up."""
        pages = 0
        while True:
            for row, story in enumerate(self._stories):
                if story.id == story_id:
                    return self.index(row, 0)
            if pages >= max_pages or not self.fetch_page_now():
                return QModelIndex()
            pages += 1

    def article_index(self, story_id: int, article_id: int, *, max_pages: int = 20
                      ) -> QModelIndex:
        parent = self.story_index(story_id, max_pages=max_pages)
        story = self.story(parent)
        if story is None:
            return QModelIndex()
        for row, v in enumerate(story.versions):
            if v.id == article_id:
                return self.index(row, 0, parent)
        return QModelIndex()

    # Pages -----------------------------------------------------------------------------------

    def has_more(self) -> bool:
        """Stories match that are not loaded yet."""
        return len(self._stories) < self._total

    def fetch_page_now(self) -> bool:
        """Load the next page before returning (to find or step to a story); False at the end."""
        if not self.has_more():
            return False
        with self._sessions.begin() as s:
            page = by_age(list_stories(s, self._query, sort=self._sort,
                                       offset=len(self._stories), limit=self._page_size))
        self._append(page)
        return bool(page)

    def wait(self, ms: int = 5_000) -> bool:
        return (self._search_pool.waitForDone(ms) and self._pool.waitForDone(ms)
                and self._count_pool.waitForDone(ms))

    def can_fetch_more(self) -> bool:
        """Another page can be asked for: stories remain and none is being read."""
        return not self._fetching and self.has_more()

    # Qt's tree view asks for more rows whenever it lays itself out (Qt 6 fetches "first" in
    # QTreeViewPrivate::layout), and every page that arrives lays it out again: the whole
    # library was read page after page at open (86k stories in under ten seconds). Pages are
    # asked for by the library panel as the reader scrolls near the end instead.
    def canFetchMore(self, parent: AnyIndex) -> bool:
        return False

    def fetch_more(self) -> None:
        """Read the next page, on the worker unless `background_pages` is off."""
        if not self.can_fetch_more():
            return
        if not self._background:
            self.fetch_page_now()
            return
        self._fetching = True
        self._task = PageTask(self._sessions, self._generation, self._query, self._sort,
                               len(self._stories), self._page_size, self._page_signals)
        self._task.setAutoDelete(False)
        self._pool.start(self._task)

    def _page_arrived(self, generation: int, offset: int,
                      page: list[StorySummary] | None) -> None:
        if generation != self._generation:
            return  # read before a new query, sort or import
        self._fetching = False
        self._task = None
        if page is not None and offset == len(self._stories):
            self._append(page)

    def _append(self, page: list[StorySummary]) -> None:
        if not page:
            self._total = len(self._stories)  # the library shrank since we counted
            return
        self._stories.extend(page)
        if self._counting is not None:  # still counting: at least one more than loaded
            self._total = max(self._total, len(self._stories) + 1)
        self._add_rows(page)

    # What a row shows ------------------------------------------------------------------------

    def mark_opened(self, article_ids: Sequence[int]) -> None:
        """These versions were looked at: redraw their rows (and their stories) unbolded."""
        opened = set(article_ids)
        for row, story in enumerate(self._stories):
            if not any(v.id in opened and v.unopened for v in story.versions):
                continue
            self._stories[row] = dataclasses.replace(story, versions=tuple(
                dataclasses.replace(v, unopened=False) if v.id in opened else v
                for v in story.versions))
            parent = self.index(row, 0)
            self.dataChanged.emit(parent, parent)
            self.dataChanged.emit(self.index(0, 0, parent),
                                  self.index(len(story.versions) - 1, 0, parent))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return COLUMN_TIPS[section]
        return None

    def setData(self, index: AnyIndex, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A title typed in place is handed on, not stored here: the window renames the story
        and the library is re-read."""
        story = self.story(index)
        if role != Qt.ItemDataRole.EditRole or self.article(index) is not None or story is None:
            return False
        title = str(value).strip()
        if title and title != story.title:
            self.renameRequested.emit(story.id, title)
        return False

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        article = self.article(index)
        story = self.story(index)
        assert story is not None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(story, article, col)
        if role == Qt.ItemDataRole.EditRole and article is None and col == 0:
            return story.title
        if role == SUBTITLE_ROLE and col == 0:
            if article is None:
                parts = [story_date(story), story_outlets(story)]
            else:
                parts = [format_date(article.published), article.outlet or "",
                         f"{article.words:,} words"]
            if _unopened(story, article):
                parts.insert(0, "new")  # the word, not only the weight, says it
            return " · ".join(p for p in parts if p)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(story, article)
        if role == Qt.ItemDataRole.FontRole and col == 0 and _unopened(story, article):
            font = QFont()
            font.setBold(True)  # a version a watch check brought in, not looked at yet
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _cell(story: StorySummary, article: ArticleSummary | None, col: int) -> str:
        if article is None:
            return (story.title, str(len(story.versions)))[col]
        n = story.versions.index(article) + 1
        if col == 0:
            return f"v{n}  {article.title or article.source_name}"
        return ""

    @staticmethod
    def _describe(story: StorySummary, article: ArticleSummary | None) -> str:
        if article is None:
            n = len(story.versions)
            outlets = story_outlets(story)
            return "\n".join(filter(None, [story.title, outlets,
                                            f"{n} version{'s' if n != 1 else ''}"]))
        n = story.versions.index(article) + 1
        when = format_date(article.published) or "date unknown"
        return "\n".join(filter(None, [f"Version {n}: {article.title}", article.outlet,
                                        f"{when} · {article.words:,} words",
                                        article.source_name]))


def _story_item(story: StorySummary) -> QStandardItem:
    """A story's title cell, with a row of cells under it for each version."""
    item = _cell(_STORY_TITLE_FLAGS)
    for _version in story.versions:
        item.appendRow([_cell(_VERSION_FLAGS) for _column in COLUMNS])
    return item


def _cell(flags: Qt.ItemFlag) -> QStandardItem:
    item = QStandardItem()
    item.setFlags(flags)
    return item
