"""A story's quotations through its versions: the wording of each in every version.

The engine judges each quotation between two consecutive versions; those judgements are
kept in the library with the comparisons (comparison_cache.py) and chained here into one
history per quotation (reader.compare.quote_history).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from sqlalchemy.orm import Session

from reader.compare.model import CompareOptions
from reader.compare.quote_history import QuoteHistory, quote_histories
from reader.store.comparison_cache import cached_quotes
from reader.store.records import ArticleDetail, QuotationHistory, QuoteWording
from reader.store.timeline import DEFAULT_OPTIONS, versions_in_order

PART_JOINER = " \u2026 "  # between the parts of a quotation split in several


def story_quote_history(session: Session, story_id: int,
                        options: CompareOptions = DEFAULT_OPTIONS) -> list[QuotationHistory]:
    """Every quotation ever present in the story, in order of first appearance."""
    versions = versions_in_order(session, story_id)
    steps = cached_quotes(session, list(pairwise(versions)), options)
    return [_record(history, versions) for history in quote_histories(steps)]


def quotation_history_at(session: Session, story_id: int, article_id: int, offset: int,
                         options: CompareOptions = DEFAULT_OPTIONS
                         ) -> tuple[QuotationHistory, list[ArticleDetail]] | None:
    """The history of the quotation at `offset` in version `article_id`, with the story's
    versions in order; None when no quotation of the story stands there."""
    versions = versions_in_order(session, story_id)
    steps = cached_quotes(session, list(pairwise(versions)), options)
    histories = [_record(history, versions) for history in quote_histories(steps)]
    found = history_at(histories, article_id, offset)
    return (found, versions) if found is not None else None


def history_at(histories: Sequence[QuotationHistory], article_id: int,
               offset: int) -> QuotationHistory | None:
    """The history of the quotation whose wording in that version covers `offset`."""
    for history in histories:
        wording = history.wording_in(article_id)
        if wording is not None and any(a <= offset < b for a, b in wording.parts):
            return history
    return None


def _record(history: QuoteHistory, versions: Sequence[ArticleDetail]) -> QuotationHistory:
    wordings = []
    for w in history.wordings:
        text = versions[w.version].text
        words = PART_JOINER.join(text[a:b] for a, b in w.parts) if w.parts else None
        wordings.append(QuoteWording(versions[w.version].id, w.parts, words, w.verdict))
    return QuotationHistory(versions[history.first_seen].id, tuple(wordings))
