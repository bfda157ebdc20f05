"""Grouping through the index gives the stories that comparing every pair gives."""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from collections.abc import Collection
from itertools import combinations
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from reader.ingest import expand_paths, read_articles, samples_dir
from reader.ingest.grouping import SAME_STORY_THRESHOLD, fingerprint, story_similarity
from reader.ingest.model import ParsedArticle
from reader.store import (
    add_article,
    close_library,
    grouping_index,
    grouping_memory,
    import_paths,
    importing,
    open_library,
)
from reader.store.grouping_memory import GroupingMemory
from reader.store.models import Article
from reader.store.writing import begin_write
from tests.ingest.helpers import FIXTURES
from tests.store.corpus import CorpusGenerator, GeneratedArticle


def _parsed(n: int, article: GeneratedArticle) -> ParsedArticle:
    return ParsedArticle(
        source_name=f"corpus.jsonl#{n}", raw=article.json_line().encode(), text=article.text,
        title=article.title, outlet=article.outlet, url=None, published=article.published,
        section=None, language="en",
        content_hash=hashlib.sha256(article.text.encode()).hexdigest())


def _exhaustive_stories(texts: list[str]) -> list[int]:
    """Each article's story as grouping by comparing it with every earlier one decides."""
    prints: list[frozenset[str]] = []
    stories: list[int] = []
    for text in texts:
        words = fingerprint(text)
        best, best_score = None, 0.0
        for index, earlier in enumerate(prints):
            score = story_similarity(words, earlier)
            if score >= SAME_STORY_THRESHOLD and score > best_score:
                best, best_score = stories[index], score
        stories.append(len(prints) if best is None else best)
        prints.append(words)
    return stories


def _partition(labels: list[int]) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(label, set()).add(index)
    return {frozenset(group) for group in groups.values()}


