"""A story's timeline computed off the UI thread: on a cold cache it runs one comparison per
step (~0.2-0.6 s for 50 versions of 2,000 words), which must not freeze the window.

Like the ComparisonRunner: one job at a time, and while it runs only the newest request
waits; `ready` fires only for the request made last. The last few timelines are kept, so
coming back to a story shows its strip at once.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from reader.compare.model import CompareOptions
from reader.store.records import StorySummary, TimelineStep
from reader.store.timeline import story_timeline_briefly_locked
from reader.ui.timeline_strip import TimelineStrip, above

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

KEEP_TIMELINES = 8  # a timeline is a few numbers per version: cheap to keep


@dataclass(frozen=True)
class TimelineRequest:
    story_id: int
    versions: frozenset[int]  # the versions the story had when asked: an import changes them
    options: CompareOptions


class _Signals(QObject):
    done = Signal(int, object)  # ticket, list[TimelineStep]
    failed = Signal(int, str)


class _TimelineTask(QRunnable):
    def __init__(self, sessions: sessionmaker[Session], ticket: int, request: TimelineRequest,
                 signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it until its result is delivered
        self._sessions, self._ticket, self.request, self._signals = (sessions, ticket, request,
                                                                    signals)

    def run(self) -> None:
        try:
            steps = story_timeline_briefly_locked(self._sessions, self.request.story_id,
                                                  self.request.options)
        except Exception as exc:  # the strip goes without its marks; the window carries on
            self._signals.failed.emit(self._ticket, str(exc) or type(exc).__name__)
            return
        self._signals.done.emit(self._ticket, steps)


class TimelineRunner(QObject):
    ready = Signal(object, object)  # TimelineRequest, list[TimelineStep]
    failed = Signal(object, str)  # TimelineRequest, reason

    def __init__(self, sessions: sessionmaker[Session], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._ticket = 0
        self._running: _TimelineTask | None = None
        self._pending: tuple[int, TimelineRequest] | None = None
        self._recent: OrderedDict[TimelineRequest, list[TimelineStep]] = OrderedDict()

    def request(self, request: TimelineRequest) -> None:
        self._ticket += 1
        self._pending = None
        kept = self._recent.get(request)
        if kept is not None:
            self._recent.move_to_end(request)
            self.ready.emit(request, kept)
        elif self._running is None:
            self._start(self._ticket, request)
        else:
            self._pending = (self._ticket, request)

    def cancel_pending(self) -> None:
        """Drop every request made so far: their results will not be delivered."""
        self._ticket += 1
        self._pending = None

    def wait(self, ms: int = 5_000) -> bool:
        return self._pool.waitForDone(ms)

    def forget(self) -> None:
        """Drop the kept timelines (the next request reads the library again)."""
        self._recent.clear()

    def _start(self, ticket: int, request: TimelineRequest) -> None:
        self._running = _TimelineTask(self._sessions, ticket, request, self._signals)
        self._pool.start(self._running)

    def _finish(self, ticket: int) -> TimelineRequest | None:
        """The request of the task that ended, if it is still the one wanted; starts the next."""
        assert self._running is not None
        request = self._running.request if ticket == self._ticket else None
        self._running = None
        if self._pending is not None:
            self._start(*self._pending)
            self._pending = None
        return request

    def _done(self, ticket: int, steps: list[TimelineStep]) -> None:
        assert self._running is not None
        self._recent[self._running.request] = steps
        while len(self._recent) > KEEP_TIMELINES:
            self._recent.popitem(last=False)
        request = self._finish(ticket)
        if request is not None:
            self.ready.emit(request, steps)

    def _failed(self, ticket: int, reason: str) -> None:
        request = self._finish(ticket)
        if request is not None:
            self.failed.emit(request, reason)


class StoryTimeline(QObject):
    """The strip fed by the runner: `show_story` puts the versions on the strip at once and
    their change marks once counted (only if the reader is still on that story); `step`
    chooses the next or previous consecutive pair, and says so at the ends."""

    message = Signal(str, int)  # for the status bar: text, milliseconds

    def __init__(self, sessions: sessionmaker[Session], parent: QWidget) -> None:
        super().__init__(parent)
        self.strip = TimelineStrip(parent)
        self.runner = TimelineRunner(sessions, self)
        self.runner.ready.connect(self._ready)
        self._story_id: int | None = None
        self._asked: TimelineRequest | None = None

    def show_story(self, story: StorySummary | None, options: CompareOptions,
                   pair: tuple[int | None, int | None] = (None, None)) -> None:
        """The story on screen (None: nothing is) and the pair compared, if any."""
        versions = story.versions if story is not None else ()
        self._story_id = story.id if story is not None else None
        self.strip.set_versions(versions)
        left, right = pair
        if left is not None and right is not None:
            self.strip.set_pair(left, right)
        else:
            self.strip.clear_pair()
        if story is None or len(versions) < 2:
            self._asked = None
            self.runner.cancel_pending()
            return
        request = TimelineRequest(story.id, frozenset(v.id for v in versions), options)
        if request != self._asked:  # another pair of the same story needs no new timeline
            self._asked = request
            self.runner.request(request)

    def above(self, view: QWidget) -> QWidget:
        """The strip stacked over `view`, as one pane."""
        return above(self.strip, view)

    def step(self, delta: int) -> None:
        if self._story_id is not None and len(self.strip.ids()) >= 2 \
                and not self.strip.step(delta):
            end = "latest" if delta > 0 else "first"
            self.message.emit(f"Already at the {end} version of this story.", 3000)

    def shutdown(self) -> None:
        self.runner.cancel_pending()
        self.runner.wait()

    def _ready(self, request: TimelineRequest, steps: list[TimelineStep]) -> None:
        if request.story_id == self._story_id:
            self.strip.set_changes({s.version.id: s.since_previous for s in steps
                                    if s.since_previous is not None})
