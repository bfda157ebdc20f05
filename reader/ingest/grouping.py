"""Whether two articles are versions of one story.

A story's versions share their distinctive words (names, places, numbers, the rarer nouns and
verbs) even when every sentence is paraphrased; two stories on one topic share only the topic's
vocabulary. fingerprint() keeps those distinctive words and story_similarity() measures how much
of the smaller fingerprint the larger one contains, softened by the Jaccard index so that a
short text is not "contained" in every long one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.compare.words import WORD_RE, count_words
from reader.ingest.language import STOP_WORDS, word_set

# Words too common in news prose to say which story a text tells, on top of the language
# detector's function words.
NEWS_STOP_WORDS: frozenset[str] = word_set(
    """
    said says told according also would could year years today yesterday week month monday
    tuesday wednesday thursday friday saturday sunday people government official officials
    mengatakan menyatakan mengungkapkan menegaskan menambahkan katanya ujarnya tahun hari
    pekan bulan senin selasa rabu kamis jumat sabtu minggu pemerintah pihak orang menjadi
    merupakan melakukan memberikan adanya terkait sejumlah tersebut berbagai
    """
)
_STOP = NEWS_STOP_WORDS.union(*STOP_WORDS.values())
# Tokens shorter than this are mostly particles and abbreviations of no distinction.
MIN_TOKEN_CHARS = 4
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")

# Measured on fingerprints of the cleaned text (the store fingerprints article.text; with the
# title added every score moves by 0.02 at most). tests/ingest/test_grouping.py re-measures:
#   versions of one story: seed original vs its paraphrased rewrite 0.693; samples 0.528 (Harwick
#     Gazette vs the Riverbend Post rewrite), 0.548, 0.586 (Northfield), 0.601..0.850 (the rest);
#     the English test page and its rewrite 0.556.
#   different stories on one topic: two Indonesian NATO stories from the same outlet about the
#     same Secretary General 0.170 and 0.164; two bridge stories 0.133..0.143; two flood-barrier
#     votes 0.136..0.152; two elections below 0.08; everything else lower still.
# 0.30 sits in the middle of that gap, with room on both sides for heavier paraphrase and for
# same-topic stories that share more names.
SAME_STORY_THRESHOLD: float = 0.30


def fingerprint(text: str) -> frozenset[str]:
    """The text's distinctive content words, lower-cased (numbers of two digits or more kept)."""
    return _distinctive(_TOKEN_RE.findall(text.lower()))


# The one character whose lower case is two characters (see fingerprint_and_word_count).
_LOWERS_TO_TWO = "\u0130"


def fingerprint_and_word_count(text: str) -> tuple[frozenset[str], int]:
    """fingerprint(text) and count_words(text), tokenising the text once: an import does both
    for every article, and the two passes over its text were a fifth of reading it.

    The words are found in the lower-cased text. Each fingerprint token lies inside one of
    them (its letters and inner marks are a subset of a word's), so the distinct words joined
    by spaces hold the same tokens as the whole text. Lower-casing keeps each character a word
    character or not, one for one, except U+0130 (dotted capital I, which lowers to two
    characters; tests/ingest/test_grouping.py checks all of Unicode): a text holding it has
    its words counted in the text itself. A word of letters and digits alone (isalnum(), the
    very characters the token regex takes for letters and digits) is one token as it is:
    only the others, with an apostrophe, a hyphen or a point inside, go through the regex.
    """
    words = WORD_RE.findall(text.lower())
    count = len(words) if _LOWERS_TO_TWO not in text else count_words(text)
    tokens = set(words)
    marked = [word for word in tokens if not word.isalnum()]
    tokens.difference_update(marked)
    tokens.update(_TOKEN_RE.findall(" ".join(marked)))
    return _distinctive(tokens), count


def _distinctive(tokens: Iterable[str]) -> frozenset[str]:
    # Each distinct token tested once (an article repeats its words), stop words taken out
    # in one set operation (none is a number); isdecimal() is what the regex \d+ matches.
    kept = set(tokens) - _STOP
    return frozenset({token for token in kept if len(token) >= MIN_TOKEN_CHARS
                      or (len(token) >= 2 and token.isdecimal())})


def story_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """0..1: the mean of the overlap coefficient and the Jaccard index of two fingerprints."""
    if not a or not b:
        return 0.0
    return similarity_of_sizes(len(a & b), len(a), len(b))


def similarity_of_sizes(shared: int, a: int, b: int) -> float:
    """story_similarity of two fingerprints of `a` and `b` words sharing `shared` of them."""
    if not a or not b:
        return 0.0
    overlap = shared / min(a, b)
    jaccard = shared / (a + b - shared)  # |a | b| without building it
    return (overlap + jaccard) / 2
