"""Qt text positions count UTF-16 code units; article offsets are Python code points.

Every character outside the Basic Multilingual Plane (emoji, some CJK) is one code point but
two UTF-16 units, so without conversion every span after an emoji is off by one.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units (what Qt counts)."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


class Utf16Map:
    """Converts offsets in one string between code points and UTF-16 code units.

    Holds only the code-point indices of astral characters, so a text without any (the usual
    case) converts with no table at all.
    """

    __slots__ = ("_astral", "_astral_u16", "_text_len")

    def __init__(self, text: str) -> None:
        self._text_len = len(text)
        # Code-point index of each astral character, in order.
        self._astral: list[int] = [] if text.isascii() else [
            m.start() for m in _ASTRAL.finditer(text)
        ]
        # UTF-16 index where each astral character starts: its code-point index plus one for
        # every astral character before it.
        self._astral_u16: list[int] = [cp + n for n, cp in enumerate(self._astral)]

    @property
    def utf16_length(self) -> int:
        return self._text_len + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        """Code-point offset → UTF-16 offset."""
        if not self._astral:
            return offset
        return offset + bisect_right(self._astral, offset - 1)

    def to_code_point(self, offset: int) -> int:
        """UTF-16 offset → code-point offset. An offset inside a surrogate pair (between its
        two halves) maps to the character's start, so a selection never splits an emoji."""
        if not self._astral:
            return offset
        # Astral characters that start strictly before `offset` each add one unit.
        before = bisect_right(self._astral_u16, offset - 1)
        if before and offset == self._astral_u16[before - 1] + 1:
            return self._astral[before - 1]  # between the two halves of a surrogate pair
        return offset - before
