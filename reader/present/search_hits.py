"""The words of a library search in a laid-out comparison, in reading order.

The window draws a box around each and steps through them (F3); which words match is the
store's rule (`store.search_words`), so the text shows what made the search find the story.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.compare.model import row_text
from reader.present.model import SIDES, Layout, SideName
from reader.store.search_words import phrase_spans, query_phrases, text_tokens


@dataclass(frozen=True)
class SearchHit:
    """One match: row index (0-based), column, and row-text offsets (code points)."""

    row: int
    side: SideName
    start: int
    end: int


def search_hits(layout: Layout, query: str) -> tuple[SearchHit, ...]:
    """Every match of `query` in both versions: row by row, the left column's before the
    right's, left to right within a cell."""
    phrases = query_phrases(query)
    if not phrases:
        return ()
    comparison = layout.comparison
    hits: list[SearchHit] = []
    for index, view in enumerate(layout.rows):
        for side in SIDES:
            ids = view.row.left if side == "left" else view.row.right
            if not ids:
                continue
            text = row_text(comparison.left if side == "left" else comparison.right, ids)
            hits.extend(SearchHit(index, side, a, b)
                        for a, b in phrase_spans(phrases, text_tokens(text)))
    return tuple(hits)