def test_index_groups_a_generated_corpus_as_the_exhaustive_scan_does(
        sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> None:
    # With so small a library, a lower bar for "common" makes the index skip as much of the
    # vocabulary as it does at 100,000 articles.
    monkeypatch.setattr(grouping_index, "COMMON_KEY_ARTICLES", 25)
    corpus = list(CorpusGenerator(seed=7).articles(400, extra_versions=0.3))
    with sessions.begin() as s:
        for n, article in enumerate(corpus):
            add_article(s, _parsed(n, article))
    with sessions() as s:
        stored = list(s.execute(select(Article.story_id).order_by(Article.id)).scalars())
    assert len(stored) == len(corpus)
    through_index = _partition(stored)
    assert through_index == _partition(_exhaustive_stories([a.text for a in corpus]))
    # And both find the stories the corpus was generated with.
    assert through_index == _partition([a.story for a in corpus])


@pytest.mark.parametrize("written_remembered", [20_000, 10])
def test_an_import_in_many_batches_groups_as_storing_one_by_one_does(
        sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path, written_remembered: int) -> None:
    """Half the corpus stored one by one, the rest imported in batches of 37: each batch
    reads the library's postings it has not met and remembers its own (GroupingMemory), and
    scores the articles it wrote on their word keys (all of them, or the last 10 while the
    others are read and unpacked)."""
    monkeypatch.setattr(grouping_index, "COMMON_KEY_ARTICLES", 25)
    monkeypatch.setattr(grouping_memory, "WRITTEN_ARTICLES", written_remembered)
    monkeypatch.setattr(importing, "FIRST_BATCH_ARTICLES", 37)
    monkeypatch.setattr(importing, "MAX_BATCH_ARTICLES", 37)
    corpus = list(CorpusGenerator(seed=7).articles(400, extra_versions=0.3))
    with sessions.begin() as s:
        for n, article in enumerate(corpus[:200]):
            add_article(s, _parsed(n, article))
    dump = tmp_path / "rest.jsonl"
    dump.write_text("".join(article.json_line() + "\n" for article in corpus[200:]),
                    encoding="utf-8")
    outcomes = import_paths(sessions, [dump])
    assert [o.status for o in outcomes] == ["imported"] * 200
    with sessions() as s:
        stored = list(s.execute(select(Article.story_id).order_by(Article.id)).scalars())
    assert _partition(stored) == _partition(_exhaustive_stories([a.text for a in corpus]))


@pytest.mark.sqlite_only
def test_remembered_postings_are_read_again_after_another_connection_writes(
        sessions: sessionmaker[Session], library_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[list[int]] = []
    real = grouping_memory.stored_postings

    def counted(session: Session, keys: Collection[int]) -> dict[int, list[int]]:
        reads.append(sorted(keys))
        return real(session, keys)
    monkeypatch.setattr(grouping_memory, "stored_postings", counted)
    memory = GroupingMemory()
    with sessions.begin() as s:
        begin_write(s)
        assert memory.postings(s, [], [7], {}) == {7: array("q")}  # nobody holds key 7 yet
        grouping_index.add_index_rows(s, {7: 1}, [(7, 1)])
        memory.written([(7, 1)], [(1, 5, grouping_index.fingerprint_keys([-3, 7]))])
    memory.committed()
    with sessions.begin() as s:  # nobody else wrote: remembered, not read
        begin_write(s)
        assert list(memory.postings(s, [7], [7], {7: 1})[7]) == [1]
    assert reads == [[], []]
    assert memory.written_articles([1, 2]) == {1: (5, grouping_index.fingerprint_keys([7, -3]))}
    other = open_library(library_url)
    with other.begin() as s:
        begin_write(s)
        grouping_index.add_index_rows(s, {7: 1}, [(7, 2)])
    close_library(other)
    with sessions.begin() as s:
        begin_write(s)
        assert sorted(memory.postings(s, [7], [7], {7: 2})[7]) == [1, 2]
    assert reads[-1] == [7]
    assert memory.written_articles([1]) == {}


def test_the_written_articles_remembered_are_the_last_written(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grouping_memory, "WRITTEN_ARTICLES", 2)
    memory = GroupingMemory()
    keys = grouping_index.fingerprint_keys([1, 2])
    memory.written([], [(1, 1, keys), (2, 1, keys)])
    assert memory.written_articles([1, 2]) == {}  # not yet committed
    memory.committed()
    memory.written([], [(3, 2, keys)])
    memory.committed()
    assert set(memory.written_articles([1, 2, 3])) == {2, 3}
    memory.written([], [(4, 2, keys)])
    memory.forget()  # the batch rolled back: nothing of it, nor of the others, is trusted
    assert memory.written_articles([2, 3, 4]) == {}


def test_fingerprint_keys_are_the_low_32_bits_of_the_word_keys_sorted() -> None:
    words = frozenset({"harbour", "barrier", "2024", "stour"})
    keys = grouping_index.word_keys(words)
    packed = grouping_index.fingerprint_keys(keys)
    assert len(packed) == 4 * len(words)
    assert grouping_index.unpack_fingerprint_keys(packed) == {key & 0xFFFFFFFF for key in keys}
    assert array("I", packed).tolist() == sorted(key & 0xFFFFFFFF for key in keys)
    assert grouping_index.fingerprint_keys([-1, 2**32 - 1]) == b"\xff\xff\xff\xff"  # one key


def test_key_similarity_is_story_similarity_of_the_fingerprints() -> None:
    """Over the samples and fixtures: the scores the grouping decides on, from the keys."""
    texts = [article.text for path in expand_paths([samples_dir(), FIXTURES])
             for article in read_articles(path)]
    prints = [fingerprint(text) for text in texts]
    packed = [grouping_index.fingerprint_keys(grouping_index.word_keys(words))
              for words in prints]
    for (a, keys_a), (b, keys_b) in combinations(zip(prints, packed, strict=True), 2):
        mine = grouping_index.unpack_fingerprint_keys(keys_a)
        assert grouping_index.key_similarity(mine, keys_b) == story_similarity(a, b)


@pytest.mark.sqlite_only
def test_a_common_key_is_counted_by_the_import_once_looked_up_again(
        sessions: sessionmaker[Session]) -> None:
    """The first article looking up a common key has it counted by the database; from the
    second lookup on, the import reads its postings once and counts them itself."""
    memory = GroupingMemory()
    with sessions.begin() as s:
        begin_write(s)
        assert memory.common_keys(s, Counter({7: 1})) == set()
        assert memory.common_keys(s, Counter({7: 1, 8: 2})) == {7, 8}
        memory.postings(s, [7, 8], [7, 8], {7: 60, 8: 60})
    memory.committed()
    with sessions.begin() as s:
        begin_write(s)
        assert memory.common_keys(s, Counter({7: 1})) == {7}  # remembered now
    memory.forget()
    with sessions.begin() as s:
        begin_write(s)
        assert memory.common_keys(s, Counter({7: 1})) == set()


def test_best_placed_ranks_by_keys_shared_then_oldest(sessions: sessionmaker[Session]) -> None:
    # (key, article) postings: 10 and 11 share three keys, 5 two, 30 one, 40-49 two each.
    postings = ([(k, 10) for k in (1, 2, 3)] + [(k, 11) for k in (1, 2, 3)]
                + [(1, 5), (2, 5), (4, 30)] + [(k, a) for a in range(40, 50) for k in (5, 6)])
    with sessions.begin() as s:
        begin_write(s)
        grouping_index.add_index_rows(s, dict(Counter(k for k, _a in postings)), postings)
    with sessions() as s:
        everything = grouping_index.best_placed(s, [1, 2, 3, 4, 5, 6], 2)
        assert everything == [(10, 3), (11, 3), (5, 2), (40, 2), (41, 2), (42, 2), (43, 2),
                              (44, 2)]
        assert len(everything) == grouping_index.MAX_CANDIDATES
        assert grouping_index.best_placed(s, [1, 2, 3, 4], 3) == [(10, 3), (11, 3)]
        assert grouping_index.best_placed(s, [4, 6], 1) == [
            (30, 1), *((a, 1) for a in range(40, 47))]
        assert grouping_index.best_placed(s, [99], 1) == []
        # Against a count of the postings, for every set of keys and bar.
        for size in (1, 2, 3):
            for keys in combinations(range(1, 8), size):
                for needed in (1, 2):
                    shared = Counter(a for k, a in postings if k in keys)
                    expected = sorted(((a, n) for a, n in shared.items() if n >= needed),
                                      key=lambda pair: (-pair[1], pair[0]))
                    assert grouping_index.best_placed(s, list(keys), needed) == \
                        expected[:grouping_index.MAX_CANDIDATES]
