"""Storing a batch of prepared articles in a handful of statements.

store_article runs about nine statements and a savepoint for each article; an import spent
more time in SQLAlchemy and SQLite call overhead than in its own work. store_batch groups a
whole batch (one write transaction, reader.store.importing) in memory and writes it with one
statement per table (executemany). The grouping decisions are store_article's, article by
article in order: the grouping index's counts are read once for the batch's keys, and the
batch's own earlier articles are counted and posted in memory exactly as index_article would
have written them, so each article sees the same candidates. Stored candidates are scored
from the fingerprint keys the library keeps (grouping_index.key_similarity), read in one query
for the batch.

What it leaves to store_article: a text that was deleted before and comes back (with its
notes). Such a batch returns None and the caller stores it article by article. Anything that
fails raises, and the caller's transaction rolls the whole batch back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from reader.ingest.grouping import SAME_STORY_THRESHOLD
from reader.store.errors import NotFound
from reader.store.grouping_index import (
    COMMON_KEY_ARTICLES,
    MAX_CANDIDATES,
    POSTINGS_PER_KEY,
    add_index_rows,
    best_placed,
    candidate_rows,
    key_counts,
    key_similarity,
    keys_to_look_up,
    shared_needed,
    unpack_fingerprint_keys,
)
from reader.store.grouping_memory import GroupingMemory
from reader.store.library import PreparedArticle, duplicate_outcome
from reader.store.models import Article, Story
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
class _Lookup:
    """Where one article of the batch looks for its story: the keys it looks up and the
    candidates they give, ranked as candidate_articles ranks (most shared keys first, then
    older first; the batch's articles get ids after every stored one, in batch order)."""

    keys: list[int]
    needed: int  # shared keys a candidate needs
    here: dict[int, int]  # earlier articles of this batch: shared keys

    def chosen(self, stored: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """The MAX_CANDIDATES best placed: (0, stored article id) or (1, batch index).
        `stored`: (article, keys shared) of stored articles, at least the best placed."""
        ranked = sorted([(-n, 0, article) for article, n in stored if n >= self.needed]
                        + [(-n, 1, index) for index, n in self.here.items()
                           if n >= self.needed])
        return [(group, number) for _n, group, number in ranked[:MAX_CANDIDATES]]


@dataclass
class _Batch:
    """The batch so far: its new articles and stories, and the grouping index as it would
    stand had each been stored."""

    counts: dict[int, int]  # key: articles holding it, stored or in this batch
    articles: list[PreparedArticle] = field(default_factory=list)
    stories: list[int] = field(default_factory=list)  # each article's
    titles: list[str] = field(default_factory=list)  # each article's
    # A story is a stored one's id, or -n for the nth new story of this batch.
    new_titles: list[str] = field(default_factory=list)
    by_hash: dict[str, int] = field(default_factory=dict)  # content hash: article index
    counted: Counter[int] = field(default_factory=Counter)
    posted: dict[int, list[int]] = field(default_factory=dict)  # key: article indexes
    story_titles: dict[int, str] = field(default_factory=dict)

    def new_story(self, prepared: PreparedArticle) -> int:
        record = prepared.parsed
        self.new_titles.append(record.title.strip() or record.source_name)
        return -len(self.new_titles)

    def lookup(self, prepared: PreparedArticle) -> _Lookup | None:
        """What _best_story of reader.store.library would look up for this article, with the
        index as it stands now; None when it would find nothing."""
        if not prepared.fingerprint_size:
            return None
        keys = keys_to_look_up(prepared.keys, self.counts)
        if not keys:
            return None
        here = Counter(index for key in keys for index in self.posted.get(key, ()))
        return _Lookup(keys, shared_needed(prepared.keys), here)

    def index(self, prepared: PreparedArticle) -> int:
        """Count and post the article's keys by index_article's rules; its index."""
        index = len(self.articles)
        self.articles.append(prepared)
        self.by_hash[prepared.parsed.content_hash] = index
        for key in prepared.keys:
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

    def best_story(self, index: int, chosen: list[tuple[int, int]],
                   stored: _StoredCandidates) -> int | None:
        """_best_story of reader.store.library for the batch's article `index` over the
        chosen candidates: the stored ones oldest first, then the batch's own (scored from
        their fingerprint keys too, as store_article would once they were stored)."""
        if not chosen:
            return None
        mine = unpack_fingerprint_keys(self.articles[index].fingerprint_keys)
        best_story: int | None = None
        best_score = 0.0
        for article in sorted(number for group, number in chosen if group == 0):
            found = stored.similarity(mine, article)
            if found is not None:
                story, score = found
                if score >= SAME_STORY_THRESHOLD and score > best_score:
                    best_story, best_score = story, score
        for other in sorted(number for group, number in chosen if group == 1):
            score = key_similarity(mine, self.articles[other].fingerprint_keys)
            if score >= SAME_STORY_THRESHOLD and score > best_score:
                best_story, best_score = self.stories[other], score
        return best_story


class _StoredCandidates:
    """The stored candidates of a batch's articles, scored from their fingerprint keys: those
    the import wrote and remembers from memory, the others read in one query."""

    def __init__(self, session: Session, ids: set[int], memory: GroupingMemory) -> None:
        self._written = memory.written_articles(ids)
        self._rows = candidate_rows(session, ids - self._written.keys())

    def similarity(self, mine: frozenset[int], article: int) -> tuple[int, float] | None:
        """(the stored article's story, its key_similarity with the fingerprint keys
        `mine`); None for a deleted article, or a posting left by one no longer stored."""
        written = self._written.get(article)
        if written is not None:
            story, keys = written
        else:
            row = self._rows.get(article)
            if row is None or row.deleted_at is not None:
                return None
            story, keys = row.story_id, row.fingerprint_keys
        return story, key_similarity(mine, keys)


def store_batch(session: Session, records: Sequence[PreparedArticle], *,
                story_id: int | None = None, new_story: bool = False,
                memory: GroupingMemory | None = None) -> list[ImportOutcome] | None:
    """store_article for each record in turn (same outcomes, same stories), in a few
    statements; None when a record needs store_article itself (see the module's doc).
    `memory`: the postings an import keeps between its batches (told of this batch's once
    they are written; the caller tells it when the batch is committed)."""
    begin_write(session)
    grouping = story_id is None and not new_story
    if grouping:
        lock_grouping(session)  # another member may be storing a version of a story now
    stored = _stored_texts(session, [record.parsed.content_hash for record in records])
    if any(row.deleted_at is not None for row in stored.values()):
        return None
    if story_id is not None:
        chosen = session.connection().execute(
            select(Story.deleted_at).where(Story.id == story_id)).first()
        if chosen is None or chosen.deleted_at is not None:
            raise NotFound(f"no story with id {story_id}")
    counts = key_counts(session, (key for record in records for key in record.keys))
    batch = _Batch(dict(counts))
    # Each record's outcome: a duplicate of a stored text now, the rest once written.
    results: list[ImportOutcome | tuple[str, int, str]] = []  # (status, article, source)
    lookups: dict[int, _Lookup] = {}  # article index: where it looks for its story
    for prepared in records:
        record = prepared.parsed
        if record.content_hash in stored:
            results.append(duplicate_outcome(record.source_name,
                                             stored[record.content_hash]))
        elif record.content_hash in batch.by_hash:
            results.append(("duplicate", batch.by_hash[record.content_hash],
                            record.source_name))
        else:
            # Where an article looks depends on the index, not on the stories chosen:
            # every article's candidates are known before the first is scored.
            lookup = batch.lookup(prepared) if grouping else None
            index = batch.index(prepared)
            if lookup is not None:
                lookups[index] = lookup
            results.append(("imported", index, record.source_name))
    memory = memory or GroupingMemory()
    shared = _stored_shares(session, lookups, (counts, batch.counts), memory)
    _choose_stories(session, batch, lookups, (shared, memory), (story_id, new_story))
    article_ids, story_ids = _write(session, batch, memory)
    return [result if isinstance(result, ImportOutcome)
            else _outcome(batch, result, article_ids, story_ids) for result in results]


def _choose_stories(session: Session, batch: _Batch, lookups: dict[int, _Lookup],
                    stored: tuple[dict[int, Iterable[tuple[int, int]]], GroupingMemory],
                    joining: tuple[int | None, bool]) -> None:
    """Each new article's story and title, in batch order: `joining` is (story_id,
    new_story): that story, or one new story for them all, or else the story of its most
    similar candidate (`stored`: each article's stored candidates (_stored_shares), and
    what the import remembers)."""
    story_id, new_story = joining
    shared, memory = stored
    chosen = {index: lookup.chosen(shared[index]) for index, lookup in lookups.items()}
    candidates = _StoredCandidates(session, {number for ranked in chosen.values()
                                             for group, number in ranked if group == 0},
                                   memory)
    for index, prepared in enumerate(batch.articles):
        if story_id is not None:
            target = story_id
        elif new_story:  # the first version starts the story, the rest join it
            target = story_id = batch.new_story(prepared)
        else:
            found = (batch.best_story(index, chosen[index], candidates)
                     if index in chosen else None)
            target = found if found is not None else batch.new_story(prepared)
        batch.stories.append(target)
        # A first sentence is a poor title where the story has a real one.
        record = prepared.parsed
        batch.titles.append(batch.title_of(session, target) if record.title_derived
                            else record.title)


def _stored_shares(session: Session, lookups: dict[int, _Lookup],
                   counts: tuple[dict[int, int], dict[int, int]], memory: GroupingMemory
                   ) -> dict[int, Iterable[tuple[int, int]]]:
    """Each article's stored candidates, (article, keys shared): counted here from the
    postings the import remembers (read once, kept from batch to batch), or from the
    library's postings at once (best_placed), without remembering them, for an article that
    looks up a key held by more than COMMON_KEY_ARTICLES (one of its rarest: up to
    POSTINGS_PER_KEY postings; at 100k articles half the keys looked up) that the import does
    not count itself (GroupingMemory.common_keys). `counts`: the stored articles holding each
    key of the batch, and every key of the batch."""
    stored_counts, keys = counts
    many = {key for key, articles in stored_counts.items() if articles > COMMON_KEY_ARTICLES}
    common = Counter(key for lookup in lookups.values() for key in lookup.keys if key in many)
    counted_here = memory.common_keys(session, common)
    in_database = {index for index, lookup in lookups.items()
                   if any(key in many and key not in counted_here for key in lookup.keys)}
    postings = memory.postings(session, {key for index, lookup in lookups.items()
                                         if index not in in_database for key in lookup.keys},
                               keys, stored_counts)
    return {index: best_placed(session, lookup.keys, lookup.needed) if index in in_database
            else Counter(chain.from_iterable(postings.get(key, ()) for key in lookup.keys)
                         ).items()
            for index, lookup in lookups.items()}


def _stored_texts(session: Session, hashes: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for first in range(0, len(hashes), _HASH_CHUNK):
        rows = session.connection().execute(
            _STORED_TEXTS, {"hashes": hashes[first:first + _HASH_CHUNK]})
        found.update((row.content_hash, row) for row in rows)
    return found


def _write(session: Session, batch: _Batch, memory: GroupingMemory
           ) -> tuple[list[int], list[int]]:
    """Insert the batch's stories, articles and index rows: (article ids, story ids)."""
    conn = session.connection()
    story_ids = (sorted(row.id for row in conn.execute(_NEW_STORIES, [
        {"title": title} for title in batch.new_titles])) if batch.new_titles else [])
    if not batch.articles:
        return [], story_ids
    rows = []
    for prepared, story, title in zip(batch.articles, batch.stories, batch.titles,
                                      strict=True):
        record = prepared.parsed
        rows.append(dict(
            story_id=story if story > 0 else story_ids[-story - 1], title=title,
            outlet=record.outlet, url=record.url, published=record.published,
            section=record.section, language=record.language, words=prepared.word_count,
            source_name=record.source_name, raw_packed=prepared.raw_packed,
            text=prepared.text_packed, content_hash=record.content_hash,
            fingerprint_keys=prepared.fingerprint_keys, fingerprint_size=prepared.fingerprint_size))
    ids = {row.content_hash: row.id for row in conn.execute(_NEW_ARTICLES, rows)}
    article_ids = [ids[prepared.parsed.content_hash] for prepared in batch.articles]
    postings = [(key, article_ids[index]) for key, indexes in batch.posted.items()
                for index in indexes]
    add_index_rows(session, dict(batch.counted), postings)
    memory.written(postings, [
        (article, story if story > 0 else story_ids[-story - 1], prepared.fingerprint_keys)
        for article, story, prepared in zip(article_ids, batch.stories, batch.articles,
                                            strict=True)])
    return article_ids, story_ids


def _outcome(batch: _Batch, result: tuple[str, int, str], article_ids: list[int],
             story_ids: list[int]) -> ImportOutcome:
    status, index, source = result
    story = batch.stories[index]
    story = story if story > 0 else story_ids[-story - 1]
    if status == "duplicate":  # of an article earlier in this batch
        return duplicate_outcome(source, _Stored(article_ids[index], story))
    return ImportOutcome(source, "imported", article_id=article_ids[index], story_id=story)


@dataclass(frozen=True)
class _Stored:
    id: int
    story_id: int
