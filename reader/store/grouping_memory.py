"""What one import remembers of the grouping index from one batch to the next: the postings
it has read or written, and the fingerprints of the articles it wrote last.

Most candidates of an article in a large import are articles the same import stored a few
batches before: reading their postings back from the library cost each batch a query of a
few hundred rows per article (~0.35 ms an article, a fifth of the importing process's time).
An import remembers the postings of the keys it looked up or wrote, and reads only the keys
it has not seen; a key many articles hold (up to POSTINGS_PER_KEY postings) only once a
second article looks it up (common_keys). An import remembers the fingerprint keys of the last
WRITTEN_ARTICLES articles it wrote (~1 KB each), and scores them without reading the library.

What it remembers is only trusted while nobody else has written to the library since: on
SQLite, `PRAGMA data_version` on the same connection says whether another connection has
committed (a connection's own commits leave it unchanged), and a write transaction keeps
everyone else out until it commits. On other databases, or on another connection, or after
a batch that was not written by store_batch, the import reads every batch's postings anew.
"""

from __future__ import annotations

from array import array
from collections import Counter, OrderedDict
from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy.orm import Session

from reader.store.grouping_index import stored_postings

# Keys and postings remembered at most (a 100k import posts ~200,000 keys and ~3 million
# postings: 8 bytes a posting, ~60 bytes a key).
MEMORY_KEYS = 400_000
MEMORY_POSTINGS = 6_000_000
# Articles this import wrote whose fingerprint keys it remembers at most, the most recent
# (~1.1 KB each: ~11 MB). An import of 10,000 articles scores every candidate it wrote from
# memory; in a larger one most candidates are the oldest holders of common keys.
WRITTEN_ARTICLES = 10_000


class GroupingMemory:
    """Postings by key, as the library holds them, for the keys one import has met; the
    fingerprint keys of the articles it wrote last."""

    def __init__(self) -> None:
        self._postings: dict[int, array[int]] = {}
        self._remembered = 0  # postings in _postings
        self._looked_up: Counter[int] = Counter()  # common keys: articles that looked each up
        self._stamp: tuple[Any, int] | None = None  # (connection, data_version) trusted
        self._written: list[tuple[int, int]] = []  # by the batch being written
        # article id: (its story, its fingerprint keys), of the articles written
        self._articles: OrderedDict[int, tuple[int, bytes]] = OrderedDict()
        self._articles_written: list[tuple[int, int, bytes]] = []  # by the batch being written

    def common_keys(self, session: Session, looked_up: Counter[int]) -> set[int]:
        """Which of the common keys a batch looks up (held by more than COMMON_KEY_ARTICLES
        articles; `looked_up`: by how many of its articles) the import counts itself: those it
        remembers, and those looked up a second time in the import. An article looking up any
        other is counted at once (grouping_index.best_placed): remembering up to
        POSTINGS_PER_KEY postings costs more, unless later articles look the key up again (at
        100k, three lookups in four are of a common key looked up before). Nothing where the
        postings are not remembered from one batch to the next.

        Called once a batch, in its write transaction, before postings().
        """
        if not self._trust(session):
            return set()
        self._looked_up.update(looked_up)
        return {key for key in looked_up if key in self._postings or self._looked_up[key] > 1}

    def postings(self, session: Session, looked_up: Collection[int], keys: Iterable[int],
                 counts: dict[int, int]) -> dict[int, array[int]]:
        """The stored postings of the keys `looked_up` (more may be included). `keys`: every
        key of the batch; `counts`: the stored articles holding each, as key_counts gives
        them (a key none holds has no postings yet: what the import posts under it is
        remembered from now on).

        Called once a batch, in its write transaction, before it writes anything.
        """
        self._trust(session)
        self._written = []
        self._articles_written = []
        for key in keys:
            if key not in counts and key not in self._postings:
                self._postings[key] = array("q")
        missing = [key for key in looked_up if key not in self._postings]
        fetched = stored_postings(session, missing)
        for key in missing:
            self._postings[key] = array("q", fetched.get(key, ()))
            self._remembered += len(self._postings[key])
        return self._postings

    def _trust(self, session: Session) -> bool:
        """Forget what another connection may have changed since, or what grew too large;
        whether what is remembered now lasts to the next batch."""
        stamp = _stamp(session)
        if (stamp is None or stamp != self._stamp or len(self._postings) > MEMORY_KEYS
                or self._remembered > MEMORY_POSTINGS):
            self._clear()
        self._stamp = stamp
        return stamp is not None

    def _clear(self) -> None:
        self._postings.clear()
        self._remembered = 0
        self._looked_up.clear()
        self._articles.clear()

    def written(self, postings: Iterable[tuple[int, int]],
                articles: Iterable[tuple[int, int, bytes]]) -> None:
        """The (key, article) postings the batch writes, and its articles as (id, story,
        fingerprint keys): kept once it is committed."""
        self._written = list(postings)
        self._articles_written = list(articles)

    def committed(self) -> None:
        """The batch is in the library: remember what it posted under the keys known."""
        for key, article in self._written:
            known = self._postings.get(key)
            if known is not None:
                known.append(article)
                self._remembered += 1
        for article, story, keys in self._articles_written:
            self._articles[article] = (story, keys)
        while len(self._articles) > WRITTEN_ARTICLES:
            self._articles.popitem(last=False)
        self._written = []
        self._articles_written = []

    def written_articles(self, articles: Iterable[int]) -> dict[int, tuple[int, bytes]]:
        """(story, fingerprint keys) of those of `articles` this import wrote and remembers."""
        return {article: found for article in articles
                if (found := self._articles.get(article)) is not None}

    def forget(self) -> None:
        """The library changed in a way not remembered (a batch rolled back, articles stored
        one by one): read everything anew."""
        self._clear()
        self._stamp = None
        self._written = []
        self._articles_written = []


def _stamp(session: Session) -> tuple[Any, int] | None:
    """What changes when another connection commits to the library; None where that cannot
    be told cheaply (PostgreSQL)."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return None
    driver = conn.connection.driver_connection
    assert driver is not None
    version = driver.execute("PRAGMA data_version").fetchone()[0]
    return driver, int(version)
