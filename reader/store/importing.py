"""Importing files into the library in batches: short write transactions, whole batches.

Reading, cleaning and fingerprinting happen outside any transaction; the articles of one or
more files are then written in one transaction sized to last about BATCH_SECONDS, so another
window or command waits at most about that long for the library. A kill leaves every
committed batch whole and nothing of the batch being written. A file of up to CHUNK_RECORDS
records (every article file; JSON files holding many) is never split across batches; a larger
one is written CHUNK_RECORDS at a time. A batch that fails is rolled back and its files (or
chunks) stored one by one, so one bad file fails alone. Reading is reader.store.import_units;
a batch is written by reader.store.batch_write.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from reader.ingest import SUPPORTED_SUFFIXES, expand_paths, samples_dir
from reader.store.batch_write import store_batch
from reader.store.errors import NotFound, describe_database_error
from reader.store.grouping_memory import GroupingMemory
from reader.store.import_units import Unit, prepared_units, size
from reader.store.library import PreparedArticle, store_article
from reader.store.models import Story
from reader.store.records import ImportOutcome, ImportProgress
from reader.store.story_stats import refresh_story_stats
from reader.store.writing import begin_write

# (done, in all, the outcome of one record just stored or refused): web imports count pages
ProgressCallback = Callable[[int, int, ImportOutcome], None]
# (articles, bytes and time so far, the outcome of one record just stored or refused)
FileProgressCallback = Callable[[ImportProgress, ImportOutcome], None]

# How long one write transaction may hold the library, and the bounds of a batch's size.
BATCH_SECONDS = 0.5
FIRST_BATCH_ARTICLES = 50
MAX_BATCH_ARTICLES = 2000
# SQLite's page cache while an import writes (KiB; SQLite's default is 2,000), and the pages
# its write-ahead log may hold before they are copied into the library file (default 1,000).
IMPORT_CACHE_KIB = 65_536
IMPORT_CHECKPOINT_PAGES = 16_000

# What storing a file can fail with without it being a bug: the database refusing,
# a record the store rejects. The file is then reported as failed and the rest go on.
_STORE_FAILURES = (SQLAlchemyError, ValueError, LookupError, OSError)


class _Writer:
    """Stores units in batches and reports each outcome once its batch is committed."""

    def __init__(self, sessions: sessionmaker[Session], story_id: int | None, new_story: bool,
                 progress: _Progress) -> None:
        self._sessions = sessions
        self._story_id = story_id
        self._new_story = new_story
        self._progress = progress
        self._pending: list[Unit] = []
        self._batch_size = FIRST_BATCH_ARTICLES
        self._memory = GroupingMemory()  # the grouping postings met so far
        self.page_cache = _PageCache(sessions)
        self.outcomes: list[ImportOutcome] = []

    @property
    def pending_articles(self) -> int:
        return sum(len(unit.records) for unit in self._pending)

    def add(self, unit: Unit) -> None:
        self._pending.append(unit)
        # Reading in a second process, the next unit may be a while: writing what is here
        # rather than waiting keeps both processes busy, and leaves less to write at the end.
        if self.pending_articles >= self._batch_size or not unit.more_ready:
            self.flush()

    def flush(self) -> None:
        units, self._pending = self._pending, []
        if not units:
            return
        started = time.monotonic()
        state = (self._story_id, self._new_story)
        try:
            with self._sessions.begin() as session:
                self.page_cache.enlarge(session)
                outcomes = self._store_batch(session, units)
                _refresh_stories(session, outcomes)
            self._memory.committed()
        except _STORE_FAILURES:
            # Roll back the batch, then store its files one by one: only the bad one fails.
            self._memory.forget()
            self._story_id, self._new_story = state
            outcomes = [self._store_alone(unit) for unit in units]
        self._adapt(time.monotonic() - started, sum(len(u.records) for u in units))
        for unit, unit_outcomes in zip(units, outcomes, strict=True):
            self._progress.file_stored(unit)
            for outcome in unit_outcomes:
                self.outcomes.append(outcome)
                self._progress.outcome(outcome, unit)

    def _store_batch(self, session: Session, units: list[Unit]) -> list[list[ImportOutcome]]:
        """The units' records in a few statements (store_batch), or one by one where that
        cannot store them."""
        prepared = [r for unit in units for r in unit.records if isinstance(r, PreparedArticle)]
        stored = store_batch(session, prepared, story_id=self._story_id,
                             new_story=self._new_story, memory=self._memory)
        if stored is None:
            self._memory.forget()  # what store_article posts is not remembered
            return [self._store(session, unit) for unit in units]
        results = iter(stored)
        outcomes = [[r if isinstance(r, ImportOutcome) else next(results) for r in unit.records]
                    for unit in units]
        if self._new_story:
            # The rest of this import joins the story its first record started.
            first = next((o for o in stored if o.status == "imported"), None)
            if first is not None:
                self._story_id, self._new_story = first.story_id, False
        return outcomes

    def _store(self, session: Session, unit: Unit) -> list[ImportOutcome]:
        outcomes: list[ImportOutcome] = []
        for record in unit.records:
            if isinstance(record, ImportOutcome):
                outcomes.append(record)
                continue
            outcome = store_article(session, record, story_id=self._story_id,
                                  new_story=self._new_story)
            outcomes.append(outcome)
            if self._new_story and outcome.status == "imported":
                # The rest of this import joins the story its first record started.
                self._story_id, self._new_story = outcome.story_id, False
        return outcomes

    def _store_alone(self, unit: Unit) -> list[ImportOutcome]:
        state = (self._story_id, self._new_story)
        current: PreparedArticle | None = None
        try:
            with self._sessions.begin() as session:
                outcomes: list[ImportOutcome] = []
                for record in unit.records:
                    current = record if isinstance(record, PreparedArticle) else None
                    outcomes += self._store(session, Unit(unit.path, [record], 0))
                _refresh_stories(session, [outcomes])
                return outcomes
        except _STORE_FAILURES as exc:
            self._story_id, self._new_story = state
            failed = current.parsed.source_name if current is not None else unit.path.name
            reason = (describe_database_error(exc) if isinstance(exc, SQLAlchemyError)
                      else str(exc))
            # The transaction rolled back: nothing of this unit is in the library.
            return [record if isinstance(record, ImportOutcome) else
                    ImportOutcome(record.parsed.source_name, "failed",
                                  reason if record is current else
                                  f"not stored because {failed} failed in the same file")
                    for record in unit.records]

    def _adapt(self, seconds: float, articles: int) -> None:
        """Size the next batch to take about BATCH_SECONDS at the pace of this one."""
        if articles == 0:
            return
        per_article = max(seconds / articles, 1e-5)
        self._batch_size = max(1, min(MAX_BATCH_ARTICLES, int(BATCH_SECONDS / per_article)))


class _PageCache:
    """SQLite's page cache at IMPORT_CACHE_KIB and its checkpoints at every
    IMPORT_CHECKPOINT_PAGES pages of log while an import writes, then as they were.

    A batch inserts at scattered places of a few b-trees (content hashes, grouping keys and
    postings, the search index); in SQLite's default cache (2 MB) each batch read most of
    their pages again (10k articles: 1.7 GB read from the library file, 0.56 GB with a
    64 MB cache kept through the import; ~13% of the importing process's CPU). Likewise each
    batch's commit copied its pages from the log into the library file (a checkpoint, at
    1,000 pages), though the next batches change most of the same pages again: with a log of
    up to 64 MB a page is copied once for several batches (3,000 articles into a library of
    100,000: 7.9 -> 7.0 s of CPU, the last checkpoint included). The import ends with a
    checkpoint, so the log it leaves is not copied in by whoever writes next.
    """

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
        self._previous: tuple[int, int] | None = None  # cache size, checkpoint pages before

    def enlarge(self, session: Session) -> None:
        """At the start of a batch's write transaction (the connection may differ)."""
        begin_write(session)
        conn = session.connection()
        if conn.dialect.name == "sqlite":
            if self._previous is None:
                self._previous = (
                    int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one()),
                    int(conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar_one()))
            conn.exec_driver_sql(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {IMPORT_CHECKPOINT_PAGES}")

    def restore(self) -> None:
        """When the import ends, however it ends: the cache's pages are freed, and the log
        copied into the library file."""
        if self._previous is None:
            return
        cache, checkpoint = self._previous
        with suppress(SQLAlchemyError), self._sessions.begin() as session:
            conn = session.connection()
            conn.exec_driver_sql(f"PRAGMA cache_size = {cache}")
            conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {checkpoint}")
        with suppress(SQLAlchemyError), self._sessions() as session:
            session.connection().exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")


def _refresh_stories(session: Session, outcomes: list[list[ImportOutcome]]) -> None:
    refresh_story_stats(session, {o.story_id for unit in outcomes for o in unit
                                  if o.status == "imported" and o.story_id is not None})


class _Progress:
    def __init__(self, files: list[Path], callback: FileProgressCallback | None) -> None:
        self._callback = callback
        self._started = time.monotonic()
        self._files_total = len(files)
        self._bytes_total = sum(size(path) for path in files)
        self._files_done = 0
        self._articles = 0

    def file_stored(self, unit: Unit) -> None:
        self._files_done = max(self._files_done, unit.finishes_file)

    def outcome(self, outcome: ImportOutcome, unit: Unit) -> None:
        self._articles += 1
        if self._callback is not None:
            self._callback(ImportProgress(
                files_done=self._files_done, files_total=self._files_total,
                articles_done=self._articles, bytes_done=unit.bytes_read,
                bytes_total=self._bytes_total, elapsed=time.monotonic() - self._started),
                outcome)


def import_paths(sessions: sessionmaker[Session], paths: Sequence[Path], *,
                 story_id: int | None = None, new_story: bool = False,
                 on_progress: FileProgressCallback | None = None,
                 should_cancel: Callable[[], bool] | None = None) -> list[ImportOutcome]:
    """Import files and folders; one outcome per record (a JSONL file gives several).

    With `story_id` every new version joins that story. With `new_story` the first version
    stored starts a new story and every later one of this call joins it. Otherwise each
    version joins the story it resembles, or starts its own.
    Cancelling stops before the next batch is written; batches already written stay.
    """
    if story_id is not None:
        with sessions.begin() as session:
            chosen = session.get(Story, story_id)
            if chosen is None or chosen.deleted_at is not None:
                raise NotFound(f"no story with id {story_id}")
    files = expand_paths(list(paths))
    progress = _Progress(files, on_progress)
    writer = _Writer(sessions, story_id, new_story, progress)
    with _collections_skip_what_was_there():
        try:
            with closing(prepared_units(files)) as units:
                for unit in units:
                    if should_cancel is not None and should_cancel():
                        return writer.outcomes
                    writer.add(unit)
            if should_cancel is None or not should_cancel():
                writer.flush()
            return writer.outcomes
        finally:
            writer.page_cache.restore()


@contextmanager
def _collections_skip_what_was_there() -> Iterator[None]:
    """While importing, the garbage collector leaves alone the objects the process held
    before (its modules, SQLAlchemy's, the caller's; gc.freeze). An import makes objects
    enough for several full collections, each of which walked them all: at 10k articles
    254 of the importing process's 375 ms of collections, 57 ms without them
    (bench/README.md). A forked reading process starts with them set aside too. Left as it
    is when the caller set objects aside itself (reader.app.run): unfreezing at the end
    would undo that."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def import_samples(sessions: sessionmaker[Session]) -> list[ImportOutcome]:
    """The bundled sample stories: each sub-folder of samples_dir() is one story.

    Loose article files beside the folders are grouped as usual; anything else there (the
    samples' README) is documentation, not an article.
    """
    root = samples_dir()
    if not root.is_dir():
        return [ImportOutcome(str(root), "failed", "the sample stories are missing")]
    outcomes: list[ImportOutcome] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        outcomes += import_paths(sessions, [folder], new_story=True)
    loose = sorted(p for p in root.iterdir()
                   if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    if loose:
        outcomes += import_paths(sessions, loose)
    return outcomes
