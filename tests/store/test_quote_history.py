"""A story's quotations through its versions, from the comparisons kept in the library."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from reader.compare.engine_id import ENGINE_ID
from reader.store.comparison_cache import MADE_BY
from reader.store.models import ComparisonCache
from reader.store.quote_history import history_at, story_quote_history
from reader.store.records import QuotationHistory
from tests.compare.quote_chain import QUOTE_CHAIN_EN, QUOTE_CHAIN_ID
from tests.store.conftest import import_chain


def _import(sessions: sessionmaker[Session], chain: list[str], language: str
            ) -> tuple[int, list[int]]:
    """The six versions imported out of order."""
    return import_chain(sessions, chain, "Story", order=[4, 1, 0, 5, 2, 3], language=language)


def _verdicts(history: QuotationHistory) -> list[str | None]:
    return [w.verdict for w in history.wordings]


def _starting(histories: list[QuotationHistory], words: str) -> QuotationHistory:
    [found] = [h for h in histories if h.first_text.startswith(words)]
    return found


def test_each_english_quotation_is_followed_through_the_versions(
        sessions: sessionmaker[Session]) -> None:
    story_id, ids = _import(sessions, QUOTE_CHAIN_EN, "en")
    with sessions.begin() as s:
        histories = story_quote_history(s, story_id)
    assert len(histories) == 4
    ortiz = _starting(histories, "The harbour budget")
    assert ortiz.first_seen == ids[0]
    assert [w.article_id for w in ortiz.wordings] == ids
    assert _verdicts(ortiz) == [None, "verbatim", "altered", "trimmed", "verbatim", "verbatim"]
    assert ortiz.wordings[2].text == (
        "The harbour budget will protect every working family in this town,")
    assert ortiz.wordings[5].text == "The harbour budget will protect every working family,"
    reyes = _starting(histories, "We will not accept")
    assert _verdicts(reyes) == [None, "verbatim", "verbatim", "unquoted", "absent", "absent"]
    assert reyes.wordings[3].text == "will not accept a budget written without us"
    assert [w.text for w in reyes.wordings[4:]] == [None, None]
    chen = _starting(histories, "The port needs")
    assert _verdicts(chen) == [None, "verbatim", "verbatim", "verbatim", "dropped", "absent"]
    assert chen.wordings[4].text is None and chen.wordings[4].parts == ()
    diaz = _starting(histories, "The vote was rushed")
    assert diaz.first_seen == ids[2]
    assert _verdicts(diaz) == [None, "verbatim", "verbatim", "verbatim"]
    assert not diaz.changed and ortiz.changed


def test_indonesian_quotations_altered_trimmed_unquoted_and_dropped(
        sessions: sessionmaker[Session]) -> None:
    story_id, ids = _import(sessions, QUOTE_CHAIN_ID, "id")
    with sessions.begin() as s:
        histories = story_quote_history(s, story_id)
    rutte = _starting(histories, "Yang jelas")
    assert _verdicts(rutte) == [None, "altered", "trimmed", "verbatim", "verbatim", "verbatim"]
    assert rutte.wordings[-1].text == (
        "Kami wajib memastikan Ukraina berada dalam posisi yang kuat,")
    umerov = _starting(histories, "Kami kuat")
    assert _verdicts(umerov) == [None, "verbatim", "verbatim", "unquoted", "absent", "absent"]
    hegseth = _starting(histories, "Amerika Serikat")
    assert _verdicts(hegseth) == [None, "verbatim", "verbatim", "verbatim", "dropped",
                                  "absent"]
    # Each wording's parts are where the words stand in that version's text.
    with sessions.begin() as s:
        from reader.store import get_article

        text = get_article(s, ids[2]).text
    [(start, end)] = rutte.wordings[2].parts
    assert text[start:end] == rutte.wordings[2].text
    assert history_at(histories, ids[2], start + 3) is rutte
    assert history_at(histories, ids[2], 0) is None  # the lead sentence holds no quotation


def test_the_history_is_read_from_the_cache_the_second_time(
        sessions: sessionmaker[Session]) -> None:
    story_id, _ = _import(sessions, QUOTE_CHAIN_EN, "en")
    with sessions.begin() as s:
        story_quote_history(s, story_id)
    with sessions.begin() as s:  # a second reading must use these entries, not recompute
        for entry in s.scalars(select(ComparisonCache)):
            summary = json.loads(entry.stats)
            summary["quotes"] = [["altered", left, right] for _, left, right in summary["quotes"]]
            entry.stats = json.dumps(summary)
    with sessions.begin() as s:
        again = story_quote_history(s, story_id)
    assert {w.verdict for h in again for w in h.wordings} <= {None, "altered", "absent"}


@pytest.mark.parametrize("written_by", ["an-older-engine", ENGINE_ID])
def test_an_entry_of_another_engine_or_format_is_recomputed_not_misread(
        sessions: sessionmaker[Session], written_by: str) -> None:
    """ENGINE_ID alone is how entries were written before they held quotations."""
    story_id, _ = _import(sessions, QUOTE_CHAIN_ID, "id")
    with sessions.begin() as s:
        first = story_quote_history(s, story_id)
    with sessions.begin() as s:
        for entry in s.scalars(select(ComparisonCache)):
            entry.stats = json.dumps(json.loads(entry.stats)["stats"])  # the old shape
            entry.engine = written_by
    with sessions.begin() as s:
        assert story_quote_history(s, story_id) == first
    with sessions.begin() as s:
        assert set(s.scalars(select(ComparisonCache.engine))) == {MADE_BY}
