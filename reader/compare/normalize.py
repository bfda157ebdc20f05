"""Normalisation for matching only: the text shown to the reader is never changed.

Two texts that differ only in case, quote style (" vs “ ” « » „), dash style (- – —),
ellipsis (… vs ...) or whitespace (including U+00A0 no-break spaces) compare equal when the
matching options say so.
"""

from __future__ import annotations

import re
import unicodedata

from reader.compare.model import CompareOptions
from reader.compare.quote_marks import DOUBLE_QUOTES, SINGLE_QUOTES

DASHES = "-‐‑‒–—―−"

# The tables name every ASCII character too, as itself: `str.translate` looks up each
# character it meets, and one it finds needs no error raised and cleared.
_ASCII = {c: chr(c) for c in range(128)}
_DASH_MAP = {**_ASCII, **str.maketrans({d: "-" for d in DASHES})}
_QUOTE_MAP = str.maketrans({**{q: '"' for q in DOUBLE_QUOTES}, **{q: "'" for q in SINGLE_QUOTES}})
_QUOTE_AND_DASH_MAP = {**_DASH_MAP, **_QUOTE_MAP}
_PUNCT_RE = re.compile(r"[^\w\s]+")
_ELLIPSIS_RE = re.compile(r"\.{2,}|…")


def _marks_map(options: CompareOptions) -> dict[int, str]:
    """Every dash read as "-"; with quote style ignored, every quotation mark as `"` or `'`."""
    return _QUOTE_AND_DASH_MAP if options.ignore_quote_style else _DASH_MAP


def normalize_punct(token: str, options: CompareOptions) -> str:
    """The matching key of a punctuation token."""
    token = token.translate(_marks_map(options))
    if token and token[0] == "-":
        return "-"
    return _ELLIPSIS_RE.sub("...", token)


def normalize_word(word: str, options: CompareOptions) -> str:
    """The matching key of a word token."""
    word = unicodedata.normalize("NFC", word).translate(_marks_map(options))
    return word.casefold() if options.ignore_case else word


def normalize_text(text: str, options: CompareOptions) -> str:
    """A whole passage normalised for matching (equal sentences have equal keys)."""
    text = unicodedata.normalize("NFC", text).translate(_marks_map(options))
    if options.ignore_punctuation:
        text = _PUNCT_RE.sub(" ", text)
    elif "…" in text or ".." in text:
        text = _ELLIPSIS_RE.sub("...", text)
    if options.ignore_whitespace:
        text = " ".join(text.split())
    return text.casefold() if options.ignore_case else text
