"""Word and punctuation tokens with character offsets, and their matching keys.

A word is what `words.WORD_RE` says it is (so statistics and diffs agree); every other
non-space character is a punctuation token, except that runs of dots ("...") and of hyphens
("--") stay one token so they can match "…" and "—".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from itertools import accumulate

from reader.compare.model import CompareOptions
from reader.compare.normalize import normalize_punct, normalize_text, normalize_word
from reader.compare.words import WORD_RE

TOKEN_RE = re.compile(WORD_RE.pattern + r"|\.{2,}|-{2,}|[^\w\s]")
_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")


def _word_list(text: str) -> list[str]:
    return text.split()


# Function words of Indonesian and English: they carry little evidence that two sentences are
# related, and a diff island made only of them is not worth keeping between two changes.
STOP_WORDS = frozenset(
    _word_list(
        """
    yang dan di ke dari untuk dengan pada dalam ini itu adalah akan telah sudah juga atau
    tidak bahwa oleh sebagai karena bagi serta para se seperti agar saat ia mereka kami kita
    dia nya pun lah kah tersebut ada bisa dapat harus masih lebih sangat namun tetapi jika
    sebuah seorang satu hal secara antara hingga sampai setelah sebelum terhadap tentang
    the a an and or of to in on at by for with from as is are was were be been being it its
    this that these those he she they we i you his her their our your them him us not no
    but if so than then there here which who whom whose what when where while also has have
    had do does did will would can could should may might must shall into over after before
    about up out just said says
    """
    )
)


@dataclass(frozen=True, slots=True)
class Tokens:
    """The tokens of a text as parallel lists: each token's text, start and end offsets."""

    texts: list[str]
    starts: list[int]
    ends: list[int]


def is_word(token: str) -> bool:
    """Whether a token is a word (it starts with a letter, a digit or "_"), not punctuation."""
    return token[0].isalnum() or token[0] == "_"


def tokenize(text: str, *, words_only: bool = False) -> Tokens:
    """The tokens of `text`; with `words_only`, its words alone."""
    # Every non-space character belongs to a token, so the split leaves only whitespace
    # between them: [gap, token, gap, token, ..., gap]. The running lengths of the pieces
    # are the offsets: [end of gap, end of token, ...].
    parts = _SPLIT_RE.split(text)
    bounds = list(accumulate(map(len, parts)))
    tokens = Tokens(parts[1::2], bounds[:-1:2], bounds[1::2])
    if not words_only:
        return tokens
    keep = [n for n, token in enumerate(tokens.texts) if is_word(token)]
    texts, starts, ends = tokens.texts, tokens.starts, tokens.ends
    return Tokens([texts[n] for n in keep], [starts[n] for n in keep], [ends[n] for n in keep])


def token_key(token: str, options: CompareOptions) -> str:
    """The matching key of one token."""
    return normalize_word(token, options) if is_word(token) else normalize_punct(token, options)


def remembered_token_keys(options: CompareOptions) -> Callable[[str], str]:
    """`token_key` under `options`, remembering the key of every token it has seen.

    News text repeats its vocabulary, so most tokens of a long comparison were seen before:
    make one for each `compare()` call, and it goes when the call ends.
    """
    return cache(partial(token_key, options=options))


def match_words(text: str) -> list[str]:
    """The case-folded words of a passage, as sentence alignment and quote pairing see them."""
    return WORD_RE.findall(normalize_text(text, _MATCH_OPTIONS))


def is_light(token_key_text: str) -> bool:
    """A stop word or a punctuation mark: light evidence, cheap to give up in a cleanup."""
    if not token_key_text or not is_word(token_key_text):
        return True
    return token_key_text.casefold() in STOP_WORDS


_MATCH_OPTIONS = CompareOptions()
