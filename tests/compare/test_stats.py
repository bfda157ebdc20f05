from __future__ import annotations

import random
from itertools import pairwise

import pytest

from reader.compare import CompareOptions, Comparison, compare
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


def test_word_counts_cover_a_sentence_cut_inside_a_word() -> None:
    # An over-long run without spaces is cut into touching "sentences" mid-word; counted
    # sentence by sentence its words would be counted twice.
    text = "Start here. " + "ab.cd-" * 700 + "ef and more words, " + "x'y" * 500 + " end."
    c = compare(text, text.replace("more", "fewer"))
    assert any(a.end == b.start for a, b in pairwise(c.left.sentences))
    assert (c.stats.left_words, c.stats.right_words) == (count_words(text),) * 2


def test_word_counts_match_the_whole_text_under_every_option() -> None:
    rng = random.Random(11)
    words = ["Kami", "kuat", "yang", "dan", "3.5", "“Ya,”", "—", "said", "Smith.", "Dr.", "x"]
    for _ in range(200):
        left = " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
        right = " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
        for options in (CompareOptions(), CompareOptions(ignore_punctuation=True)):
            stats = compare(left, right, options).stats
            assert (stats.left_words, stats.right_words) == (count_words(left), count_words(right))
