"""The grouping index: which stored articles a new one might be a version of, in a few lookups.

Versions of one story share dozens of distinctive words (names, places, figures, the rarer
nouns); unrelated stories share mostly the words every article uses. So the index keeps, for
each article, a fixed sample of its fingerprint words (those whose stable 64-bit hash falls in
one eighth of the hash space: the same word is sampled in every article, so two versions
sharing 80 words share about 10 sampled keys), and counts in how many articles each key
occurs. A key held by more than COMMON_KEY_ARTICLES articles is the library's common
vocabulary and says little about which story a text tells: it is not looked up, unless the
article has fewer than RAREST_KEYS keys below that bar (the hundredth capture of one page
shares every word with the ninety-nine before it), and then only its rarest keys are. No key
is given more than POSTINGS_PER_KEY postings, so every lookup stays short however large the
library grows.

A new article's candidates are the articles sharing at least MIN_SHARED_KEYS of the keys
looked up, best first; the exact story_similarity then decides among them (reader.store.library).
tests/store/test_grouping_index.py checks on a generated corpus with known stories that this
gives the same stories as comparing every pair.

Plain tables and set-based SQL: the same code runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from collections import Counter
from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import BigInteger, Integer, bindparam, func, insert, or_, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from reader.ingest.grouping import similarity_of_sizes
from reader.store.models import Article, GroupingKey, GroupingPosting

# One word in SAMPLE_RATES[i] is a key (by hash, so the same words in every article): the
# sparsest sample that leaves an article MIN_KEYS keys. The samples nest (a word sampled one
# in 8 is sampled one in 4), so two articles sampled differently still share the keys of
# their shared words at the sparser rate.
SAMPLE_RATES = (8, 4, 2)
MIN_KEYS = 24
# Keys seen in more articles than this are the library's common vocabulary.
COMMON_KEY_ARTICLES = 50
# An article with fewer uncommon keys looks up this many of its rarest keys instead.
RAREST_KEYS = 8
POSTINGS_PER_KEY = 400
MIN_SHARED_KEYS = 2
MAX_CANDIDATES = 8
# Word keys one import remembers at most (grouping_keys).
KNOWN_WORDS = 200_000


def word_key(word: str) -> int:
    """A stable signed 64-bit key for a word (Python's hash() changes between runs)."""
    digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def grouping_keys(words: Collection[str], known: dict[str, int] | None = None) -> list[int]:
    """The keys of a fingerprint: a hash-chosen sample, or every word of a short one."""
    return sample_keys(word_keys(words, known))


def word_keys(words: Collection[str], known: dict[str, int] | None = None) -> set[int]:
    """Every word's key (word_key).

    `known` remembers word keys across the articles of one import (news prose repeats its
    vocabulary: hashing every word of every article was a tenth of an import's time); it is
    emptied when it reaches KNOWN_WORDS, so it stays a few tens of MB. Only the words it has
    not met are hashed (set.difference looks each word up in the dict in C, with the hash the
    word already holds).
    """
    known = {} if known is None else known
    if len(known) > KNOWN_WORDS:
        known.clear()
    for word in frozenset(words).difference(known):
        known[word] = word_key(word)
    return set(map(known.__getitem__, words))


def fingerprint_keys(keys: Iterable[int]) -> bytes:
    """What the library keeps of a fingerprint: the low 32 bits of every word's key, sorted,
    as little-endian 32-bit integers (~1 KB an article).

    A stored candidate is scored from them (key_similarity) without its text: unpacking its
    words against the text took ~50 µs and a read of the text, these read back in ~7 µs
    (bench/README.md). Two different words with the same 32 bits would count as shared: in
    two 250-word fingerprints that happens about once in 70,000 comparisons, by one word.
    """
    packed = array("I", sorted({key & 0xFFFFFFFF for key in keys}))
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def unpack_fingerprint_keys(packed: bytes) -> frozenset[int]:
    return frozenset(_key_array(packed))


def key_similarity(mine: frozenset[int], theirs: bytes) -> float:
    """story_similarity of two fingerprints, from the unpacked fingerprint_keys of one and
    the packed ones of the other (whose keys are distinct: looking each up in `mine` costs
    two thirds of making a set of them first)."""
    keys = _key_array(theirs)
    return similarity_of_sizes(len(mine.intersection(keys)), len(mine), len(keys))


def _key_array(packed: bytes) -> array[int]:
    keys = array("I")
    keys.frombytes(packed)
    if sys.byteorder == "big":
        keys.byteswap()
    return keys


if array("I").itemsize != 4:  # C's unsigned int: 4 bytes on every platform Python runs on
    raise ImportError("array('I') must hold 32-bit integers")


def sample_keys(keys: set[int]) -> list[int]:
    """The grouping keys among a fingerprint's word keys, sorted."""
    for rate in SAMPLE_RATES:
        sampled = [key for key in keys if key % rate == 0]
        if len(sampled) >= MIN_KEYS:
            return sorted(sampled)
    return sorted(keys)


def candidate_articles(session: Session, keys: list[int]) -> list[int]:
    """Ids of the stored articles sharing the most uncommon keys with `keys`, best first."""
    if not keys:
        return []
    # Short texts have few keys: one shared key is already telling.
    needed = MIN_SHARED_KEYS if len(keys) >= MIN_KEYS else 1
    rows = session.connection().execute(_CANDIDATES, {
        "keys": keys, "common": COMMON_KEY_ARTICLES, "rarest": RAREST_KEYS,
        "needed": needed, "limit": MAX_CANDIDATES})
    return [article_id for article_id, _ in rows]


def keys_to_look_up(keys: list[int], counts: dict[int, int]) -> list[int]:
    """What _CANDIDATES looks up, from the key counts at hand (a batch keeps them in memory):
    `keys` held by at most COMMON_KEY_ARTICLES articles, and the RAREST_KEYS rarest."""
    known = [key for key in keys if counts.get(key, 0) > 0]
    rarest = set(sorted(known, key=lambda key: (counts[key], key))[:RAREST_KEYS])
    return [key for key in known if counts[key] <= COMMON_KEY_ARTICLES or key in rarest]


def shared_needed(keys: list[int]) -> int:
    """How many looked-up keys a candidate must share: short texts have few keys, and one
    shared key is already telling."""
    return MIN_SHARED_KEYS if len(keys) >= MIN_KEYS else 1


def key_counts(session: Session, keys: Iterable[int]) -> dict[int, int]:
    """How many stored articles hold each of `keys` (keys none holds are left out)."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        rows = conn.execute(_COUNTS_POSTGRESQL, {"keys": wanted})
    else:
        rows = conn.execute(_COUNTS_SQLITE, {"keys": json.dumps(wanted)})
    return {key: articles for key, articles in rows}


def stored_postings(session: Session, keys: Collection[int]) -> dict[int, list[int]]:
    """The stored articles posted under each of `keys` (keys none is posted under left out).

    A batch reads the postings of every key its articles look up in one query and ranks each
    article's candidates itself (batch_write): a query per article spent more in statement
    overhead and in grouping and sorting a few hundred postings than in reading them.
    """
    if not keys:
        return {}
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        rows = conn.execute(_POSTINGS_POSTGRESQL, {"keys": sorted(keys)})
    else:
        rows = conn.execute(_POSTINGS_SQLITE, {"keys": json.dumps(sorted(keys))})
    postings: dict[int, list[int]] = {}
    for key, article_id in rows:
        postings.setdefault(key, []).append(article_id)
    return postings


def best_placed(session: Session, keys: list[int], needed: int) -> list[tuple[int, int]]:
    """The MAX_CANDIDATES stored articles sharing the most of `keys` (at least `needed`;
    keys chosen by keys_to_look_up), most shared first, then oldest first: (article_id,
    shared). A posting left by an article no longer stored keeps its place, as in
    candidate_articles."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        rows = conn.execute(_BEST_PLACED_POSTGRESQL, {
            "keys": keys, "needed": needed, "limit": MAX_CANDIDATES})
        return [(article_id, shared) for article_id, shared in rows]
    # SQLite's GROUP BY sorts every posting read (an article of a 100k library looking up
    # 3,700 postings: 0.86 ms, 0.10 of it reading them); read as one list of ids and counted
    # here, as the text SQLite gives them (one spelling per id), they take 0.59 ms.
    posted = conn.execute(_POSTED_SQLITE, {"keys": json.dumps(keys)}).scalar_one()
    if posted is None:
        return []
    shared = Counter(posted.split(","))
    ranked = sorted((-n, int(article)) for article, n in shared.items() if n >= needed)
    return [(article_id, -n) for n, article_id in ranked[:MAX_CANDIDATES]]


