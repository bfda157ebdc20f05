"""The engine scored on the labelled quotation pairs (fixtures/quote_cases.txt).

The confusion table is printed (shown with `pytest -s`, and on failure); bench/quote_verdicts.py
prints it too.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.compare.quote_cases import (
    Outcome,
    confusion_table,
    load_cases,
    mirrored,
    run_case,
    verdict_accuracy,
)

VERDICTS = ("verbatim", "trimmed", "extended", "altered", "unquoted", "quoted", "dropped", "added")


@pytest.fixture(scope="module", params=["as written", "mirrored"])
def outcomes(request: pytest.FixtureRequest) -> list[Outcome]:
    cases = load_cases()
    if request.param == "mirrored":  # the versions swapped: trimmed becomes extended, ...
        cases = [mirrored(case) for case in cases]
    found = [run_case(case) for case in cases]
    print(f"\n{request.param}:\n{confusion_table(found)}")
    return found


def test_the_set_covers_every_verdict_the_flag_and_both_languages() -> None:
    cases = load_cases()
    assert len(cases) >= 60
    counts = Counter(c.verdict for c in cases)
    assert all(counts[v] >= 5 for v in VERDICTS), counts
    assert sum(c.reattributed for c in cases) >= 5
    assert len({c.id for c in cases}) == len(cases)
    languages = Counter(c.id.split("-")[1] for c in cases)
    assert languages["id"] >= 25 and languages["en"] >= 25, languages


def test_every_verdict_is_right_in_at_least_95_percent_of_its_cases(
    outcomes: list[Outcome],
) -> None:
    accuracy = verdict_accuracy(outcomes)
    wrong = [(o.case.id, o.case.verdict, o.verdict) for o in outcomes
             if o.verdict != o.case.verdict]
    assert all(accuracy[v] >= 0.95 for v in VERDICTS), (accuracy, wrong)


def test_the_reattributed_flag_is_right_both_ways(outcomes: list[Outcome]) -> None:
    for flagged in (True, False):
        cases = [o for o in outcomes if o.case.reattributed is flagged]
        right = sum(o.reattributed is flagged for o in cases)
        wrong = [o.case.id for o in cases if o.reattributed is not flagged]
        assert right / len(cases) >= 0.95, (flagged, wrong)


def test_speakers_are_found_in_nearly_every_case(outcomes: list[Outcome]) -> None:
    wrong = [
        (o.case.id, o.quote.speaker_left if o.quote else None,
         o.quote.speaker_right if o.quote else None)
        for o in outcomes if not o.speakers_right
    ]
    assert len(wrong) <= 0.05 * len(outcomes), wrong
