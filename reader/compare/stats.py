"""Statistics of a comparison: word counts, reuse, and counts of row kinds and quote verdicts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence

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
    left: Side,
    right: Side,
    rows: Sequence[Row],
    quotes: Sequence[QuoteRecord],
    count: Callable[[str], int] = count_words,
) -> Stats:
    """A left word is reused unless a row changes it; a right word is new when a row does.

    `count` counts a passage's words (`words.WordCounts` remembers what the comparison
    already counted).
    """
    left_words, right_words = side_words(left, count), side_words(right, count)
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


def side_words(side: Side, count: Callable[[str], int] = count_words) -> int:
    """The words of a side's text, counted passage by passage (see `_passages`)."""
    return sum(map(count, _passages(side)))


def _passages(side: Side) -> Iterator[str]:
    """The side's text in passages that no word crosses, covering every word of it.

    Sentences cover every word of a side and are separated by whitespace, so they are such
    passages, except the pieces of an over-long sentence cut inside a word: those touch,
    and make one passage together.
    """
    sentences = side.sentences
    first = 0
    for n, sentence in enumerate(sentences):
        if n + 1 < len(sentences) and sentences[n + 1].start == sentence.end:
            continue
        yield sentence.text if first == n else side.text[sentences[first].start : sentence.end]
        first = n + 1
