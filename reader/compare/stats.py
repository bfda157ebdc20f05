"""Statistics of a comparison: word counts, reuse, and counts of row kinds and quote statuses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from reader.compare.model import Quote as QuoteRecord
from reader.compare.model import QuoteCounts, Row, RowCounts, Side, Stats, row_text
from reader.compare.words import count_words


def compute_stats(
    left: Side, right: Side, rows: Sequence[Row], quotes: Sequence[QuoteRecord]
) -> Stats:
    left_words = count_words(left.text)
    right_words = count_words(right.text)
    reused = 0
    new = 0
    for row in rows:
        ltext = row_text(left, row.left)
        rtext = row_text(right, row.right)
        for op in row.ops:
            if op.op == "equal":
                reused += count_words(ltext[op.left[0] : op.left[1]])
            elif op.op in ("insert", "replace"):
                new += count_words(rtext[op.right[0] : op.right[1]])
    kinds = Counter(r.kind for r in rows)
    statuses = Counter(q.status for q in quotes)
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
        quotes=QuoteCounts(
            verbatim=statuses["verbatim"],
            altered=statuses["altered"],
            unquoted=statuses["unquoted"],
            dropped=statuses["dropped"],
            added=statuses["added"],
        ),
    )
