"""The grouping index: which stored articles a new one might be a version of, in a few lookups.

Versions of one story share dozens of distinctive words (names, places, figures, the rarer
nouns); unrelated stories share mostly the words every article uses. So the index keeps, for
each article, a fixed sample of its fingerprint words (those whose stable 64-bit hash falls in
one quarter of the hash space: the same word is sampled in every article, so two versions
sharing 80 words share about 20 sampled keys), and counts in how many articles each key
occurs. A key held by more than COMMON_KEY_ARTICLES articles says nothing about which story a
text tells; it is neither looked up nor given further postings, which keeps every lookup
short however large the library grows.

A new article's candidates are the articles sharing at least MIN_SHARED_KEYS of its uncommon
keys, best first; the exact story_similarity then decides among them (reader.store.library).
tests/store/test_grouping_index.py checks on a generated corpus with known stories that this
gives the same stories as comparing every pair.

Plain tables and set-based SQL: the same code runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy import func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from reader.store.models import GroupingKey, GroupingPosting

# One word in SAMPLE_RATE is a key (by hash, so the same words in every article).
SAMPLE_RATE = 4
# Short texts keep every word as a key: sampling a small fingerprint would leave too few.
FULL_BELOW_WORDS = 80
# Keys seen in more articles than this are the library's common vocabulary.
COMMON_KEY_ARTICLES = 400
MIN_SHARED_KEYS = 2
MAX_CANDIDATES = 40


def word_key(word: str) -> int:
    """A stable signed 64-bit key for a word (Python's hash() changes between runs)."""
    digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def grouping_keys(words: Iterable[str]) -> list[int]:
    """The keys of a fingerprint: a hash-chosen sample, or every word of a short one."""
    keys = sorted({word_key(word) for word in words})
    if len(keys) < FULL_BELOW_WORDS:
        return keys
    return [key for key in keys if key % SAMPLE_RATE == 0]


def candidate_articles(session: Session, keys: list[int]) -> list[int]:
    """Ids of the stored articles sharing the most uncommon keys with `keys`, best first."""
    if not keys:
        return []
    uncommon = select(GroupingKey.key).where(GroupingKey.key.in_(keys),
                                            GroupingKey.articles <= COMMON_KEY_ARTICLES)
    # Short texts have few keys: one shared key is already telling.
    needed = MIN_SHARED_KEYS if len(keys) >= FULL_BELOW_WORDS // SAMPLE_RATE else 1
    shared = func.count().label("shared")
    rows = session.execute(
        select(GroupingPosting.article_id, shared)
        .where(GroupingPosting.key.in_(uncommon))
        .group_by(GroupingPosting.article_id)
        .having(shared >= needed)
        .order_by(shared.desc(), GroupingPosting.article_id)
        .limit(MAX_CANDIDATES))
    return [article_id for article_id, _ in rows]


def index_article(session: Session, article_id: int, keys: list[int]) -> None:
    """Count the article's keys, and post it under those not yet common."""
    if not keys:
        return
    upsert = (postgresql.insert if session.get_bind().dialect.name == "postgresql"
              else sqlite.insert)(GroupingKey)
    session.execute(
        upsert.values([{"key": key, "articles": 1} for key in keys])
        .on_conflict_do_update(index_elements=[GroupingKey.key],
                               set_={"articles": GroupingKey.articles + 1}))
    still_uncommon = session.scalars(
        select(GroupingKey.key).where(GroupingKey.key.in_(keys),
                                      GroupingKey.articles <= COMMON_KEY_ARTICLES)).all()
    if still_uncommon:
        session.execute(insert(GroupingPosting),
                        [{"key": key, "article_id": article_id} for key in still_uncommon])
