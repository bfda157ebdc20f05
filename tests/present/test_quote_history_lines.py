"""A quotation's history as lines a reader sees: one per version, or quiet runs folded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reader.present.quote_history import history_lines, history_summary
from reader.store.records import QuotationHistory, QuoteWording


@dataclass(frozen=True)
class _Version:
    id: int
    outlet: str | None
    published: date | None


VERSIONS = [_Version(10 + n, "Courier" if n else None, date(2026, 3, 1 + n) if n else None)
            for n in range(6)]
HISTORY = QuotationHistory(10, (
    QuoteWording(10, ((0, 5),), "We won", None),
    QuoteWording(11, ((0, 5),), "We won", "verbatim"),
    QuoteWording(12, ((0, 5),), "We won", "verbatim"),
    QuoteWording(13, ((2, 9),), "they won", "unquoted"),
    QuoteWording(14, (), None, "absent"),
    QuoteWording(15, (), None, "absent"),
))


def test_one_line_per_version_named_by_place_outlet_and_date() -> None:
    lines = history_lines(HISTORY, VERSIONS)
    assert [line.version for line in lines[:2]] == [
        "v1 \u00b7 outlet unknown", "v2 \u00b7 Courier \u00b7 2026-03-02"]
    assert [line.verdict for line in lines] == [
        "first seen", "verbatim", "verbatim", "unquoted", "absent", "absent"]
    assert [line.flagged for line in lines] == [False, False, False, True, False, False]
    assert lines[3].reported and not lines[1].reported
    assert lines[4].text is None and lines[4].meaning == "not in this version"


def test_quiet_runs_fold_into_one_line() -> None:
    lines = history_lines(HISTORY, VERSIONS, collapse=True)
    assert [(line.number, line.last_number, line.verdict) for line in lines] == [
        (1, 0, "first seen"), (2, 3, "verbatim"), (4, 0, "unquoted"), (5, 6, "absent")]
    assert lines[1].version == "v2\u2013v3 (2 versions)"


def test_the_summary_names_only_the_steps_that_changed_it() -> None:
    number = {v.id: n for n, v in enumerate(VERSIONS, 1)}
    assert history_summary(HISTORY, number) == "from v1: v4 unquoted"
