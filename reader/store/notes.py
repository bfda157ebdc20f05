"""Notes on a story: on the comparison as a whole or anchored to a passage of one version.

Deleting is soft (deleted_at), so the window can undo it; a note whose passage is gone from
its article's text is listed as orphaned, never dropped. Each save bumps the note's version: a
save that names the version it was based on is refused (NoteConflict) when someone else saved
in between, so two people editing one note never silently overwrite each other; a save of a
note someone deleted meanwhile is refused too (NoteDeleted), naming who deleted it.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Collection, Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reader.store.anchors import (
    anchor_for_selection,
    resolve_anchor,
    whitespace_tolerant_pattern,
)
from reader.store.errors import NotFound
from reader.store.models import Article, Note, Story, utc_now
from reader.store.records import NoteRecord, TextAnchor
from reader.store.writing import begin_write

AUTHOR_ENV_VAR = "READER_AUTHOR"


def default_author() -> str:
    """Who is writing: $READER_AUTHOR, else the login name ("" if even that is unknown)."""
    name = os.environ.get(AUTHOR_ENV_VAR, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in a bare container
        return ""


def add_note(session: Session, story_id: int, body: str, *, article_id: int | None = None,
             anchor: TextAnchor | None = None, label: str = "", color: str = "",
             author: str = "") -> NoteRecord:
    begin_write(session)
    story = session.get(Story, story_id)
    if story is None or story.deleted_at is not None:
        raise NotFound(f"no story with id {story_id}")
    if anchor is not None and article_id is None:
        raise ValueError("an anchored note needs the article it is anchored to")
    if article_id is not None:
        article = session.get(Article, article_id)
        if article is None or article.deleted_at is not None:
            raise NotFound(f"no article with id {article_id}")
        if article.story_id != story_id:
            raise ValueError(f"article {article_id} is not a version of story {story_id}")
        if anchor is not None and article.text[anchor.start:anchor.end] != anchor.exact:
            raise ValueError(f"the anchored passage is not at {anchor.start}:{anchor.end} "
                             f"of article {article_id}")
    now = utc_now()
    note = Note(story_id=story_id, article_id=article_id, body=body, label=label, color=color,
                author=author, created=now, updated=now, version=1)
    if anchor is not None:
        note.exact, note.prefix, note.suffix = anchor.exact, anchor.prefix, anchor.suffix
        note.start, note.end = anchor.start, anchor.end
    session.add(note)
    session.flush()
    return _record(note, _texts(session, [note]))


def find_quote(session: Session, article_id: int, quote: str) -> TextAnchor:
    """The first occurrence of `quote` in the article, whatever whitespace separates its words."""
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    pattern = whitespace_tolerant_pattern(quote)
    found = pattern.search(article.text) if pattern is not None else None
    if found is None:
        raise ValueError(f"passage not found in article {article_id}")
    return anchor_for_selection(article.text, found.start(), found.end())


class NoteConflict(Exception):
    """Someone else saved the note since the version this save was based on."""

    def __init__(self, theirs: NoteRecord) -> None:
        super().__init__(self.describe(theirs))
        self.theirs = theirs

    @staticmethod
    def describe(theirs: NoteRecord) -> str:
        who = f" by {theirs.author}" if theirs.author else ""
        return f"note {theirs.id} was changed{who} meanwhile (now version {theirs.version})"


class NoteDeleted(NoteConflict):
    """Someone deleted the note (`theirs.deleted_by`, if known) since this edit began."""

    @staticmethod
    def describe(theirs: NoteRecord) -> str:
        who = f" by {theirs.deleted_by}" if theirs.deleted_by else ""
        return f"note {theirs.id} was deleted{who} meanwhile"


def update_note(session: Session, note_id: int, *, body: str | None = None,
                label: str | None = None, color: str | None = None,
                expected_version: int | None = None) -> NoteRecord:
    """Save changes; with `expected_version`, only if nobody saved since that version.
    A deleted note is not saved (NoteDeleted): restore it first.

    The check and the write are one UPDATE statement, so two concurrent saves based on the
    same version cannot both succeed on any engine, nor a save and a deletion.
    """
    begin_write(session)
    note = _note(session, note_id)
    values: dict[str, object] = {"updated": utc_now(), "version": Note.version + 1}
    for column, value in (("body", body), ("label", label), ("color", color)):
        if value is not None:
            values[column] = value
    stmt = update(Note).where(Note.id == note_id, Note.deleted_at.is_(None))
    if expected_version is not None:
        stmt = stmt.where(Note.version == expected_version)
    changed = session.execute(stmt.values(values).execution_options(synchronize_session=False))
    session.refresh(note)
    record = _record(note, _texts(session, [note]))
    if changed.rowcount == 0:  # type: ignore[attr-defined]
        raise NoteDeleted(record) if record.deleted else NoteConflict(record)
    return record


def delete_note(session: Session, note_id: int, *, by: str = "") -> None:
    """Delete softly (restore_note undoes it); `by`: who, told to anyone editing it."""
    begin_write(session)
    note = _note(session, note_id)
    if note.deleted_at is None:
        note.deleted_at = utc_now()
        note.deleted_by = by
        session.flush()


def restore_note(session: Session, note_id: int) -> NoteRecord:
    begin_write(session)
    note = _note(session, note_id)
    if note.deleted_at is not None:
        note.deleted_at = None
        note.deleted_by = ""
        session.flush()
    return _record(note, _texts(session, [note]))


def list_notes(session: Session, story_id: int, *, query: str = "",
               include_deleted: bool = False) -> list[NoteRecord]:
    """The story's notes: whole-comparison notes first, then by version and passage position.

    `query` keeps notes whose body, label or quoted passage contains every word of it
    (case-insensitive).
    """
    story = session.get(Story, story_id)
    if story is None or story.deleted_at is not None:
        raise NotFound(f"no story with id {story_id}")
    stmt = select(Note).where(Note.story_id == story_id)
    if not include_deleted:
        # A note on a deleted version goes (and comes back) with its version.
        live_articles = select(Article.id).where(Article.deleted_at.is_(None))
        stmt = stmt.where(Note.deleted_at.is_(None),
                          Note.article_id.is_(None) | Note.article_id.in_(live_articles))
    notes = list(session.scalars(stmt))
    words = query.casefold().split()
    if words:
        notes = [note for note in notes
                 if all(word in f"{note.body}\n{note.label}\n{note.exact or ''}".casefold()
                        for word in words)]
    texts = _texts(session, notes)
    records = [_record(note, texts) for note in notes]
    return sorted(records, key=_reading_order)


def notes_for_articles(session: Session, story_id: int, article_ids: set[int]
                       ) -> list[NoteRecord]:
    """Live notes of the story that are whole-comparison or on one of `article_ids`."""
    return list(notes_shown_with(list_notes(session, story_id), article_ids))


def notes_shown_with(notes: Iterable[NoteRecord], article_ids: Collection[int]
                     ) -> tuple[NoteRecord, ...]:
    """The notes a comparison of `article_ids` shows: whole-comparison ones and theirs."""
    return tuple(n for n in notes if n.article_id is None or n.article_id in article_ids)


def _note(session: Session, note_id: int) -> Note:
    note = session.get(Note, note_id)
    if note is None:
        raise NotFound(f"no note with id {note_id}")
    return note


def _texts(session: Session, notes: list[Note]) -> dict[int, str]:
    ids = {note.article_id for note in notes if note.article_id is not None}
    if not ids:
        return {}
    rows = session.execute(select(Article.id, Article.text).where(Article.id.in_(ids)))
    return {row.id: row.text for row in rows}


def _stored_anchor(note: Note) -> TextAnchor | None:
    if note.exact is None or note.start is None or note.end is None:
        return None
    return TextAnchor(note.exact, note.prefix or "", note.suffix or "", note.start, note.end)


def _record(note: Note, texts: dict[int, str]) -> NoteRecord:
    anchor = _stored_anchor(note)
    resolved = None
    if anchor is not None and note.article_id is not None:
        resolved = resolve_anchor(texts.get(note.article_id, ""), anchor)
    return NoteRecord(
        id=note.id, story_id=note.story_id, article_id=note.article_id, body=note.body,
        label=note.label, color=note.color, anchor=anchor, resolved=resolved,
        orphaned=anchor is not None and resolved is None, created=note.created,
        updated=note.updated, deleted=note.deleted_at is not None, author=note.author,
        version=note.version, deleted_by=note.deleted_by)


def _reading_order(note: NoteRecord) -> tuple[int, int, int, int, float, int]:
    if note.article_id is None:
        return (0, 0, 0, 0, note.created.timestamp(), note.id)
    # Orphaned notes come after the placed ones of their version.
    position = note.resolved.start if note.resolved is not None else -1
    return (1, note.article_id, int(note.orphaned), position, note.created.timestamp(),
            note.id)
