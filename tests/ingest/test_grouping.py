"""Versions of one story score above SAME_STORY_THRESHOLD; different stories on one topic below."""

from __future__ import annotations

from itertools import combinations

import pytest

from reader.ingest import (
    SAME_STORY_THRESHOLD,
    expand_paths,
    fingerprint,
    read_articles,
    samples_dir,
    story_similarity,
)
from reader.ingest.model import ParsedArticle

from .helpers import FIXTURES


def print_of(article: ParsedArticle) -> frozenset[str]:
    return fingerprint(article.text)  # what the library fingerprints


def fixture_print(name: str) -> frozenset[str]:
    [article] = read_articles(FIXTURES / name)
    return print_of(article)


def test_fingerprint_keeps_distinctive_words_only() -> None:
    words = fingerprint(
        "Sekretaris Jenderal NATO, Mark Rutte, mengatakan bahwa yang jelas Ukraina harus kuat "
        "pada tahun 2025. The council said it would vote on the £14 million barrier."
    )
    assert {"sekretaris", "jenderal", "nato", "mark", "rutte", "ukraina", "2025"} <= words
    assert {"council", "vote", "million", "barrier", "14"} <= words
    for common in ("yang", "bahwa", "mengatakan", "tahun", "the", "said", "would", "it", "on"):
        assert common not in words


def test_similarity_bounds() -> None:
    a = frozenset({"nato", "rutte", "ukraina"})
    assert story_similarity(a, a) == 1.0
    assert story_similarity(a, frozenset({"flood", "barrier"})) == 0.0
    assert story_similarity(a, frozenset()) == 0.0
    assert 0.0 < story_similarity(a, frozenset({"nato", "summit"})) < 1.0
    assert story_similarity(a, frozenset({"nato"})) == story_similarity(frozenset({"nato"}), a)


def test_the_seed_paraphrase_is_the_same_story() -> None:
    score = story_similarity(
        fixture_print("seed_original_id.txt"), fixture_print("seed_rewrite_id.txt")
    )
    assert score > SAME_STORY_THRESHOLD + 0.2  # measured 0.693: well clear of the threshold


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("seed_original_id.txt", "other_nato_id.txt"),  # same outlet, same NATO chief
        ("seed_rewrite_id.txt", "other_nato_id.txt"),
        ("seed_original_id.txt", "other_nato_en.txt"),
        ("other_nato_id.txt", "other_nato_en.txt"),
        ("election_port_ellery_en.txt", "election_valdora_en.txt"),
        ("flood_barrier_castleford_en.txt", "english_page.txt"),
    ],
)
def test_different_stories_on_one_topic_are_apart(first: str, second: str) -> None:
    score = story_similarity(fixture_print(first), fixture_print(second))
    assert score < SAME_STORY_THRESHOLD - 0.1  # measured at most 0.170


def sample_prints() -> dict[str, list[frozenset[str]]]:
    stories: dict[str, list[frozenset[str]]] = {}
    for path in expand_paths([samples_dir()]):
        for article in read_articles(path):
            stories.setdefault(path.parent.name, []).append(print_of(article))
    return stories


def test_sample_versions_group_together() -> None:
    for story, prints in sample_prints().items():
        assert len(prints) >= 2, story
        for a, b in combinations(prints, 2):
            assert story_similarity(a, b) > SAME_STORY_THRESHOLD, story


def test_sample_stories_stay_apart_from_each_other_and_from_same_topic_stories() -> None:
    stories = sample_prints()
    outsiders = [
        fixture_print(name)
        for name in (
            "flood_barrier_castleford_en.txt",  # same topic as the Harwick flood barrier
            "bridge_collapse_id.txt",  # same topic as the Sungai Jernih bridge
            "seed_original_id.txt",
            "other_nato_en.txt",
        )
    ]
    for story, prints in stories.items():
        others = [p for name, group in stories.items() if name != story for p in group]
        for mine in prints:
            for theirs in others + outsiders:
                assert story_similarity(mine, theirs) < SAME_STORY_THRESHOLD, story


def test_the_english_page_and_its_line_per_paragraph_rewrite_are_one_story() -> None:
    score = story_similarity(
        fixture_print("english_page.txt"), fixture_print("english_one_per_line.txt")
    )
    assert score > SAME_STORY_THRESHOLD  # measured 0.556
