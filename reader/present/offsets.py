"""Article offsets into a row's text and back.

A row's text is its sentences joined by `ROW_JOINER` (`compare.model.row_text`); the engine's
ops index into it. Notes and quotations arrive in article offsets. `row_offset_to_text` in
compare/model.py maps a row offset to the article; this module maps the other way, for ranges.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.compare.model import ROW_JOINER, Side


@dataclass(frozen=True)
class RowPlace:
    """Where each sentence of one row side sits: (article start, article end, row start)."""

    spans: tuple[tuple[int, int, int], ...]

    @classmethod
    def of(cls, side: Side, ids: tuple[int, ...]) -> RowPlace:
        spans = []
        pos = 0
        for i in ids:
            s = side.sentences[i]
            spans.append((s.start, s.end, pos))
            pos += (s.end - s.start) + len(ROW_JOINER)
        return cls(tuple(spans))

    def ranges(self, start: int, end: int) -> list[tuple[int, int]]:
        """An article range as the row-text ranges it covers (one per sentence it touches)."""
        out = []
        for s_start, s_end, pos in self.spans:
            a, b = max(start, s_start), min(end, s_end)
            if a < b:
                out.append((pos + a - s_start, pos + b - s_start))
        return out

    def point(self, offset: int) -> int:
        """Where an article offset falls in the row text, clamped to the row's sentences."""
        best = 0
        for s_start, s_end, pos in self.spans:
            if offset >= s_start:
                best = pos + min(offset, s_end) - s_start
        return best

    def holds(self, offset: int) -> bool:
        """True when the character at article `offset` is in one of the row's sentences."""
        return any(s_start <= offset < s_end for s_start, s_end, _ in self.spans)
