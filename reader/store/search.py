"""Which stories match a search: SQLite FTS5 where available, ILIKE on other databases."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Integer, and_, exists, or_, select, text
from sqlalchemy.orm import Session

from reader.store.models import Article, Note, Story

# rowid = id * 4 + kind in search_index (see migrations/versions/0001_baseline.py).
_FTS_STORY_IDS = text(
    "SELECT CASE search_index.rowid % 4 "
    "WHEN 0 THEN search_index.rowid / 4 "
    "WHEN 1 THEN (SELECT articles.story_id FROM articles "
    "             WHERE articles.id = search_index.rowid / 4) "
    "ELSE (SELECT notes.story_id FROM notes WHERE notes.id = search_index.rowid / 4) "
    "END AS story_id FROM search_index WHERE search_index MATCH :match"
).columns(story_id=Integer)


def search_tokens(query: str) -> list[str]:
    """The words of what the user typed; pure punctuation is dropped."""
    # A NUL ends a C string: SQLite's MATCH (and PostgreSQL) refuse it, so it separates words.
    words = query.replace("\x00", " ").split()
    return [token for token in words if any(ch.isalnum() for ch in token)]


def fts_match(query: str) -> str | None:
    """An FTS5 query that any input is safe in: every token quoted, the last one a prefix.

    Tokens are ANDed, each within one indexed row (a title, an article's text or a note).
    """
    tokens = search_tokens(query)
    if not tokens:
        return None
    phrases = ['"' + token.replace('"', '""') + '"' for token in tokens]
    phrases[-1] += "*"
    return " ".join(phrases)


def story_filter(session: Session, query: str, *, use_fts: bool | None = None
                 ) -> ColumnElement[bool] | None:
    """A condition on Story for `query`, or None when the query asks for everything."""
    tokens = search_tokens(query)
    if not tokens:
        return None
    if use_fts is None:
        use_fts = session.get_bind().dialect.name == "sqlite"
    if use_fts:
        match = fts_match(query)
        hits = _FTS_STORY_IDS.bindparams(match=match).subquery()
        return Story.id.in_(select(hits.c.story_id))
    return and_(*(_token_condition(token) for token in tokens))


def _token_condition(token: str) -> ColumnElement[bool]:
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    in_articles = exists(select(Article.id).where(
        Article.story_id == Story.id,
        or_(Article.title.ilike(pattern, escape="\\"), Article.text.ilike(pattern, escape="\\"))))
    in_notes = exists(select(Note.id).where(
        Note.story_id == Story.id, Note.deleted_at.is_(None),
        or_(Note.body.ilike(pattern, escape="\\"), Note.label.ilike(pattern, escape="\\"))))
    return or_(Story.title.ilike(pattern, escape="\\"), in_articles, in_notes)
