"""Normalisation for matching only: the text shown to the reader is never changed.

Two texts that differ only in case, quote style (" vs “ ” « » „), dash style (- – —),
ellipsis (… vs ...) or whitespace (including U+00A0 no-break spaces) compare equal when the
matching options say so.
"""

from __future__ import annotations

import re
import unicodedata

from reader.compare.model import CompareOptions

OPENING_QUOTES = "“„«‟"
CLOSING_QUOTES = "”»"
DOUBLE_QUOTES = '"“”„‟«»'
SINGLE_QUOTES = "'‘’‚‛‹›"
DASHES = "-‐‑‒–—―−"

_QUOTE_MAP = str.maketrans({**{q: '"' for q in DOUBLE_QUOTES}, **{q: "'" for q in SINGLE_QUOTES}})
_DASH_MAP = str.maketrans({d: "-" for d in DASHES})
_PUNCT_RE = re.compile(r"[^\w\s]+")
_ELLIPSIS_RE = re.compile(r"\.{2,}|…")


def normalize_punct(token: str, options: CompareOptions) -> str:
    """The matching key of a punctuation token."""
    if options.ignore_quote_style:
        token = token.translate(_QUOTE_MAP)
    token = token.translate(_DASH_MAP)
    if token and token[0] == "-":
        return "-"
    return _ELLIPSIS_RE.sub("...", token)


def normalize_word(word: str, options: CompareOptions) -> str:
    """The matching key of a word token."""
    word = unicodedata.normalize("NFC", word).translate(_DASH_MAP)
    if options.ignore_quote_style:
        word = word.translate(_QUOTE_MAP)
    return word.casefold() if options.ignore_case else word


def normalize_text(text: str, options: CompareOptions) -> str:
    """A whole passage normalised for matching (used for exact-duplicate detection)."""
    text = unicodedata.normalize("NFC", text)
    if options.ignore_quote_style:
        text = text.translate(_QUOTE_MAP)
    text = text.translate(_DASH_MAP)
    if options.ignore_punctuation:
        text = _PUNCT_RE.sub(" ", text)
    elif "…" in text or ".." in text:
        text = _ELLIPSIS_RE.sub("...", text)
    if options.ignore_whitespace:
        text = " ".join(text.split())
    return text.casefold() if options.ignore_case else text


def sentence_keys(text: str, spans: list[tuple[int, int]], options: CompareOptions) -> list[str]:
    """`normalize_text(text[a:b], options)` for each span, sharing the work across the text.

    The quote, dash and (usually) case mappings keep lengths, so they run once over the whole
    text and each span slices the result; only the rest runs per span.
    """
    if not unicodedata.is_normalized("NFC", text):
        return [normalize_text(text[a:b], options) for a, b in spans]
    if options.ignore_quote_style:
        text = text.translate(_QUOTE_MAP)
    text = text.translate(_DASH_MAP)
    fold_each = False
    if options.ignore_case:
        folded = text.casefold()
        if len(folded) == len(text):
            text = folded
        else:
            fold_each = True  # "ß" -> "ss" and the like shift offsets: fold slice by slice
    keys: list[str] = []
    for a, b in spans:
        key = text[a:b]
        if options.ignore_punctuation:
            key = _PUNCT_RE.sub(" ", key)
        elif "…" in key or ".." in key:
            key = _ELLIPSIS_RE.sub("...", key)
        if options.ignore_whitespace and not _single_spaced(key):
            key = " ".join(key.split())
        keys.append(key.casefold() if fold_each else key)
    return keys


def _single_spaced(text: str) -> bool:
    """Whether `" ".join(text.split())` would return `text` unchanged, by two C-level scans.

    A printable text has no whitespace but the plain space (tabs, newlines and no-break spaces
    are not printable); most sentences also have no doubled, leading or trailing space, and
    checking that is cheaper than splitting and joining them.
    """
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "
