"""Word and punctuation tokens with character offsets, and their matching keys.

A word is what `words.WORD_RE` says it is (so statistics and diffs agree); every other
non-space character is a punctuation token, except that runs of dots ("...") and of hyphens
("--") stay one token so they can match "…" and "—".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from reader.compare.model import CompareOptions
from reader.compare.normalize import normalize_punct, normalize_text, normalize_word
from reader.compare.words import WORD_RE

TOKEN_RE = re.compile(WORD_RE.pattern + r"|\.{2,}|-{2,}|[^\w\s]")
# Every non-space character belongs to a token, so splitting on tokens leaves only whitespace:
# [gap, token, gap, token, ..., gap], all in C.
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
    """The tokens of a text as parallel lists (cheaper than one object per token)."""

    texts: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.texts)


def is_word(token: str) -> bool:
    return token[0].isalnum() or token[0] == "_"


def tokenize(text: str, *, words_only: bool = False) -> Tokens:
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    at = 0
    # Most space-separated chunks of news text are one plain word (`isalnum` letters and
    # digits are exactly `\w` minus "_"): those skip the regex, the slowest step here.
    for chunk in text.split(" "):
        if chunk.isalnum():
            texts.append(chunk)
            starts.append(at)
            at += len(chunk)
            ends.append(at)
        elif chunk:
            parts = _SPLIT_RE.split(chunk)
            # The running lengths of gaps and tokens are the offsets: [chunk start, token
            # start, token end, ..., chunk end].
            bounds = list(accumulate(map(len, parts), initial=at))
            texts += parts[1::2]
            starts += bounds[1:-1:2]
            ends += bounds[2::2]
            at = bounds[-1]
        at += 1  # the space split on
    if words_only:
        keep = [n for n, token in enumerate(texts) if is_word(token)]
        return Tokens([texts[n] for n in keep], [starts[n] for n in keep], [ends[n] for n in keep])
    return Tokens(texts, starts, ends)


# News text repeats its vocabulary: caching keys per option set makes long documents cheaper.
_KEY_CACHES: dict[CompareOptions, dict[str, str]] = {}
_KEY_CACHE_LIMIT = 200_000


def token_keys(texts: list[str], options: CompareOptions) -> list[str]:
    """The matching key of each token."""
    cache = _KEY_CACHES.setdefault(options, {})
    try:
        return list(map(cache.__getitem__, texts))  # one C loop when every token was seen
    except KeyError:
        pass
    if len(cache) > _KEY_CACHE_LIMIT:
        cache.clear()
    keys: list[str] = []
    for token in texts:
        key = cache.get(token)
        if key is None:
            normalize = normalize_word if is_word(token) else normalize_punct
            key = cache[token] = normalize(token, options)
        keys.append(key)
    return keys


def match_words(text: str) -> list[str]:
    """The case-folded words of a passage, as sentence alignment and quote pairing see them."""
    return WORD_RE.findall(normalize_text(text, _MATCH_OPTIONS))


def is_light(token_key_text: str) -> bool:
    """A stop word or a punctuation mark: light evidence, cheap to give up in a cleanup."""
    return token_key_text.casefold() in STOP_WORDS or not token_key_text[:1].isalnum()


_MATCH_OPTIONS = CompareOptions()
