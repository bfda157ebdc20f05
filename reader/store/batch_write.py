"""Storing a batch of prepared articles in a handful of statements.

store_article runs about nine statements and a savepoint for each article; an import spent
more time in SQLAlchemy and SQLite call overhead than in its own work. store_batch groups a
whole batch (one write transaction, reader.store.importing) in memory and writes it with one
statement per table (executemany). The grouping decisions are store_article's, article by
article in order: the grouping index's counts are read once for the batch's keys, and the
batch's own earlier articles are counted and posted in memory exactly as index_article would
have written them, so each article sees the same candidates; only the postings query of the
stored library runs per article, and it brings back the candidates' fingerprints with it.

What it leaves to store_article: a text that was deleted before and comes back (with its
notes). Such a batch returns None and the caller stores it article by article. Anything that
fails raises, and the caller's transaction rolls the whole batch back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from reader.ingest.grouping import SAME_STORY_THRESHOLD, story_similarity
from reader.store.errors import NotFound
from reader.store.grouping_index import (
    MAX_CANDIDATES,
    POSTINGS_PER_KEY,
    add_index_rows,
    best_placed,
    key_counts,
    keys_to_look_up,
    shared_needed,
)
from reader.store.library import PreparedArticle, duplicate_outcome
from reader.store.models import Article, Story
from reader.store.packed_text import unpack_fingerprint
from reader.store.postgres import lock_grouping
from reader.store.records import ImportOutcome
from reader.store.writing import begin_write

_HASH_CHUNK = 500
_STORED_TEXTS = select(Article.content_hash, Article.id, Article.story_id,
                       Article.deleted_at).where(
    Article.content_hash.in_(bindparam("hashes", expanding=True)))
# Rows in many-row INSERTs. RETURNING gives no order on SQLite (SQLAlchemy would then insert
# row by row to keep one): articles are matched to their ids by their unique content hash,
# stories by order of id, which both databases hand out in increasing order as the rows
# are inserted (SQLite: the largest rowid + 1, under the write lock; PostgreSQL: a sequence).
_NEW_STORIES = insert(Story).returning(Story.id)
_NEW_ARTICLES = insert(Article).returning(Article.id, Article.content_hash)


@dataclass
class _Batch:
    """The batch so far: its new articles and stories, and the grouping index as it would
    stand had each been stored."""

    counts: dict[int, int]  # key: articles holding it, stored or in this batch
    articles: list[tuple[PreparedArticle, int, str]] = field(default_factory=list)
    # (article, its story, its title). A story is a stored one's id, or -n for the nth new
    # story of this batch.
    new_titles: list[str] = field(default_factory=list)
    by_hash: dict[str, int] = field(default_factory=dict)  # content hash: article index
    counted: Counter[int] = field(default_factory=Counter)
    posted: dict[int, list[int]] = field(default_factory=dict)  # key: article indexes
    story_titles: dict[int, str] = field(default_factory=dict)
    # Stored candidates' fingerprints, unpacked once per batch.
    unpacked: dict[int, frozenset[str]] = field(default_factory=dict)

    def new_story(self, prepared: PreparedArticle) -> int:
        record = prepared.parsed
        self.new_titles.append(record.title.strip() or record.source_name)
        return -len(self.new_titles)

    def add(self, prepared: PreparedArticle, story: int, title: str) -> int:
        index = len(self.articles)
        self.articles.append((prepared, story, title))
        self.by_hash[prepared.parsed.content_hash] = index
        for key in prepared.keys:  # index_article's rules
            self.counted[key] += 1
            self.counts[key] = self.counts.get(key, 0) + 1
            if self.counts[key] <= POSTINGS_PER_KEY:
                self.posted.setdefault(key, []).append(index)
        return index

    def title_of(self, session: Session, story: int) -> str:
        if story < 0:
            return self.new_titles[-story - 1]
        if story not in self.story_titles:
            self.story_titles[story] = session.connection().execute(
                select(Story.title).where(Story.id == story)).scalar_one()
        return self.story_titles[story]

    def best_story(self, session: Session, prepared: PreparedArticle) -> int | None:
        """_best_story of reader.store.library, over the library and this batch."""
        if not prepared.words:
            return None
        looked_up = keys_to_look_up(prepared.keys, self.counts)
        if not looked_up:
            return None
        needed = shared_needed(prepared.keys)
        stored = best_placed(session, looked_up, needed)
        here = Counter(index for key in looked_up for index in self.posted.get(key, ()))
        # Ranked as candidate_articles ranks: most shared keys first, then older first (the
        # batch's articles get ids after every stored one, in batch order).
        ranked = sorted([(-row.shared, 0, row.article_id) for row in stored]
                        + [(-n, 1, index) for index, n in here.items() if n >= needed]
                        )[:MAX_CANDIDATES]
        chosen = {(group, number) for _, group, number in ranked}
        best_story: int | None = None
        best_score = 0.0
        for row in sorted(stored, key=lambda row: row.article_id):
            if (0, row.article_id) in chosen and row.story_id is not None \
                    and row.deleted_at is None:
                words = self.unpacked.get(row.article_id)
                if words is None:
                    words = self.unpacked[row.article_id] = unpack_fingerprint(
                        row.fingerprint_packed, row.text)
                score = story_similarity(prepared.words, words)
                if score >= SAME_STORY_THRESHOLD and score > best_score:
                    best_story, best_score = row.story_id, score
        for index in sorted(number for group, number in chosen if group == 1):
            other, story, _title = self.articles[index]
            score = story_similarity(prepared.words, other.words)
            if score >= SAME_STORY_THRESHOLD and score > best_score:
                best_story, best_score = story, score
        return best_story


def store_batch(session: Session, records: Sequence[PreparedArticle], *,
                story_id: int | None = None, new_story: bool = False
                ) -> list[ImportOutcome] | None:
    """store_article for each record in turn (same outcomes, same stories), in a few
    statements; None when a record needs store_article itself (see the module's doc)."""
    begin_write(session)
    if story_id is None and not new_story:
        lock_grouping(session)  # another member may be storing a version of a story now
    stored = _stored_texts(session, [record.parsed.content_hash for record in records])
    if any(row.deleted_at is not None for row in stored.values()):
        return None
    if story_id is not None:
        chosen = session.connection().execute(
            select(Story.deleted_at).where(Story.id == story_id)).first()
        if chosen is None or chosen.deleted_at is not None:
            raise NotFound(f"no story with id {story_id}")
    batch = _Batch(key_counts(session, (key for record in records for key in record.keys)))
    # Each record's outcome: a duplicate of a stored text now, the rest once written.
    results: list[ImportOutcome | tuple[str, int, str]] = []  # (status, article, source)
    for prepared in records:
        record = prepared.parsed
        if record.content_hash in stored:
            results.append(duplicate_outcome(record.source_name,
                                             stored[record.content_hash]))
            continue
        if record.content_hash in batch.by_hash:
            results.append(("duplicate", batch.by_hash[record.content_hash],
                            record.source_name))
            continue
        if story_id is not None:
            target = story_id
        elif new_story:  # the first version starts the story, the rest join it
            target = story_id = batch.new_story(prepared)
            new_story = False
        else:
            found = batch.best_story(session, prepared)
            target = found if found is not None else batch.new_story(prepared)
        # A first sentence is a poor title where the story has a real one.
        title = batch.title_of(session, target) if record.title_derived else record.title
        results.append(("imported", batch.add(prepared, target, title), record.source_name))
    article_ids, story_ids = _write(session, batch)
    return [result if isinstance(result, ImportOutcome)
            else _outcome(batch, result, article_ids, story_ids) for result in results]


def _stored_texts(session: Session, hashes: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for first in range(0, len(hashes), _HASH_CHUNK):
        rows = session.connection().execute(
            _STORED_TEXTS, {"hashes": hashes[first:first + _HASH_CHUNK]})
        found.update((row.content_hash, row) for row in rows)
    return found


def _write(session: Session, batch: _Batch) -> tuple[list[int], list[int]]:
    """Insert the batch's stories, articles and index rows: (article ids, story ids)."""
    conn = session.connection()
    story_ids = (sorted(row.id for row in conn.execute(_NEW_STORIES, [
        {"title": title} for title in batch.new_titles])) if batch.new_titles else [])
    if not batch.articles:
        return [], story_ids
    rows = []
    for prepared, story, title in batch.articles:
        record = prepared.parsed
        rows.append(dict(
            story_id=story if story > 0 else story_ids[-story - 1], title=title,
            outlet=record.outlet, url=record.url, published=record.published,
            section=record.section, language=record.language, words=prepared.word_count,
            source_name=record.source_name, raw_packed=prepared.raw_packed, text=record.text,
            content_hash=record.content_hash, fingerprint_packed=prepared.fingerprint_packed,
            fingerprint_size=len(prepared.words)))
    ids = {row.content_hash: row.id for row in conn.execute(_NEW_ARTICLES, rows)}
    article_ids = [ids[prepared.parsed.content_hash] for prepared, _story, _t in batch.articles]
    add_index_rows(session, dict(batch.counted),
                   [(key, article_ids[index]) for key, indexes in batch.posted.items()
                    for index in indexes])
    return article_ids, story_ids


def _outcome(batch: _Batch, result: tuple[str, int, str], article_ids: list[int],
             story_ids: list[int]) -> ImportOutcome:
    status, index, source = result
    story = batch.articles[index][1]
    story = story if story > 0 else story_ids[-story - 1]
    if status == "duplicate":  # of an article earlier in this batch
        return duplicate_outcome(source, _Stored(article_ids[index], story))
    return ImportOutcome(source, "imported", article_id=article_ids[index], story_id=story)


@dataclass(frozen=True)
class _Stored:
    id: int
    story_id: int
