"""Comparisons of two stored versions, computed once and kept in the library.

A story's timeline compares every pair of consecutive versions, and carrying notes between
versions walks those comparisons; both would otherwise run the engine again on every click.
An entry is used only while both texts hash as they did and the engine is the one that made
it (`ENGINE_FINGERPRINT`); anything else is recomputed and overwritten.

Writing the cache is best effort: a read-only or busy library still shows the comparison,
it just computes it again next time.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from reader.compare import compare
from reader.compare.model import CompareOptions, Comparison, Stats
from reader.compare.serial import (
    ENGINE_FINGERPRINT,
    comparison_from_data,
    comparison_to_data,
    stats_from_data,
)
from reader.store.models import Article, ComparisonCache
from reader.store.records import ArticleDetail


def cached_comparison(session: Session, left: ArticleDetail, right: ArticleDetail,
                      options: CompareOptions) -> Comparison:
    """The comparison of two stored versions, from the cache when it holds a valid one."""
    entry = _valid_entry(session, left.id, right.id, left.content_hash, right.content_hash,
                         options)
    if entry is not None:
        data = json.loads(zlib.decompress(entry.payload))
        return comparison_from_data(data, left.text, right.text)
    comparison = compare(left.text, right.text, options, left_title=left.title,
                         right_title=right.title)
    _store(session, left, right, options, comparison)
    return comparison


def cached_stats(session: Session, left: ArticleDetail, right: ArticleDetail,
                 options: CompareOptions) -> Stats:
    """Only the statistics of a comparison: a cache hit reads no more than a few numbers."""
    entry = _valid_entry(session, left.id, right.id, left.content_hash, right.content_hash,
                         options)
    if entry is not None:
        return stats_from_data(json.loads(entry.stats))
    return cached_comparison(session, left, right, options).stats


def options_key(options: CompareOptions) -> str:
    """The options as a short stable string, e.g. `case,quotes,space`."""
    return ",".join(name.removeprefix("ignore_") for name, on in asdict(options).items() if on)


def _valid_entry(session: Session, left_id: int, right_id: int, left_hash: str,
                 right_hash: str, options: CompareOptions) -> ComparisonCache | None:
    entry = session.scalars(select(ComparisonCache).where(
        ComparisonCache.left_id == left_id, ComparisonCache.right_id == right_id,
        ComparisonCache.options == options_key(options))).one_or_none()
    if entry is None or (entry.engine, entry.left_hash, entry.right_hash) != (
            ENGINE_FINGERPRINT, left_hash, right_hash):
        return None
    return entry


def _store(session: Session, left: ArticleDetail, right: ArticleDetail,
           options: CompareOptions, comparison: Comparison) -> None:
    if session.get(Article, left.id) is None or session.get(Article, right.id) is None:
        return  # a version deleted meanwhile: nothing to key the entry on
    payload = zlib.compress(json.dumps(comparison_to_data(comparison)).encode(), 6)
    stats = json.dumps(asdict(comparison.stats))
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
            entry.engine, entry.stats, entry.payload = ENGINE_FINGERPRINT, stats, payload
    except SQLAlchemyError:
        pass  # read-only or locked library: the comparison is still shown, only not kept
