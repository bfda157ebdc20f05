"""How alike the two sides of an edited row are, in words a reader can trust.

The engine's similarity compares words, so a row whose words are all kept but whose
punctuation (or case) changed scores 1.0; "100% alike" would then contradict the row being
marked edited. Such a row says what changed instead.
"""

from __future__ import annotations

from reader.compare.model import Comparison, Row, row_text
from reader.compare.words import WORD_RE


def percent(share: float) -> str:
    """A share as a whole percentage that never rounds a difference away: 0.996 is 99%, not
    100%, and 0.004 is 1%, not 0%."""
    value = round(share * 100)
    if value == 100 and share < 1:
        value = 99
    elif value == 0 and share > 0:
        value = 1
    return f"{value}%"


def likeness(cmp: Comparison, row: Row) -> str:
    """'87% alike', 'punctuation only' or 'case only' for an edited row; '' for the others."""
    if row.kind != "edited":
        return ""
    shown = percent(row.similarity)
    if row.similarity < 1:
        return f"{shown} alike"
    left = WORD_RE.findall(row_text(cmp.left, row.left))
    right = WORD_RE.findall(row_text(cmp.right, row.right))
    if left == right:
        return "punctuation only"
    if [w.casefold() for w in left] == [w.casefold() for w in right]:
        return "case only"
    return "99% alike"  # words differ though the engine matched them all: never "100%"
