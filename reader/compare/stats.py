"""Statistics of a comparison: word counts, reuse, and counts of row kinds and quote verdicts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reader.compare.model import (
    QUOTE_VERDICTS,
    QuoteCounts,
    Row,
    RowCounts,
    Side,
    Stats,
)
from reader.compare.model import Quote as QuoteRecord
from reader.compare.words import count_words


def compute_stats(
    left: Side, right: Side, rows: Sequence[Row], quotes: Sequence[QuoteRecord]
) -> Stats:
    """A left word is reused unless a row changes it; a right word is new when a row does.

    Sentences cover every word of a side (they break only at whitespace), so a side's word
    count is the count over its whole text.
    """
    left_words, right_words = count_words(left.text), count_words(right.text)
    reused = left_words - sum(row.left_changed_words for row in rows)
    new = sum(row.right_changed_words for row in rows)
    kinds = Counter(r.kind for r in rows)
    verdicts = Counter(q.verdict for q in quotes)
    return Stats(
        left_words=left_words,
        right_words=right_words,
        reused_left=min(1.0, reused / left_words) if left_words else 0.0,
        new_right=min(1.0, new / right_words) if right_words else 0.0,
        rows=RowCounts(
            equal=kinds["equal"],
            edited=kinds["edited"],
            added=kinds["added"],
            removed=kinds["removed"],
            moved=sum(1 for r in rows if r.moved),
        ),
        quotes=QuoteCounts(**{v: verdicts[v] for v in QUOTE_VERDICTS}),
    )
