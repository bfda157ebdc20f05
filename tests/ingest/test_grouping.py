"""Versions of one story score above SAME_STORY_THRESHOLD; different stories on one topic below."""

from __future__ import annotations

import re
import sys
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.compare.words import count_words
from reader.ingest import (
    SAME_STORY_THRESHOLD,
    expand_paths,
    fingerprint,
    read_articles,
    samples_dir,
    story_similarity,
)
from reader.ingest.grouping import fingerprint_and_word_count
from reader.ingest.model import ParsedArticle
from tests.store.corpus import CorpusGenerator

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


def test_one_pass_gives_the_fingerprint_and_word_count_of_real_texts() -> None:
    texts = [article.text for path in expand_paths([samples_dir(), FIXTURES])
             for article in read_articles(path)]
    texts += [article.text for article in CorpusGenerator().articles(200)]
    assert len(texts) > 200
    for text in texts:
        assert fingerprint_and_word_count(text) == (fingerprint(text), count_words(text))


# Letters whose case changes oddly (dotted and dotless i, sharp s, a ligature, a combining
# dot), digits, and every mark a word or a token may hold inside it.
_TRICKY_TEXT = st.text(alphabet=st.sampled_from(list("aZé9 \n_.,-'’\u0130ıßﬁ\u0307ŞΣ5")),
                       max_size=80)


@given(_TRICKY_TEXT)
def test_one_pass_gives_the_fingerprint_and_word_count_of_any_text(text: str) -> None:
    assert fingerprint_and_word_count(text) == (fingerprint(text), count_words(text))


def test_lower_casing_keeps_word_characters_one_for_one_except_dotted_capital_i() -> None:
    """What fingerprint_and_word_count counts on: words found in the lower-cased text are
    the text's own words, unless it holds U+0130."""
    word = re.compile(r"[\w'’\-.,]")
    changed = [char for char in map(chr, range(sys.maxunicode + 1))
               if char.lower() != char
               and (len(char.lower()) != 1 or (word.match(char) is None)
                    != (word.match(char.lower()) is None))]
    assert changed == ["\u0130"]


def test_a_token_character_is_a_letter_or_digit_as_isalnum_says() -> None:
    """What fingerprint_and_word_count counts on: a word that isalnum() is one token."""
    token = re.compile(r"[^\W_]")
    differ = [char for char in map(chr, range(sys.maxunicode + 1))
              if (token.match(char) is not None) != char.isalnum()]
    assert differ == []


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
