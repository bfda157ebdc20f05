"""Managing the library: rename, delete, merge and split stories, move and delete versions.

One function per user action, each taking the caller's Session (one transaction per action)
and returning a LibraryChange that `undo_change` reverses. Deleting is soft (deleted_at): a
deleted story or version is hidden everywhere and comes back whole, notes included. Notes on a
version's passages always travel with the version.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reader.store.errors import NotFound
from reader.store.models import Article, Note, Story, utc_now
from reader.store.story_stats import refresh_story_stats
from reader.store.writing import begin_write

P = ParamSpec("P")

TITLE_MAX_CHARS = 500


@dataclass(frozen=True)
class LibraryChange:
    """What one action did, in enough detail to undo it."""

    summary: str  # "Deleted story “Floods in Semarang”": for the undo bar and the CLI
    story_id: int | None  # the story to show after the action (None: nothing in particular)
    renamed: tuple[tuple[int, str], ...] = ()  # (story id, title before)
    moved_articles: tuple[tuple[int, int], ...] = ()  # (article id, story before)
    moved_notes: tuple[tuple[int, int], ...] = ()  # (note id, story before)
    deleted_stories: tuple[int, ...] = ()
    deleted_articles: tuple[int, ...] = ()
    created_story: int | None = None


def _touched_stories(session: Session, change: LibraryChange) -> set[int]:
    """Every story whose versions `change` (or undoing it) adds, removes or moves."""
    stories = {s for s in (change.story_id, change.created_story) if s is not None}
    stories.update(change.deleted_stories)
    stories.update(before for _, before in change.moved_articles)
    articles = [*change.deleted_articles, *(a for a, _ in change.moved_articles)]
    if articles:
        stories.update(session.scalars(select(Article.story_id)
                                       .where(Article.id.in_(articles))))
    return stories


def _keeps_list_columns(action: Callable[P, LibraryChange]) -> Callable[P, LibraryChange]:
    """A write from its first statement (store.writing), and the stories' version counts and
    dates (reader.store.story_stats) follow the action."""
    @functools.wraps(action)
    def run(*args: P.args, **kwargs: P.kwargs) -> LibraryChange:
        session = args[0]
        assert isinstance(session, Session)
        begin_write(session)
        change = action(*args, **kwargs)
        refresh_story_stats(session, _touched_stories(session, change))
        return change
    return run


def rename_story(session: Session, story_id: int, title: str) -> LibraryChange:
    begin_write(session)
    story = _live_story(session, story_id)
    clean = " ".join(title.split())
    if not clean:
        raise ValueError("a story's title cannot be empty")
    if len(clean) > TITLE_MAX_CHARS:
        raise ValueError(f"a story's title is at most {TITLE_MAX_CHARS} characters")
    before = story.title
    story.title = clean
    session.flush()
    return LibraryChange(f"Renamed “{_clip(before)}” to “{_clip(clean)}”", story_id,
                         renamed=((story_id, before),))


@_keeps_list_columns
def delete_story(session: Session, story_id: int) -> LibraryChange:
    """Hide the story, its versions and its notes; `undo_change` brings all of them back."""
    story = _live_story(session, story_id)
    now = utc_now()
    article_ids = _live_article_ids(session, story_id)
    session.execute(update(Article).where(Article.id.in_(article_ids)).values(deleted_at=now))
    story.deleted_at = now
    session.flush()
    return LibraryChange(f"Deleted story “{_clip(story.title)}”", None,
                         deleted_stories=(story_id,), deleted_articles=tuple(article_ids))


@_keeps_list_columns
def merge_stories(session: Session, story_id: int, into_id: int) -> LibraryChange:
    """Move every version and note of `story_id` into `into_id`, then delete the empty story."""
    if story_id == into_id:
        raise ValueError(f"story {story_id} cannot be merged into itself")
    source = _live_story(session, story_id)
    target = _live_story(session, into_id)
    moved_articles = _move_articles(session, _live_article_ids(session, story_id), into_id)
    note_ids = list(session.scalars(select(Note.id).where(Note.story_id == story_id)))
    moved_notes = _move_notes(session, note_ids, into_id)
    source.deleted_at = utc_now()
    session.flush()
    return LibraryChange(f"Merged story {story_id} “{_clip(source.title)}” into story "
                         f"{into_id} “{_clip(target.title)}”",
                         into_id, moved_articles=moved_articles, moved_notes=moved_notes,
                         deleted_stories=(story_id,))


@_keeps_list_columns
def move_version(session: Session, article_id: int, *, to_story_id: int | None = None,
                 new_story: bool = False) -> LibraryChange:
    """Move a version (with the notes on its passages) to another story or to a new one.

    A story left without versions is deleted, and its whole-comparison notes go along.
    """
    if (to_story_id is None) == (not new_story):
        raise ValueError("move a version either to a story or to a new story")
    article = _live_article(session, article_id)
    source_id = article.story_id
    created: int | None = None
    if new_story:
        story = Story(title=article.title.strip() or article.source_name)
        session.add(story)
        session.flush()
        created = target_id = story.id
    else:
        assert to_story_id is not None
        target_id = _live_story(session, to_story_id).id
        if target_id == source_id:
            raise ValueError(f"article {article_id} is already in story {target_id}")
    moved_articles = _move_articles(session, [article_id], target_id)
    note_ids = list(session.scalars(select(Note.id).where(Note.article_id == article_id)))
    deleted: tuple[int, ...] = ()
    if not _live_article_ids(session, source_id):
        note_ids += session.scalars(select(Note.id).where(Note.story_id == source_id,
                                                          Note.article_id.is_(None)))
        _live_story(session, source_id).deleted_at = utc_now()
        deleted = (source_id,)
    moved_notes = _move_notes(session, note_ids, target_id)
    session.flush()
    where = "a new story" if new_story else \
        f"story {target_id} “{_clip(_live_story(session, target_id).title)}”"
    return LibraryChange(f"Moved version {article_id} “{_clip(article.title)}” to {where}",
                         target_id,
                         moved_articles=moved_articles, moved_notes=moved_notes,
                         deleted_stories=deleted, created_story=created)


@_keeps_list_columns
def delete_version(session: Session, article_id: int) -> LibraryChange:
    """Hide a version and the notes on its passages; the story's last version takes the
    story with it."""
    article = _live_article(session, article_id)
    now = utc_now()
    article.deleted_at = now
    story_id = article.story_id
    deleted: tuple[int, ...] = ()
    if not _live_article_ids(session, story_id):
        _live_story(session, story_id).deleted_at = now
        deleted = (story_id,)
    session.flush()
    return LibraryChange(f"Deleted version “{_clip(article.title)}”",
                         None if deleted else story_id,
                         deleted_stories=deleted, deleted_articles=(article_id,))


@_keeps_list_columns
def restore_story(session: Session, story_id: int) -> LibraryChange:
    """Bring back a deleted story with the versions deleted along with it."""
    story = session.get(Story, story_id)
    if story is None:
        raise NotFound(f"no story with id {story_id}")
    if story.deleted_at is None:
        raise ValueError(f"story {story_id} is not deleted")
    # delete_story stamps the story and its versions with one time: those come back.
    article_ids = list(session.scalars(select(Article.id).where(
        Article.story_id == story_id, Article.deleted_at == story.deleted_at)))
    change = LibraryChange(f"Deleted story “{_clip(story.title)}”", None,
                           deleted_stories=(story_id,), deleted_articles=tuple(article_ids))
    undo_change(session, change)
    return LibraryChange(f"Restored story “{_clip(story.title)}”", story_id)


@_keeps_list_columns
def restore_version(session: Session, article_id: int) -> LibraryChange:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    if article.deleted_at is None:
        raise ValueError(f"article {article_id} is not deleted")
    story = session.get(Story, article.story_id)
    assert story is not None  # the foreign key cascades
    revived = (story.id,) if story.deleted_at is not None else ()
    undo_change(session, LibraryChange("", None, deleted_stories=revived,
                                       deleted_articles=(article_id,)))
    return LibraryChange(f"Restored version “{_clip(article.title)}”", story.id)


def undo_change(session: Session, change: LibraryChange) -> int | None:
    """Reverse `change`; returns the story to show afterwards (None if none in particular)."""
    begin_write(session)
    for note_id, story_id in change.moved_notes:
        session.execute(update(Note).where(Note.id == note_id).values(story_id=story_id))
    for article_id, story_id in change.moved_articles:
        session.execute(update(Article).where(Article.id == article_id)
                        .values(story_id=story_id))
    if change.deleted_stories:
        session.execute(update(Story).where(Story.id.in_(change.deleted_stories))
                        .values(deleted_at=None))
    if change.deleted_articles:
        session.execute(update(Article).where(Article.id.in_(change.deleted_articles))
                        .values(deleted_at=None))
    for story_id, title in change.renamed:
        session.execute(update(Story).where(Story.id == story_id).values(title=title))
    if change.created_story is not None:
        # Emptied by moving its versions back; soft, like every delete.
        session.execute(update(Story).where(Story.id == change.created_story)
                        .values(deleted_at=utc_now()))
    session.flush()
    refresh_story_stats(session, _touched_stories(session, change))
    if change.moved_articles:
        return change.moved_articles[0][1]
    if change.deleted_stories:
        return change.deleted_stories[0]
    return change.story_id


def _live_story(session: Session, story_id: int) -> Story:
    story = session.get(Story, story_id)
    if story is None or story.deleted_at is not None:
        raise NotFound(f"no story with id {story_id}")
    return story


def _live_article(session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None or article.deleted_at is not None:
        raise NotFound(f"no article with id {article_id}")
    return article


def _live_article_ids(session: Session, story_id: int) -> list[int]:
    return list(session.scalars(select(Article.id).where(
        Article.story_id == story_id, Article.deleted_at.is_(None)).order_by(Article.id)))


def _move_articles(session: Session, article_ids: list[int], story_id: int
                   ) -> tuple[tuple[int, int], ...]:
    rows = session.execute(select(Article.id, Article.story_id)
                           .where(Article.id.in_(article_ids))).all()
    session.execute(update(Article).where(Article.id.in_(article_ids)).values(story_id=story_id))
    return tuple((row.id, row.story_id) for row in rows)


def _move_notes(session: Session, note_ids: list[int], story_id: int
                ) -> tuple[tuple[int, int], ...]:
    rows = session.execute(select(Note.id, Note.story_id).where(Note.id.in_(note_ids))).all()
    session.execute(update(Note).where(Note.id.in_(note_ids)).values(story_id=story_id))
    return tuple((row.id, row.story_id) for row in rows)


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