def candidate_rows(session: Session, ids: Collection[int]) -> dict[int, Any]:
    """The stored articles `ids` by id: (id, story_id, deleted_at, fingerprint_keys). Ids no
    longer stored are left out."""
    wanted = sorted(ids)
    found: dict[int, Any] = {}
    for first in range(0, len(wanted), _ID_CHUNK):
        rows = session.connection().execute(_CANDIDATE_ROWS,
                                            {"ids": wanted[first:first + _ID_CHUNK]})
        found.update((row.id, row) for row in rows)
    return found


def add_index_rows(session: Session, counted: dict[int, int],
                   postings: list[tuple[int, int]]) -> None:
    """Write a batch's index rows: `counted` articles more under each key, the (key, article)
    postings a batch decided on (index_article's rules, applied in memory).

    Plain rows straight to the driver: a 10k import writes 330,000 postings, and SQLAlchemy's
    handling of each row's parameters cost three times SQLite's own work.
    """
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    if counted:
        conn.exec_driver_sql(_ADD_KEYS.format(mark=mark), list(counted.items()))
    if postings:
        conn.exec_driver_sql(_ADD_POSTINGS.format(mark=mark), postings)


def index_article(session: Session, article_id: int, keys: list[int]) -> None:
    """Count the article's keys, and post it under those with room for more postings."""
    if not keys:
        return
    conn = session.connection()
    # One statement per table, run for every key (executemany).
    upsert = _UPSERT_POSTGRESQL if conn.dialect.name == "postgresql" else _UPSERT_SQLITE
    conn.execute(upsert, [{"k": key} for key in keys])
    conn.execute(_POST, [{"k": key, "a": article_id, "most": POSTINGS_PER_KEY}
                         for key in keys])


