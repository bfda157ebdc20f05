"""Importing files into the library: one transaction per file, so a file goes in whole or not
at all, and one bad file never stops the others."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from reader.ingest import SUPPORTED_SUFFIXES, expand_paths, read_articles, samples_dir
from reader.ingest.errors import IngestError
from reader.ingest.model import ParsedArticle
from reader.store.errors import NotFound, describe_database_error
from reader.store.library import add_article
from reader.store.models import Story
from reader.store.records import ImportOutcome

# (files done, files in all, the outcome of one record just stored or refused)
ProgressCallback = Callable[[int, int, ImportOutcome], None]

# What storing one file can fail with without it being a bug: the database refusing,
# a record the store rejects. The file is then reported as failed and the rest go on.
_STORE_FAILURES = (SQLAlchemyError, ValueError, LookupError, OSError)


def import_paths(sessions: sessionmaker[Session], paths: Sequence[Path], *,
                 story_id: int | None = None, new_story: bool = False,
                 on_progress: ProgressCallback | None = None,
                 should_cancel: Callable[[], bool] | None = None) -> list[ImportOutcome]:
    """Import files and folders; one outcome per record (a JSONL file gives several).

    With `story_id` every new version joins that story. With `new_story` the first version
    stored starts a new story and every later one of this call joins it. Otherwise each
    version joins the story it resembles, or starts its own.
    Cancelling stops before the next file; files already imported stay.
    """
    if story_id is not None:
        with sessions.begin() as session:
            chosen = session.get(Story, story_id)
            if chosen is None or chosen.deleted_at is not None:
                raise NotFound(f"no story with id {story_id}")
    files = expand_paths(list(paths))
    target = story_id
    outcomes: list[ImportOutcome] = []
    for done, path in enumerate(files, start=1):
        if should_cancel is not None and should_cancel():
            break
        file_outcomes = _import_file(sessions, path, target, new_story and target is None)
        if target is None and new_story:
            target = next((o.story_id for o in file_outcomes if o.status == "imported"), None)
        for outcome in file_outcomes:
            outcomes.append(outcome)
            if on_progress is not None:
                on_progress(done, len(files), outcome)
    return outcomes


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


def _import_file(sessions: sessionmaker[Session], path: Path, story_id: int | None,
                 new_story: bool) -> list[ImportOutcome]:
    try:
        records = read_articles(path)
    except IngestError as exc:
        return [ImportOutcome(exc.source, "failed", exc.reason)]
    outcomes: list[ImportOutcome] = []
    current: ParsedArticle | None = None
    try:
        with sessions.begin() as session:
            for current in records:
                outcome = add_article(session, current, story_id=story_id, new_story=new_story)
                outcomes.append(outcome)
                if new_story and outcome.status == "imported":
                    # The rest of this file joins the story its first record started.
                    story_id, new_story = outcome.story_id, False
    except _STORE_FAILURES as exc:
        failed = current.source_name if current is not None else path.name
        reason = (describe_database_error(exc) if isinstance(exc, SQLAlchemyError)
                  else str(exc))
        # The transaction rolled back: nothing of this file is in the library.
        return [ImportOutcome(record.source_name, "failed",
                              reason if record is current else
                              f"not stored because {failed} failed in the same file")
                for record in records]
    return outcomes
