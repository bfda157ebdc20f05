"""Whether two articles are versions of one story.

A story's versions share their distinctive words (names, places, numbers, the rarer nouns and
verbs) even when every sentence is paraphrased; two stories on one topic share only the topic's
vocabulary. fingerprint() keeps those distinctive words and story_similarity() measures how much
of the smaller fingerprint the larger one contains, softened by the Jaccard index so that a
short text is not "contained" in every long one.
"""

from __future__ import annotations

import re

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
    # Each distinct token tested once (an article repeats its words), stop words taken out
    # in one set operation (none is a number); isdecimal() is what the regex \d+ matches.
    tokens = set(_TOKEN_RE.findall(text.lower())) - _STOP
    return frozenset(token for token in tokens if len(token) >= MIN_TOKEN_CHARS
                     or (len(token) >= 2 and token.isdecimal()))


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
