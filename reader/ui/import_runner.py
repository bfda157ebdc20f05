"""Work that must not freeze the window: imports on a QThread, comparisons on a thread pool.

Each job opens its own session (one per user action) from the sessionmaker it is given.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal, Slot

from reader.compare.model import CompareOptions
from reader.store import compare_versions, import_paths, import_samples
from reader.store.engine import plain_reason
from reader.store.records import ImportOutcome, ImportProgress, VersionPair

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


# Imports ---------------------------------------------------------------------------------------

# (done, in all, the outcome just stored, or a file import's whole ImportProgress)
ProgressReport = Callable[[int, int, ImportOutcome | ImportProgress], None]
ImportJob = Callable[[ProgressReport, Callable[[], bool]], list[ImportOutcome]]
# An import of 100k articles reports each one; the window redraws at most this often.
PROGRESS_EVERY_S = 0.1


class _ImportWorker(QObject):
    progress = Signal(int, int, object)  # done, total, ImportOutcome
    detailed = Signal(object)  # ImportProgress, from a file import
    finished = Signal(object)  # list[ImportOutcome]
    failed = Signal(str)

    def __init__(self, job: ImportJob, cancel: threading.Event) -> None:
        super().__init__()
        self._job = job
        self._cancel = cancel
        self._reported = 0.0

    def _report(self, done: int, total: int, what: ImportOutcome | ImportProgress) -> None:
        if not isinstance(what, ImportProgress):
            self.progress.emit(done, total, what)
            return
        now = time.monotonic()
        if now - self._reported >= PROGRESS_EVERY_S:
            self._reported = now
            self.detailed.emit(what)

    @Slot()
    def run(self) -> None:
        try:
            outcomes = self._job(self._report, self._cancel.is_set)
        except Exception as exc:  # reported to the reader, not swallowed
            self.failed.emit(plain_reason(exc))
            return
        self.finished.emit(outcomes)


class ImportRun(QObject):
    """One import on its own thread. Connect to the signals, then `start()`."""

    progress = Signal(int, int)  # done, in all (files, pages, captures: see `unit`)
    # A file import's articles done, rate and time left (ImportProgress), instead of progress.
    detailed = Signal(object)
    finished = Signal(object)  # list[ImportOutcome]
    failed = Signal(str)  # the import as a whole could not run

    def __init__(self, job: ImportJob, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread = QThread(self)
        self._worker = _ImportWorker(job, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._progress)
        self._worker.detailed.connect(self.detailed)
        self._worker.finished.connect(self._done)
        self._worker.failed.connect(self._failed)
        self.unit = "files"  # what the progress counts: files, pages, captures

    @classmethod
    def for_paths(cls, sessions: sessionmaker[Session], paths: Sequence[Path], *,
                  story_id: int | None = None, parent: QObject | None = None) -> ImportRun:
        def job(progress: ProgressReport, cancelled: Callable[[], bool]) -> list[ImportOutcome]:
            return import_paths(
                sessions, list(paths), story_id=story_id, should_cancel=cancelled,
                on_progress=lambda p, _o: progress(p.articles_done, p.articles_done, p))
        return cls(job, parent)

    @classmethod
    def for_samples(cls, sessions: sessionmaker[Session], *,
                    parent: QObject | None = None) -> ImportRun:
        return cls(lambda _p, _c: import_samples(sessions), parent)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, ms: int = 30_000) -> bool:
        return self._thread.wait(ms)

    def _progress(self, done: int, total: int, _outcome: ImportOutcome) -> None:
        self.progress.emit(done, total)

    def _done(self, outcomes: list[ImportOutcome]) -> None:
        self._finish()
        self.finished.emit(outcomes)

    def _failed(self, reason: str) -> None:
        self._finish()
        self.failed.emit(reason)

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()


KEEP_RESULTS = 12  # comparisons kept for going back; each is the size of its two articles
# Up to this many words (both versions together) a comparison takes at most ~30 ms (10k
# words: ~25 ms on a 2-core machine): it runs at once on the UI thread, which saves the hop
# to a worker and back (~6 ms of a 5k-word story's ~55 ms). Longer ones go to the worker so
# the window never freezes (100k words: ~0.3-1.2 s).
INLINE_WORDS = 12_000


# Comparisons -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ComparisonRequest:
    story_id: int
    left_id: int
    right_id: int
    options: CompareOptions


class _ComparisonSignals(QObject):
    done = Signal(int, object)  # ticket, VersionPair
    failed = Signal(int, str)  # ticket, reason


class _ComparisonTask(QRunnable):
    def __init__(self, sessions: sessionmaker[Session], ticket: int, request: ComparisonRequest,
                 signals: _ComparisonSignals) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it until its result is delivered
        self._sessions = sessions
        self._ticket = ticket
        self.request = request
        self.signals = signals

    def run(self) -> None:
        r = self.request
        try:
            with self._sessions.begin() as s:
                doc = compare_versions(s, r.story_id, r.left_id, r.right_id, r.options)
        except Exception as exc:  # shown in the comparison pane instead of a frozen window
            self.signals.failed.emit(self._ticket, plain_reason(exc))
            return
        self.signals.done.emit(self._ticket, doc)


class ComparisonRunner(QObject):
    """Runs at most one comparison at a time; while one runs, only the newest request waits.

    `ready` fires only for the request made last: results the reader moved past are dropped.
    The last few results are kept, so going back to a comparison just seen is instant (versions
    never change once imported; notes are the notes panel's business, not this cache's).
    """

    started = Signal()
    ready = Signal(object, object)  # ComparisonRequest, VersionPair
    failed = Signal(object, str)  # ComparisonRequest, reason

    def __init__(self, sessions: sessionmaker[Session], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _ComparisonSignals(self)
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._ticket = 0
        self._running: _ComparisonTask | None = None
        self._pending: tuple[int, ComparisonRequest] | None = None
        self._requests: dict[int, ComparisonRequest] = {}
        self._recent: OrderedDict[ComparisonRequest, VersionPair] = OrderedDict()

    @property
    def busy(self) -> bool:
        return self._running is not None

    def request(self, request: ComparisonRequest, *, words: int | None = None) -> None:
        """Compare, in the background unless `words` (both versions) says it is short."""
        self._ticket += 1
        self._requests = {self._ticket: request}
        cached = self._recent.get(request)
        if cached is not None:
            self._recent.move_to_end(request)
            self._pending = None
            self.ready.emit(request, cached)
            return
        if words is not None and words <= INLINE_WORDS:
            self._pending = None
            self._run_inline(request)
            return
        if self._running is None:
            self._start(self._ticket, request)
        else:
            self._pending = (self._ticket, request)

    def cancel_pending(self) -> None:
        """Forget every request made so far (their results will be dropped)."""
        self._ticket += 1
        self._requests = {}
        self._pending = None

    def wait(self, ms: int = 5_000) -> bool:
        return self._pool.waitForDone(ms)

    def _run_inline(self, request: ComparisonRequest) -> None:
        r = request
        try:
            with self._sessions.begin() as s:
                doc = compare_versions(s, r.story_id, r.left_id, r.right_id, r.options)
        except Exception as exc:  # shown in the comparison pane, as from the worker
            self.failed.emit(request, plain_reason(exc))
            return
        self._keep(request, doc)
        self.ready.emit(request, doc)

    def _start(self, ticket: int, request: ComparisonRequest) -> None:
        self._running = _ComparisonTask(self._sessions, ticket, request, self._signals)
        self.started.emit()
        self._pool.start(self._running)

    def _next(self) -> None:
        self._running = None
        if self._pending is not None:
            ticket, request = self._pending
            self._pending = None
            self._start(ticket, request)

    def forget(self) -> None:
        """Drop the kept results (after an import changed which versions a story has)."""
        self._recent.clear()

    def _done(self, ticket: int, doc: VersionPair) -> None:
        assert self._running is not None
        self._keep(self._running.request, doc)
        request = self._requests.get(ticket) if ticket == self._ticket else None
        self._next()
        if request is not None:
            self.ready.emit(request, doc)

    def _keep(self, request: ComparisonRequest, doc: VersionPair) -> None:
        self._recent[request] = doc
        self._recent.move_to_end(request)
        while len(self._recent) > KEEP_RESULTS:
            self._recent.popitem(last=False)

    def _failed(self, ticket: int, reason: str) -> None:
        request = self._requests.get(ticket) if ticket == self._ticket else None
        self._next()
        if request is not None:
            self.failed.emit(request, reason)
