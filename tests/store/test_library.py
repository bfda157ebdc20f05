"""Adding versions and reading stories back: duplicates, grouping, sorting, paging."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session, sessionmaker

from reader.compare.words import count_words
from reader.store import (
    STORY_SORTS,
    ArticleDetail,
    NotFound,
    add_article,
    count_stories,
    get_article,
    get_story,
    grouping_index,
    library_is_empty,
    list_stories,
    writing,
)
from tests.store.conftest import FLOOD_ORIGINAL, FLOOD_REWRITE, ORCHESTRA, make_article
from tests.store.query_plans import query_plan, statements_starting


def test_add_then_get_article_keeps_every_field(sessions: sessionmaker[Session]) -> None:
    parsed = make_article(FLOOD_ORIGINAL, "Semarang floods", source="flood.txt",
                          published=date(2025, 2, 13), language="en")
    parsed = replace(parsed, raw=b"\xef\xbb\xbfraw bytes\r\n", url="https://example.com/a",
                     section="Nasional")
    with writing(sessions) as s:
        assert library_is_empty(s)
        outcome = add_article(s, parsed)
    assert outcome.status == "imported" and outcome.source == "flood.txt"
    assert outcome.article_id is not None and outcome.story_id is not None
    with sessions() as s:
        article = get_article(s, outcome.article_id)
        assert not library_is_empty(s)
    assert isinstance(article, ArticleDetail)
    assert article.raw == b"\xef\xbb\xbfraw bytes\r\n"
    assert article.text == FLOOD_ORIGINAL
    assert (article.title, article.outlet, article.published, article.url, article.section,
            article.language, article.source_name, article.content_hash) == (
        "Semarang floods", "Example Outlet", date(2025, 2, 13), "https://example.com/a",
        "Nasional", "en", "flood.txt", parsed.content_hash)
    assert article.words == count_words(FLOOD_ORIGINAL)
    assert article.story_id == outcome.story_id
    assert article.imported_at.tzinfo is not None
    assert abs((datetime.now(UTC) - article.imported_at).total_seconds()) < 60


def test_missing_ids_raise_not_found(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        with pytest.raises(NotFound, match="no article with id 7"):
            get_article(s, 7)
        with pytest.raises(NotFound, match="no story with id 3"):
            get_story(s, 3)
    with writing(sessions) as s, pytest.raises(NotFound, match="no story with id 3"):
        add_article(s, make_article(ORCHESTRA), story_id=3)


def test_same_text_twice_is_a_duplicate(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        first = add_article(s, make_article(FLOOD_ORIGINAL, source="a.txt"))
    with sessions.begin() as s:
        again = add_article(s, make_article(FLOOD_ORIGINAL, source="copy.txt"))
    assert again.status == "duplicate"
    assert again.source == "copy.txt"
    assert f"article {first.article_id}" in again.reason
    assert (again.article_id, again.story_id) == (first.article_id, first.story_id)
    with sessions() as s:
        assert [len(st.versions) for st in list_stories(s)] == [1]


def test_versions_group_and_unrelated_stories_stay_apart(
        sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        original = add_article(s, make_article(FLOOD_ORIGINAL, "Floods in Semarang"))
        orchestra = add_article(s, make_article(ORCHESTRA, "Philharmonic summer"))
        rewrite = add_article(s, make_article(FLOOD_REWRITE, "Semarang swamped"))
    assert rewrite.story_id == original.story_id
    assert orchestra.story_id != original.story_id
    with sessions() as s:
        story = get_story(s, original.story_id or 0)
    assert story.title == "Floods in Semarang"
    assert [v.id for v in story.versions] == [original.article_id, rewrite.article_id]


def test_story_id_and_new_story_override_grouping(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        flood = add_article(s, make_article(FLOOD_ORIGINAL, "Floods"))
        forced_new = add_article(s, make_article(FLOOD_REWRITE, "Rewrite"), new_story=True)
        joined = add_article(s, make_article(ORCHESTRA, "Concert"), story_id=flood.story_id)
    assert forced_new.story_id not in (None, flood.story_id)
    assert joined.story_id == flood.story_id


def test_new_story_is_titled_by_the_article_or_its_file(
        sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        untitled = add_article(s, make_article(ORCHESTRA, "  ", source="concert.txt"))
        story = get_story(s, untitled.story_id or 0)
    assert story.title == "concert.txt"


def _three_stories(sessions: sessionmaker[Session]) -> dict[str, int]:
    with sessions.begin() as s:
        flood = add_article(s, make_article(FLOOD_ORIGINAL, "Banjir Semarang",
                                            published=date(2025, 2, 13)))
        add_article(s, make_article(FLOOD_REWRITE, "Semarang swamped"))
        concert = add_article(s, make_article(ORCHESTRA, "Philharmonic summer",
                                              published=date(2024, 5, 1)))
        quiet = add_article(s, make_article("Zebra crossings repainted along Jalan Veteran.",
                                            "Zebra crossings", published=None))
    return {"flood": flood.story_id or 0, "concert": concert.story_id or 0,
            "quiet": quiet.story_id or 0}


def test_list_sorts_and_pages(sessions: sessionmaker[Session]) -> None:
    ids = _three_stories(sessions)
    with sessions() as s:
        def order(sort: str, **kw: int) -> list[int]:
            return [st.id for st in list_stories(s, sort=sort, **kw)]  # type: ignore[arg-type]

        assert order("title") == [ids["flood"], ids["concert"], ids["quiet"]]
        assert order("date") == [ids["flood"], ids["concert"], ids["quiet"]]
        assert order("versions")[0] == ids["flood"]
        assert order("recent") == [ids["quiet"], ids["concert"], ids["flood"]]
        assert order("title", offset=1, limit=1) == [ids["concert"]]
        assert order("title", offset=1) == [ids["concert"], ids["quiet"]]
        assert count_stories(s) == 3
        with pytest.raises(ValueError, match="unknown sort"):
            list_stories(s, sort="size")  # type: ignore[arg-type]
        stories = list_stories(s, sort="title")
    assert [len(st.versions) for st in stories] == [2, 1, 1]
    assert stories[0].versions[0].title == "Banjir Semarang"


@pytest.mark.sqlite_only  # SQLite's query plan
def test_a_list_page_is_read_from_the_live_stories_index_of_its_order(
        sessions: sessionmaker[Session]) -> None:
    """Deep pages of a large library stay fast only if SQLite never visits the stories
    themselves to skip the deleted ones (migration 0009)."""
    _three_stories(sessions)
    with sessions() as s, statements_starting(sessions, "SELECT stories.id, stories.title"
                                              ) as statements:
        for sort in STORY_SORTS:
            statements.clear()
            list_stories(s, sort=sort, offset=1, limit=2)
            [(statement, parameters)] = statements
            plan = " / ".join(query_plan(s, statement, parameters))
            assert plan.startswith("SCAN stories USING INDEX ix_stories_"), (sort, plan)
            assert "TEMP B-TREE" not in plan, (sort, plan)
            index = plan.split()[4]
            [sql] = s.connection().exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = ?", (index,)).scalars()
            assert sql.endswith("WHERE deleted_at IS NULL"), sql


def test_word_count_is_stored(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as s:
        outcome = add_article(s, make_article("Zebra crossings repainted along Jalan Veteran."))
        assert get_article(s, outcome.article_id or 0).words == 6


@pytest.mark.parametrize("common_above", [400, 5])
def test_grouping_picks_the_best_story_among_many(
        sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch,
        common_above: int) -> None:
    # Above 5 articles, the words the fillers share with the floods are the library's
    # common vocabulary: the floods must still find each other through the rest.
    monkeypatch.setattr(grouping_index, "COMMON_KEY_ARTICLES", common_above)
    with sessions.begin() as s:
        for n in range(30):  # unrelated filler stories sharing a word or two with the floods
            own = " ".join(f"w{n}x{k}" for k in range(8))  # words no other text has
            add_article(s, make_article(f"Semarang Kaligawe {own}.", f"Item {n}"))
        flood = add_article(s, make_article(FLOOD_ORIGINAL, "Floods"))
        rewrite = add_article(s, make_article(FLOOD_REWRITE, "Swamped"))
        assert rewrite.story_id == flood.story_id
        assert count_stories(s) == 31
