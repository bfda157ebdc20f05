"""Comparisons of two stored versions, computed once and kept in the library.

A story's timeline compares every pair of consecutive versions, and carrying notes between
versions walks those comparisons; both would otherwise run the engine again on every click.
What is kept is what those need: a small summary that a timeline reads (the statistics and
each quotation's verdict with the spans of its parts, for the story's quotation history) and,
apart, the alignment that carrying notes reads (sentences and rows with their word
operations); not the quotations' evidence. An entry is used only while both
texts hash as they did and it was written by this engine (`ENGINE_ID`) in this entry format
(`ENTRY_FORMAT`); anything else is recomputed and overwritten, never read as something else.

Writing the cache is best effort: a read-only or busy library still shows the comparison,
it just computes it again next time.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from reader.compare import compare
from reader.compare.carry import Alignment
from reader.compare.engine_id import ENGINE_ID
from reader.compare.model import CompareOptions, Comparison, QuoteCounts, RowCounts, Stats
from reader.compare.quote_history import JudgedQuote
from reader.store.models import Article, ComparisonCache
from reader.store.records import ArticleDetail

# What an entry's payload holds. Raise it whenever that changes: entries written before
# (by this very engine) are then recomputed instead of read in the wrong shape.
# 2: the quotations' verdicts and part spans in the summary (the `stats` column).
# 3: each row's word operations as a JSON string of their own (decoded when the row is read).
ENTRY_FORMAT = 3
MADE_BY = f"{ENGINE_ID}/{ENTRY_FORMAT}"  # the `engine` column of a valid entry

Pair = tuple[ArticleDetail, ArticleDetail]
T = TypeVar("T")


def cached_alignment(session: Session, left: ArticleDetail, right: ArticleDetail,
                     options: CompareOptions) -> Alignment:
    """How two stored versions align, from the cache when it holds a valid entry."""
    return cached_alignments(session, [(left, right)], options)[0]


def cached_alignments(session: Session, pairs: Sequence[Pair],
                      options: CompareOptions) -> list[Alignment]:
    """`cached_alignment` for many pairs at once: one query reads every valid entry."""
    found = _cached(session, pairs, options, ComparisonCache.payload,
                    lambda payload: json.loads(zlib.decompress(payload)),
                    lambda comparison: Alignment.of(comparison).to_data())
    return [Alignment.from_data(data, (left.title, left.text), (right.title, right.text))
            for (left, right), data in zip(pairs, found, strict=True)]


def cached_quotes(session: Session, pairs: Sequence[Pair],
                  options: CompareOptions) -> list[tuple[JudgedQuote, ...]]:
    """Each pair's quotations: verdict and where each part stands on either side. Read from
    the small summary, so a warm quotation history never decodes an alignment."""
    found = _cached(session, pairs, options, ComparisonCache.stats,
                    lambda summary: json.loads(summary)["quotes"], _quotes_data)
    return [tuple(JudgedQuote(verdict, _spans(left), _spans(right))
                  for verdict, left, right in quotes) for quotes in found]


def cached_stats(session: Session, left: ArticleDetail, right: ArticleDetail,
                 options: CompareOptions) -> Stats:
    """Only the statistics of a comparison: a cache hit reads no more than a few numbers."""
    entry = _valid_entry(session, left, right, options)
    if entry is not None:
        return _stats_from_data(json.loads(entry.stats))
    return _compare_and_keep(session, left, right, options).stats


def stats_if_cached(session: Session, left: ArticleDetail, right: ArticleDetail,
                    options: CompareOptions) -> Stats | None:
    """The statistics kept for two versions, or None: nothing is computed or written."""
    entry = _valid_entry(session, left, right, options)
    return _stats_from_data(json.loads(entry.stats)) if entry is not None else None


def keep_comparison(session: Session, left: ArticleDetail, right: ArticleDetail,
                    options: CompareOptions, comparison: Comparison) -> None:
    """Store a comparison computed elsewhere (best effort, as every cache write)."""
    _store(session, left, right, options, comparison)


def options_key(options: CompareOptions) -> str:
    """The options as a short stable string, e.g. `case,quotes,space`."""
    return ",".join(name.removeprefix("ignore_") for name, on in asdict(options).items() if on)


def _spans(parts: list[list[int]]) -> tuple[tuple[int, int], ...]:
    return tuple((start, end) for start, end in parts)


def _quotes_data(comparison: Comparison) -> list[Any]:
    return [[q.verdict, [[p.start, p.end] for p in q.left_parts],
             [[p.start, p.end] for p in q.right_parts]] for q in comparison.quotes]


def _cached(session: Session, pairs: Sequence[Pair], options: CompareOptions,
            column: Any, decode: Callable[[Any], T], made: Callable[[Comparison], T]
            ) -> list[T]:
    """One column of each pair's entry, decoded: valid entries read in one query, the rest
    computed and kept (`made` takes what is wanted from the fresh comparison)."""
    if not pairs:
        return []
    wanted = {(left.id, right.id): (left, right) for left, right in pairs}
    rows = session.execute(select(
        ComparisonCache.left_id, ComparisonCache.right_id, ComparisonCache.left_hash,
        ComparisonCache.right_hash, ComparisonCache.engine, column).where(
        ComparisonCache.left_id.in_({left.id for left, _ in pairs}),
        ComparisonCache.options == options_key(options)))
    found: dict[tuple[int, int], T] = {}
    for left_id, right_id, left_hash, right_hash, engine, value in rows:
        pair = wanted.get((left_id, right_id))
        if pair is not None and (engine, left_hash, right_hash) == (
                MADE_BY, pair[0].content_hash, pair[1].content_hash):
            found[left_id, right_id] = decode(value)
    return [found[left.id, right.id] if (left.id, right.id) in found
            else made(_compare_and_keep(session, left, right, options))
            for left, right in pairs]


def _stats_from_data(data: dict[str, Any]) -> Stats:
    stats = data["stats"]
    return Stats(**{**stats, "rows": RowCounts(**stats["rows"]),
                    "quotes": QuoteCounts(**stats["quotes"])})


def _valid_entry(session: Session, left: ArticleDetail, right: ArticleDetail,
                 options: CompareOptions) -> ComparisonCache | None:
    entry = session.scalars(select(ComparisonCache).where(
        ComparisonCache.left_id == left.id, ComparisonCache.right_id == right.id,
        ComparisonCache.options == options_key(options))).one_or_none()
    if entry is None or (entry.engine, entry.left_hash, entry.right_hash) != (
            MADE_BY, left.content_hash, right.content_hash):
        return None
    return entry


def _compare_and_keep(session: Session, left: ArticleDetail, right: ArticleDetail,
                      options: CompareOptions) -> Comparison:
    comparison = compare(left.text, right.text, options, left_title=left.title,
                         right_title=right.title)
    _store(session, left, right, options, comparison)
    return comparison


def _store(session: Session, left: ArticleDetail, right: ArticleDetail,
           options: CompareOptions, comparison: Comparison) -> None:
    if session.get(Article, left.id) is None or session.get(Article, right.id) is None:
        return  # a version deleted meanwhile: nothing to key the entry on
    payload = zlib.compress(json.dumps(Alignment.of(comparison).to_data()).encode(), 6)
    stats = json.dumps({"stats": asdict(comparison.stats), "quotes": _quotes_data(comparison)})
    key = options_key(options)
    try:
        with session.begin_nested():
            entry = session.scalars(select(ComparisonCache).where(
                ComparisonCache.left_id == left.id, ComparisonCache.right_id == right.id,
                ComparisonCache.options == key)).one_or_none()
            if entry is None:
                entry = ComparisonCache(left_id=left.id, right_id=right.id, options=key)
                session.add(entry)
            entry.left_hash, entry.right_hash = left.content_hash, right.content_hash
            entry.engine, entry.stats, entry.payload = MADE_BY, stats, payload
    except SQLAlchemyError:
        pass  # read-only or locked library: the comparison is still shown, only not kept