def _upsert(insert: Any) -> Any:
    return (insert(GroupingKey).values(key=bindparam("k"), articles=1)
            .on_conflict_do_update(index_elements=[GroupingKey.key],
                                   set_={"articles": GroupingKey.articles + 1}))


_shared = func.count().label("shared")
_known = GroupingKey.key.in_(bindparam("keys", expanding=True))
_rarest = (select(GroupingKey.key).where(_known)
           .order_by(GroupingKey.articles, GroupingKey.key).limit(bindparam("rarest")))
_CANDIDATES = (
    select(GroupingPosting.article_id, _shared)
    .where(GroupingPosting.key.in_(
        select(GroupingKey.key).where(_known, or_(GroupingKey.articles <= bindparam("common"),
                                                  GroupingKey.key.in_(_rarest)))))
    .group_by(GroupingPosting.article_id)
    .having(_shared >= bindparam("needed"))
    .order_by(_shared.desc(), GroupingPosting.article_id)
    .limit(bindparam("limit")))
_UPSERT_SQLITE = _upsert(sqlite.insert)
# Both databases spell an upsert so (PostgreSQL and SQLite 3.24 on).
_ADD_KEYS = ("INSERT INTO grouping_keys (key, articles) VALUES ({mark}, {mark}) "
             "ON CONFLICT (key) DO UPDATE SET articles = grouping_keys.articles "
             "+ excluded.articles")
_ADD_POSTINGS = "INSERT INTO grouping_postings (key, article_id) VALUES ({mark}, {mark})"
# One parameter holds every key (JSON on SQLite, an array on PostgreSQL): with an expanding
# IN list SQLAlchemy rendered the statement anew for every article (a third of its time).
_SQLITE_KEYS = "key IN (SELECT value FROM json_each(:keys))"
_POSTGRESQL_KEYS = "key = ANY(CAST(:keys AS BIGINT[]))"
_COUNTS = "SELECT key, articles FROM grouping_keys WHERE {keys}"
_COUNTS_SQLITE = text(_COUNTS.format(keys=_SQLITE_KEYS))
_COUNTS_POSTGRESQL = text(_COUNTS.format(keys=_POSTGRESQL_KEYS))
# From the keys' side: SQLite otherwise turns a long IN list into a scan of every posting.
_POSTINGS_SQLITE = text("SELECT grouping_postings.key, grouping_postings.article_id "
                        "FROM json_each(:keys) AS wanted CROSS JOIN grouping_postings "
                        "ON grouping_postings.key = wanted.value")
_POSTINGS_POSTGRESQL = text("SELECT key, article_id FROM grouping_postings WHERE "
                            + _POSTGRESQL_KEYS)
_BEST_PLACED_POSTGRESQL = text(
    "SELECT article_id, count(*) AS shared FROM grouping_postings WHERE " + _POSTGRESQL_KEYS
    + " GROUP BY article_id HAVING count(*) >= :needed "
    "ORDER BY count(*) DESC, article_id LIMIT :limit")
_POSTED_SQLITE = text("SELECT group_concat(article_id) FROM grouping_postings WHERE "
                      + _SQLITE_KEYS)
_CANDIDATE_ROWS = select(Article.id, Article.story_id, Article.deleted_at,
                         Article.fingerprint_keys).where(
    Article.id.in_(bindparam("ids", expanding=True)))
_ID_CHUNK = 500
_UPSERT_POSTGRESQL = _upsert(postgresql.insert)
_POST = insert(GroupingPosting).from_select(
    ["key", "article_id"],
    select(bindparam("k", type_=BigInteger), bindparam("a", type_=Integer))
    .where(select(GroupingKey.articles).where(GroupingKey.key == bindparam("k"))
           .scalar_subquery() <= bindparam("most")))
