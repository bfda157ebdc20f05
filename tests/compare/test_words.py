"""What counts as a word (reader.compare.words)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from reader.compare.words import WORD_RE, count_words

# WORD_RE as it reads without its possessive quantifiers: the engine may back out of a word.
_BACKTRACKING = re.compile(r"\w+(?:['’\-.,]\w+)*")

# Runs of word characters and of everything that may stand inside, between or around words.
_TEXT = st.lists(st.sampled_from(["a", "word", "3", "_", "é", "İ", "'", "’", "-", ".", ",",
                                  " ", "—", "(", "\n", "''", "--", ".,"]),
                 max_size=40).map("".join)


@given(_TEXT)
def test_possessive_words_are_the_words_a_backtracking_search_finds(text: str) -> None:
    assert WORD_RE.findall(text) == _BACKTRACKING.findall(text)


def test_inner_marks_stay_inside_one_word() -> None:
    text = "negara-negara don't 3.5 1.000 U.S. rock-n-roll- ’tis x,,y"
    assert WORD_RE.findall(text) == ["negara-negara", "don't", "3.5", "1.000", "U.S",
                                     "rock-n-roll", "tis", "x", "y"]
    assert count_words(text) == 9
