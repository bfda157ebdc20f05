"""Chaining quotation verdicts of consecutive versions into one history per quotation."""

from __future__ import annotations

from reader.compare.quote_history import JudgedQuote, QuoteHistory, quote_histories


def _story(history: QuoteHistory) -> list[tuple[int, str | None, bool]]:
    return [(w.version, w.verdict, bool(w.parts)) for w in history.wordings]


def test_a_quotation_changed_then_trimmed_then_dropped() -> None:
    steps = [
        [JudgedQuote("verbatim", ((10, 40),), ((12, 42),))],
        [JudgedQuote("altered", ((12, 42),), ((12, 50),))],
        [JudgedQuote("trimmed", ((12, 50),), ((20, 35),))],
        [JudgedQuote("dropped", ((20, 35),), ())],
    ]
    [history] = quote_histories(steps)
    assert history.first_seen == 0
    assert _story(history) == [(0, None, True), (1, "verbatim", True), (2, "altered", True),
                               (3, "trimmed", True), (4, "dropped", False)]


def test_an_added_quotation_starts_where_it_appears_and_is_absent_after_unquoting() -> None:
    steps = [
        [],
        [JudgedQuote("added", (), ((5, 20),))],
        [JudgedQuote("unquoted", ((5, 20),), ((0, 30),))],
        [],
    ]
    [history] = quote_histories(steps)
    assert history.first_seen == 2
    assert _story(history) == [(2, None, True), (3, "unquoted", True), (4, "absent", False)]


def test_two_quotations_keep_their_own_histories_by_position() -> None:
    steps = [
        [JudgedQuote("verbatim", ((0, 10),), ((0, 10),)),
         JudgedQuote("verbatim", ((50, 60),), ((70, 80),))],
        [JudgedQuote("altered", ((70, 80),), ((70, 85),)),
         JudgedQuote("verbatim", ((0, 10),), ((0, 10),))],
    ]
    first, second = quote_histories(steps)
    assert _story(first) == [(0, None, True), (1, "verbatim", True), (2, "verbatim", True)]
    assert _story(second) == [(0, None, True), (1, "verbatim", True), (2, "altered", True)]
    assert second.wordings[2].parts == ((70, 85),)


def test_a_quotation_split_in_two_is_one_history_with_two_parts() -> None:
    steps = [[JudgedQuote("altered", ((0, 100),), ((0, 40), (60, 90)))],
             [JudgedQuote("verbatim", ((0, 40), (60, 90)), ((0, 40), (60, 90)))]]
    [history] = quote_histories(steps)
    assert [w.parts for w in history.wordings] == [((0, 100),), ((0, 40), (60, 90)),
                                                   ((0, 40), (60, 90))]
