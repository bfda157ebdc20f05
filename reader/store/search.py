"""Which stories match a search: SQLite FTS5, PostgreSQL full-text search, else ILIKE.

Both full-text searches treat the input the same way: words are runs of letters and digits,
accents do not count, every word must appear in one title, text or note, and the last word may
be the start of a longer one. Any input is safe: it only ever reaches the database as quoted
words inside a bound parameter.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    and_,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from reader.store.models import Article, Note, Story

# rowid = id * 4 + kind in search_index (see migrations/versions/0001_baseline.py).
_FTS_STORY_IDS = text(
    "SELECT CASE search_index.rowid % 4 "
    "WHEN 0 THEN search_index.rowid / 4 "
    "WHEN 1 THEN (SELECT articles.story_id FROM articles "
    "             WHERE articles.id = search_index.rowid / 4 "
    "               AND articles.deleted_at IS NULL) "
    "ELSE (SELECT notes.story_id FROM notes WHERE notes.id = search_index.rowid / 4) "
    "END AS story_id FROM search_index WHERE search_index MATCH :match"
).columns(story_id=Integer)


def search_tokens(query: str) -> list[str]:
    """The words of what the user typed; pure punctuation is dropped."""
    return [token for token in query.split() if any(ch.isalnum() for ch in token)]


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


# A word as FTS5's unicode61 tokenizer sees it: letters and digits; "_" and punctuation split.
_WORD_RUN = re.compile(r"[^\W_]+")


def pg_tsquery(query: str) -> str | None:
    """A PostgreSQL tsquery equivalent to fts_match(query): quoted words ANDed, a token of
    several words (`open-air`, `3.5`) a phrase, the last word a prefix."""
    phrases: list[str] = []
    for token in search_tokens(query):
        words = _WORD_RUN.findall(unicodedata.normalize("NFC", token))
        if words:
            phrases.append(" <-> ".join(f"'{word}'" for word in words))
    if not phrases:
        return None
    phrases[-1] += ":*"
    return " & ".join(f"({phrase})" for phrase in phrases)


def story_filter(session: Session, query: str, *, use_fts: bool | None = None
                 ) -> ColumnElement[bool] | None:
    """A condition on Story for `query`, or None when the query asks for everything."""
    hits = matching_story_ids(session, query, use_fts=use_fts)
    return None if hits is None else Story.id.in_(hits)


def matching_story_ids(session: Session, query: str, *, use_fts: bool | None = None
                       ) -> Select[Any] | None:
    """The ids of the stories `query` finds, or None when it asks for everything."""
    tokens = search_tokens(query)
    if not tokens:
        return None
    dialect = session.get_bind().dialect.name
    if use_fts is None:
        use_fts = dialect in ("sqlite", "postgresql")
    if use_fts and dialect == "postgresql":
        return _postgres_story_ids(query)
    if use_fts:
        match = fts_match(query)
        hits = _FTS_STORY_IDS.bindparams(match=match).subquery()
        return select(hits.c.story_id)
    return select(Story.id).where(and_(*(_token_condition(token) for token in tokens)))


def _postgres_story_ids(query: str) -> Select[Any]:
    """Story ids from the three GIN-indexed search_vector columns (migration 0005)."""
    wanted = func.reader_search_query(pg_tsquery(query))

    def matches(table: str) -> ColumnElement[bool]:
        return literal_column(f"{table}.search_vector").op("@@")(wanted)

    hits = (select(Story.id).where(matches("stories"))
            .union(select(Article.story_id).where(Article.deleted_at.is_(None),
                                                  matches("articles")),
                   select(Note.story_id).where(Note.deleted_at.is_(None), matches("notes"))))
    return select(hits.subquery().c.id)


def _token_condition(token: str) -> ColumnElement[bool]:
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    in_articles = exists(select(Article.id).where(
        Article.story_id == Story.id, Article.deleted_at.is_(None),
        or_(Article.title.ilike(pattern, escape="\\"), Article.text.ilike(pattern, escape="\\"))))
    in_notes = exists(select(Note.id).where(
        Note.story_id == Story.id, Note.deleted_at.is_(None),
        or_(Note.body.ilike(pattern, escape="\\"), Note.label.ilike(pattern, escape="\\"))))
    return or_(Story.title.ilike(pattern, escape="\\"), in_articles, in_notes)
