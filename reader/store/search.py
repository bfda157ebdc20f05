"""Which stories match a search: SQLite FTS5, PostgreSQL full-text search, else ILIKE.

Both full-text searches treat the input the same way: words are runs of letters and digits,
accents do not count, every word must appear in one title, text or note, and the last word may
be the start of a longer one. Any input is safe: it only ever reaches the database as quoted
words inside a bound parameter.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    Subquery,
    and_,
    bindparam,
    distinct,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from reader.store.models import Article, Note, Story
from reader.store.search_words import search_tokens
from reader.store.stored_text import searchable_text

# rowid % 4 in search_index says what a row is: 0 a story (rowid = id * 4), 1 an article
# (rowid = (story_id * 2**31 + id % 2**31) * 4 + 1: its story without a lookup, which a search
# matching 100,000 articles would pay 100,000 times), 2 a note (rowid = id * 4 + 2).
# See migrations/versions/0001_baseline.py and 0005_library_scale.py.
_FTS_STORY_IDS = text(
    "SELECT CASE search_index.rowid % 4 "
    "WHEN 0 THEN search_index.rowid / 4 "
    "WHEN 1 THEN search_index.rowid / 8589934592 "
    "ELSE (SELECT notes.story_id FROM notes WHERE notes.id = search_index.rowid / 4) "
    "END AS story_id FROM search_index WHERE search_index MATCH :match"
).columns(story_id=Integer)


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
    tokens = search_tokens(query)
    if not tokens:
        return None
    dialect = session.get_bind().dialect.name
    if use_fts is None:
        use_fts = dialect in ("sqlite", "postgresql")
    if use_fts and dialect == "postgresql":
        return Story.id.in_(_postgres_story_ids(query))
    if use_fts:
        # "+stories.id": the unary plus keeps SQLite from fetching every matching story by id
        # and sorting them all for one page; it walks the list's sort index instead and stops
        # when the page is full (a word in one article in six at 100k: 20 ms -> 4 ms).
        return literal_column("+stories.id").in_(select(_fts_hits(query).c.story_id))
    return and_(*(_token_condition(token, dialect) for token in tokens))


# A walk tests each story for ~7.5 us, an index read visits each match for ~3.5 us (100,000
# articles, 2 December 2026): walking for `wanted` stories when a share s of the articles match
# costs ~2 * wanted / s of the index read's s * articles, so it pays when s * s * articles >
# PG_WALK_PAYS * wanted. It walks PG_WALK_SLACK times the stories the share expects to need.
PG_WALK_PAYS = 2.0
PG_WALK_SLACK = 2.0


def postgres_walked_page(session: Session, query: str, order: Sequence[ColumnElement[Any]],
                         offset: int, limit: int) -> Sequence[Any] | None:
    """A page of (id, title) of the stories matching `query`, found by testing the stories one
    by one in the list's order; None when the planner's estimate says the query is too rare for
    that to pay, or the walk found too few (the caller reads the matches from the index).

    The index read costs a row visit per match however few are shown: a 3-letter prefix in 59%
    of 100,000 articles read 59,000 rows (~200 ms) for a page of 200, which this walk finds in
    ~340 tests (~3 ms).
    """
    wanted_stories = offset + limit
    articles, matching = _postgres_estimate(session, query)
    share = matching / articles if articles > 0 else 0.0
    if share * share * articles <= PG_WALK_PAYS * wanted_stories:
        return None
    budget = math.ceil(PG_WALK_SLACK * wanted_stories / share)
    wanted = func.reader_search_query(pg_tsquery(query))
    walk = (select(Story.id, Story.title,
                   literal_column("stories.search_vector").label("search_vector"),
                   func.row_number().over(order_by=order).label("place"))
            .where(Story.deleted_at.is_(None)).order_by(*order)
            .limit(budget).subquery())
    # OFFSET 0 keeps each EXISTS a test of one story: without it PostgreSQL may hash every
    # match first, which is the cost this walk avoids.
    in_articles = exists(select(Article.id).where(
        Article.story_id == walk.c.id, Article.deleted_at.is_(None),
        literal_column("articles.search_vector").op("@@")(wanted)).offset(0))
    in_notes = exists(select(Note.id).where(
        Note.story_id == walk.c.id, Note.deleted_at.is_(None),
        literal_column("notes.search_vector").op("@@")(wanted)).offset(0))
    rows = session.execute(
        select(walk.c.id, walk.c.title)
        .where(or_(walk.c.search_vector.op("@@")(wanted), in_articles, in_notes))
        .order_by(walk.c.place).offset(offset).limit(limit)).all()
    return rows if len(rows) == limit else None


def _postgres_estimate(session: Session, query: str) -> tuple[float, float]:
    """The planner's estimates (from the table statistics PostgreSQL keeps up to date): live
    articles, and how many of them match `query`. Costs a plan, not a read."""
    articles = session.execute(text(
        "SELECT reltuples FROM pg_class WHERE oid = 'articles'::regclass")).scalar_one()
    # The query inline (literal_execute), not a server-side parameter: a plan for an unknown
    # parameter uses a default guess instead of the statistics.
    plan = session.execute(text(
        "EXPLAIN (FORMAT JSON) SELECT 1 FROM articles WHERE deleted_at IS NULL "
        "AND search_vector @@ reader_search_query(:query)").bindparams(
            bindparam("query", pg_tsquery(query), literal_execute=True))).scalar_one()
    return float(articles), float(plan[0]["Plan"]["Plan Rows"])


def _postgres_story_ids(query: str) -> Select[Any]:
    """Story ids from the three GIN-indexed search_vector columns (migration 0006)."""
    wanted = func.reader_search_query(pg_tsquery(query))

    def matches(table: str) -> ColumnElement[bool]:
        return literal_column(f"{table}.search_vector").op("@@")(wanted)

    hits = (select(Story.id).where(matches("stories"))
            .union(select(Article.story_id).where(Article.deleted_at.is_(None),
                                                  matches("articles")),
                   select(Note.story_id).where(Note.deleted_at.is_(None), matches("notes"))))
    return select(hits.subquery().c.id)


def count_matching_stories(session: Session, query: str) -> int | None:
    """How many stories match, counted from the search index alone (SQLite), else None."""
    if not search_tokens(query) or session.get_bind().dialect.name != "sqlite":
        return None
    hits = _fts_hits(query)
    # Leaving out the deleted stories (a small set, from their own index) rather than looking
    # up every matching story: two common words in 60,000 stories at 100k, 39 -> 24 ms.
    deleted = select(Story.id).where(Story.deleted_at.is_not(None))
    return session.execute(
        select(func.count(distinct(hits.c.story_id))).where(hits.c.story_id.not_in(deleted))
    ).scalar_one()


def _fts_hits(query: str) -> Subquery:
    return _FTS_STORY_IDS.bindparams(match=fts_match(query)).subquery()


def _token_condition(token: str, dialect: str) -> ColumnElement[bool]:
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    in_articles = exists(select(Article.id).where(
        Article.story_id == Story.id, Article.deleted_at.is_(None),
        or_(Article.title.ilike(pattern, escape="\\"),
            searchable_text(Article.text, dialect).ilike(pattern, escape="\\"))))
    in_notes = exists(select(Note.id).where(
        Note.story_id == Story.id, Note.deleted_at.is_(None),
        or_(Note.body.ilike(pattern, escape="\\"), Note.label.ilike(pattern, escape="\\"))))
    return or_(Story.title.ilike(pattern, escape="\\"), in_articles, in_notes)
