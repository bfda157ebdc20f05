"""Grouping through the index gives the stories that comparing every pair gives."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from reader.ingest.grouping import SAME_STORY_THRESHOLD, fingerprint, story_similarity
from reader.ingest.model import ParsedArticle
from reader.store import add_article, grouping_index
from reader.store.models import Article
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
