"""Statistics of a comparison: word counts, reuse, and counts of row kinds and quote verdicts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from reader.compare.model import (
    QUOTE_VERDICTS,
    QuoteCounts,
    Row,
    RowCounts,
    Side,
    Stats,
    row_text,
)
from reader.compare.model import Quote as QuoteRecord
from reader.compare.words import count_words


def compute_stats(
    left: Side,
    right: Side,
    rows: Sequence[Row],
    quotes: Sequence[QuoteRecord],
    row_words: Mapping[int, tuple[int, int]] | None = None,
) -> Stats:
    """`row_words`: (reused left words, new right words) of edited rows already counted by the
    word diff, keyed by the row's first left sentence; other edited rows are counted here."""
    # Sentences cover every word of a side (they break only at whitespace), so a side's word
    # count is the count over its whole text (one regex pass, not one per sentence). Equal
    # rows (most of a lightly edited text) reuse all their left words and add nothing, so only
    # the sentences of the other rows are counted one by one.
    left_words, right_words = count_words(left.text), count_words(right.text)
    reused = left_words
    new = 0
    for row in rows:
        if row.kind == "equal":
            continue
        reused -= sum(count_words(left.sentences[i].text) for i in row.left)
        if row.kind in ("added", "removed"):
            new += sum(count_words(right.sentences[j].text) for j in row.right)
            continue
        counted = row_words.get(row.left[0]) if row_words and row.left else None
        if counted is not None:
            reused += counted[0]
            new += counted[1]
            continue
        ltext = row_text(left, row.left)
        rtext = row_text(right, row.right)
        for op in row.ops:
            if op.op == "equal":
                reused += count_words(ltext[op.left[0] : op.left[1]])
            elif op.op in ("insert", "replace"):
                new += count_words(rtext[op.right[0] : op.right[1]])
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
