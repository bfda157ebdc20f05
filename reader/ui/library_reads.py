"""Reading the library list off the UI thread: further pages as the reader scrolls, a search's
first page as the reader types, and the count of a search whose first page was full.

Each task reads with its own session and reports through a signal object that has no parent,
so a late answer never reaches a dead model.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, QRunnable, Signal

from reader.store import count_stories, list_stories
from reader.store.comparisons import version_age
from reader.store.records import StorySummary

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

SortKey = Literal["recent", "title", "date", "versions"]


def by_age(stories: Sequence[StorySummary]) -> list[StorySummary]:
    """Each story with its versions oldest first, the order comparisons use."""
    return [dataclasses.replace(s, versions=tuple(sorted(s.versions, key=version_age)))
            for s in stories]



class PageSignals(QObject):
    arrived = Signal(int, int, object)  # generation, offset, list[StorySummary] | None on error


class PageTask(QRunnable):
    """Reads one page of stories with its own session, off the UI thread."""

    def __init__(self, sessions: sessionmaker[Session], generation: int, query: str,
                 sort: SortKey, offset: int, limit: int, signals: PageSignals) -> None:
        super().__init__()
        self._args = (sessions, generation, query, sort, offset, limit)
        self.signals = signals

    def run(self) -> None:
        sessions, generation, query, sort, offset, limit = self._args
        page: list[StorySummary] | None
        try:
            with sessions.begin() as s:
                page = by_age(list_stories(s, query, sort=sort, offset=offset, limit=limit))
        except Exception:  # the view asks again on the next scroll
            page = None
        self.signals.arrived.emit(generation, offset, page)


class SearchSignals(QObject):
    # generation, query, (total or None while uncounted, first page) | None on error
    arrived = Signal(int, str, object)
    counted = Signal(int, object)  # generation, total | None on error


class SearchTask(QRunnable):
    """Reads a query's first page, off the UI thread; a short page is its whole count. A task
    whose query was overtaken by a newer one before it started reads nothing. Every task reports
    back once, in the order they were started (the pool has one thread)."""

    def __init__(self, sessions: sessionmaker[Session], generation: int, latest: Callable[[], int],
                 query: str, sort: SortKey, limit: int, signals: SearchSignals) -> None:
        super().__init__()
        self._args = (sessions, generation, query, sort, limit)
        self._latest = latest
        self.signals = signals

    def run(self) -> None:
        sessions, generation, query, sort, limit = self._args
        result: tuple[int | None, list[StorySummary]] | None = None
        if generation != self._latest():
            self.signals.arrived.emit(generation, query, result)
            return
        try:
            with sessions.begin() as s:
                page = by_age(list_stories(s, query, sort=sort, offset=0, limit=limit))
            result = (len(page) if len(page) < limit else None, page)
        except Exception:  # the stories shown stay; the next keystroke asks again
            result = None
        self.signals.arrived.emit(generation, query, result)


class CountTask(QRunnable):
    """Counts the stories of a query whose first page was full, on a thread of its own: a
    count grows with the matches (a 3-letter prefix in most of 100,000 articles: 100-200 ms),
    so results are shown without waiting for it and the next keystroke's page never queues
    behind it. Skipped when a newer query came before it started."""

    def __init__(self, sessions: sessionmaker[Session], generation: int, latest: Callable[[], int],
                 query: str, signals: SearchSignals) -> None:
        super().__init__()
        self._args = (sessions, generation, query)
        self._latest = latest
        self.signals = signals

    def run(self) -> None:
        sessions, generation, query = self._args
        total: int | None = None
        if generation != self._latest():
            self.signals.counted.emit(generation, total)  # reports anyway: the model frees it
            return
        try:
            with sessions.begin() as s:
                total = count_stories(s, query)
        except Exception:  # the provisional count stays: pages still load as the reader scrolls
            total = None
        self.signals.counted.emit(generation, total)
