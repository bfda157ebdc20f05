"""Searching the library: titles, article text and note bodies, kept current by triggers."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.orm import Session, sessionmaker

from reader.store import (
    add_article,
    add_note,
    count_stories,
    delete_note,
    delete_story,
    list_stories,
    restore_note,
    undo_change,
    update_note,
)
from reader.store.models import Story
from reader.store.search import fts_match, story_filter
from tests.store.conftest import FLOOD_ORIGINAL, ORCHESTRA, make_article


@pytest.fixture
def stories(sessions: sessionmaker[Session]) -> dict[str, int]:
    with sessions.begin() as s:
        flood = add_article(s, make_article(FLOOD_ORIGINAL, "Banjir di Semarang"))
        concert = add_article(s, make_article(ORCHESTRA, "Philharmonic summer"))
    return {"flood": flood.story_id or 0, "concert": concert.story_id or 0}


def _found(sessions: sessionmaker[Session], query: str) -> list[int]:
    with sessions() as s:
        found = [st.id for st in list_stories(s, query, sort="title")]
        assert count_stories(s, query) == len(found)
    return found


def test_finds_by_title_text_and_prefix(sessions: sessionmaker[Session],
                                        stories: dict[str, int]) -> None:
    assert _found(sessions, "banjir") == [stories["flood"]]
    assert _found(sessions, "Kaligawe embankment") == [stories["flood"]]
    assert _found(sessions, "schönbrunn") == [stories["concert"]]
    assert _found(sessions, "schonbrunn") == [stories["concert"]]  # diacritics folded
    assert _found(sessions, "Philharm") == [stories["concert"]]  # the last word is a prefix
    assert _found(sessions, "Philharm orchestra") == []  # only the last word is
    assert _found(sessions, "") == [stories["flood"], stories["concert"]]
    assert _found(sessions, "nowhere-to-be-found") == []


@pytest.mark.parametrize("typed", ['"unbalanced', "AND OR NOT", "col:umn", "a*b(c)", "NEAR(",
                                   "' ; DROP TABLE stories; --", "-", "..."])
def test_any_user_input_is_safe(sessions: sessionmaker[Session], stories: dict[str, int],
                                typed: str) -> None:
    assert isinstance(_found(sessions, typed), list)


def test_fts_match_quotes_every_token() -> None:
    assert fts_match('say "hi" there') == '"say" """hi""" "there"*'
    assert fts_match("  ") is None
    assert fts_match("- ...") is None


def test_notes_are_searched_and_kept_current(sessions: sessionmaker[Session],
                                             stories: dict[str, int]) -> None:
    with sessions.begin() as s:
        note = add_note(s, stories["concert"], "Check the ticket prices with the box office")
    assert _found(sessions, "box office") == [stories["concert"]]
    with sessions.begin() as s:
        update_note(s, note.id, body="Ask the spokeswoman about the dates")
    assert _found(sessions, "box office") == []
    assert _found(sessions, "spokeswoman dates") == [stories["concert"]]
    with sessions.begin() as s:
        update_note(s, note.id, label="followup")
    assert _found(sessions, "followup") == [stories["concert"]]
    with sessions.begin() as s:
        delete_note(s, note.id)
    assert _found(sessions, "dates") == []
    with sessions.begin() as s:
        restore_note(s, note.id)
    assert _found(sessions, "dates") == [stories["concert"]]


def test_search_index_follows_article_edits_and_deletions(
        sessions: sessionmaker[Session], stories: dict[str, int]) -> None:
    from reader.store.models import Article

    with sessions.begin() as s:
        article = s.scalars(select(Article).where(Article.story_id == stories["flood"])).one()
        article.text = "Rewritten entirely: tram strike in Surabaya."
    assert _found(sessions, "Kaligawe") == []
    assert _found(sessions, "Surabaya") == [stories["flood"]]
    with sessions.begin() as s:
        add_note(s, stories["flood"], "Compare with the tramways report")
    with sessions.begin() as s:
        # Cascades to articles and notes; their triggers take them out of the index.
        s.execute(text("DELETE FROM stories WHERE id = :id"), {"id": stories["flood"]})
    assert _found(sessions, "Surabaya") == []
    assert _found(sessions, "Banjir") == []
    assert _found(sessions, "tramways") == []
    # The words themselves are gone from the index, not merely unreachable: a trigger that
    # deleted with the wrong values would leave them behind.
    with sessions.begin() as s:
        left = _indexed_words(s)
    assert {"surabaya", "tramways", "banjir", "kaligawe", "strike"} & left == set()
    assert {"philharmonic", "schonbrunn"} <= left


def _indexed_words(s: Session) -> set[str]:
    if s.get_bind().dialect.name == "postgresql":
        return set(s.execute(text(
            "SELECT word FROM ts_stat('SELECT search_vector FROM stories UNION ALL "
            "SELECT search_vector FROM articles UNION ALL "
            "SELECT search_vector FROM notes WHERE deleted_at IS NULL')")).scalars())
    s.execute(text("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, search_index, 'row')"))
    return set(s.execute(text("SELECT term FROM temp.terms")).scalars())


def test_ilike_fallback_for_other_databases(sessions: sessionmaker[Session],
                                            stories: dict[str, int]) -> None:
    with sessions.begin() as s:
        add_note(s, stories["flood"], "Quote changed: 100% different")
    with sessions() as s:
        def found(query: str) -> list[int]:
            condition = story_filter(s, query, use_fts=False)
            assert condition is not None
            return list(s.scalars(select(Story.id).where(condition).order_by(Story.id)))

        assert found("BANJIR") == [stories["flood"]]
        assert found("kaligawe luthfi") == [stories["flood"]]
        assert found("100%") == [stories["flood"]]
        assert found("1_0") == []  # _ and % are literal, not wildcards
        assert found("Philharmonic") == [stories["concert"]]
        assert found("banjir philharmonic") == []


def test_a_version_moved_to_another_story_is_found_there(
        sessions: sessionmaker[Session]) -> None:
    # The search index keys an article's row by its story; moving the version moves the row.
    with sessions.begin() as s:
        flood = add_article(s, make_article(FLOOD_ORIGINAL, "Floods", source="a.txt"))
        concert = add_article(s, make_article(ORCHESTRA, "Concert", source="b.txt"))
        assert flood.story_id != concert.story_id
        s.execute(text("UPDATE articles SET story_id = :story WHERE id = :id"),
                  {"story": concert.story_id, "id": flood.article_id})
    with sessions() as s:
        assert [st.id for st in list_stories(s, "Kaligawe")] == [concert.story_id]
        assert count_stories(s, "Kaligawe") == 1
        assert [st.id for st in list_stories(s, "Philharmonic")] == [concert.story_id]


def test_a_deleted_story_leaves_the_count_and_comes_back_with_undo(
        sessions: sessionmaker[Session], stories: dict[str, int]) -> None:
    with sessions.begin() as s:
        add_note(s, stories["concert"], "Also in the Semarang flood report", label="banjir")
    assert len(_found(sessions, "banjir")) == 2
    with sessions.begin() as s:
        deleted = delete_story(s, stories["flood"])
    assert _found(sessions, "banjir") == [stories["concert"]]
    with sessions.begin() as s:
        undo_change(s, deleted)
    assert len(_found(sessions, "banjir")) == 2


@pytest.mark.sqlite_only
def test_the_count_tests_matches_against_the_deleted_stories_index(
        sessions: sessionmaker[Session], stories: dict[str, int]) -> None:
    """Not a look-up of every matching story: at 100k, 39 ms of a 60,000-story count."""
    engine = sessions.kw["bind"]
    statements: list[tuple[str, object]] = []

    def remember(_conn: object, _cursor: object, statement: str, parameters: object,
                 _context: object, _many: bool) -> None:
        if statement.startswith("SELECT count(DISTINCT"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", remember)
    try:
        with sessions() as s:
            assert count_stories(s, "banjir") == 1
            [(statement, parameters)] = statements
            plan = [row[-1] for row in s.connection().exec_driver_sql(
                "EXPLAIN QUERY PLAN " + statement, parameters)]
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert "SCAN stories USING INDEX ix_stories_deleted" in plan, plan
    assert not any(step.startswith("SEARCH stories") for step in plan), plan
