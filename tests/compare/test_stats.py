from __future__ import annotations

import random

import pytest

from reader.compare import Comparison, compare
from reader.compare.tokens import tokenize
from reader.compare.words import count_words


def test_word_counts_and_shares() -> None:
    c = compare("Satu dua tiga empat.", "Satu dua tiga empat. Lima enam.")
    assert (c.stats.left_words, c.stats.right_words) == (4, 6)
    assert c.stats.reused_left == 1.0
    assert c.stats.new_right == pytest.approx(2 / 6)
    assert c.stats.rows.equal == 1 and c.stats.rows.added == 1


def test_replaced_words_count_as_new_and_not_reused() -> None:
    c = compare("Harga beras naik tajam di pasar.", "Harga beras turun drastis di pasar.")
    assert c.stats.rows.edited == 1
    assert c.stats.reused_left == pytest.approx(4 / 6)
    assert c.stats.new_right == pytest.approx(2 / 6)


def test_moved_rows_are_counted_separately_as_well() -> None:
    left = "Alpha satu dua.\nBravo tiga empat.\nCharlie lima enam."
    right = "Charlie lima enam.\nAlpha satu dua.\nBravo tiga empat."
    c = compare(left, right)
    assert c.stats.rows.equal == 3
    assert c.stats.rows.moved == 1


def test_seed_statistics(seed_comparison: Comparison) -> None:
    s = seed_comparison.stats
    assert s.left_words == 246 and s.right_words == 289
    assert 0.4 < s.reused_left < 0.8
    assert 0.3 < s.new_right < 0.7
    assert s.quotes.altered == 2 and s.quotes.unquoted == 1
    assert s.rows.added == 1 and s.rows.edited == 11


def test_words_counted_are_the_word_tokens_the_diff_compares() -> None:
    # Statistics count words, the word diff counts word tokens: they must be the same words.
    rng = random.Random(7)
    atoms = ["a", "B", "3", ".", ",", "'", "’", "-", " ", "\n", "\u00a0", "_", "é", "٣", "😀"]
    atoms += ["—", "..", "x.y", "\u200b", "\t", "ß", "negara-negara", "(13/2)", "3.5", "“"]
    for _ in range(3000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 30)))
        assert count_words(text) == len(tokenize(text, words_only=True).texts), repr(text)
