"""Anchoring notes to passages and finding those passages again after the text changed.

Pure functions on strings. A TextAnchor is the W3C TextQuoteSelector (exact, prefix, suffix)
plus a TextPositionSelector (start, end) in code points of the article text.
"""

from __future__ import annotations

import re

from reader.compare.words import WORD_RE
from reader.store.records import TextAnchor

DEFAULT_CONTEXT = 32


def anchor_for_passage(text: str, start: int, end: int,
                       context: int = DEFAULT_CONTEXT) -> TextAnchor:
    if not 0 <= start < end <= len(text):
        raise ValueError(f"passage {start}:{end} is empty or outside the text "
                         f"(length {len(text)})")
    return TextAnchor(exact=text[start:end], prefix=text[max(0, start - context):start],
                      suffix=text[end:end + context], start=start, end=end)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A selected range widened to whole words and stripped of the spaces around it.

    "afternoo" of "afternoon" becomes "afternoon": a note's passage never splits a word, so
    the window and every export highlight whole words. A word is what the engine calls one
    (`compare.words.WORD_RE`: "negara-negara", "don't", "3.5"). Spaces alone stay as they are.
    """
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, end
    # Words never hold spaces: the ones cut by the range lie between the spaces around it.
    lo = max((text.rfind(c, 0, start) for c in " \t\n\u00a0"), default=-1) + 1
    hi = min((i for i in (text.find(c, end) for c in " \t\n\u00a0") if i >= 0),
             default=len(text))
    for word in WORD_RE.finditer(text, lo, hi):
        if word.start() < start < word.end():
            start = word.start()
        if word.start() < end < word.end():
            end = word.end()
    return start, end


def anchor_for_selection(text: str, start: int, end: int) -> TextAnchor:
    """The anchor of a passage the reader selected, snapped to whole words."""
    a, b = snap_to_words(text, start, end)
    return anchor_for_passage(text, a, b) if a < b else anchor_for_passage(text, start, end)


def resolve_anchor(text: str, anchor: TextAnchor) -> TextAnchor | None:
    """Where the anchored passage is in `text` now, or None when it is gone (orphaned).

    The stored position if it still holds the passage; else the occurrence whose surroundings
    match the stored prefix and suffix best (the nearest to the old position on ties); else
    the same words with different whitespace.
    """
    if not anchor.exact:
        return None
    if text[anchor.start:anchor.end] == anchor.exact:
        return _reanchor(text, anchor, anchor.start, anchor.end)
    spans = [(m.start(), m.start() + len(anchor.exact))
             for m in re.finditer(re.escape(anchor.exact), text)]
    if not spans:
        pattern = whitespace_tolerant_pattern(anchor.exact)
        if pattern is None:
            return None
        spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
    if not spans:
        return None
    start, end = max(spans, key=lambda span: (_context_score(text, anchor, *span),
                                              -abs(span[0] - anchor.start)))
    return _reanchor(text, anchor, start, end)


def whitespace_tolerant_pattern(passage: str) -> re.Pattern[str] | None:
    """Matches the passage's words separated by any run of whitespace; None if it has none."""
    words = passage.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def _context_score(text: str, anchor: TextAnchor, start: int, end: int) -> int:
    before = text[max(0, start - len(anchor.prefix)):start]
    after = text[end:end + len(anchor.suffix)]
    return _common_suffix(before, anchor.prefix) + _common_prefix(after, anchor.suffix)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _reanchor(text: str, anchor: TextAnchor, start: int, end: int) -> TextAnchor:
    context = max(len(anchor.prefix), len(anchor.suffix), DEFAULT_CONTEXT)
    return anchor_for_passage(text, start, end, context)
